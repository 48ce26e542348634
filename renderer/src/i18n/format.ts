import type { UiLanguage } from './i18n';

const LOCALES: Record<UiLanguage, string> = { nb: 'nb-NO', nn: 'nn-NO', en: 'en-GB' };

export const intlLocale = (language: UiLanguage): string => LOCALES[language];

/**
 * The municipality's clock: every instant is shown as it reads in Norway, whatever zone the
 * machine (a test runner, a browser on the headless host) is set to. The hub's calendar dates
 * (deadlines, "skrives ut") are counted in the same zone.
 */
export const APP_TIME_ZONE = 'Europe/Oslo';

// Intl formatters are costly to build and the lists call them per row: one per locale and options.
const formatters = new Map<string, Intl.DateTimeFormat>();
function dtf(language: UiLanguage | 'machine', options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${language}:${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(language === 'machine' ? 'en-CA' : intlLocale(language), { timeZone: APP_TIME_ZONE, ...options });
    formatters.set(key, f);
  }
  return f;
}

export function formatDateTime(ms: number, language: UiLanguage): string {
  return dtf(language, { dateStyle: 'short', timeStyle: 'short' }).format(ms);
}

export function formatDate(ms: number, language: UiLanguage): string {
  return dtf(language, { dateStyle: 'short' }).format(ms);
}

export function formatTime(ms: number, language: UiLanguage): string {
  return dtf(language, { timeStyle: 'short' }).format(ms);
}

