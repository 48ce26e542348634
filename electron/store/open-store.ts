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
  /** Housekeeping the engine wants now and then (SQLite: WAL checkpoint, optimize, incremental vacuum; PostgreSQL: ANALYZE). */
  maintain(options?: MaintainOptions): Promise<MaintenanceResult>;
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

export interface MaintainOptions {
  /** SQLite: give at most this many free pages back to the disk per run (0 = all), so one run never holds the writer long. */
  vacuumPages?: number;
  /** SQLite: free disk space the one-time switch to incremental auto-vacuum may count on (bytes); it needs about the database's size. */
  freeBytes?: number;
}

/** What one maintenance run found and did (the Drift screen shows it). */
export interface MaintenanceResult {
  kind: 'sqlite' | 'postgres';
  /** SQLite: the page size, and the pages in the file and on its free list after the run; the pages this run gave back. */
  pageSize: number | null;
  pageCount: number | null;
  freePages: number | null;
  freedPages: number;
  /** SQLite: the auto-vacuum mode after the run ('incremental' once switched). */
  autoVacuum: 'none' | 'full' | 'incremental' | null;
  /** SQLite: the one-time VACUUM that switched the database to incremental auto-vacuum ran now; or why it was put off. */
  switchedToIncremental: boolean;
  switchPostponed: string | null;
  /** PostgreSQL: the tables ANALYZE refreshed. */
  analyzed: string[];
}

const AUTO_VACUUM = ['none', 'full', 'incremental'] as const;

/**
 * SQLite upkeep (#17 item 6). auto_vacuum=INCREMENTAL lets freed pages go back to the disk a bounded
 * number at a time, but the mode only takes effect on an empty database or through a VACUUM. New
 * databases get it at open; an older one is switched here, once, by a full VACUUM: outside any
 * transaction (VACUUM cannot run in one, so never in a migration), at the night's maintenance, and
 * only when the disk has room for the copy VACUUM writes. It holds the database for its duration.
 */
function maintainSqlite(db: Database.Database, o: MaintainOptions): MaintenanceResult {
  const num = (p: string) => Number(db.pragma(p, { simple: true }));
  let switched = false;
  let postponed: string | null = null;
  if (num('auto_vacuum') !== 2) {
    const size = num('page_count') * num('page_size');
    if (o.freeBytes !== undefined && o.freeBytes < size * 1.2) {
      postponed = `For lite ledig plass på disken til å omorganisere databasen (trenger om lag ${Math.ceil((size * 1.2) / 1e6)} MB).`;
    } else {
      db.pragma('auto_vacuum = INCREMENTAL');
      db.exec('VACUUM');
      switched = true;
    }
  }
  const freeBefore = num('freelist_count');
  const limit = o.vacuumPages ?? 0;
  if (num('auto_vacuum') === 2 && freeBefore > 0) db.pragma(limit > 0 ? `incremental_vacuum(${Math.floor(limit)})` : 'incremental_vacuum');
  // after the vacuum, so the checkpoint folds the shrunk pages in and truncates the WAL
  db.pragma('optimize');
  db.pragma('wal_checkpoint(TRUNCATE)');
  const freeAfter = num('freelist_count');
  return {
    kind: 'sqlite',
    pageSize: num('page_size'),
    pageCount: num('page_count'),
    freePages: freeAfter,
    freedPages: Math.max(0, freeBefore - freeAfter),
    autoVacuum: AUTO_VACUUM[num('auto_vacuum')] ?? null,
    switchedToIncremental: switched,
    switchPostponed: postponed,
    analyzed: [],
  };
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
    // a new, empty database takes incremental auto-vacuum now (before its first table); an older one is switched by maintain()
    db.pragma('auto_vacuum = INCREMENTAL');
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
    maintain: async (o = {}) => {
      // a unit of work elsewhere in the process may hold the connection's transaction across awaits; VACUUM cannot run
      // inside it, and nothing else should: wait until it ends, then run all of it at once (synchronously, so none starts meanwhile)
      while (db.inTransaction) await new Promise((r) => setTimeout(r, 10));
      return maintainSqlite(db, o);
    },
    close: async () => void db.close(),
  };
}
