import { ArrowDownIcon, ArrowsUpDownIcon, ArrowUpIcon } from '@navikt/aksel-icons';
import { measureElement, useVirtualizer } from '@tanstack/react-virtual';
import { type CSSProperties, type KeyboardEvent, type RefObject, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseListInput, CaseRow } from '../../../electron/ipc/desk.contract';
import { useNow } from '../shared/use-now.hook';
import { activeCellId, CaseGridRow, colIndex, COLUMN_KEYS, type ColumnKey } from './case-grid-row';
import type { InboxReturn } from './inbox-return';
import { useFillHeight } from './use-fill-height.hook';
import type { Density } from './use-density.hook';
import type { CasePages } from './use-case-pages.hook';

export type SortKey = NonNullable<CaseListInput['sort']>;
export type SortDir = NonNullable<CaseListInput['dir']>;

/**
 * The virtualiser's first guess of a row's height (px) before it is measured: one line in compact, two in
 * comfortable. Rows are then measured, so a wrapped name or a stacked card makes its row taller, never overlapping.
 */
export const ROW_ESTIMATE: Record<Density, number> = { compact: 38, comfortable: 60 };
const PAGE_STEP = 10;
/** Row heights kept for «Tilbake» (those above and in the window when the user left); enough for any screen. */
const MAX_SAVED_SIZES = 2000;

/** Sortable columns; `short`: the header shows an abbreviation (full name as tooltip and for screen readers). */
const COLUMNS: { key: ColumnKey; sort?: SortKey; short?: 'caseNumber' }[] = COLUMN_KEYS.map((key) => ({
  key,
  ...(key === 'applicant' || key === 'service' || key === 'received' || key === 'status' || key === 'deadline' ? { sort: key } : {}),
  ...(key === 'caseNumber' ? { short: 'caseNumber' as const } : {}),
}));

/** Where to take the list back to after «Tilbake» from a case (index and scrollTop may be unknown). */
export type GridRestore = Pick<InboxReturn, 'row'> & Partial<Pick<InboxReturn, 'index' | 'scrollTop' | 'sizes'>>;

interface Props {
  data: CasePages;
  label: string;
  sort: SortKey;
  dir: SortDir;
  density: Density;
  onSort: (sort: SortKey) => void;
  onOpen: (row: CaseRow) => void;
  onClaim: (row: CaseRow) => void;
  /** The user is leaving for a case (link or Enter): where the list stands now. */
  onLeave: (at: Omit<InboxReturn, 'search'>) => void;
  /** Coming back from a case: that row is made active, scrolled into view and focused. */
  restore: GridRestore | null;
  /** The part of the page above the list, whose height the list's own height follows. */
  aboveRef: RefObject<HTMLElement | null>;
}

/**
 * The case list as an ARIA grid over a virtual window: only the rows in view (plus a few)
 * are in the DOM, each with its aria-rowindex out of aria-rowcount. The grid is one tab stop;
 * ↑/↓ (j/k), Home/End and PgUp/PgDn move the active row, Enter opens it and c claims it.
 * Columns stack at medium widths and each row becomes a card below ~44rem (CSS container queries in inbox.css).
 */
