import { Button } from '@digdir/designsystemet-react';
import { InboxDownIcon } from '@navikt/aksel-icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../bridge/bridge';
import { useAction } from '../bridge/use-action.hook';
import { useMayCall } from '../session/may-call';

export type PollOutcome = { kind: 'polled' | 'nothing' } | { kind: 'error'; error: AppError };

/**
 * «Hent nå», small beside the page title: queues a fetch from Altinn; the list refreshes itself when the jobs
 * report back. The outcome is told in the page's status line (a live region), so the button takes no row.
 */
export function PollNowButton({ onOutcome }: { onOutcome: (outcome: PollOutcome | null) => void }) {
  const { t } = useTranslation();
  const pollNow = useAction('ingest.pollNow');
  const may = useMayCall();
  const [pending, setPending] = useState(false);
  // hidden from a role the contract does not allow
  if (!may('ingest.pollNow')) return null;
  const run = async () => {
    if (pending) return;
    setPending(true);
    onOutcome(null);
    const result = await pollNow({});
    setPending(false);
    onOutcome(result.ok ? { kind: result.value.jobIds.length > 0 ? 'polled' : 'nothing' } : { kind: 'error', error: result.error });
  };
  return (
    <Button variant="secondary" data-size="sm" loading={pending} onClick={() => void run()} data-testid="poll-now">
      {!pending && <InboxDownIcon aria-hidden />}
      {t('inbox.pollNow')}
    </Button>
  );
}
