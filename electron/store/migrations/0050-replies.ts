import type { Migration } from './migration';

const STATES = "('queued', 'sent', 'notified', 'read', 'held', 'stopped', 'printing', 'printed', 'manual', 'failed')";
const KINDS = `('received', 'archived', 'routed', 'claimed', 'released', 'reassigned', 'note', 'decided', 'letter-edited', 'approved',
  'replied', 'notified', 'read', 'printed', 'print-held', 'print-resumed', 'print-stopped', 'print-manual')`;

/**
 * Replies after approval (sent through Altinn, read, or printed at the deadline) and the
 * register answers (Folkeregisteret, KRR) with their time limit. The timeline gets the kinds
 * for holding, resuming and stopping a print and for a print that needs manual handling
 * (SQLite cannot change a CHECK, so case_events is rebuilt with its rows).
 */
export const m0050Replies: Migration = {
  version: 50,
  name: 'replies',
  up(db) {
    db.exec(`
      CREATE TABLE replies (
        id INTEGER PRIMARY KEY,
        submission_id INTEGER NOT NULL UNIQUE REFERENCES submissions (id),
        -- copied from the submission so screened services filter without a join
        profile_id TEXT,
        reply_key TEXT NOT NULL UNIQUE,
        idempotent_key TEXT NOT NULL UNIQUE,
        state TEXT NOT NULL CHECK (state IN ${STATES}),
        channel TEXT NOT NULL CHECK (channel IN ('altinn3', 'altinn2', 'print')),
        -- {personNumber} or {organisationNumber}; personal data
        recipient_json TEXT NOT NULL,
        message_json TEXT NOT NULL,
        letter_sha256 TEXT NOT NULL,
        letter_size INTEGER NOT NULL,
        letter_filename TEXT NOT NULL,
        fallback_days INTEGER NOT NULL,
        fallback_business INTEGER NOT NULL CHECK (fallback_business IN (0, 1)),
        approved_at INTEGER NOT NULL,
        correspondence_id TEXT,
        sent_at INTEGER,
        notified_at INTEGER,
        reminded_at INTEGER,
        read_at INTEGER,
        deadline_at INTEGER,
        printed_at INTEGER,
        print_ref TEXT,
        reason TEXT,
        last_polled_at INTEGER,
        updated_at INTEGER NOT NULL
      ) STRICT;
      -- the sweep's question, "unread and past the deadline", answered from a small partial index
      -- (the repo names these indexes: without ANALYZE the planner would take replies_state and sort)
      CREATE INDEX replies_due ON replies (deadline_at) WHERE state IN ('sent', 'notified') AND read_at IS NULL;
      CREATE INDEX replies_poll ON replies (ifnull(last_polled_at, 0)) WHERE state IN ('sent', 'notified', 'held', 'stopped', 'printing', 'printed') AND read_at IS NULL;
      CREATE INDEX replies_state ON replies (state, profile_id);
      CREATE INDEX replies_approved ON replies (approved_at DESC, id DESC);
      CREATE INDEX replies_due_profile ON replies (deadline_at, profile_id) WHERE state IN ('sent', 'notified') AND read_at IS NULL;
      CREATE INDEX replies_sent ON replies (sent_at) WHERE sent_at IS NOT NULL;
      CREATE UNIQUE INDEX replies_correspondence ON replies (correspondence_id) WHERE correspondence_id IS NOT NULL;
      CREATE INDEX replies_read ON replies (read_at) WHERE read_at IS NOT NULL;
      CREATE INDEX replies_printed ON replies (printed_at) WHERE printed_at IS NOT NULL;

      CREATE TABLE register_cache (
        person_number TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('person', 'contact')),
        -- the register's answer as the port maps it; 'null' for "not found"
        facts_json TEXT NOT NULL,
        fetched_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        PRIMARY KEY (person_number, kind)
      ) STRICT;

      CREATE TABLE case_events_new (
        id INTEGER PRIMARY KEY,
        submission_id INTEGER NOT NULL REFERENCES cases (submission_id),
        kind TEXT NOT NULL CHECK (kind IN ${KINDS}),
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        text TEXT
      ) STRICT;
      INSERT INTO case_events_new (id, submission_id, kind, at, actor, text) SELECT id, submission_id, kind, at, actor, text FROM case_events;
      DROP TABLE case_events;
      ALTER TABLE case_events_new RENAME TO case_events;
      CREATE INDEX case_events_case ON case_events (submission_id, at, id);
    `);
  },
};
