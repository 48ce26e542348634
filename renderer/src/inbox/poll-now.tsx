import { Alert, Button, Paragraph } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../bridge/bridge';
import { useAction } from '../bridge/use-action.hook';
import { ErrorAlert } from '../shared/error-alert';
import { LiveRegion } from '../shared/live-region';

type Outcome = { kind: 'ok'; text: string } | { kind: 'error'; error: AppError } | null;

/** "Hent nå": queues a fetch from Altinn; the list refreshes itself when the jobs report back. */
export function PollNowButton() {
  const { t } = useTranslation();
  const pollNow = useAction('ingest.pollNow');
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  const run = async () => {
    if (pending) return;
    setPending(true);
    setOutcome(null);
    const result = await pollNow({});
    setPending(false);
    if (!result.ok) setOutcome({ kind: 'error', error: result.error });
    else setOutcome({ kind: 'ok', text: t(result.value.jobIds.length > 0 ? 'inbox.polled' : 'inbox.pollNothing') });
  };

  return (
    <div className="pm-poll">
      <div>
        <Button variant="primary" data-size="sm" loading={pending} onClick={() => void run()}>
          {t('inbox.pollNow')}
        </Button>
      </div>
      <LiveRegion className="pm-live">
        {outcome?.kind === 'ok' && (
          <Alert data-color="info" data-size="sm" className="pm-alert" data-testid="poll-now-result">
            <Paragraph data-size="sm">{outcome.text}</Paragraph>
          </Alert>
        )}
        {outcome?.kind === 'error' && <ErrorAlert error={outcome.error} title={t('errors.actionTitle')} headingLevel={2} />}
      </LiveRegion>
    </div>
  );
}
