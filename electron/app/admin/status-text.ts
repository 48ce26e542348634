import { localDate, localDateTime } from '../../core/local-time';
import type { SystemStatus } from '../../ipc';
import { SCHEDULE_NAMES_NB } from './schedule-text';

/** "2026-03-11 00:30" in the zone: the date and time a person in the municipality reads. */
const wallClock = (ms: number, timeZone: string): string => localDateTime(ms, timeZone).slice(0, 16).replace('T', ' ');

/**
 * The lines `postmottak status` prints. #13 item 1: dates and times are the configured zone's
 * (Europe/Oslo), as the UI shows them, not the UTC or host-locale ones.
 */
export function statusLines(s: SystemStatus, timeZone: string): string[] {
  const a = s.archive.entries;
  return [
    `Postmottak ${s.version}${s.demo ? ' (demo)' : ''}`,
    `Dato: ${localDate(s.now, timeZone)}, kl. ${wallClock(s.now, timeZone).slice(11)} (${timeZone})`,
    `Database: ${s.store.kind === 'postgres' ? 'PostgreSQL (delt)' : 'SQLite'}, node ${s.store.node}, ${(s.store.sizeBytes / 1024 / 1024).toFixed(1)} MB, skjemaversjon ${s.store.schemaVersion}, ${s.store.auditEntries} revisjonsposter`,
    // #14: the Status page's words: «døde» wait for someone, «gitt opp» were abandoned
    `Jobber: ${s.jobs.queued} i kø, ${s.jobs.running} kjører, ${s.jobs.done} fullført, ${s.jobs.deadUnresolved} døde, ${s.jobs.dead - s.jobs.deadUnresolved} gitt opp`,
    `Sak/arkiv (${s.archive.transport ?? (s.demo ? 'demoarkivet' : 'ikke satt opp')}): ${a.archived} arkivert, ${a.pending} venter, ${a['awaiting-receipt']} venter på kvittering, ${a.failed} avvist`,
    ...s.schedules.map((sc) => `Tidsplan ${SCHEDULE_NAMES_NB[sc.name] ?? sc.name} (${sc.name}, ${sc.cron}): sist ${sc.lastRunAt ? wallClock(sc.lastRunAt, timeZone) : 'aldri'}`),
  ];
}
