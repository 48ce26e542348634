import { Chip } from '@digdir/designsystemet-react';
import { useId } from 'react';
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

/** The counts by state as one radio group of chips: each shows how many, picking one filters the list. */
export function ReplyFilters({ value, counts, dueSoon, onChange }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const name = useId();
  const countOf = (filter: ReplyFilter): number | null => {
    if (!counts) return null;
    if (filter === 'all') return Object.values(counts).reduce((sum, n) => sum + n, 0);
    if (filter === 'due-soon') return dueSoon;
    return counts[filter] ?? 0;
  };

  return (
    <fieldset className="pm-chips" data-testid="reply-filters">
      <legend className="pm-filter-label">{t('replies.filters.label')}</legend>
      <div className="pm-chip-row">
        {REPLY_FILTERS.map((filter) => {
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
    </fieldset>
  );
}
