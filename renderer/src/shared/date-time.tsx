import { useFormat } from '../i18n/use-format.hook';

interface Props {
  ms: number;
  now: number;
  /**
   * For narrow columns: "29.11. 11:29" over the relative hint, the full date and time
   * as a tooltip and for screen readers.
   */
  compact?: boolean;
}

/** Absolute local time plus a relative hint ("for 3 minutter siden"). */
export function DateTime({ ms, now, compact = false }: Props) {
  const format = useFormat();
  const iso = format.machine(ms);
  if (compact) {
    const full = format.dateTime(ms);
    return (
      <span className="pm-datetime pm-datetime--compact">
        <time dateTime={iso} title={full}>
          <span aria-hidden="true">{format.compactDateTime(ms, now)}</span>
          <span className="ds-sr-only">{full}</span>
        </time>
        <span className="pm-muted pm-datetime-relative">{format.relative(ms, now)}</span>
      </span>
    );
  }
  return (
    <span className="pm-datetime">
      <time dateTime={iso}>{format.dateTime(ms)}</time>
      <span className="pm-muted"> ({format.relative(ms, now)})</span>
    </span>
  );
}
