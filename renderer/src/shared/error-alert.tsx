import { Alert, Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../bridge/bridge';

interface Props {
  error: AppError;
  title?: string;
  onRetry?: () => void;
  headingLevel?: 2 | 3;
}

/** A failed HubResult shown as data: a heading, the hub's message and the stable code. */
export function ErrorAlert({ error, title, onRetry, headingLevel = 2 }: Props) {
  const { t } = useTranslation();
  return (
    <Alert data-color="danger" className="pm-alert">
      <Heading level={headingLevel} data-size="xs">
        {title ?? t('errors.loadTitle')}
      </Heading>
      <Paragraph>{error.message}</Paragraph>
      <Paragraph data-size="sm" className="pm-muted">
        {t('common.errorCode', { code: error.code })}
      </Paragraph>
      {onRetry && (
        <Button variant="secondary" data-size="sm" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      )}
    </Alert>
  );
}
