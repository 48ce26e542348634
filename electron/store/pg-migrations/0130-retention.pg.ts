import type { PgMigration } from './pg-migration';

/** Step 0130 on PostgreSQL, as on SQLite (migrations/0130-retention.ts). */
export const pg0130Retention: PgMigration = {
  version: 130,
  name: 'retention',
  up: async () => undefined,
};
