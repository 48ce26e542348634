import type { Migration } from './migration';

/** Eleven digits: a fødselsnummer (or D-number). Not checksum-validated: test data often is not valid. */
const FNR_GLOB = `'${'[0-9]'.repeat(11)}'`;

/** The form JSON if it parses, else '{}': json_tree must never raise inside a trigger on ingest. */
const safeJson = (col: string) => `CASE WHEN json_valid(${col}) THEN ${col} ELSE '{}' END`;

/**
 * Sort key for the applicant's name in Norwegian order: SQLite's lower() folds ASCII only,
 * and Å (U+00C5) would sort before Æ (U+00C6) in code-point order. Æ/Ä, Ø/Ö, Å map to the
 * three code points after 'z' in that order; é/è/ü to their Norwegian equivalents.
 */
const applicantKey = (col: string) => {
  const pairs: [string, string][] = [
    ['Æ', '{'], ['æ', '{'], ['Ä', '{'], ['ä', '{'],
    ['Ø', '|'], ['ø', '|'], ['Ö', '|'], ['ö', '|'],
    ['Å', '}'], ['å', '}'],
    ['É', 'e'], ['é', 'e'], ['È', 'e'], ['è', 'e'], ['Ü', 'y'], ['ü', 'y'],
  ];
  return pairs.reduce((expr, [from, to]) => `replace(${expr}, '${from}', '${to}')`, `lower(trim(coalesce(${col}, '')))`);
};

/**
 * Deadline sort key: cases without a deadline come last in ascending order. The list must order by
 * exactly this expression for SQLite to use the expression indexes below.
 */
export const deadlineKey = (col = 'deadline_at') => `ifnull(${col}, 9007199254740991)`;

/** Status sort key: the order of the work, not the alphabet (expression index, as above). */
export const statusRank = (col = 'status') =>
  `CASE ${col} WHEN 'new' THEN 1 WHEN 'in-progress' THEN 2 WHEN 'decided' THEN 3 WHEN 'awaiting-approval' THEN 4 WHEN 'approved' THEN 5 ELSE 6 END`;

const CASE_STATUS_CHECK = "('new', 'in-progress', 'decided', 'awaiting-approval', 'approved', 'quarantined')";

/**
 * The caseworker desk: one case per submission (status, assignee, deadlines) with its notes,
 * decision, reply letter draft, approvals and timeline; an FTS5 index over names, titles, case
 * numbers and form text; and every fødselsnummer in an application, for exact search.
 *
 * Kept up to date by triggers, so that ingest and archive delivery need not know the desk:
 * - a submission inserted/updated → its search row and its persons;
 * - an archive case file numbered, or an incoming entry joined to a numbered case file → the
 *   case number in the search rows of its submissions;
 * - a case inserted, or its submission updated → the list's sort columns copied onto the case.
 */
