import path from 'node:path';
import { systemClock } from '../../core/ports/clock.port';
import type { AuditVerification } from '../../core/ports/audit-log.port';
import { backupStore, createAuditRepo, createMetaRepo, migrate, openStore, restoreStore, STORE_FILE } from '../../store';
import { backupDirOf, runBackup, type LastBackup } from './backups';
import type { AppConfig } from '../config/config.schema';

/** Offline operations on a data folder for the CLI: each opens the store, acts and closes it. */

const withStore = async <T>(dataDir: string, fn: (s: ReturnType<typeof openStore>) => T | Promise<T>, migrateOnOpen = true): Promise<T> => {
  const store = openStore(path.join(dataDir, STORE_FILE), { migrate: migrateOnOpen });
  try {
    return await fn(store);
  } finally {
    store.close();
  }
};

export const migrateData = (dataDir: string) => withStore(dataDir, (s) => migrate(s.db), false);

export const verifyAudit = (dataDir: string): Promise<AuditVerification> => withStore(dataDir, (s) => createAuditRepo(s.db).verify());

export function backupData(dataDir: string, config: AppConfig, out?: string): Promise<LastBackup | { file: string; bytes: number }> {
  return withStore(dataDir, (s) => {
    if (out) return backupStore(s, path.resolve(out));
    return runBackup(s, backupDirOf(config, dataDir), config.backup.keep, systemClock, createMetaRepo(s.db));
  });
}

export const restoreData = (dataDir: string, backupFile: string) => restoreStore(path.resolve(backupFile), path.join(dataDir, STORE_FILE));

export { BackupInvalidError, StoreTooNewError } from '../../store';
