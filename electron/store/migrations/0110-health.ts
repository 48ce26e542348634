import type { Migration } from './migration';

/**
 * #17 item 3, health: per integration (the jobs' `integration`), what its jobs' runs came to — the
 * last success, the last failure with its redacted message and kind, since when every attempt has
 * failed, and counts of both. Queue depth, pauses and the oldest waiting job are read off `jobs`
 * (through its status index, jobs_due) and `integration_pauses`, not copied here.
 */
export const m0110Health: Migration = {
  version: 110,
  name: 'health',
  up(db) {
    db.exec(`
      CREATE TABLE integration_health (
        integration TEXT PRIMARY KEY,
        last_success_at INTEGER,
        last_failure_at INTEGER,
        last_error TEXT,
        last_error_kind TEXT,
        -- NULL while the last attempt succeeded
        failing_since INTEGER,
        successes INTEGER NOT NULL DEFAULT 0 CHECK (successes >= 0),
        failures INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
        updated_at INTEGER NOT NULL,
        CHECK ((last_failure_at IS NULL) = (last_error_kind IS NULL)),
        CHECK (failing_since IS NULL OR last_failure_at IS NOT NULL)
      ) STRICT;
    `);
  },
};
