import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseListInput, CaseRow } from '../../../electron/ipc/desk.contract';
import { useNow } from '../shared/use-now.hook';
import { activeCellId, CaseGridRow } from './case-grid-row';
import type { CasePages } from './use-case-pages.hook';

export type SortKey = NonNullable<CaseListInput['sort']>;
export type SortDir = NonNullable<CaseListInput['dir']>;

const ROW_HEIGHT = 64;
const PAGE_STEP = 10;

/** `short`: the header shows an abbreviation (full name as tooltip and for screen readers). */
const COLUMNS: { key: 'applicant' | 'service' | 'received' | 'status' | 'assignee' | 'caseNumber' | 'deadline'; sort?: SortKey; short?: 'caseNumber' }[] = [
  { key: 'applicant', sort: 'applicant' },
  { key: 'service', sort: 'service' },
  { key: 'received', sort: 'received' },
  { key: 'status', sort: 'status' },
  { key: 'assignee' },
  { key: 'caseNumber', short: 'caseNumber' },
  { key: 'deadline', sort: 'deadline' },
];

interface Props {
  data: CasePages;
  label: string;
  sort: SortKey;
  dir: SortDir;
  onSort: (sort: SortKey) => void;
  onOpen: (row: CaseRow) => void;
  onClaim: (row: CaseRow) => void;
}

/**
 * The case list as an ARIA grid over a virtual window: only the rows in view (plus a few)
 * are in the DOM, each with its aria-rowindex out of aria-rowcount. The grid is one tab stop;
 * ↑/↓ (j/k), Home/End and PgUp/PgDn move the active row, Enter opens it and c claims it.
 */
export function CaseGrid({ data, label, sort, dir, onSort, onOpen, onClaim }: Props) {
  const { t } = useTranslation();
  const now = useNow();
  const gridId = useId().replace(/:/g, '');
  const scrollRef = useRef<HTMLDivElement>(null);
  const total = data.total ?? 0;
  // The active row belongs to one filter; another filter starts at the top.
  const [active, setActive] = useState<{ key: string; index: number }>({ key: data.key, index: 0 });
  const activeIndex = active.key === data.key ? Math.min(active.index, Math.max(0, total - 1)) : 0;

  // The project does not use the React Compiler; the grid re-renders on scroll by design.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    scrollPaddingStart: ROW_HEIGHT,
    // Updates arrive through the virtualiser's own observers, sometimes during a render; no flushSync there.
    useFlushSync: false,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  const { ensure } = data;
  useEffect(() => ensure(first, last), [ensure, first, last]);

  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(total - 1, index));
    setActive({ key: data.key, index: next });
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget || event.altKey || event.ctrlKey || event.metaKey || total === 0) return;
    const row = data.rowAt(activeIndex);
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(activeIndex + 1),
      j: () => moveTo(activeIndex + 1),
      ArrowUp: () => moveTo(activeIndex - 1),
      k: () => moveTo(activeIndex - 1),
      PageDown: () => moveTo(activeIndex + PAGE_STEP),
      PageUp: () => moveTo(activeIndex - PAGE_STEP),
      Home: () => moveTo(0),
      End: () => moveTo(total - 1),
      Enter: () => row && onOpen(row),
      c: () => row && onClaim(row),
    };
    const handler = keys[event.key];
    if (!handler) return;
    event.preventDefault();
    handler();
  };

  const activeRendered = items.some((item) => item.index === activeIndex);
  const sortLabel = (key: SortKey) => (sort === key ? t(dir === 'asc' ? 'inbox.sortedAsc' : 'inbox.sortedDesc') : t('inbox.sortBy'));

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
      className="pm-grid"
      data-testid="case-grid"
    >
      <div role="rowgroup" className="pm-grid-head">
        <div role="row" aria-rowindex={1} className="pm-grid-row">
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
            return (
              <div key={column.key} role="columnheader" aria-sort={ariaSort} className="pm-grid-cell" title={column.short ? full : undefined}>
                {sortable ? (
                  <button type="button" className="pm-sort" onClick={() => onSort(sortable)} data-testid={`sort-${sortable}`}>
                    {text}
                    <span aria-hidden="true" className="pm-sort-icon">
                      {sort === sortable ? (dir === 'asc' ? '▲' : '▼') : '↕'}
                    </span>
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
      <div role="rowgroup" className="pm-grid-body" style={{ height: `${virtualizer.getTotalSize()}px` }}>
        {items.map((item) => (
          <CaseGridRow
            key={item.key}
            gridId={gridId}
            index={item.index}
            row={data.rowAt(item.index)}
            active={item.index === activeIndex}
            now={now}
            style={{ transform: `translateY(${item.start}px)`, height: `${ROW_HEIGHT}px` }}
            onPick={(index) => setActive({ key: data.key, index })}
          />
        ))}
      </div>
    </div>
  );
}
