import type { PgMigration } from './pg-migration';

/** Step 0110 on PostgreSQL, as on SQLite (migrations/0110-health.ts): what each integration's runs came to. */
export const pg0110Health: PgMigration = {
  version: 110,
  name: 'health',
  up: async (client) =>
    void (await client.query(`
      CREATE TABLE integration_health (
        integration TEXT PRIMARY KEY,
        last_success_at BIGINT,
        last_failure_at BIGINT,
        last_error TEXT,
        last_error_kind TEXT,
        failing_since BIGINT,
        successes BIGINT NOT NULL DEFAULT 0 CHECK (successes >= 0),
        failures BIGINT NOT NULL DEFAULT 0 CHECK (failures >= 0),
        updated_at BIGINT NOT NULL,
        CHECK ((last_failure_at IS NULL) = (last_error_kind IS NULL)),
        CHECK (failing_since IS NULL OR last_failure_at IS NOT NULL)
      );
    `)),
};
