import { localDateTime } from '../local-time';

/** The small words the alerts are written with, in bokmål: times, durations, sizes, the integrations' names. */

/** "07.12.2026 kl. 13:05" in the configured zone. */
export function when(ms: number, timeZone: string): string {
  const t = localDateTime(ms, timeZone);
  return `${t.slice(8, 10)}.${t.slice(5, 7)}.${t.slice(0, 4)} kl. ${t.slice(11, 16)}`;
}

/** "07.12.2026" in the configured zone. */
export function day(ms: number, timeZone: string): string {
  const t = localDateTime(ms, timeZone);
  return `${t.slice(8, 10)}.${t.slice(5, 7)}.${t.slice(0, 4)}`;
}

/** "under 1 min", "17 min", "2 t 5 min", "3 døgn 4 t". */
export function duration(ms: number): string {
  const min = Math.floor(Math.max(0, ms) / 60_000);
  if (min < 1) return 'under 1 min';
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 24) return min % 60 ? `${h} t ${min % 60} min` : `${h} t`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} døgn ${h % 24} t` : `${d} døgn`;
}

const decimal = new Intl.NumberFormat('nb-NO', { maximumFractionDigits: 1 });

/** "4,2 GB", "512 MB" (binary units, as the file managers show them). */
export function bytes(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let v = Math.max(0, n);
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${decimal.format(v)} ${units[u]}`;
}

/** "3,4 %" */
export const percent = (share: number): string => `${decimal.format(share * 100)} %`;

const INTEGRATION_NAMES: Record<string, string> = {
  altinn: 'Altinn (innsendinger)',
  archive: 'sak/arkiv',
  correspondence: 'Altinn-meldinger (svar til innbygger)',
  registers: 'Folkeregisteret og KRR',
  print: 'utskrift',
  internal: 'fagsystemene',
  smtp: 'e-postserveren (SMTP)',
};

/** The integration as IT knows it ("sak/arkiv"), the key itself when unknown. */
export const integrationName = (key: string): string => INTEGRATION_NAMES[key] ?? key;

/** "1 jobb", "3 jobber". */
export const jobs = (n: number): string => `${n} ${n === 1 ? 'jobb' : 'jobber'}`;

/** Upper-cases the first letter (an integration name that starts a title). */
export const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
