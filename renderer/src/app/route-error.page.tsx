import { Alert, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router';

/** Last resort when a screen throws while rendering; keeps the message visible instead of a blank window. */
export function RouteErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  const detail = error instanceof Error ? error.message : null;
  return (
    <div className="pm-page pm-page--padded" role="alert">
      <Alert data-color="danger" className="pm-alert">
        <Heading level={1} data-size="sm">
          {t('errors.pageTitle')}
        </Heading>
        <Paragraph>{t('errors.pageBody')}</Paragraph>
        {detail && <Paragraph className="pm-code">{detail}</Paragraph>}
      </Alert>
    </div>
  );
}
