import type Database from 'better-sqlite3';
import type { ScheduleRecord, ScheduleStore } from '../../core/ports/job-store.port';

export function createSchedulesRepo(db: Database.Database): ScheduleStore {
  const get = db.prepare<[string], { name: string; last_run_at: number | null }>('SELECT name, last_run_at FROM schedules WHERE name = ?');
  const set = db.prepare(
    'INSERT INTO schedules (name, last_run_at) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET last_run_at = excluded.last_run_at',
  );
  const all = db.prepare<[], { name: string; last_run_at: number | null }>('SELECT name, last_run_at FROM schedules ORDER BY name');
  const toRecord = (r: { name: string; last_run_at: number | null }): ScheduleRecord => ({ name: r.name, lastRunAt: r.last_run_at });
  return {
    get: (name) => {
      const r = get.get(name);
      return r ? toRecord(r) : undefined;
    },
    setLastRun: (name, at) => void set.run(name, at),
    all: () => all.all().map(toRecord),
  };
}
