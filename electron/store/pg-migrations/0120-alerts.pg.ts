import type { PgMigration } from './pg-migration';

/** Step 0120 on PostgreSQL, as on SQLite (migrations/0120-alerts.ts). */
export const pg0120Alerts: PgMigration = {
  version: 120,
  name: 'alerts',
  up: async () => undefined,
};
