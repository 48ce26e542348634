import { Alert, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useAction } from '../bridge/use-action.hook';
import { ActionWithResult } from '../shared/action-with-result';

/** "Hent nå": queues a fetch from Altinn; the list refreshes itself when the jobs report back. */
export function PollNowButton() {
  const { t } = useTranslation();
  const pollNow = useAction('ingest.pollNow');
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
