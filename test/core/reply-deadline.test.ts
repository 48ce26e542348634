import { describe, expect, it } from 'vitest';
import { norwegianHolidays } from '../../electron/app/holiday-calendar';
import { fallbackDeadline, isBusinessDay } from '../../electron/core/replies/reply-deadline';

const TZ = 'Europe/Oslo';
const calendar = norwegianHolidays();
/** Local Oslo wall-clock time → instant, written with its offset so the test states the truth plainly. */
const at = (iso: string) => Date.parse(iso);
const business = (sent: string, days: number) => new Date(fallbackDeadline(at(sent), { days, businessDays: true }, { timeZone: TZ, calendar })).toISOString();
const calendarDays = (sent: string, days: number) => new Date(fallbackDeadline(at(sent), { days, businessDays: false }, { timeZone: TZ, calendar })).toISOString();

describe('the postal fallback deadline', () => {
  it('is 10 calendar days by default, at the same local time across the change to winter time', () => {
    // 20 Oct 2026 14:05 CEST (UTC+2) → 30 Oct 2026 14:05 CET (UTC+1)
    expect(calendarDays('2026-10-20T14:05:00+02:00', 10)).toBe('2026-10-30T13:05:00.000Z');
  });

  it('counts calendar days straight through holidays and weekends', () => {
    expect(calendarDays('2026-12-20T09:00:00+01:00', 10)).toBe('2026-12-30T08:00:00.000Z');
  });

  it('skips the whole Easter (skjærtorsdag to 2. påskedag) in business days, and the change to summer time', () => {
    // Wed 24 Mar 2027: Thu 25 and Fri 26 are holidays, the weekend, Mon 29 (2. påskedag) too; Tue 30, Wed 31, Thu 1 Apr count
    expect(business('2027-03-24T10:00:00+01:00', 3)).toBe('2027-04-01T08:00:00.000Z');
    // Easter moves: in 2026 it is 2–6 April
    expect(business('2026-04-01T10:00:00+02:00', 1)).toBe('2026-04-07T08:00:00.000Z');
  });

  it('skips 1. and 2. juledag but counts julaften and nyttårsaften, which are not public holidays', () => {
    // Wed 23 Dec 2026: Thu 24 counts (1), Fri 25 and Sat 26 are holidays, Sun 27 weekend, Mon 28 (2)
    expect(business('2026-12-23T12:00:00+01:00', 2)).toBe('2026-12-28T11:00:00.000Z');
    // Wed 30 Dec 2026: Thu 31 (1), Fri 1 Jan is a holiday, Mon 4 Jan (2)
    expect(business('2026-12-30T12:00:00+01:00', 2)).toBe('2027-01-04T11:00:00.000Z');
  });

  it('skips 17 May, also when it falls on 2. pinsedag', () => {
    // Tue 16 May 2028 → Wed 17 May is a holiday → Thu 18 May
    expect(business('2028-05-16T09:00:00+02:00', 1)).toBe('2028-05-18T07:00:00.000Z');
    // Fri 14 May 2027 → Mon 17 May (Grunnlovsdag and 2. pinsedag) → Tue 18 May
    expect(business('2027-05-14T09:00:00+02:00', 1)).toBe('2027-05-18T07:00:00.000Z');
  });

  it('skips Kristi himmelfartsdag, 39 days after Easter Sunday', () => {
    // Easter Sunday 16 Apr 2028 → Kristi himmelfart Thu 25 May 2028
    expect(isBusinessDay('2028-05-25', calendar)).toBe(false);
    expect(business('2028-05-24T09:00:00+02:00', 1)).toBe('2028-05-26T07:00:00.000Z');
  });

  it('gives ten business days as two working weeks when no holiday is in between', () => {
    expect(business('2026-11-02T08:30:00+01:00', 10)).toBe('2026-11-16T07:30:00.000Z');
  });

  it('knows weekdays from weekends and holidays', () => {
    expect(isBusinessDay('2026-11-27', calendar)).toBe(true); // Friday
    expect(isBusinessDay('2026-11-28', calendar)).toBe(false); // Saturday
    expect(isBusinessDay('2026-05-01', calendar)).toBe(false); // Arbeidernes dag
  });
});
