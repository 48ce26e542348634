import { useFormat } from '../i18n/use-format.hook';

/** Absolute local time plus a relative hint ("for 3 minutter siden"). */
export function DateTime({ ms, now }: { ms: number; now: number }) {
  const format = useFormat();
  return (
    <span className="pm-datetime">
      <time dateTime={new Date(ms).toISOString()}>{format.dateTime(ms)}</time>
      <span className="pm-muted"> ({format.relative(ms, now)})</span>
    </span>
  );
}