export function CaseGrid({ data, label, sort, dir, density, onSort, onOpen, onClaim, onLeave, restore, aboveRef }: Props) {
  const { t } = useTranslation();
  const now = useNow();
  const gridId = useId().replace(/:/g, '');
  const scrollRef = useRef<HTMLDivElement>(null);
  const headRef = useRef<HTMLDivElement>(null);
  const total = data.total ?? 0;
  // The active row belongs to one filter; another filter starts at the top.
  const [active, setActive] = useState<{ key: string; index: number }>({ key: data.key, index: restore?.index ?? 0 });
  const activeIndex = active.key === data.key ? Math.min(active.index, Math.max(0, total - 1)) : 0;
  useFillHeight(scrollRef, aboveRef);

  // The sticky header's height: rows scrolled to are placed below it, not under it.
  const [headHeight, setHeadHeight] = useState(0);
  useLayoutEffect(() => {
    const head = headRef.current;
    if (!head) return;
    const read = () => setHeadHeight(head.offsetHeight);
    read();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(read);
    observer.observe(head);
    return () => observer.disconnect();
  }, []);

  const estimate = ROW_ESTIMATE[density];
  // The project does not use the React Compiler; the grid re-renders on scroll by design.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => estimate,
    // A row not laid out (jsdom, or hidden) measures 0: keep the estimate rather than collapse the list.
    measureElement: (el, entry, instance) => measureElement(el, entry, instance) || estimate,
    overscan: 8,
    // The rows start below the sticky header inside the scroll box; scrolled-to rows land below it, not under it.
    scrollMargin: headHeight,
    scrollPaddingStart: headHeight,
    initialOffset: restore?.scrollTop ?? 0,
    // the rows' heights as they were measured when the user left, so the saved scroll position shows the same rows
    initialMeasurementsCache: (restore?.sizes ?? []).map((size, index) => ({ index, key: index, start: 0, end: size, size, lane: 0 })),
    // Updates arrive through the virtualiser's own observers, sometimes during a render; no flushSync there.
    useFlushSync: false,
  });
  // A density switch changes every row's height: measure again (not on mount, which would drop the restored heights).
  const measuredDensity = useRef(density);
  useEffect(() => {
    if (measuredDensity.current === density) return;
    measuredDensity.current = density;
    virtualizer.measure();
  }, [virtualizer, density]);
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  const { ensure, rowAt } = data;
  useEffect(() => ensure(first, last), [ensure, first, last]);

  // Back from a case: find the row (where it was, else among the loaded rows), make it active, then focus it once rendered.
  const pendingRestore = useRef(restore);
  const pendingFocus = useRef<number | null>(null);
  useEffect(() => {
    const want = pendingRestore.current;
    if (!want) return;
    const at = want.index;
    if (at !== undefined && at < total && rowAt(at) === undefined) return; // its page is on its way
    let index = at !== undefined && rowAt(at)?.publicId === want.row ? at : -1;
    for (let i = 0; index < 0 && i < Math.min(total, 500); i++) if (rowAt(i)?.publicId === want.row) index = i;
    pendingRestore.current = null;
    if (index < 0) return; // no longer in this view: the scroll position is all we bring back
    setActive({ key: data.key, index });
    pendingFocus.current = index;
  }, [rowAt, total, data.key]);
  useEffect(() => {
    const index = pendingFocus.current;
    const grid = scrollRef.current;
    if (index === null || !grid) return;
    const rowEl = grid.querySelector<HTMLElement>(`[role="row"][data-index="${index}"]`);
    if (!rowEl) {
      // Not drawn yet: wait for the render that draws the window the saved scroll position shows; only a row outside
      // it (the list changed meanwhile) is scrolled to, once the list has a size.
      const inWindow = virtualizer.getVirtualItems().some((item) => item.index === index);
      if (!inWindow && (virtualizer.scrollRect?.height ?? 0) > 0) virtualizer.scrollToIndex(index, { align: 'center' });
      return;
    }
    pendingFocus.current = null;
    const link = rowEl.querySelector<HTMLElement>('a');
    (link ?? grid).focus({ preventScroll: true });
    rowEl.scrollIntoView?.({ block: 'nearest' });
  });

  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(total - 1, index));
    setActive({ key: data.key, index: next });
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const leave = (index: number, row: CaseRow) =>
    onLeave({
      row: row.publicId,
      index,
      scrollTop: scrollRef.current?.scrollTop ?? 0,
      sizes: virtualizer.measurementsCache.slice(0, Math.min(last + 1, MAX_SAVED_SIZES)).map((m) => m.size),
    });

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey || total === 0) return;
    // Keys typed on the header's sort buttons are theirs; a focused row link (after «Tilbake») hands them to the grid.
    const target = event.target as HTMLElement;
    if (target !== event.currentTarget && target.closest('[role="columnheader"]')) return;
    const row = rowAt(activeIndex);
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(activeIndex + 1),
      j: () => moveTo(activeIndex + 1),
      ArrowUp: () => moveTo(activeIndex - 1),
      k: () => moveTo(activeIndex - 1),
      PageDown: () => moveTo(activeIndex + PAGE_STEP),
      PageUp: () => moveTo(activeIndex - PAGE_STEP),
      Home: () => moveTo(0),
      End: () => moveTo(total - 1),
      Enter: () => {
        if (!row) return;
        leave(activeIndex, row);
        onOpen(row);
      },
      c: () => row && onClaim(row),
    };
    const handler = keys[event.key];
    if (!handler) return;
    event.preventDefault();
    if (target !== event.currentTarget) event.currentTarget.focus({ preventScroll: true });
    handler();
  };

  const activeRendered = items.some((item) => item.index === activeIndex);
  const sortLabel = (key: SortKey) => (sort === key ? t(dir === 'asc' ? 'inbox.sortedAsc' : 'inbox.sortedDesc') : t('inbox.sortBy'));
  const SortIcon = (key: SortKey) => (sort === key ? (dir === 'asc' ? ArrowUpIcon : ArrowDownIcon) : ArrowsUpDownIcon);

  return (
    <div
      ref={scrollRef}
      role="grid"
      aria-label={label}
      aria-rowcount={total + 1}
      aria-colcount={COLUMNS.length}
      aria-activedescendant={total > 0 && activeRendered ? activeCellId(gridId, activeIndex) : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      className="pm-inbox-grid"
      style={{ '--pm-inbox-head': `${headHeight}px` } as CSSProperties}
      data-density={density}
      data-testid="case-grid"
    >
      <div ref={headRef} role="rowgroup" className="pm-inbox-head">
        <div role="row" aria-rowindex={1} className="pm-inbox-row pm-inbox-row--head">
          {COLUMNS.map((column) => {
            const sortable = column.sort;
            const ariaSort = sortable && sort === sortable ? (dir === 'asc' ? 'ascending' : 'descending') : sortable ? 'none' : undefined;
            const full = t(`inbox.columns.${column.key}`);
            const text = column.short ? (
              <>
                <span aria-hidden="true">{t(`inbox.columnsShort.${column.short}`)}</span>
                <span className="ds-sr-only">{full}</span>
              </>
            ) : (
              full
            );
            const Icon = sortable ? SortIcon(sortable) : null;
            return (
              <div
                key={column.key}
                role="columnheader"
                aria-colindex={colIndex(column.key)}
                aria-sort={ariaSort}
                data-col={column.key}
                data-sortable={sortable ? 'true' : undefined}
                className="pm-inbox-cell"
                title={column.short ? full : undefined}
              >
                {sortable && Icon ? (
                  <button type="button" className="pm-inbox-sort" onClick={() => onSort(sortable)} data-testid={`sort-${sortable}`}>
                    {text}
                    <Icon aria-hidden className="pm-inbox-sort-icon" />
                    <span className="ds-sr-only">, {sortLabel(sortable)}</span>
                  </button>
                ) : (
                  text
                )}
              </div>
            );
          })}
        </div>
      </div>
      <div role="rowgroup" className="pm-inbox-body" style={{ height: `${virtualizer.getTotalSize()}px` }}>
        {items.map((item) => (
          <CaseGridRow
            key={item.key}
            gridId={gridId}
            index={item.index}
            row={rowAt(item.index)}
            active={item.index === activeIndex}
            now={now}
            style={{ transform: `translateY(${item.start - headHeight}px)`, ...(rowAt(item.index) ? {} : { height: `${estimate}px` }) }}
            measureRef={virtualizer.measureElement}
            onPick={(index) => setActive({ key: data.key, index })}
            onLeave={leave}
          />
        ))}
      </div>
    </div>
  );
}
