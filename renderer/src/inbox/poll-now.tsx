import { Alert, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useAction } from '../bridge/use-action.hook';
import { useMayCall } from '../session/may-call';
import { ActionWithResult } from '../shared/action-with-result';

/** "Hent nå": queues a fetch from Altinn; the list refreshes itself when the jobs report back. */
export function PollNowButton() {
  const { t } = useTranslation();
  const pollNow = useAction('ingest.pollNow');
  const may = useMayCall();
  // hidden from a role the contract does not allow
  if (!may('ingest.pollNow')) return null;
  return (
    <div className="pm-poll">
      <ActionWithResult
        action={() => pollNow({})}
        label={t('inbox.pollNow')}
        variant="primary"
        size="sm"
        errorHeadingLevel={2}
        renderResult={(value) => (
          <Alert data-color="info" data-size="sm" className="pm-alert" data-testid="poll-now-result">
            <Paragraph data-size="sm">{t(value.jobIds.length > 0 ? 'inbox.polled' : 'inbox.pollNothing')}</Paragraph>
          </Alert>
        )}
      />
    </div>
  );
}
