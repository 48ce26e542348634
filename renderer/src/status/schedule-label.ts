import type { TFunction } from 'i18next';

const KNOWN = {
  'store.backup': 'status.schedules.names.backup',
  'store.maintenance': 'status.schedules.names.maintenance',
  'audit.verify': 'status.schedules.names.auditVerify',
  'ingest.altinn3': 'status.schedules.names.ingestAltinn3',
  'ingest.altinn2': 'status.schedules.names.ingestAltinn2',
  'retention.run': 'status.schedules.names.retention',
  'alerts.evaluate': 'status.schedules.names.alerts',
} as const;

/** Readable name for the schedules the hub ships with; unknown ones keep their technical name. */
export function scheduleLabel(t: TFunction, name: string): string {
  const key = (KNOWN as Record<string, (typeof KNOWN)[keyof typeof KNOWN]>)[name];
  return key ? t(key) : name;
}