export const m0040Desk: Migration = {
  version: 40,
  name: 'desk',
  up(db) {
    db.exec(`
      CREATE TABLE cases (
        submission_id INTEGER PRIMARY KEY REFERENCES submissions (id),
        status TEXT NOT NULL CHECK (status IN ${CASE_STATUS_CHECK}),
        assignee_account TEXT,
        -- personal data (an employee's name)
        assignee_name TEXT,
        deadline_at INTEGER,
        preliminary_reply_at INTEGER,
        updated_at INTEGER NOT NULL,
        -- copied from the submission by trigger (cases_fill, submissions_desk_sync) so that every
        -- filter and sort of the list is served by an index on this table alone
        profile_id TEXT,
        received_at INTEGER NOT NULL DEFAULT 0,
        applicant_key TEXT NOT NULL DEFAULT '',
        CHECK ((assignee_account IS NULL) = (assignee_name IS NULL))
      ) STRICT;
      -- sorts without a filter (every index ends in the rowid = submission_id, the tie-breaker)
      CREATE INDEX cases_received ON cases (received_at);
      CREATE INDEX cases_deadline ON cases (${deadlineKey()});
      CREATE INDEX cases_applicant ON cases (applicant_key);
      CREATE INDEX cases_status_rank ON cases (${statusRank()}, received_at);
      -- service: sort by service, or filter on one service with any sort by received/deadline
      CREATE INDEX cases_profile ON cases (profile_id, received_at);
      CREATE INDEX cases_profile_deadline ON cases (profile_id, ${deadlineKey()});
      -- status filter (the inbox's tabs) with each sort; (status, profile_id, …) also covers the counts
      CREATE INDEX cases_status_received ON cases (status, received_at);
      CREATE INDEX cases_status_deadline ON cases (status, ${deadlineKey()});
      CREATE INDEX cases_status_applicant ON cases (status, applicant_key);
      CREATE INDEX cases_status_profile ON cases (status, profile_id, received_at);
      -- "mine" / unassigned
      CREATE INDEX cases_assignee ON cases (assignee_account, status, received_at);
      -- overdue / preliminary reply due
      CREATE INDEX cases_preliminary ON cases (preliminary_reply_at) WHERE preliminary_reply_at IS NOT NULL;

      CREATE TRIGGER cases_fill AFTER INSERT ON cases BEGIN
        UPDATE cases SET
          profile_id = (SELECT s.profile_id FROM submissions s WHERE s.id = NEW.submission_id),
          received_at = (SELECT s.received_at FROM submissions s WHERE s.id = NEW.submission_id),
          applicant_key = (SELECT ${applicantKey('s.applicant_name')} FROM submissions s WHERE s.id = NEW.submission_id)
        WHERE submission_id = NEW.submission_id;
      END;
      CREATE TRIGGER submissions_desk_sync AFTER UPDATE OF profile_id, received_at, applicant_name ON submissions BEGIN
        UPDATE cases SET profile_id = NEW.profile_id, received_at = NEW.received_at, applicant_key = ${applicantKey('NEW.applicant_name')}
        WHERE submission_id = NEW.id;
      END;

      CREATE TABLE case_notes (
        id INTEGER PRIMARY KEY,
        submission_id INTEGER NOT NULL REFERENCES cases (submission_id),
        at INTEGER NOT NULL,
        author TEXT NOT NULL,
        -- personal data
        text TEXT NOT NULL
      ) STRICT;
      CREATE INDEX case_notes_case ON case_notes (submission_id, at, id);

      -- the current decision; its history is in case_events and the audit log
      CREATE TABLE case_decisions (
        submission_id INTEGER PRIMARY KEY REFERENCES cases (submission_id),
        outcome TEXT NOT NULL CHECK (outcome IN ('innvilget', 'avslått', 'delvis-innvilget')),
        grounds TEXT NOT NULL,
        decided_at INTEGER NOT NULL,
        decided_by TEXT NOT NULL,
        recommendation TEXT
      ) STRICT;

      -- the current draft of the reply letter
      CREATE TABLE case_letters (
        submission_id INTEGER PRIMARY KEY REFERENCES cases (submission_id),
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        updated_by TEXT NOT NULL
      ) STRICT;

      CREATE TABLE case_approvals (
        id INTEGER PRIMARY KEY,
        submission_id INTEGER NOT NULL REFERENCES cases (submission_id),
        approved_by TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('saksbehandler', 'leder', 'arkivar', 'it-admin')),
        at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX case_approvals_case ON case_approvals (submission_id, at, id);

      -- the timeline: received → archived → routed → decided → replied → notified → read / printed
      CREATE TABLE case_events (
        id INTEGER PRIMARY KEY,
        submission_id INTEGER NOT NULL REFERENCES cases (submission_id),
        kind TEXT NOT NULL CHECK (kind IN ('received', 'archived', 'routed', 'claimed', 'released', 'reassigned', 'note', 'decided',
          'letter-edited', 'approved', 'replied', 'notified', 'read', 'printed')),
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        text TEXT
      ) STRICT;
      CREATE INDEX case_events_case ON case_events (submission_id, at, id);

      -- What the search index holds for a submission: names, title, case number ("2026/123" once the
      -- archive numbered its case file) and every text value of the form except 11-digit numbers
      -- (a fødselsnummer is found exactly through case_persons, never by prefix).
      CREATE VIEW case_search_source AS
        SELECT s.id AS submission_id,
          s.applicant_name AS name,
          s.title AS title,
          (SELECT f.saksaar || '/' || f.sakssekvensnummer
             FROM archive_entries e JOIN archive_case_files f ON f.id = e.case_file_id
             WHERE e.submission_id = s.id AND e.journalposttype = 'I' AND f.saksaar IS NOT NULL) AS case_number,
          (SELECT group_concat(t.value, ' ') FROM json_tree(${safeJson('s.form_json')}) t
             WHERE t.type = 'text' AND t.value NOT GLOB ${FNR_GLOB}) AS form
        FROM submissions s;

      -- Contentless (the text lives in submissions), rowid = submission id. unicode61 without
      -- diacritic removal keeps æ/ø/å distinct from a/o; prefix indexes make "kar" → "Kari" cheap.
      CREATE VIRTUAL TABLE case_fts USING fts5 (
        name, title, case_number, form,
        content = '', contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 0',
        prefix = '1 2 3 4'
      );

      -- Every fødselsnummer in an application (applicant, children, other subjects) → its submission.
      CREATE TABLE case_persons (
        person_number TEXT NOT NULL,
        submission_id INTEGER NOT NULL REFERENCES submissions (id),
        PRIMARY KEY (person_number, submission_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX case_persons_submission ON case_persons (submission_id);

      CREATE VIEW case_person_source AS
        SELECT s.id AS submission_id, t.value AS person_number
          FROM submissions s, json_tree(${safeJson('s.form_json')}) t
          WHERE t.type = 'text' AND t.value GLOB ${FNR_GLOB}
        UNION
        SELECT s.id, s.reportee_person_number FROM submissions s WHERE s.reportee_person_number GLOB ${FNR_GLOB};

      CREATE TRIGGER submissions_desk_insert AFTER INSERT ON submissions BEGIN
        INSERT INTO case_fts (rowid, name, title, case_number, form)
          SELECT submission_id, name, title, case_number, form FROM case_search_source WHERE submission_id = NEW.id;
        INSERT OR IGNORE INTO case_persons (person_number, submission_id)
          SELECT person_number, submission_id FROM case_person_source WHERE submission_id = NEW.id;
      END;
      CREATE TRIGGER submissions_desk_update AFTER UPDATE OF applicant_name, title, form_json, reportee_person_number ON submissions BEGIN
        DELETE FROM case_fts WHERE rowid = NEW.id;
        INSERT INTO case_fts (rowid, name, title, case_number, form)
          SELECT submission_id, name, title, case_number, form FROM case_search_source WHERE submission_id = NEW.id;
        DELETE FROM case_persons WHERE submission_id = NEW.id;
        INSERT OR IGNORE INTO case_persons (person_number, submission_id)
          SELECT person_number, submission_id FROM case_person_source WHERE submission_id = NEW.id;
      END;
      CREATE TRIGGER submissions_desk_delete AFTER DELETE ON submissions BEGIN
        DELETE FROM case_fts WHERE rowid = OLD.id;
        DELETE FROM case_persons WHERE submission_id = OLD.id;
      END;

      -- the archive numbered a case file: the case number of every application in it
      CREATE TRIGGER archive_case_files_desk_number AFTER UPDATE OF saksaar, sakssekvensnummer ON archive_case_files
      WHEN NEW.saksaar IS NOT NULL BEGIN
        DELETE FROM case_fts WHERE rowid IN (SELECT submission_id FROM archive_entries WHERE case_file_id = NEW.id AND journalposttype = 'I');
        INSERT INTO case_fts (rowid, name, title, case_number, form)
          SELECT submission_id, name, title, case_number, form FROM case_search_source
          WHERE submission_id IN (SELECT submission_id FROM archive_entries WHERE case_file_id = NEW.id AND journalposttype = 'I');
      END;
      -- a later application joined to a case file that already has its number
      CREATE TRIGGER archive_entries_desk_number AFTER INSERT ON archive_entries
      WHEN NEW.journalposttype = 'I' AND (SELECT saksaar FROM archive_case_files WHERE id = NEW.case_file_id) IS NOT NULL BEGIN
        DELETE FROM case_fts WHERE rowid = NEW.submission_id;
        INSERT INTO case_fts (rowid, name, title, case_number, form)
          SELECT submission_id, name, title, case_number, form FROM case_search_source WHERE submission_id = NEW.submission_id;
      END;

      -- backfill: a case for every stored submission (deadlines are the profiles' business: NULL here)
      INSERT INTO cases (submission_id, status, updated_at)
        SELECT id, CASE status WHEN 'quarantined' THEN 'quarantined' ELSE 'new' END, received_at FROM submissions ORDER BY id;
      INSERT INTO case_fts (rowid, name, title, case_number, form)
        SELECT submission_id, name, title, case_number, form FROM case_search_source;
      INSERT OR IGNORE INTO case_persons (person_number, submission_id)
        SELECT person_number, submission_id FROM case_person_source;
    `);
  },
};
