import { Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../shared/error-alert';
import { LiveRegion } from '../shared/live-region';
import type { CommandOutcome } from './use-case-work.hook';

/** The polite announcement of a case command's outcome, right where it was run. */
export function CommandResult({ outcome, testId }: { outcome: CommandOutcome; testId: string }) {
  const { t } = useTranslation();
  return (
    <LiveRegion className="pm-live">
      {outcome?.kind === 'ok' && (
        <Paragraph data-size="sm" data-testid={testId}>
          {outcome.message}
        </Paragraph>
      )}
      {outcome?.kind === 'error' && <ErrorAlert error={outcome.error} title={t('errors.actionTitle')} headingLevel={3} />}
    </LiveRegion>
  );
}
