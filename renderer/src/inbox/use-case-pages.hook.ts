import { useCallback, useEffect, useRef, useState } from 'react';
import type { CaseListInput, CaseRow } from '../../../electron/ipc/desk.contract';
import type { AppError } from '../bridge/bridge';
import { useBridge } from '../bridge/bridge.context';
import { CASE_REFRESH } from '../shared/refresh-events';
import { failureOf, useHubRefresh } from '../bridge/use-hub-refresh.hook';

/** Rows per request; the hub reads a page by offset. */
export const CASE_PAGE = 100;
/** Pages kept around the visible ones; the rest are dropped so 100,000 rows never sit in memory. */
const KEEP_AROUND = 2;

export type CaseFilter = Omit<CaseListInput, 'limit' | 'offset'>;

interface Store {
  key: string;
  pages: ReadonlyMap<number, CaseRow[]>;
  total: number | null;
  counts: Record<string, number> | null;
  error: AppError | undefined;
  /** Services seen in any answer (profileId → name), for the service filter; kept across filters. */
  services: ReadonlyMap<string, string>;
}

const NO_PAGES: ReadonlyMap<number, CaseRow[]> = new Map();

const emptyStore = (key: string, services: ReadonlyMap<string, string> = new Map()): Store => ({
  key,
  pages: NO_PAGES,
  total: null,
  counts: null,
  error: undefined,
  services,
});

function withServices(known: ReadonlyMap<string, string>, rows: CaseRow[]): ReadonlyMap<string, string> {
  let next: Map<string, string> | null = null;
  for (const row of rows) {
    if (!row.profileId || known.get(row.profileId) === (row.serviceName ?? row.profileId)) continue;
    next ??= new Map(known);
    next.set(row.profileId, row.serviceName ?? row.profileId);
  }
  return next ?? known;
}

export interface CasePages {
  /** Changes with the filter; rows and the active row belong to one key. */
  key: string;
  /** Null until the first page has answered. */
  total: number | null;
  counts: Record<string, number> | null;
  error: AppError | undefined;
  services: ReadonlyMap<string, string>;
  /** The row at an absolute index, or undefined while its page is not loaded. */
  rowAt: (index: number) => CaseRow | undefined;
  /** Loads the pages covering rows first..last (the virtualiser's window). */
  ensure: (first: number, last: number) => void;
  /** Reads every loaded page again (after an action or a hub event), keeping rows on screen meanwhile. */
  refresh: () => void;
  /** After an error: clear it and load what is visible again. */
  retry: () => void;
}

/**
 * The inbox as a window of pages over cases.list: the pages the user can see (and a couple
 * either side) are loaded by offset as they scroll into view; the rest are dropped.
 */
export function useCasePages(filter: CaseFilter): CasePages {
  const bridge = useBridge();
  const key = JSON.stringify(filter);
  const [store, setStore] = useState<Store>(() => emptyStore(key));
  const current = store.key === key ? store : emptyStore(key, store.services);
  const latestKey = useRef(key);
  const inFlight = useRef(new Set<string>());
  const windowPages = useRef({ first: 0, last: 0 });

  const fetchPage = useCallback(
    (page: number) => {
      const id = `${key}#${page}`;
      if (inFlight.current.has(id)) return;
      inFlight.current.add(id);
      const input = JSON.parse(key) as CaseFilter;
      const settle = (apply: (base: Store) => Store) => {
        inFlight.current.delete(id);
        if (latestKey.current !== key) return; // the filter changed while this page was on its way
        setStore((s) => apply(s.key === key ? s : emptyStore(key, s.services)));
      };
      bridge.invoke('cases.list', { ...input, limit: CASE_PAGE, offset: page * CASE_PAGE }).then(
        (result) =>
          settle((base) => {
            if (!result.ok) return { ...base, error: result.error };
            const { first, last } = windowPages.current;
            const pages = new Map<number, CaseRow[]>();
            for (const [n, rows] of base.pages) if (n >= first - KEEP_AROUND && n <= last + KEEP_AROUND) pages.set(n, rows);
            pages.set(page, result.value.items);
            return { key, pages, total: result.value.total, counts: result.value.counts, error: undefined, services: withServices(new Map([...base.services, ...result.value.services.map((x) => [x.id, x.name] as const)]), result.value.items) };
          }),
        (cause: unknown) => settle((base) => ({ ...base, error: failureOf(cause) })),
      );
    },
    [bridge, key],
  );

  // A new filter starts from its first page.
  useEffect(() => {
    latestKey.current = key;
    windowPages.current = { first: 0, last: 0 };
    fetchPage(0);
  }, [key, fetchPage]);

  const pages = current.pages;
  const blocked = current.error !== undefined;
  const ensure = useCallback(
    (first: number, last: number) => {
      const firstPage = Math.floor(Math.max(0, first) / CASE_PAGE);
      const lastPage = Math.floor(Math.max(0, last) / CASE_PAGE);
      windowPages.current = { first: firstPage, last: lastPage };
      if (blocked) return; // no retry loop on a failing hub: the user retries
      for (let page = firstPage; page <= lastPage; page++) if (!pages.has(page)) fetchPage(page);
    },
    [pages, blocked, fetchPage],
  );

  const refresh = useCallback(() => {
    const loaded = [...pages.keys()];
    for (const page of loaded.length > 0 ? loaded : [0]) fetchPage(page);
  }, [pages, fetchPage]);

  const retry = useCallback(() => {
    setStore((s) => (s.key === key ? { ...s, error: undefined } : s));
    const { first, last } = windowPages.current;
    for (let page = first; page <= last; page++) fetchPage(page);
  }, [key, fetchPage]);

  // Hub events: one debounced refetch of what is loaded.
  useHubRefresh(CASE_REFRESH, refresh);

  const rowAt = useCallback((index: number) => pages.get(Math.floor(index / CASE_PAGE))?.[index % CASE_PAGE], [pages]);

  return { key, total: current.total, counts: current.counts, error: current.error, services: current.services, rowAt, ensure, refresh, retry };
}
