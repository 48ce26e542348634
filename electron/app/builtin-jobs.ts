import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { IntegrationError } from '../core/errors';
import type { AuditLog } from '../core/ports/audit-log.port';
import type { Clock } from '../core/ports/clock.port';
import type { JobRunner, ScheduleDefinition } from '../jobs';
import { backupStore, type MetaRepo, type Store } from '../store';

/** Where backups go: config backup.dir, else <data>/backups. */
export const backupDirOf = (config: { backup: { dir?: string } }, dataDir: string): string =>
  config.backup.dir ? path.resolve(config.backup.dir) : path.join(dataDir, 'backups');

export const BUILTIN_SCHEDULES: readonly ScheduleDefinition[] = [
  { name: 'store.backup', cron: '0 2 * * *', jobType: 'store.backup', enabled: true },
  { name: 'store.maintenance', cron: '30 2 * * *', jobType: 'store.maintenance', enabled: true },
  { name: 'audit.verify', cron: '0 3 * * *', jobType: 'audit.verify', enabled: true },
];

export interface LastBackup {
  at: number;
  file: string;
  bytes: number;
}

const stamp = (t: number) => new Date(t).toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');

export async function runBackup(store: Store, dir: string, keep: number, clock: Clock, meta: MetaRepo): Promise<LastBackup> {
  const at = clock.now();
  const { file, bytes } = await backupStore(store, path.join(dir, `postmottak-${stamp(at)}.db`));
  // keep the newest `keep` backups; names sort by time
  const old = fs
    .readdirSync(dir)
    .filter((f) => /^postmottak-\d{8}-\d{6}\.db$/.test(f))
    .sort()
    .reverse()
    .slice(keep);
  for (const f of old) fs.rmSync(path.join(dir, f), { force: true });
  const last = { at, file, bytes };
  meta.set('lastBackup', JSON.stringify(last));
  return last;
}

export function defineBuiltinJobs(d: {
  runner: JobRunner;
  store: Store;
  audit: AuditLog;
  meta: MetaRepo;
  clock: Clock;
  backupDir: string;
  keep: number;
}): void {
  const empty = z.object({}).strict();
  d.runner.define({
    type: 'store.backup',
    schema: empty,
    maxAttempts: 3,
    handle: async () => {
      await runBackup(d.store, d.backupDir, d.keep, d.clock, d.meta);
    },
  });
  d.runner.define({
    type: 'store.maintenance',
    schema: empty,
    handle: () => {
      d.store.db.pragma('optimize');
      d.store.db.pragma('wal_checkpoint(TRUNCATE)');
    },
  });
  d.runner.define({
    type: 'audit.verify',
    schema: empty,
    maxAttempts: 1,
    handle: () => {
      const r = d.audit.verify();
      d.audit.append({ actor: 'system', action: 'audit.verified', details: { ok: r.ok, checked: r.checked, problem: r.problem } }, d.clock.now());
      // a broken chain is a security event: the job goes dead and stays visible until someone acts
      if (!r.ok) throw new IntegrationError('permanent', `Revisjonsloggen er brutt ved rad ${r.problem?.seq}: ${r.problem?.reason}`);
    },
  });
}
