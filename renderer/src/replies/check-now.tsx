import { Alert, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useAction } from '../bridge/use-action.hook';
import { useMayCall } from '../session/may-call';
import { ActionWithResult } from '../shared/action-with-result';

/** "Sjekk lesestatus nå": polls read status and runs the print sweep; the list refreshes on replies.changed. */
export function CheckNowButton() {
  const { t } = useTranslation();
  const checkNow = useAction('replies.checkNow');
  const may = useMayCall();
  // hidden from a role the contract does not allow
  if (!may('replies.checkNow')) return null;
  return (
    <div className="pm-poll">
      <ActionWithResult
        action={() => checkNow({})}
        label={t('replies.checkNow')}
        variant="primary"
        size="sm"
        errorHeadingLevel={2}
        renderResult={(value) => (
          <Alert data-color="info" data-size="sm" className="pm-alert" data-testid="check-now-result">
            <Paragraph data-size="sm">
              {value.jobIds.length > 0 ? t('replies.checked', { count: value.jobIds.length }) : t('replies.checkNothing')}
            </Paragraph>
          </Alert>
        )}
      />
    </div>
  );
}
