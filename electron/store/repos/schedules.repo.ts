import type { ScheduleRecord, ScheduleStore } from '../../core/ports/job-store.port';
import type { SqlClient } from '../sql/sql-client';

interface Row {
  name: string;
  last_run_at: number | string | null;
  last_enqueued_at: number | string | null;
}

// 64-bit columns may come back as strings from PostgreSQL
const ms = (v: number | string | null): number | null => (v === null ? null : Number(v));
const toRecord = (r: Row): ScheduleRecord => ({ name: r.name, lastRunAt: ms(r.last_run_at), lastEnqueuedAt: ms(r.last_enqueued_at) });

export function createSchedulesRepo(sql: SqlClient): ScheduleStore {
  return {
    get: async (name) => {
      const r = await sql.get<Row>('SELECT * FROM schedules WHERE name = ?', [name]);
      return r ? toRecord(r) : undefined;
    },
    // a run that enqueued nothing keeps the time of the last one that did
    setLastRun: async (name, at, enqueued = false) =>
      void (await sql.run(
        `INSERT INTO schedules (name, last_run_at, last_enqueued_at) VALUES (?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET last_run_at = excluded.last_run_at, last_enqueued_at = coalesce(excluded.last_enqueued_at, schedules.last_enqueued_at)`,
        [name, at, enqueued ? at : null],
      )),
    all: async () => (await sql.all<Row>('SELECT * FROM schedules ORDER BY name')).map(toRecord),
  };
}
