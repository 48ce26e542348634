import fs from 'node:fs';
import path from 'node:path';
import type { Clock } from '../../core/ports/clock.port';
import { backupStore, type MetaRepo, type Store } from '../../store';

/** Where backups go: config backup.dir, else <data>/backups. */
export const backupDirOf = (config: { backup: { dir?: string } }, dataDir: string): string =>
  config.backup.dir ? path.resolve(config.backup.dir) : path.join(dataDir, 'backups');

export interface LastBackup {
  at: number;
  file: string;
  bytes: number;
}

const stamp = (t: number) => new Date(t).toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');

/** A backup of the SQLite store into `dir`, keeping the newest `keep` (SQLite only: BackupUnsupportedError otherwise). */
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
  await meta.set('lastBackup', JSON.stringify(last));
  return last;
}

/** The last backup as recorded in the store's meta table. */
export async function lastBackup(meta: Pick<MetaRepo, 'get'>): Promise<LastBackup | null> {
  const raw = await meta.get('lastBackup');
  return raw ? (JSON.parse(raw) as LastBackup) : null;
}
