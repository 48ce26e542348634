/**
 * Register dates are local dates (#13 item 1): a case registered at 00:30 in Oslo is registered
 * that day, not the UTC day before. Every date Postmottak writes into an archive record, a letter
 * or the CLI comes from here, in the configured time zone (config `timezone`, default Europe/Oslo).
 */

export const DEFAULT_TIME_ZONE = 'Europe/Oslo';

const cache = new Map<string, Intl.DateTimeFormat>();
/** One formatter per zone for its wall-clock parts (Intl formatters are costly to build). */
export function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = cache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    cache.set(timeZone, f);
  }
  return f;
}

function parts(ms: number, timeZone: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string> {
  const p: Record<string, string> = {};
  for (const x of formatter(timeZone).formatToParts(new Date(ms))) if (x.type !== 'literal') p[x.type] = x.value;
  return p as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string>;
}

/** The local calendar date (YYYY-MM-DD) of an instant. */
export function localDate(ms: number, timeZone = DEFAULT_TIME_ZONE): string {
  const p = parts(ms, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** The zone's offset from UTC at an instant, as "+01:00" / "+02:00". */
export function localOffset(ms: number, timeZone = DEFAULT_TIME_ZONE): string {
  const p = parts(ms, timeZone);
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  const min = Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
  const a = Math.abs(min);
  return `${min < 0 ? '-' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

/** The local wall-clock time of an instant with its offset (xs:dateTime), e.g. "2026-03-11T00:30:00+01:00". */
export function localDateTime(ms: number, timeZone = DEFAULT_TIME_ZONE): string {
  const p = parts(ms, timeZone);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${localOffset(ms, timeZone)}`;
}

/** A local date (YYYY-MM-DD) as xs:dateTime at local midnight with its offset, for fields typed dateTime. */
export function localMidnight(isoDate: string, timeZone = DEFAULT_TIME_ZONE): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) return isoDate;
  // the offset in force at local midnight: guess from the offset at UTC midnight, then read it there
  const utcMidnight = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const guess = localOffset(utcMidnight, timeZone);
  const sign = guess.startsWith('-') ? -1 : 1;
  const instant = utcMidnight - sign * (Number(guess.slice(1, 3)) * 60 + Number(guess.slice(4, 6))) * 60_000;
  return `${isoDate}T00:00:00${localOffset(instant, timeZone)}`;
}
