import { formatter } from '../local-time';

/**
 * The postal fallback deadline: N calendar days after sending, or N Norwegian business days
 * (no weekends, no public holidays — Easter-dependent ones included, from the calendar port).
 * Counted in local time (Europe/Oslo), so a reply sent at 14:05 falls due at 14:05 local time
 * on the last day, across daylight-saving changes too.
 */

/** Public holidays by local date; implemented with a maintained holiday library in the app. */
export interface HolidayCalendar {
  /** ISO local date (YYYY-MM-DD) → is it a public holiday (helligdag)? */
  isHoliday(isoDate: string): boolean;
}

export interface LocalParts {
  y: number;
  m: number;
  d: number;
  hh: number;
  mm: number;
  ss: number;
}

export function localParts(ms: number, timeZone: string): LocalParts {
  const p: Record<string, number> = {};
  for (const x of formatter(timeZone).formatToParts(new Date(ms))) if (x.type !== 'literal') p[x.type] = Number(x.value);
  return { y: p.year!, m: p.month!, d: p.day!, hh: p.hour!, mm: p.minute!, ss: p.second! };
}

/** The instant of a local wall-clock time (for a time skipped by DST, the instant just after). */
export function fromLocal(l: LocalParts, timeZone: string): number {
  const guess = Date.UTC(l.y, l.m - 1, l.d, l.hh, l.mm, l.ss);
  // two passes settle the offset on both sides of a DST change
  let t = guess;
  for (let i = 0; i < 2; i++) {
    const back = localParts(t, timeZone);
    t += guess - Date.UTC(back.y, back.m - 1, back.d, back.hh, back.mm, back.ss);
  }
  return t;
}

export const isoOf = (y: number, m: number, d: number): string => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

function addDays(l: LocalParts, n: number): LocalParts {
  const t = new Date(Date.UTC(l.y, l.m - 1, l.d + n));
  return { ...l, y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

export function isBusinessDay(isoDate: string, calendar: HolidayCalendar): boolean {
  const dow = new Date(`${isoDate}T12:00:00Z`).getUTCDay();
  return dow !== 0 && dow !== 6 && !calendar.isHoliday(isoDate);
}

export function fallbackDeadline(
  sentAt: number,
  rule: { days: number; businessDays: boolean },
  o: { timeZone: string; calendar: HolidayCalendar },
): number {
  const start = localParts(sentAt, o.timeZone);
  if (!rule.businessDays) return fromLocal(addDays(start, rule.days), o.timeZone);
  let day = start;
  let left = rule.days;
  while (left > 0) {
    day = addDays(day, 1);
    if (isBusinessDay(isoOf(day.y, day.m, day.d), o.calendar)) left--;
  }
  return fromLocal(day, o.timeZone);
}
