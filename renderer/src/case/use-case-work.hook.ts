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

/**
 * What a case command's success message is about: who has the case, its state, the decision and the letter.
 * When any of them changes afterwards (another command, another user's change read from the hub), the
 * message no longer describes what is on screen, so it goes.
 */
export const caseWorkKey = (w: CaseWork): string =>
  JSON.stringify([w.status, w.assignee?.account ?? null, w.decision?.decidedAt ?? null, w.letter?.updatedAt ?? null, w.approvals.length]);

/**
 * Runs one case command (claim, note, decide, …): one at a time, its outcome kept for a live region.
 * Given the case as now shown, a success message lasts only while the case is as the command left it.
 */
export function useCaseCommand(apply: (work: CaseWork) => void, current?: CaseWork) {
  return useCommand<CaseWork>(apply, current, caseWorkKey);
}

/**
 * The same for any command whose answer replaces what is shown (a reply's hold/resume/stop answers the ReplyView).
 * With `current` and `keyOf`, a success message is dropped once keyOf(current) differs from the answer's.
 */
export function useCommand<T>(apply: (value: T) => void, current?: T, keyOf?: (value: T) => string) {
  const [pending, setPending] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<{ shown: CommandOutcome; key: string | null }>({ shown: null, key: null });
  const run = async (name: string, command: () => Promise<HubResult<T>>, message: (value: T) => string): Promise<boolean> => {
    if (pending) return false;
    setPending(name);
    setOutcome({ shown: null, key: null });
    const result = await command();
    setPending(null);
    if (!result.ok) {
      setOutcome({ shown: { kind: 'error', error: result.error }, key: null });
      return false;
    }
    apply(result.value);
    setOutcome({ shown: { kind: 'ok', message: message(result.value) }, key: keyOf ? keyOf(result.value) : null });
    return true;
  };
  const stale = outcome.key !== null && current !== undefined && keyOf !== undefined && keyOf(current) !== outcome.key;
  return { pending, outcome: stale ? null : outcome.shown, run };
}
