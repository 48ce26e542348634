import type { Migration } from './migration';

const KINDS = "('noark5', 'noark4', 'public-journal')";
const STATES = "('queued', 'running', 'done', 'failed')";

/**
 * #16, the archivist's desk: export runs (arkivuttrekk, Noark 4 deposit, offentlig journal), entries
 * an archivist handled by hand in the archive (never delivered again), the indexes the extract
 * reader pages by, and the desk search kept right when the archive's case number is forgotten.
 */
export const m0100Archivist: Migration = {
  version: 100,
  name: 'archivist',
  up(db) {
    db.exec(`
      CREATE TABLE archive_exports (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ${KINDS}),
        -- NULL for the public journal, which spans every arkivdel
        arkivdel TEXT,
        range_from TEXT NOT NULL,
        range_to TEXT NOT NULL,
        pack INTEGER NOT NULL CHECK (pack IN (0, 1)),
        requested_by TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ${STATES}),
        phase TEXT,
        done INTEGER NOT NULL DEFAULT 0,
        total INTEGER NOT NULL DEFAULT 0,
        out_dir TEXT,
        tar_path TEXT,
        files_json TEXT NOT NULL DEFAULT '{}',
        check_passed INTEGER CHECK (check_passed IN (0, 1)),
        failed_checks_json TEXT NOT NULL DEFAULT '[]',
        left_out_json TEXT NOT NULL DEFAULT '[]',
        counts_json TEXT NOT NULL DEFAULT '{}',
        error TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        finished_at INTEGER,
        CHECK (range_from <= range_to)
      ) STRICT;

      -- handled by hand in the archive: the delivery is not tried again
      ALTER TABLE archive_entries ADD COLUMN handled_at INTEGER;
      ALTER TABLE archive_entries ADD COLUMN handled_by TEXT;
      ALTER TABLE archive_entries ADD COLUMN handled_note TEXT;

      -- the extract reader's keyset pages: case files by classification within an arkivdel, the journal by date
      CREATE INDEX archive_case_files_extract ON archive_case_files (arkivdel, ordningsprinsipp, ordningsverdi, id, saksdato);
      CREATE INDEX archive_entries_journal ON archive_entries (journaldato, id);
      -- the reply that avskriver an incoming entry
      CREATE INDEX archive_entries_closes ON archive_entries (closes_entry_id) WHERE closes_entry_id IS NOT NULL;
      -- the Arkiv screen's list: failed first, the rest newest first
      CREATE INDEX archive_entries_delivery ON archive_entries (status, updated_at);
      -- the endringslogg's period
      CREATE INDEX audit_log_at ON audit_log (at);

      -- the archive lost a case file and its number was forgotten: the desk search forgets it too
      -- (0040's archive_case_files_desk_number fires only when a number is set)
      CREATE TRIGGER archive_case_files_desk_unnumber AFTER UPDATE OF saksaar, sakssekvensnummer ON archive_case_files
      WHEN NEW.saksaar IS NULL AND OLD.saksaar IS NOT NULL BEGIN
        DELETE FROM case_fts WHERE rowid IN (SELECT submission_id FROM archive_entries WHERE case_file_id = NEW.id AND journalposttype = 'I');
        INSERT INTO case_fts (rowid, name, title, case_number, form)
          SELECT submission_id, name, title, case_number, form FROM case_search_source
          WHERE submission_id IN (SELECT submission_id FROM archive_entries WHERE case_file_id = NEW.id AND journalposttype = 'I');
      END;
    `);
  },
};
