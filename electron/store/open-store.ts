import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate, schemaVersion } from './migrate';
import type { UnitOfWork } from '../core/ports/unit-of-work.port';
import type { Migration } from './migrations';
import type { SqlClient } from './sql/sql-client';
import { createSqliteSql } from './sql/sqlite-client';

/** An open store of either kind: the SQL client the repositories use, and its unit of work. */
export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  readonly sql: SqlClient;
  readonly uow: UnitOfWork;
  /** Where the data is: the file, or the database URL without its password. */
  readonly location: string;
  /** Whether other hub processes may share this store (PostgreSQL): jobs are then recovered by lease, not at start. */
  readonly shared: boolean;
  sizeBytes(): Promise<number>;
  schemaVersion(): Promise<number>;
  /** Housekeeping the engine wants now and then (SQLite: optimize and a WAL checkpoint). */
  maintain(): Promise<void>;
  close(): Promise<void>;
}

/** The embedded store: one SQLite file, one process. */
export interface SqliteStore extends Store {
  readonly kind: 'sqlite';
  readonly db: Database.Database;
  readonly file: string;
}

export interface OpenStoreOptions {
  /** Run pending migrations on open (default true). */
  migrate?: boolean;
  migrations?: readonly Migration[];
  busyTimeoutMs?: number;
}

export const STORE_FILE = 'postmottak.db';

/** Owner-only modes for what the store writes: folders 0700, the database, its WAL and SHM, and backups 0600 (#12 item 10). */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/** Creates a file's folder owner-only (an existing folder is the host's to tighten). */
export const mkdirPrivate = (dir: string): void => void fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });

/** Sets owner-only on the files that exist among these (Windows has no such modes). */
export function chmodPrivate(...files: string[]): void {
  if (process.platform === 'win32') return;
  for (const f of files) {
    try {
      fs.chmodSync(f, PRIVATE_FILE_MODE);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
}

export function openStore(file: string, options: OpenStoreOptions = {}): SqliteStore {
  if (file !== ':memory:') {
    mkdirPrivate(path.dirname(file));
    // SQLite creates its files 0644 (less the umask), and gives the WAL and SHM the database's
    // mode: create the database owner-only first, and tighten files an older version left open
    fs.closeSync(fs.openSync(file, 'a', PRIVATE_FILE_MODE));
    chmodPrivate(file, `${file}-wal`, `${file}-shm`);
  }
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    if (file !== ':memory:') chmodPrivate(`${file}-wal`, `${file}-shm`);
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    // NORMAL in WAL mode is durable across process crashes; only power loss can lose the last commits.
    db.pragma('synchronous = NORMAL');
    if (options.migrate !== false) migrate(db, options.migrations);
  } catch (e) {
    db.close();
    throw e;
  }
  const { sql, uow } = createSqliteSql(db);
  return {
    kind: 'sqlite',
    db,
    file,
    sql,
    uow,
    location: file,
    shared: false,
    sizeBytes: async () => {
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
    schemaVersion: async () => schemaVersion(db),
    maintain: async () => {
      db.pragma('optimize');
      db.pragma('wal_checkpoint(TRUNCATE)');
    },
    close: async () => void db.close(),
  };
}
