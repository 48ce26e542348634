import Holidays from 'date-holidays';
import type { HolidayCalendar } from '../core/replies/reply-deadline';

/**
 * Norwegian public holidays (helligdager) from date-holidays, a maintained library that
 * computes the Easter-dependent days (skjærtorsdag to 2. påskedag, Kristi himmelfart, pinse)
 * for any year. Only 'public' days count: julaften and nyttårsaften are bank days, not holidays.
 */
export function norwegianHolidays(): HolidayCalendar {
  const hd = new Holidays('NO');
  const years = new Map<number, Set<string>>();
  const ofYear = (y: number): Set<string> => {
    let set = years.get(y);
    if (!set) {
      set = new Set(hd.getHolidays(y).filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)));
      years.set(y, set);
    }
    return set;
  };
  return { isHoliday: (iso) => ofYear(Number(iso.slice(0, 4))).has(iso) };
}
