import type { Migration } from './migration';

/** Jobs, schedules, integration pauses, the hash-chained audit trail and key/value metadata. */
export const m0010Initial: Migration = {
  version: 10,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE jobs (
        id INTEGER PRIMARY KEY,
        type TEXT NOT NULL,
        payload TEXT NOT NULL,
        idempotency_key TEXT NOT NULL UNIQUE,
        integration TEXT,
        status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'dead')),
        attempts INTEGER NOT NULL DEFAULT 0,
        max_attempts INTEGER NOT NULL,
        run_after INTEGER NOT NULL,
        last_error TEXT,
        last_error_kind TEXT,
        abandoned INTEGER NOT NULL DEFAULT 0 CHECK (abandoned IN (0, 1)),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX jobs_due ON jobs (status, run_after, id);

      CREATE TABLE integration_pauses (
        integration TEXT PRIMARY KEY,
        until INTEGER NOT NULL,
        reason TEXT NOT NULL
      ) STRICT;

      -- last_run_at: when the scheduler last looked (catch-up starts there);
      -- last_enqueued_at: when it last put a job in the queue (what people call "last run").
      CREATE TABLE schedules (
        name TEXT PRIMARY KEY,
        last_run_at INTEGER,
        last_enqueued_at INTEGER
      ) STRICT;

      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        subject TEXT,
        details TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;
      -- The head is kept apart so that removing the newest rows is detected too.
      CREATE TABLE audit_head (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        seq INTEGER NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;
      -- Append-only through the app: updates and deletes are refused by the database itself.
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `);
  },
};
