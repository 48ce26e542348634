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

export function openStore(file: string, options: OpenStoreOptions = {}): Store {
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
