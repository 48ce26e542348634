/**
 * Days and school years for the rules (#15). Dates are ISO days (yyyy-mm-dd) counted as UTC day
 * numbers, so no time zone or daylight-saving change moves a day.
 *
 * The Norwegian school year runs 1 August – 31 July: the first school day is in mid-August and the
 * last in June, so the boundary falls in the summer holiday and a school's leave policy ("at most
 * N days per school year") restarts in August. A period across 31 July / 1 August counts each of
 * its days in the school year the day falls in.
 *
 * School days are Monday–Friday: holidays and planning days are not known here, so the count never
 * undercounts (a rule may refuse to grant alone, never grant more than the policy allows).
 */

const DAY_MS = 86_400_000;
/** The month the school year starts in (1 = January): August. */
export const SCHOOL_YEAR_START_MONTH = 8;

/** The UTC day number of an ISO date, or null when it is not one. */
export function dayNumber(iso: string | null | undefined): number | null {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  // 2026-02-30 is no date: Date.UTC would roll it over into March
  return new Date(ms).toISOString().slice(0, 10) === iso ? ms / DAY_MS : null;
}

const isWeekday = (day: number): boolean => {
  const weekday = new Date(day * DAY_MS).getUTCDay();
  return weekday !== 0 && weekday !== 6;
};

/** The school year a day belongs to, named by the calendar year it starts in: 2026-08-01 → 2026, 2027-07-31 → 2026. */
export function schoolYearOfDay(day: number): number {
  const d = new Date(day * DAY_MS);
  return d.getUTCMonth() + 1 >= SCHOOL_YEAR_START_MONTH ? d.getUTCFullYear() : d.getUTCFullYear() - 1;
}

/** "2026/2027" for the school year starting in August 2026. */
export const schoolYearLabel = (start: number): string => `${start}/${start + 1}`;

/** A period's length: calendar days and school days (Monday–Friday); null when from or to is missing, no date, or to is before from. */
export function periodLength(from: string | null | undefined, to: string | null | undefined): { days: number; schoolDays: number } | null {
  const a = dayNumber(from);
  const b = dayNumber(to ?? from);
  if (a === null || b === null || b < a) return null;
  let schoolDays = 0;
  for (let d = a; d <= b; d++) if (isWeekday(d)) schoolDays++;
  return { days: b - a + 1, schoolDays };
}

/**
 * A period's school days per school year it touches (start year → days), in order. Empty when the
 * period is not one; a year the period touches only on a weekend is there with 0.
 */
export function schoolDaysBySchoolYear(from: string | null | undefined, to: string | null | undefined): Map<number, number> {
  const out = new Map<number, number>();
  const a = dayNumber(from);
  const b = dayNumber(to ?? from);
  if (a === null || b === null || b < a) return out;
  for (let d = a; d <= b; d++) {
    const year = schoolYearOfDay(d);
    out.set(year, (out.get(year) ?? 0) + (isWeekday(d) ? 1 : 0));
  }
  return out;
}
