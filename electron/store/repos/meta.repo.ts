import type Database from 'better-sqlite3';

/** Small key/value facts about this installation (last backup, install id). */
export function createMetaRepo(db: Database.Database) {
  const get = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
  const set = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  return {
    get: (key: string): string | undefined => get.get(key)?.value,
    set: (key: string, value: string): void => void set.run(key, value),
  };
}
export type MetaRepo = ReturnType<typeof createMetaRepo>;
