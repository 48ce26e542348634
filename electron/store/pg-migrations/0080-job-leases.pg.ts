import type { PgMigration } from './pg-migration';

/** Step 0080 on PostgreSQL, as on SQLite: a running job belongs to one node until its lease runs out. */
export const pg0080JobLeases: PgMigration = {
  version: 80,
  name: 'job-leases',
  up: async (client) => void (await client.query('ALTER TABLE jobs ADD COLUMN lease_owner TEXT, ADD COLUMN lease_until BIGINT')),
};
