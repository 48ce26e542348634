import type { Migration } from './migration';

/**
 * Ingested submissions: one row per application, its parts (content-addressed blobs), and
 * every source item that delivered it (an Altinn 2 item seen through both APIs is one
 * submission with two source items).
 */
export const m0020Submissions: Migration = {
  version: 20,
  name: 'submissions',
  up(db) {
    db.exec(`
      CREATE TABLE blobs (
        sha256 TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        data BLOB NOT NULL
      ) STRICT;

      CREATE TABLE submissions (
        id INTEGER PRIMARY KEY,
        public_id TEXT NOT NULL UNIQUE,
        status TEXT NOT NULL CHECK (status IN ('received', 'quarantined')),
        service_key TEXT NOT NULL,
        profile_id TEXT,
        profile_version INTEGER,
        a2_archive_ref TEXT UNIQUE,
        reportee_party_id TEXT,
        reportee_person_number TEXT,
        reportee_org_number TEXT,
        applicant_name TEXT,
        title TEXT,
        title_public TEXT,
        form_json TEXT,
        quarantine_code TEXT,
        quarantine_reason TEXT,
        submitted_at INTEGER NOT NULL,
        received_at INTEGER NOT NULL,
        CHECK ((status = 'quarantined') = (quarantine_reason IS NOT NULL))
      ) STRICT;
      CREATE INDEX submissions_received ON submissions (received_at DESC, id DESC);
      CREATE INDEX submissions_status ON submissions (status, received_at DESC);

      CREATE TABLE submission_parts (
        submission_id INTEGER NOT NULL REFERENCES submissions (id),
        seq INTEGER NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('form', 'receipt-pdf', 'attachment')),
        data_type TEXT NOT NULL,
        filename TEXT,
        content_type TEXT NOT NULL,
        size INTEGER NOT NULL,
        -- NULL when the part was refused (too large): the reason is on the submission
        sha256 TEXT REFERENCES blobs (sha256),
        PRIMARY KEY (submission_id, seq)
      ) STRICT;

      CREATE TABLE source_items (
        source TEXT NOT NULL CHECK (source IN ('altinn3', 'altinn2')),
        source_id TEXT NOT NULL,
        submission_id INTEGER NOT NULL REFERENCES submissions (id),
        service_key TEXT NOT NULL,
        fetched_at INTEGER NOT NULL,
        confirmed_at INTEGER,
        PRIMARY KEY (source, source_id)
      ) STRICT;
      CREATE INDEX source_items_submission ON source_items (submission_id);
    `);
  },
};
