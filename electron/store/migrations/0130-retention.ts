import type { Migration } from './migration';

/**
 * #17 item 6, retention: a blob's bytes may leave the hot database once its case is fully processed.
 * The row stays (sha256, size) and says where the bytes are: `db` (in the row), `file` (a
 * content-addressed file under the files folder, verified by its sha256 when read) or `removed`
 * (deleted by policy; the archive has them). `data` stays NOT NULL (an empty blob when moved):
 * SQLite cannot drop a NOT NULL without rebuilding the table, which would copy every byte of a big
 * database inside this step's transaction.
 *
 * Also: the cases retention has finished with (so a nightly run does not look at them again), the
 * runs with their counts for the Drift screen, and the indexes the eligibility and sharing checks
 * ask (a blob may be shared by several submissions, letters and archive documents).
 */
export const m0130Retention: Migration = {
  version: 130,
  name: 'retention',
  up(db) {
    db.exec(`
      ALTER TABLE blobs ADD COLUMN state TEXT NOT NULL DEFAULT 'db' CHECK (state IN ('db', 'file', 'removed'));
      ALTER TABLE blobs ADD COLUMN moved_at INTEGER;
      -- the policy's age when the bytes were removed, for «Innholdet er slettet etter N dager»
      ALTER TABLE blobs ADD COLUMN after_days INTEGER;
      CREATE INDEX blobs_moved ON blobs (state) WHERE state <> 'db';

      CREATE TABLE retention_cases (
        submission_id INTEGER PRIMARY KEY REFERENCES submissions (id),
        done_at INTEGER NOT NULL,
        policy TEXT NOT NULL CHECK (policy IN ('move', 'remove'))
      ) STRICT;

      CREATE TABLE retention_runs (
        id INTEGER PRIMARY KEY,
        started_at INTEGER NOT NULL,
        finished_at INTEGER,
        state TEXT NOT NULL CHECK (state IN ('running', 'done', 'failed')),
        policy TEXT NOT NULL CHECK (policy IN ('move', 'remove')),
        after_days INTEGER NOT NULL,
        cases INTEGER NOT NULL DEFAULT 0,
        blobs INTEGER NOT NULL DEFAULT 0,
        bytes INTEGER NOT NULL DEFAULT 0,
        orphans_removed INTEGER NOT NULL DEFAULT 0,
        error TEXT
      ) STRICT;

      CREATE INDEX archive_entries_submission ON archive_entries (submission_id);
      CREATE INDEX submission_parts_blob ON submission_parts (sha256) WHERE sha256 IS NOT NULL;
      CREATE INDEX archive_documents_blob ON archive_documents (sha256);
      CREATE INDEX replies_letter ON replies (letter_sha256);
    `);
  },
};
