import { Alert, Details, Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useRouteError } from 'react-router';
import { useLanding } from './use-landing.hook';

/**
 * Last resort when a screen throws while rendering; keeps the message visible instead of a blank
 * window, offers the way to the user's own start page, and keeps the technical message for IT.
 */
export function RouteErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  const landing = useLanding();
  const detail = error instanceof Error ? error.message : null;
  return (
    <div className="pm-page pm-page--padded" role="alert">
      <Alert data-color="danger" className="pm-alert">
        <Heading level={1} data-size="sm">
          {t('errors.pageTitle')}
        </Heading>
        <Paragraph>{t('errors.pageBody')}</Paragraph>
        <Paragraph>
          <Link asChild>
            <RouterLink to={landing.path} data-testid="route-error-back">
              {landing.label}
            </RouterLink>
          </Link>
        </Paragraph>
      </Alert>
      {detail && (
        <Details>
          <Details.Summary>{t('shell.technical')}</Details.Summary>
          <Details.Content>
            <Paragraph className="pm-code">{detail}</Paragraph>
          </Details.Content>
        </Details>
      )}
    </div>
  );
}
