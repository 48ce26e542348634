// @vitest-environment jsdom
import './helpers/setup-dom';
import { describe, expect, it } from 'vitest';
import { en } from '../../renderer/src/i18n/en';
import {
  formatBytes,
  formatCalendarDate,
  formatCompactDateTime,
  formatDate,
  formatDateTime,
  formatDayMonth,
  formatIsoDate,
  formatRelative,
  formatTime,
  isSameDay,
  localizeIsoDates,
  machineDateTime,
} from '../../renderer/src/i18n/format';
import { nb } from '../../renderer/src/i18n/nb';
import { nn } from '../../renderer/src/i18n/nn';

const keys = (obj: object, prefix = ''): string[] =>
  Object.entries(obj).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));

describe('translations', () => {
  it('nn and en have exactly the keys of nb, none empty', () => {
    const reference = keys(nb).sort();
    expect(keys(nn).sort()).toEqual(reference);
    expect(keys(en).sort()).toEqual(reference);
    for (const [name, messages] of Object.entries({ nb, nn, en })) {
      const empty = keys(messages).filter((k) => !k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], messages));
      expect(empty, name).toEqual([]);
    }
  });
});

describe('formatting', () => {
  const now = Date.UTC(2025, 2, 12, 12, 0, 0);
  const MIN = 60_000;
  const HOUR = 3600_000;
  const DAY = 24 * HOUR;

  it('relative times in the chosen language', () => {
    expect(formatRelative(now - 3 * MIN, now, 'nb')).toBe('for 3 minutter siden');
    expect(formatRelative(now - 3 * MIN, now, 'nn')).toBe('for 3 minutt sidan');
    expect(formatRelative(now - 3 * MIN, now, 'en')).toBe('3 minutes ago');
    expect(formatRelative(now + 2 * HOUR, now, 'nb')).toBe('om 2 timer');
    expect(formatRelative(now - 10_000, now, 'nb')).toBe('nå');
    expect(formatRelative(now - 26 * HOUR, now, 'nb')).toBe('i går');
  });

  // Chromium's ICU may carry no nynorsk and then answers in bokmål («forrige uke»); CLDR says «døgn».
  // The app's own words, checked word for word.
  it('nynorsk relative times are nynorsk, days in «dagar»', () => {
    const nn = (offsetMs: number) => formatRelative(now + offsetMs, now, 'nn');
    expect(nn(-10_000)).toBe('no');
    expect(nn(-1 * MIN)).toBe('for 1 minutt sidan');
    expect(nn(-1 * HOUR)).toBe('for 1 time sidan');
    expect(nn(-5 * HOUR)).toBe('for 5 timar sidan');
    expect(nn(-26 * HOUR)).toBe('i går');
    expect(nn(-2 * DAY)).toBe('i førgår');
    expect(nn(-3 * DAY)).toBe('for 3 dagar sidan');
    expect(nn(-8 * DAY)).toBe('førre veke');
    expect(nn(-15 * DAY)).toBe('for 2 veker sidan');
    expect(nn(-31 * DAY)).toBe('førre månad');
    expect(nn(-70 * DAY)).toBe('for 2 månadar sidan');
    expect(nn(-400 * DAY)).toBe('i fjor');
    expect(nn(-800 * DAY)).toBe('for 2 år sidan');
    expect(nn(3 * HOUR)).toBe('om 3 timar');
    expect(nn(25 * HOUR)).toBe('i morgon');
    expect(nn(2 * DAY)).toBe('i overmorgon');
    expect(nn(4 * DAY)).toBe('om 4 dagar');
    expect(nn(8 * DAY)).toBe('neste veke');
  });

  it('days by the calendar in Norway: Friday evening, seen on Monday morning, was three days ago', () => {
    const monday = Date.UTC(2026, 11, 7, 8, 0); // 09:00 in Oslo
    const friday = Date.UTC(2026, 11, 4, 20, 35); // 21:35 in Oslo, 2 days 11 hours earlier
    expect(formatRelative(friday, monday, 'nn')).toBe('for 3 dagar sidan');
    expect(formatRelative(friday, monday, 'nb')).toBe('for 3 dager siden');
    expect(formatRelative(friday, monday, 'en')).toBe('3 days ago');
    // 23:30 the evening before, seen at 00:30: still «for 1 time sidan», a day's words only after 24 hours
    expect(formatRelative(Date.UTC(2026, 11, 6, 22, 30), Date.UTC(2026, 11, 6, 23, 30), 'nn')).toBe('for 1 time sidan');
    expect(formatRelative(Date.UTC(2026, 11, 5, 22, 30), Date.UTC(2026, 11, 6, 23, 30), 'nn')).toBe('i førgår');
  });

  it('bokmål relative times count days in «dager», not «døgn»', () => {
    const nb = (offsetMs: number) => formatRelative(now + offsetMs, now, 'nb');
    expect(nb(-3 * DAY)).toBe('for 3 dager siden');
    expect(nb(-2 * DAY)).toBe('i forgårs');
    expect(nb(-8 * DAY)).toBe('forrige uke');
    expect(nb(-1 * HOUR)).toBe('for 1 time siden');
    expect(nb(4 * DAY)).toBe('om 4 dager');
    expect(nb(-31 * DAY)).toBe('forrige måned');
    expect(formatRelative(now - 3 * DAY, now, 'en')).toBe('3 days ago');
    expect(formatRelative(now - 8 * DAY, now, 'en')).toBe('last week');
  });

  it('bytes with a Norwegian decimal comma', () => {
    expect(formatBytes(1_234_567, 'nb')).toBe('1,2 MB');
    expect(formatBytes(1_234_567, 'en')).toBe('1.2 MB');
    expect(formatBytes(512, 'nb')).toBe('512 B');
    expect(formatBytes(2_500, 'nb')).toBe('2,5 kB');
  });

  // Instants read as in Norway whatever the machine's zone: 13:05 UTC in March (CET) is 14:05, in June (CEST) 15:05.
  it('dates in Norwegian order and Norwegian time', () => {
    expect(formatDateTime(Date.UTC(2025, 2, 9, 13, 5), 'nb')).toBe('09.03.2025, 14:05');
    expect(formatDateTime(Date.UTC(2025, 2, 9, 13, 5), 'nn')).toBe('09.03.2025, 14:05');
    expect(formatDateTime(Date.UTC(2025, 2, 9, 13, 5), 'en')).toBe('09/03/2025, 14:05');
    expect(formatDateTime(Date.UTC(2025, 5, 9, 13, 5), 'nb')).toBe('09.06.2025, 15:05');
    // 23:30 UTC on 31 December is already New Year's Day in Oslo
    expect(formatDate(Date.UTC(2025, 11, 31, 23, 30), 'nb')).toBe('01.01.2026');
  });

  it('compact date and time for narrow columns: the year only when it is not this one', () => {
    const ms = Date.UTC(2025, 10, 29, 10, 29); // 11:29 in Oslo
    expect(formatCompactDateTime(ms, Date.UTC(2025, 11, 1), 'nb')).toBe('29.11. 11:29');
    expect(formatCompactDateTime(ms, Date.UTC(2025, 11, 1), 'en')).toBe('29/11 11:29');
    expect(formatCompactDateTime(ms, Date.UTC(2026, 0, 2), 'nb')).toBe('29.11.2025 11:29');
    expect(formatTime(ms, 'nb')).toBe('11:29');
    // the same day in Oslo: 23:59 Oslo is 22:59 UTC; 00:00 Oslo the next day is 23:00 UTC
    expect(isSameDay(ms, Date.UTC(2025, 10, 29, 22, 59))).toBe(true);
    expect(isSameDay(ms, Date.UTC(2025, 10, 29, 23, 0))).toBe(false);
  });

  it('day and month for timestamps, hub calendar dates never shifted by a zone', () => {
    const ms = Date.UTC(2025, 2, 12, 22, 30); // 23:30 in Oslo
    expect(formatDayMonth(ms, 'nb')).toBe('12.3.');
    expect(formatIsoDate('2025-03-12', 'nb')).toBe('12.03.2025');
    expect(formatIsoDate('2025-03-12', 'nb', false)).toBe('12.3.');
    expect(formatIsoDate('2025-03-12', 'en')).toBe('12/03/2025');
    expect(formatIsoDate('not a date', 'nb')).toBe('not a date');
    expect(machineDateTime(Date.UTC(2025, 2, 12, 11, 0))).toBe('2025-03-12T11:00:00.000Z');
  });

  it('form and sentence dates: dd.mm.yyyy in Norwegian, «23 May 2027» in English, never ISO', () => {
    expect(formatCalendarDate('2027-05-23', 'nb')).toBe('23.05.2027');
    expect(formatCalendarDate('2027-05-23', 'nn')).toBe('23.05.2027');
    expect(formatCalendarDate('2027-05-23', 'en')).toBe('23 May 2027');
    expect(localizeIsoDates('Sendt til innbyggerens innboks i Altinn. Skrives ut 2026-12-17 hvis det ikke er lest.', 'nb')).toBe(
      'Sendt til innbyggerens innboks i Altinn. Skrives ut 17.12.2026 hvis det ikke er lest.',
    );
    expect(localizeIsoDates('Skrives ut 2026-12-17', 'en')).toBe('Skrives ut 17 Dec 2026');
    // case and registry numbers are not dates
    expect(localizeIsoDates('Journalpost 2026/118-1', 'nb')).toBe('Journalpost 2026/118-1');
  });
});
