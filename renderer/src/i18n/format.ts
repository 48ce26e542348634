import type { UiLanguage } from './i18n';

const LOCALES: Record<UiLanguage, string> = { nb: 'nb-NO', nn: 'nn-NO', en: 'en-GB' };

export const intlLocale = (language: UiLanguage): string => LOCALES[language];

export function formatDateTime(ms: number, language: UiLanguage): string {
  return new Intl.DateTimeFormat(intlLocale(language), { dateStyle: 'short', timeStyle: 'short' }).format(ms);
}

export function formatDate(ms: number, language: UiLanguage): string {
  return new Intl.DateTimeFormat(intlLocale(language), { dateStyle: 'short' }).format(ms);
}

export function formatTime(ms: number, language: UiLanguage): string {
  return new Intl.DateTimeFormat(intlLocale(language), { timeStyle: 'short' }).format(ms);
}

/** "12.3." (nb/nn) for a timestamp, in local time. */
export function formatDayMonth(ms: number, language: UiLanguage): string {
  return new Intl.DateTimeFormat(intlLocale(language), { day: 'numeric', month: 'numeric' }).format(ms);
}

/** A calendar date from the hub ('2025-03-12', already in Europe/Oslo) as "12.3." or "12.03.2025"; never shifted by the local zone. */
export function formatIsoDate(iso: string, language: UiLanguage, withYear = true): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  const options: Intl.DateTimeFormatOptions = withYear ? { dateStyle: 'short', timeZone: 'UTC' } : { day: 'numeric', month: 'numeric', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(intlLocale(language), options).format(ms);
}

/** The machine-readable instant for `<time dateTime>` ("2025-03-12T11:00:00.000Z"); the same in every language. */
export const machineDateTime = (ms: number): string => new Date(ms).toISOString();

/** Same calendar day in local time. */
export function isSameDay(a: number, b: number): boolean {
  const x = new Date(a);
  const y = new Date(b);
  return x.getFullYear() === y.getFullYear() && x.getMonth() === y.getMonth() && x.getDate() === y.getDate();
}

/** "29.11. 11:29" for narrow columns: the year only when it is not the current one ("29.11.2025 11:29"). */
export function formatCompactDateTime(ms: number, nowMs: number, language: UiLanguage): string {
  const sameYear = new Date(ms).getFullYear() === new Date(nowMs).getFullYear();
  const date = sameYear
    ? new Intl.DateTimeFormat(intlLocale(language), { day: '2-digit', month: '2-digit' }).format(ms)
    : formatDate(ms, language);
  return `${date} ${formatTime(ms, language)}`;
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/** "for 3 minutter siden" / "om 2 timer": the largest whole unit. */
export function formatRelative(ms: number, nowMs: number, language: UiLanguage): string {
  const seconds = Math.round((ms - nowMs) / 1000);
  const rtf = new Intl.RelativeTimeFormat(intlLocale(language), { numeric: 'auto' });
  if (Math.abs(seconds) < 45) return rtf.format(0, 'second'); // "nå" / "now"
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return rtf.format(Math.trunc(seconds / size), unit);
  }
  return rtf.format(seconds, 'second');
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
