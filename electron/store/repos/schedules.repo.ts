import type Database from 'better-sqlite3';
import type { ScheduleRecord, ScheduleStore } from '../../core/ports/job-store.port';

interface Row {
  name: string;
  last_run_at: number | null;
  last_enqueued_at: number | null;
}

export function createSchedulesRepo(db: Database.Database): ScheduleStore {
  const get = db.prepare<[string], Row>('SELECT * FROM schedules WHERE name = ?');
  const set = db.prepare<[{ name: string; at: number; enq: number | null }]>(
    `INSERT INTO schedules (name, last_run_at, last_enqueued_at) VALUES (@name, @at, @enq)
     ON CONFLICT (name) DO UPDATE SET last_run_at = excluded.last_run_at, last_enqueued_at = coalesce(@enq, last_enqueued_at)`,
  );
  const all = db.prepare<[], Row>('SELECT * FROM schedules ORDER BY name');
  const toRecord = (r: Row): ScheduleRecord => ({ name: r.name, lastRunAt: r.last_run_at, lastEnqueuedAt: r.last_enqueued_at });
  return {
    get: (name) => {
      const r = get.get(name);
      return r ? toRecord(r) : undefined;
    },
    setLastRun: (name, at, enqueued = false) => void set.run({ name, at, enq: enqueued ? at : null }),
    all: () => all.all().map(toRecord),
  };
}
