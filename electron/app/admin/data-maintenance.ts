import path from 'node:path';
import { systemClock } from '../../core/ports/clock.port';
import { backupStore, createRepos, openStore, restoreStore, STORE_FILE } from '../../store';
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