/** "12.3." (nb/nn) for a timestamp, in Norwegian time. */
export function formatDayMonth(ms: number, language: UiLanguage): string {
  return dtf(language, { day: 'numeric', month: 'numeric' }).format(ms);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date from the hub ('2025-03-12', already in Europe/Oslo) as "12.3." or "12.03.2025"; never shifted by a zone. */
export function formatIsoDate(iso: string, language: UiLanguage, withYear = true): string {
  const match = ISO_DATE.exec(iso);
  if (!match) return iso;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  const options: Intl.DateTimeFormatOptions = withYear ? { dateStyle: 'short', timeZone: 'UTC' } : { day: 'numeric', month: 'numeric', timeZone: 'UTC' };
  return dtf(language, options).format(ms);
}

/**
 * A date as a person reads it in running text or a form: "23.05.2027" in bokmål and nynorsk,
 * "23 May 2027" in English (where 05/23 and 23/05 are both read). Never shifted by a zone.
 */
export function formatCalendarDate(iso: string, language: UiLanguage): string {
  const match = ISO_DATE.exec(iso);
  if (!match) return iso;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  const options: Intl.DateTimeFormatOptions = language === 'en' ? { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' } : { dateStyle: 'short', timeZone: 'UTC' };
  return dtf(language, options).format(ms);
}

/** ISO dates inside a sentence from the hub ("Skrives ut 2026-12-17 hvis …") in the locale's format. */
export function localizeIsoDates(text: string, language: UiLanguage): string {
  return text.replace(/\b\d{4}-\d{2}-\d{2}\b(?![T:\d])/g, (iso) => formatCalendarDate(iso, language));
}

/** The machine-readable instant for `<time dateTime>` ("2025-03-12T11:00:00.000Z"); the same in every language. */
export const machineDateTime = (ms: number): string => new Date(ms).toISOString();

/** "2025-03-12": the calendar day of an instant in Norway. */
export const osloDay = (ms: number): string => dtf('machine', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);

/** Same calendar day in Norway. */
export function isSameDay(a: number, b: number): boolean {
  return osloDay(a) === osloDay(b);
}

/** "29.11. 11:29" for narrow columns: the year only when it is not the current one ("29.11.2025 11:29"). */
export function formatCompactDateTime(ms: number, nowMs: number, language: UiLanguage): string {
  const sameYear = osloDay(ms).slice(0, 4) === osloDay(nowMs).slice(0, 4);
  const date = sameYear ? dtf(language, { day: '2-digit', month: '2-digit' }).format(ms) : formatDate(ms, language);
  return `${date} ${formatTime(ms, language)}`;
}

type Unit = 'year' | 'month' | 'week' | 'day' | 'hour' | 'minute' | 'second';

const UNITS: [Unit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

interface RelativeWords {
  now: string;
  /** [one, many] */
  units: Record<Unit, [string, string]>;
  ago: (count: string, unit: string) => string;
  in: (count: string, unit: string) => string;
  /** The named days and periods ("i går", "førre veke") that replace "for 1 dag sidan". */
  named: Partial<Record<Unit, Record<number, string>>>;
}

/**
 * Relative times in Norwegian, in our own words: Chromium's trimmed ICU data may have no
 * nynorsk (the app then spoke bokmål to a nynorsk user, «forrige uke»), and CLDR counts days
 * in «døgn», where a caseworker says «for 3 dagar sidan».
 */
const NORWEGIAN: Record<'nb' | 'nn', RelativeWords> = {
  nb: {
    now: 'nå',
    units: {
      second: ['sekund', 'sekunder'],
      minute: ['minutt', 'minutter'],
      hour: ['time', 'timer'],
      day: ['dag', 'dager'],
      week: ['uke', 'uker'],
      month: ['måned', 'måneder'],
      year: ['år', 'år'],
    },
    ago: (n, unit) => `for ${n} ${unit} siden`,
    in: (n, unit) => `om ${n} ${unit}`,
    named: {
      day: { [-2]: 'i forgårs', [-1]: 'i går', 1: 'i morgen', 2: 'i overmorgen' },
      week: { [-1]: 'forrige uke', 1: 'neste uke' },
      month: { [-1]: 'forrige måned', 1: 'neste måned' },
      year: { [-1]: 'i fjor', 1: 'neste år' },
    },
  },
  nn: {
    now: 'no',
    units: {
      second: ['sekund', 'sekund'],
      minute: ['minutt', 'minutt'],
      hour: ['time', 'timar'],
      day: ['dag', 'dagar'],
      week: ['veke', 'veker'],
      month: ['månad', 'månadar'],
      year: ['år', 'år'],
    },
    ago: (n, unit) => `for ${n} ${unit} sidan`,
    in: (n, unit) => `om ${n} ${unit}`,
    named: {
      day: { [-2]: 'i førgår', [-1]: 'i går', 1: 'i morgon', 2: 'i overmorgon' },
      week: { [-1]: 'førre veke', 1: 'neste veke' },
      month: { [-1]: 'førre månad', 1: 'neste månad' },
      year: { [-1]: 'i fjor', 1: 'neste år' },
    },
  },
};

function norwegianRelative(value: number, unit: Unit, words: RelativeWords, language: UiLanguage): string {
  const named = words.named[unit]?.[value];
  if (named) return named;
  const n = Math.abs(value);
  const [one, many] = words.units[unit];
  const count = formatNumber(n, language);
  return value < 0 ? words.ago(count, n === 1 ? one : many) : words.in(count, n === 1 ? one : many);
}

/** Whole calendar days in Norway from `nowMs` to `ms` (negative in the past). */
function calendarDays(ms: number, nowMs: number): number {
  const day = (t: number) => {
    const [y, m, d] = osloDay(t).split('-').map(Number);
    return Date.UTC(y!, m! - 1, d!);
  };
  return Math.round((day(ms) - day(nowMs)) / (24 * 3600_000));
}

/** "for 3 minutter siden" / "om 2 timar" / "3 minutes ago": the largest whole unit (days by the calendar). */
export function formatRelative(ms: number, nowMs: number, language: UiLanguage): string {
  const seconds = Math.round((ms - nowMs) / 1000);
  const words = language === 'en' ? null : NORWEGIAN[language];
  const rtf = words ? null : new Intl.RelativeTimeFormat(intlLocale(language), { numeric: 'auto' });
  if (Math.abs(seconds) < 45) return words ? words.now : rtf!.format(0, 'second'); // "nå" / "no" / "now"
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) {
      // days count on the calendar: Friday evening seen on Monday morning was «for 3 dagar sidan», not «i førgår»
      const value = unit === 'day' ? calendarDays(ms, nowMs) : Math.trunc(seconds / size);
      return words ? norwegianRelative(value, unit, words, language) : rtf!.format(value, unit);
    }
  }
  return words ? norwegianRelative(seconds, 'second', words, language) : rtf!.format(seconds, 'second');
}

const BYTE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/** SI units (1 MB = 1 000 000 bytes), localized: "1,2 MB". */
export function formatBytes(bytes: number, language: UiLanguage): string {
  let value = Math.max(0, bytes);
  let index = 0;
  while (value >= 1000 && index < BYTE_UNITS.length - 1) {
    value /= 1000;
    index++;
  }
  return new Intl.NumberFormat(intlLocale(language), {
    style: 'unit',
    unit: BYTE_UNITS[index],
    unitDisplay: 'short',
    maximumFractionDigits: index === 0 ? 0 : 1,
  }).format(value);
}

export function formatNumber(value: number, language: UiLanguage): string {
  return new Intl.NumberFormat(intlLocale(language)).format(value);
}
