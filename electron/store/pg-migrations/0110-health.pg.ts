import type { PgMigration } from './pg-migration';

/** Step 0110 on PostgreSQL, as on SQLite (migrations/0110-health.ts). */
export const pg0110Health: PgMigration = {
  version: 110,
  name: 'health',
  up: async () => undefined,
};
