import type { SqlClient } from '../sql/sql-client';

/** Small key/value facts about this installation (last backup, install id). */
export function createMetaRepo(sql: SqlClient) {
  return {
    get: async (key: string): Promise<string | undefined> => (await sql.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', [key]))?.value,
    set: async (key: string, value: string): Promise<void> =>
      void (await sql.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value])),
  };
}
export type MetaRepo = ReturnType<typeof createMetaRepo>;
