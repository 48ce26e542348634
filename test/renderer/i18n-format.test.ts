// @vitest-environment jsdom
import './helpers/setup-dom';
import { describe, expect, it } from 'vitest';
import { en } from '../../renderer/src/i18n/en';
import {
  formatBytes,
  formatCompactDateTime,
  formatDateTime,
  formatDayMonth,
  formatIsoDate,
  formatRelative,
  formatTime,
  isSameDay,
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

  it('relative times in the chosen language', () => {
    expect(formatRelative(now - 3 * 60_000, now, 'nb')).toBe('for 3 minutter siden');
    expect(formatRelative(now - 3 * 60_000, now, 'nn')).toBe('for 3 minutt sidan');
    expect(formatRelative(now - 3 * 60_000, now, 'en')).toBe('3 minutes ago');
    expect(formatRelative(now + 2 * 3600_000, now, 'nb')).toBe('om 2 timer');
    expect(formatRelative(now - 10_000, now, 'nb')).toBe('nå');
    expect(formatRelative(now - 26 * 3600_000, now, 'nb')).toBe('i går');
  });

  it('bytes with a Norwegian decimal comma', () => {
    expect(formatBytes(1_234_567, 'nb')).toBe('1,2 MB');
    expect(formatBytes(1_234_567, 'en')).toBe('1.2 MB');
    expect(formatBytes(512, 'nb')).toBe('512 B');
    expect(formatBytes(2_500, 'nb')).toBe('2,5 kB');
  });

  it('dates in Norwegian order', () => {
    const ms = new Date(2025, 2, 9, 14, 5).getTime(); // local time
    expect(formatDateTime(ms, 'nb')).toBe('09.03.2025, 14:05');
    expect(formatDateTime(ms, 'en')).toBe('09/03/2025, 14:05');
  });

  it('compact date and time for narrow columns: the year only when it is not this one', () => {
    const ms = new Date(2025, 10, 29, 11, 29).getTime();
    expect(formatCompactDateTime(ms, new Date(2025, 11, 1).getTime(), 'nb')).toBe('29.11. 11:29');
    expect(formatCompactDateTime(ms, new Date(2025, 11, 1).getTime(), 'en')).toBe('29/11 11:29');
    expect(formatCompactDateTime(ms, new Date(2026, 0, 2).getTime(), 'nb')).toBe('29.11.2025 11:29');
    expect(formatTime(ms, 'nb')).toBe('11:29');
    expect(isSameDay(ms, new Date(2025, 10, 29, 23, 59).getTime())).toBe(true);
    expect(isSameDay(ms, new Date(2025, 10, 30, 0, 0).getTime())).toBe(false);
  });

  it('day and month for timestamps, hub calendar dates never shifted by the local zone', () => {
    const ms = new Date(2025, 2, 12, 23, 30).getTime(); // local time
    expect(formatDayMonth(ms, 'nb')).toBe('12.3.');
    expect(formatIsoDate('2025-03-12', 'nb')).toBe('12.03.2025');
    expect(formatIsoDate('2025-03-12', 'nb', false)).toBe('12.3.');
    expect(formatIsoDate('2025-03-12', 'en')).toBe('12/03/2025');
    expect(formatIsoDate('not a date', 'nb')).toBe('not a date');
    expect(machineDateTime(Date.UTC(2025, 2, 12, 11, 0))).toBe('2025-03-12T11:00:00.000Z');
  });
});
