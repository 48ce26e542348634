import { Button, Chip } from '@digdir/designsystemet-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/use-format.hook';
import { REPLY_FILTERS, type ReplyFilter, replyFilterLabel } from './reply-labels';

interface Props {
  value: ReplyFilter;
  /** Per state, from replies.list; null while loading. */
  counts: Record<string, number> | null;
  dueSoon: number | null;
  onChange: (filter: ReplyFilter) => void;
}

/**
 * The counts by state as one radio group of chips: each shows how many, picking one filters the list.
 * Chips with no replies wait behind «Vis alle», so the row shows what there is; «Alle» and the chosen
 * filter always show.
 */
export function ReplyFilters({ value, counts, dueSoon, onChange }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const name = useId();
  const rowId = useId();
  const [showEmpty, setShowEmpty] = useState(false);
  const countOf = (filter: ReplyFilter): number | null => {
    if (!counts) return null;
    if (filter === 'all') return Object.values(counts).reduce((sum, n) => sum + n, 0);
    if (filter === 'due-soon') return dueSoon;
    return counts[filter] ?? 0;
  };
  // while the counts load, only «Alle» and the chosen filter: the row does not jump when they arrive
  const isEmpty = (filter: ReplyFilter) => filter !== 'all' && filter !== value && (countOf(filter) ?? 0) === 0;
  const hidden = REPLY_FILTERS.filter(isEmpty).length;
  const shown = REPLY_FILTERS.filter((filter) => showEmpty || !isEmpty(filter));

  return (
    <fieldset className="pm-chips" data-testid="reply-filters">
      <legend className="pm-filter-label">{t('replies.filters.label')}</legend>
      <div className="pm-reply-filters">
        <div className="pm-chip-row" id={rowId}>
          {shown.map((filter) => {
            const n = countOf(filter);
            return (
              <Chip.Radio
                key={filter}
                name={name}
                value={filter}
                checked={value === filter}
                onChange={() => onChange(filter)}
                data-size="sm"
                data-testid={`reply-filter-${filter}`}
              >
                {replyFilterLabel(t, filter)}
                {n !== null && (
                  <>
                    {' '}
                    <span className="pm-chip-count" data-testid={`reply-count-${filter}`}>
                      ({format.number(n)})
                    </span>
                  </>
                )}
              </Chip.Radio>
            );
          })}
        </div>
        {counts !== null && hidden > 0 && (
          <Button
            variant="tertiary"
            data-size="sm"
            className="pm-reply-filters-toggle"
            aria-expanded={showEmpty}
            aria-controls={rowId}
            onClick={() => setShowEmpty((v) => !v)}
            data-testid="reply-filters-toggle"
          >
            {showEmpty ? t('repliesWs.filters.showFewer') : `${t('repliesWs.filters.showAll')} (${t('repliesWs.filters.showAllHint', { count: hidden })})`}
          </Button>
        )}
      </div>
    </fieldset>
  );
}
