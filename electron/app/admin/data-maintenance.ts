import fs from 'node:fs';
import path from 'node:path';
import { systemClock, type Clock } from '../../core/ports/clock.port';
import { backupStore, createRepos, openStore, restoreStore, STORE_FILE, type MetaRepo, type Store } from '../../store';
import type { MaintenanceResult } from '../../store/open-store';
import { BackupUnsupportedError } from '../../store/backup';
import { backupDirOf, runBackup, type LastBackup } from './backups';
import type { AppConfig } from '../config/config.schema';

/**
 * Offline operations on a data folder for the CLI: each opens the store, acts and closes it. They
 * work on the data folder's SQLite file (migrate, backup and restore are SQLite-only).
 */

const withStore = async <T>(dataDir: string, fn: (s: ReturnType<typeof openStore>) => T | Promise<T>, migrateOnOpen = true): Promise<T> => {
  const store = openStore(path.join(dataDir, STORE_FILE), { migrate: migrateOnOpen });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
};

/** Backup and restore copy the data folder's SQLite file: with PostgreSQL configured they refuse rather than copy a file nobody uses. */
const refuseUnlessSqlite = (config: Pick<AppConfig, 'store'>): void => {
  if (config.store.kind !== 'sqlite') throw new BackupUnsupportedError(config.store.kind);
};

export async function backupData(dataDir: string, config: AppConfig, out?: string): Promise<LastBackup | { file: string; bytes: number }> {
  refuseUnlessSqlite(config);
  return withStore(dataDir, (s) => {
    if (out) return backupStore(s, path.resolve(out));
    return runBackup(s, backupDirOf(config, dataDir), config.backup.keep, systemClock, createRepos(s).meta);
  });
}

export function restoreData(dataDir: string, config: Pick<AppConfig, 'store'>, backupFile: string) {
  refuseUnlessSqlite(config);
  return restoreStore(path.resolve(backupFile), path.join(dataDir, STORE_FILE));
}

export { BackupInvalidError, StoreTooNewError } from '../../store';
export { BackupUnsupportedError };

/** The last maintenance run, as recorded in meta for the Drift screen. */
export interface LastMaintenance extends MaintenanceResult {
  at: number;
  durationMs: number;
}

/** Free and total bytes of the disk a path is on (fs.statfs); null where the platform cannot tell. */
export async function diskOf(dir: string): Promise<{ freeBytes: number; totalBytes: number } | null> {
  try {
    const s = await fs.promises.statfs(dir);
    return { freeBytes: s.bavail * s.bsize, totalBytes: s.blocks * s.bsize };
  } catch {
    return null;
  }
}

/**
 * #17 item 6: the store's upkeep as the maintenance job runs it: a WAL checkpoint, optimize and a
 * bounded incremental vacuum on SQLite (the one-time switch to incremental auto-vacuum only when the
 * disk has room), ANALYZE on PostgreSQL; the outcome recorded in meta.
 */
export async function runMaintenance(store: Store, o: { vacuumPages: number; clock: Clock; meta: MetaRepo }): Promise<LastMaintenance> {
  const started = o.clock.now();
  const t0 = performance.now();
  const free = store.kind === 'sqlite' && store.location !== ':memory:' ? await diskOf(path.dirname(store.location)) : null;
  const r = await store.maintain({ vacuumPages: o.vacuumPages, ...(free ? { freeBytes: free.freeBytes } : {}) });
  const last: LastMaintenance = { ...r, at: started, durationMs: Math.round(performance.now() - t0) };
  await o.meta.set('lastMaintenance', JSON.stringify(last));
  return last;
}

export async function lastMaintenance(meta: Pick<MetaRepo, 'get'>): Promise<LastMaintenance | null> {
  const raw = await meta.get('lastMaintenance');
  return raw ? (JSON.parse(raw) as LastMaintenance) : null;
}
