import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReplyRow } from '../../../electron/ipc/replies.contract';
import type { AppError } from '../bridge/bridge';
import { useBridge } from '../bridge/bridge.context';
import { failureOf, useHubRefresh } from '../bridge/use-hub-refresh.hook';

/** Rows per "Vis flere". */
export const REPLY_PAGE = 50;
const REPLY_REFRESH = ['replies.changed'] as const;

export interface ReplyFilterInput {
  state?: ReplyRow['state'];
  dueWithinDays?: number;
}

const emptyStore = (key: string): Store => ({ key, items: [], total: null, counts: null, dueSoon: null, error: undefined, loadingMore: false });

type Store = Omit<ReplyPages, 'loadMore' | 'refresh'> & { key: string };

export interface ReplyPages {
  items: ReplyRow[];
  /** Null until the first answer. */
  total: number | null;
  counts: Record<string, number> | null;
  dueSoon: number | null;
  error: AppError | undefined;
  loadingMore: boolean;
  /** The next page, appended ("Vis flere"). */
  loadMore: () => void;
  /** Everything shown so far, read again (after a hub event). */
  refresh: () => void;
}

/** replies.list for one filter, a page at a time by offset; replies.changed refreshes what is shown. */
export function useReplyPages(filter: ReplyFilterInput): ReplyPages {
  const bridge = useBridge();
  const key = JSON.stringify(filter);
  const [store, setStore] = useState<Store>(() => emptyStore(key));
  const current = store.key === key ? store : emptyStore(key);
  const seq = useRef(0);

  const fetchRows = useCallback(
    (offset: number, limit: number, mode: 'replace' | 'append') => {
      const id = ++seq.current;
      const input = { ...(JSON.parse(key) as ReplyFilterInput), limit, offset };
      const settle = (apply: (base: Store) => Store) => {
        if (id !== seq.current) return; // a newer request (another filter, a refresh) owns the state
        setStore((s) => apply(s.key === key ? s : emptyStore(key)));
      };
      bridge.invoke('replies.list', input).then(
        (result) =>
          settle((base) => {
            if (!result.ok) return { ...base, error: result.error, loadingMore: false };
            const v = result.value;
            const items = mode === 'append' ? [...base.items.slice(0, offset), ...v.items] : v.items;
            return { key, items, total: v.total, counts: v.counts, dueSoon: v.dueSoon, error: undefined, loadingMore: false };
          }),
        (cause: unknown) =>
          settle((base) => ({ ...base, loadingMore: false, error: failureOf(cause) })),
      );
    },
    [bridge, key],
  );

  useEffect(() => {
    fetchRows(0, REPLY_PAGE, 'replace');
  }, [fetchRows]);

  const shown = current.items.length;
  const loadMore = useCallback(() => {
    setStore((s) => (s.key === key ? { ...s, loadingMore: true } : s));
    fetchRows(shown, REPLY_PAGE, 'append');
  }, [fetchRows, key, shown]);
  const refresh = useCallback(() => fetchRows(0, Math.min(500, Math.max(REPLY_PAGE, shown)), 'replace'), [fetchRows, shown]);

  // Hub events: one debounced refetch of what is on screen.
  useHubRefresh(REPLY_REFRESH, refresh);

  return {
    items: current.items,
    total: current.total,
    counts: current.counts,
    dueSoon: current.dueSoon,
    error: current.error,
    loadingMore: current.loadingMore,
    loadMore,
    refresh,
  };
}
