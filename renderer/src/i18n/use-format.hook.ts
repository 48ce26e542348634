import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  formatBytes,
  formatCalendarDate,
  formatCompactDateTime,
  formatDate,
  formatDateTime,
  formatDayMonth,
  formatIsoDate,
  formatNumber,
  formatRelative,
  formatTime,
  localizeIsoDates,
  machineDateTime,
} from './format';
import { currentLanguage } from './i18n';

/** Formatters bound to the language the user picked. */
export function useFormat() {
  const { i18n } = useTranslation();
  const language = currentLanguage(i18n);
  return useMemo(
    () => ({
      language,
      dateTime: (ms: number) => formatDateTime(ms, language),
      date: (ms: number) => formatDate(ms, language),
      time: (ms: number) => formatTime(ms, language),
      dayMonth: (ms: number) => formatDayMonth(ms, language),
      isoDate: (iso: string, withYear = true) => formatIsoDate(iso, language, withYear),
      /** "23.05.2027" / "23 May 2027": a date as read in a form or a sentence. */
      calendarDate: (iso: string) => formatCalendarDate(iso, language),
      /** ISO dates inside a hub sentence, in the locale's format. */
      localizeDates: (text: string) => localizeIsoDates(text, language),
      machine: machineDateTime,
      compactDateTime: (ms: number, nowMs: number) => formatCompactDateTime(ms, nowMs, language),
      relative: (ms: number, nowMs: number) => formatRelative(ms, nowMs, language),
      bytes: (n: number) => formatBytes(n, language),
      number: (n: number) => formatNumber(n, language),
    }),
    [language],
  );
}
