import { useCallback, useState } from 'react';
import type { CaseWork } from '../../../electron/ipc/desk.contract';
import type { AppError, HubResult } from '../bridge/bridge';
import { useQuery } from '../bridge/use-query.hook';
import { CASE_REFRESH } from '../shared/refresh-events';

/**
 * cases.work, kept fresh by hub events; an action's answer (the case after it) is shown at
 * once, until the next read from the hub replaces it.
 */
export function useCaseWork(publicId: string) {
  const query = useQuery('cases.work', { publicId }, { refreshOn: CASE_REFRESH });
  const [fresh, setFresh] = useState<{ basis: CaseWork | undefined; value: CaseWork } | null>(null);
  const data = fresh && fresh.basis === query.data ? fresh.value : query.data;
  const basis = query.data;
  const apply = useCallback((value: CaseWork) => setFresh({ basis, value }), [basis]);
  return { data, error: query.error, loading: query.loading, reload: query.reload, apply };
}

export type CommandOutcome = { kind: 'ok'; message: string } | { kind: 'error'; error: AppError } | null;

/** Runs one case command (claim, note, decide, …): one at a time, its outcome kept for a live region. */
export function useCaseCommand(apply: (work: CaseWork) => void) {
  return useCommand<CaseWork>(apply);
}

/** The same for any command whose answer replaces what is shown (a reply's hold/resume/stop answers the ReplyView). */
export function useCommand<T>(apply: (value: T) => void) {
  const [pending, setPending] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<CommandOutcome>(null);
  const run = async (name: string, command: () => Promise<HubResult<T>>, message: (value: T) => string): Promise<boolean> => {
    if (pending) return false;
    setPending(name);
    setOutcome(null);
    const result = await command();
    setPending(null);
    if (!result.ok) {
      setOutcome({ kind: 'error', error: result.error });
      return false;
    }
    apply(result.value);
    setOutcome({ kind: 'ok', message: message(result.value) });
    return true;
  };
  return { pending, outcome, run };
}
