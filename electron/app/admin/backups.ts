import fs from 'node:fs';
import path from 'node:path';
import type { Clock } from '../../core/ports/clock.port';
import { backupStore, type MetaRepo, type Store } from '../../store';
import { checkBackup, type BackupCheck } from '../../store/backup';

/** Where backups go: config backup.dir, else <data>/backups. */
export const backupDirOf = (config: { backup: { dir?: string } }, dataDir: string): string =>
  config.backup.dir ? path.resolve(config.backup.dir) : path.join(dataDir, 'backups');

export interface LastBackup {
  at: number;
  file: string;
  bytes: number;
  /** #17 item 6: the restore test run on the copy (absent on backups older than the check). */
  check?: BackupCheck & { at: number };
}

/** A backup whose restore test failed (kept aside for inspection, never counted among the kept ones). */
export interface FailedBackup {
  at: number;
  file: string;
  result: string;
}

/** The restore test failed: the job fails with this, so a dead job shows it. */
export class BackupCheckFailedError extends Error {
  override readonly name = 'BackupCheckFailedError';
}

const stamp = (t: number) => new Date(t).toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
const KEPT = /^postmottak-\d{8}-\d{6}\.db$/;
const FAILED = /^postmottak-\d{8}-\d{6}\.db\.failed$/;

/**
 * A backup of the SQLite store into `dir`, tested as a restore would open it (read-only,
 * integrity_check, schema version), keeping the newest `keep` good ones. A copy that fails its
 * test is renamed `.failed` (the newest one kept, for inspection), recorded, and the call throws:
 * the backup job fails and stays visible. SQLite only (BackupUnsupportedError otherwise).
 */
export async function runBackup(store: Store, dir: string, keep: number, clock: Clock, meta: MetaRepo): Promise<LastBackup> {
  const at = clock.now();
  const { file, bytes } = await backupStore(store, path.join(dir, `postmottak-${stamp(at)}.db`));
  const check = { ...checkBackup(file, await store.schemaVersion()), at: clock.now() };
  if (!check.ok) {
    const failed = `${file}.failed`;
    fs.renameSync(file, failed);
    for (const f of fs.readdirSync(dir).filter((n) => FAILED.test(n)).sort().reverse().slice(1)) fs.rmSync(path.join(dir, f), { force: true });
    const record: FailedBackup = { at, file: failed, result: check.result };
    await meta.set('lastBackupFailure', JSON.stringify(record));
    throw new BackupCheckFailedError(`Sikkerhetskopien besto ikke kontrollen (${check.result.slice(0, 300)}). Kopien er lagt til side som ${failed}. Sjekk disken (ledig plass, feil i systemloggen) og kjør sikkerhetskopien på nytt fra Drift; kontakt leverandøren hvis det gjentar seg.`);
  }
  // keep the newest `keep` backups that passed; names sort by time
  const old = fs
    .readdirSync(dir)
    .filter((f) => KEPT.test(f))
    .sort()
    .reverse()
    .slice(keep);
  for (const f of old) fs.rmSync(path.join(dir, f), { force: true });
  const last: LastBackup = { at, file, bytes, check };
  await meta.set('lastBackup', JSON.stringify(last));
  return last;
}

/** The last backup as recorded in the store's meta table. */
export async function lastBackup(meta: Pick<MetaRepo, 'get'>): Promise<LastBackup | null> {
  const raw = await meta.get('lastBackup');
  return raw ? (JSON.parse(raw) as LastBackup) : null;
}

/** The last backup whose restore test failed, if any. */
export async function lastFailedBackup(meta: Pick<MetaRepo, 'get'>): Promise<FailedBackup | null> {
  const raw = await meta.get('lastBackupFailure');
  return raw ? (JSON.parse(raw) as FailedBackup) : null;
}

/** The kept backups in `dir`, newest first (name, size, time from the name). */
export function listBackups(dir: string): { file: string; bytes: number; at: number }[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((f) => KEPT.test(f))
    .sort()
    .reverse()
    .map((f) => {
      const m = /^postmottak-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})\.db$/.exec(f)!;
      return { file: path.join(dir, f), bytes: fs.statSync(path.join(dir, f)).size, at: Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) };
    });
}
