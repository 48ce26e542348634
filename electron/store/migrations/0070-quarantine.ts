import type { Migration } from './migration';

/**
 * #13 item 13: quarantine gets a way out. What a caseworker or archivist did with a quarantined
 * submission (re-validated it, registered it by hand as a case, marked it as a duplicate of
 * another submission, rejected it), each a row the case's timeline shows; and how its
 * quarantine ended. A quarantined submission has no deadline until it becomes a case: the
 * deadlines ingest gave the quarantined ones are taken away.
 */
export const m0070Quarantine: Migration = {
  version: 70,
  name: 'quarantine',
  up(db) {
    db.exec(`
      CREATE TABLE quarantine_actions (
        id INTEGER PRIMARY KEY,
        submission_id INTEGER NOT NULL REFERENCES submissions (id),
        kind TEXT NOT NULL CHECK (kind IN ('quarantine-revalidated', 'quarantine-registered', 'quarantine-duplicate', 'quarantine-rejected', 'duplicate-linked')),
        at INTEGER NOT NULL,
        -- the user's name as the timeline shows it; personal data (an employee's name)
        actor TEXT NOT NULL,
        actor_account TEXT NOT NULL,
        -- a reason or an outcome; may hold personal data
        text TEXT,
        -- the other submission of a duplicate link
        related_id INTEGER REFERENCES submissions (id)
      ) STRICT;
      CREATE INDEX quarantine_actions_submission ON quarantine_actions (submission_id, at, id);

      CREATE TABLE quarantine_resolutions (
        submission_id INTEGER PRIMARY KEY REFERENCES submissions (id),
        outcome TEXT NOT NULL CHECK (outcome IN ('case', 'duplicate', 'rejected')),
        duplicate_of INTEGER REFERENCES submissions (id),
        reason TEXT,
        resolved_at INTEGER NOT NULL,
        resolved_by TEXT NOT NULL,
        CHECK ((outcome = 'duplicate') = (duplicate_of IS NOT NULL)),
        CHECK (outcome <> 'rejected' OR reason IS NOT NULL)
      ) STRICT;

      -- duplicate candidates: the same person's submissions to the same service, by date
      CREATE INDEX submissions_reportee ON submissions (reportee_person_number, submitted_at) WHERE reportee_person_number IS NOT NULL;

      UPDATE cases SET deadline_at = NULL, preliminary_reply_at = NULL WHERE status = 'quarantined';
    `);
  },
};
