import Database from 'better-sqlite3';
import { migrate, migrations } from '../../electron/store';

/** An in-memory store with foreign keys on, migrated to the newest version or up to `version`. */
export function freshDb(version?: number): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, version === undefined ? migrations : migrations.filter((m) => m.version <= version));
  return db;
}
