import { localDateTime } from '../../core/local-time';
import type { ScheduleSummary } from '../../ipc';

/**
 * Every schedule's name in bokmål, as the Status page shows it (#14; a test keeps the two equal).
 * One the table does not know keeps its technical name.
 */
export const SCHEDULE_NAMES_NB: Readonly<Record<string, string>> = {
  'store.backup': 'Sikkerhetskopi',
  'store.maintenance': 'Vedlikehold av databasen',
  'audit.verify': 'Kontroll av revisjonsloggen',
  'ingest.altinn3': 'Henting fra Altinn 3',
  'ingest.altinn2': 'Henting fra Altinn 2',
  'replies.poll': 'Sjekk av om svar i Altinn er lest',
  'replies.sweep': 'Uleste svar sendes i posten',
  'alerts.evaluate': 'Sjekk av varsler',
  'retention.run': 'Flytting av gammelt filinnhold ut av databasen',
};

const wallClock = (ms: number, timeZone: string): string => localDateTime(ms, timeZone).slice(0, 16).replace('T', ' ');

/** One line per schedule: the name in words, when it runs next and last ran, and the technical name and cron for IT. */
export function scheduleLines(schedules: readonly ScheduleSummary[], timeZone: string): string[] {
  return schedules.map((s) => {
    const name = SCHEDULE_NAMES_NB[s.name] ?? s.name;
    const next = s.nextRunAt === null ? (s.enabled ? 'ukjent' : 'slått av') : wallClock(s.nextRunAt, timeZone);
    const last = s.lastRunAt === null ? 'aldri' : wallClock(s.lastRunAt, timeZone);
    return `${name}: neste kjøring ${next}, sist ${last}${s.enabled ? '' : ' (slått av)'}  [${s.name}, ${s.cron}]`;
  });
}

