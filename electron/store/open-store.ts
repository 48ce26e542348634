import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate, schemaVersion } from './migrate';
import type { Migration } from './migrations';

export interface Store {
  readonly db: Database.Database;
  readonly file: string;
  transaction<T>(fn: () => T): T;
  sizeBytes(): number;
  schemaVersion(): number;
  close(): void;
}

export interface OpenStoreOptions {
  /** Run pending migrations on open (default true). */
  migrate?: boolean;
  migrations?: readonly Migration[];
  busyTimeoutMs?: number;
}

export const STORE_FILE = 'postmottak.db';

export function openStore(file: string, options: OpenStoreOptions = {}): Store {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    // NORMAL in WAL mode is durable across process crashes; only power loss can lose the last commits.
    db.pragma('synchronous = NORMAL');
    if (options.migrate !== false) migrate(db, options.migrations);
  } catch (e) {
    db.close();
    throw e;
  }
  return {
    db,
    file,
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),
    sizeBytes: () => {
      if (file === ':memory:') return 0;
      let total = 0;
      for (const suffix of ['', '-wal']) {
        try {
          total += fs.statSync(file + suffix).size;
        } catch {
          // the WAL file may not exist between checkpoints
        }
      }
      return total;
    },
    schemaVersion: () => schemaVersion(db),
    close: () => db.close(),
  };
}
