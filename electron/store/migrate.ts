import type Database from 'better-sqlite3';
import { migrations as defaultMigrations, type Migration } from './migrations';

export class StoreTooNewError extends Error {
  override readonly name = 'StoreTooNewError';
  constructor(readonly found: number, readonly supported: number) {
    super(
      `Databasen har skjemaversjon ${found}, men denne versjonen av Postmottak kjenner bare til ${supported}. ` +
        'Oppdater Postmottak, eller gjenopprett en sikkerhetskopi laget av denne versjonen.',
    );
  }
}

export const latestVersion = (list: readonly Migration[] = defaultMigrations): number =>
  list.length === 0 ? 0 : list[list.length - 1]!.version;

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database to the newest version in one transaction: either every pending
 * migration runs, or none does. A database newer than the app is refused untouched.
 */
export function migrate(db: Database.Database, list: readonly Migration[] = defaultMigrations): { from: number; to: number } {
  for (let i = 1; i < list.length; i++) {
    if (list[i]!.version <= list[i - 1]!.version) throw new Error(`Migration order broken at ${list[i]!.version}`);
  }
  const from = schemaVersion(db);
  const target = latestVersion(list);
  if (from > target) throw new StoreTooNewError(from, target);
  const pending = list.filter((m) => m.version > from);
  if (pending.length === 0) return { from, to: from };
  db.transaction(() => {
    for (const m of pending) {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }
  }).immediate();
  return { from, to: target };
}
