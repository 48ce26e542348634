import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate, schemaVersion, StoreTooNewError } from './migrate';
import { latestVersion } from './migrate';
import { chmodPrivate, mkdirPrivate, PRIVATE_FILE_MODE, type SqliteStore, type Store } from './open-store';

/** Backup and restore copy the SQLite file; a PostgreSQL store is backed up by the database's own tools. */
export class BackupUnsupportedError extends Error {
  override readonly name = 'BackupUnsupportedError';
  constructor(kind: string) {
    super(
      `Sikkerhetskopi og gjenoppretting i Postmottak gjelder bare den innebygde SQLite-databasen, ikke ${kind === 'postgres' ? 'PostgreSQL' : kind}. ` +
        'Ta sikkerhetskopi av PostgreSQL-databasen med databasens egne verktøy (for eksempel pg_dump).',
    );
  }
}

/** The store as SQLite, or a clear refusal: backup and restore work on the SQLite file only. */
export function sqliteOnly(store: Store): SqliteStore {
  if (store.kind !== 'sqlite') throw new BackupUnsupportedError(store.kind);
  return store as SqliteStore;
}

/**
 * Online backup through SQLite's backup API: consistent while the app keeps writing.
 * Written to a temporary name and renamed, so a half-written backup never looks complete.
 * SQLite only (BackupUnsupportedError otherwise).
 */
export async function backupStore(store: Store, target: string): Promise<{ file: string; bytes: number }> {
  const { db } = sqliteOnly(store);
  mkdirPrivate(path.dirname(target));
  const tmp = `${target}.partial`;
  fs.rmSync(tmp, { force: true });
  // created owner-only before SQLite writes into it (an empty file is an empty database)
  fs.closeSync(fs.openSync(tmp, 'wx', PRIVATE_FILE_MODE));
  await db.backup(tmp);
  // a backup is one self-contained file: out of WAL mode, so opening it (the restore test, read-only)
  // leaves no -wal/-shm beside it
  const copy = new Database(tmp);
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  chmodPrivate(tmp);
  fs.renameSync(tmp, target);
  return { file: target, bytes: fs.statSync(target).size };
}

export class BackupInvalidError extends Error {
  override readonly name = 'BackupInvalidError';
}

/** The restore test of one backup copy (#17 item 6): opened read-only, integrity_check, and its schema version. */
export interface BackupCheck {
  ok: boolean;
  /** 'ok', or the first problems SQLite reported (or why the copy could not be opened). */
  result: string;
  schemaVersion: number | null;
}

/**
 * Opens a backup copy read-only, as a restore would, and checks it page by page (PRAGMA
 * integrity_check) and its schema version (not newer than this app, not empty). Never throws: the
 * outcome is data, which the backup job records and fails on.
 */
export function checkBackup(file: string, expectedVersion: number = latestVersion()): BackupCheck {
  let copy: Database.Database;
  try {
    copy = new Database(file, { readonly: true, fileMustExist: true });
  } catch (e) {
    return { ok: false, result: `Kan ikke åpne kopien: ${(e as Error).message}`, schemaVersion: null };
  }
  try {
    const rows = copy.pragma('integrity_check(20)') as { integrity_check: string }[];
    const result = rows.map((r) => r.integrity_check).join('; ');
    const version = schemaVersion(copy);
    if (result !== 'ok') return { ok: false, result, schemaVersion: version };
    if (version !== expectedVersion) return { ok: false, result: `Kopien har skjemaversjon ${version}, databasen har ${expectedVersion}.`, schemaVersion: version };
    return { ok: true, result, schemaVersion: version };
  } catch (e) {
    return { ok: false, result: `Kopien er ikke en lesbar database: ${(e as Error).message}`, schemaVersion: null };
  } finally {
    copy.close();
  }
}

/**
 * Restores a backup over the SQLite database file (a PostgreSQL store is restored with its own tools).
 * The app must not have the store open.
 * The backup is checked first (integrity, schema not newer than this app); the current
 * database is kept beside it as `<file>.before-restore`.
 */
export function restoreStore(backupFile: string, dbFile: string): { previous: string | null; schemaVersion: number } {
  let check: Database.Database;
  try {
    check = new Database(backupFile, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new BackupInvalidError(`Kan ikke åpne sikkerhetskopien ${backupFile}: ${(e as Error).message}`);
  }
  let version: number;
  try {
    const integrity = check.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new BackupInvalidError(`Sikkerhetskopien er skadet: ${String(integrity)}`);
    version = schemaVersion(check);
    if (version > latestVersion()) throw new StoreTooNewError(version, latestVersion());
  } catch (e) {
    if (e instanceof BackupInvalidError || e instanceof StoreTooNewError) throw e;
    throw new BackupInvalidError(`Filen er ikke en Postmottak-database: ${(e as Error).message}`);
  } finally {
    check.close();
  }
  let previous: string | null = null;
  if (fs.existsSync(dbFile)) {
    previous = `${dbFile}.before-restore`;
    // fold the WAL into the main file before moving it aside
    const old = new Database(dbFile);
    old.pragma('wal_checkpoint(TRUNCATE)');
    old.close();
    fs.copyFileSync(dbFile, previous);
    chmodPrivate(previous);
  }
  for (const suffix of ['-wal', '-shm']) fs.rmSync(dbFile + suffix, { force: true });
  const tmp = `${dbFile}.restoring`;
  fs.copyFileSync(backupFile, tmp);
  chmodPrivate(tmp);
  fs.renameSync(tmp, dbFile);
  const db = new Database(dbFile);
  try {
    migrate(db);
  } finally {
    db.close();
  }
  return { previous, schemaVersion: version };
}
