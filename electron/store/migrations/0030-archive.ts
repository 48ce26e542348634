import type { Migration } from './migration';

/**
 * The local record of what is archived in sak/arkiv: case files (saksmappe) and registry
 * entries (journalpost I for an application, U for a reply, the U closing the I), their
 * correspondents and documents, classification and screening, and the numbers the archive
 * gave them. Kept here so the case timeline can show them and an extraction can use them.
 */
export const m0030Archive: Migration = {
  version: 30,
  name: 'archive',
  up(db) {
    db.exec(`
      CREATE TABLE archive_case_files (
        id INTEGER PRIMARY KEY,
        external_key TEXT NOT NULL UNIQUE,
        system_id TEXT NOT NULL UNIQUE,
        profile_id TEXT NOT NULL,
        -- fødselsnummer or organisation number of the applicant, for joining later applications; personal data
        applicant_key TEXT,
        title TEXT NOT NULL,
        title_public TEXT NOT NULL,
        arkivdel TEXT NOT NULL,
        ordningsprinsipp TEXT NOT NULL,
        ordningsverdi TEXT NOT NULL,
        administrativ_enhet TEXT NOT NULL,
        saksansvarlig TEXT,
        -- {tilgangsrestriksjon, skjermingshjemmel, screenTitle, screenCorrespondent, screenDocuments} or NULL
        screening_json TEXT,
        saksdato TEXT NOT NULL,
        opened_at INTEGER NOT NULL,
        transport TEXT,
        archive_system_id TEXT,
        saksaar INTEGER,
        sakssekvensnummer INTEGER,
        archived_at INTEGER,
        CHECK ((archived_at IS NULL) = (saksaar IS NULL))
      ) STRICT;
      CREATE INDEX archive_case_files_grouping ON archive_case_files (profile_id, applicant_key, opened_at DESC);

      CREATE TABLE archive_entries (
        id INTEGER PRIMARY KEY,
        external_key TEXT NOT NULL UNIQUE,
        system_id TEXT NOT NULL UNIQUE,
        case_file_id INTEGER NOT NULL REFERENCES archive_case_files (id),
        submission_id INTEGER NOT NULL REFERENCES submissions (id),
        journalposttype TEXT NOT NULL CHECK (journalposttype IN ('I', 'U')),
        title TEXT NOT NULL,
        title_public TEXT NOT NULL,
        journaldato TEXT NOT NULL,
        dokumentets_dato TEXT NOT NULL,
        administrativ_enhet TEXT NOT NULL,
        saksbehandler TEXT,
        screening_json TEXT,
        closes_entry_id INTEGER REFERENCES archive_entries (id),
        avskrivningsmaate TEXT,
        status TEXT NOT NULL CHECK (status IN ('pending', 'awaiting-receipt', 'archived', 'failed')),
        transport TEXT,
        receipt_ref TEXT,
        archive_system_id TEXT,
        journalaar INTEGER,
        journalsekvensnummer INTEGER,
        journalpostnummer INTEGER,
        last_error TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        archived_at INTEGER,
        CHECK ((status = 'archived') = (journalpostnummer IS NOT NULL)),
        CHECK ((journalposttype = 'U') = (closes_entry_id IS NOT NULL))
      ) STRICT;
      -- one incoming registry entry per application
      CREATE UNIQUE INDEX archive_entries_incoming ON archive_entries (submission_id) WHERE journalposttype = 'I';
      CREATE INDEX archive_entries_case ON archive_entries (case_file_id);
      CREATE INDEX archive_entries_status ON archive_entries (status);

      CREATE TABLE archive_correspondents (
        entry_id INTEGER NOT NULL REFERENCES archive_entries (id),
        seq INTEGER NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('avsender', 'mottaker')),
        name TEXT NOT NULL,
        person_number TEXT,
        organisation_number TEXT,
        street TEXT,
        postal_code TEXT,
        postal_place TEXT,
        PRIMARY KEY (entry_id, seq)
      ) STRICT;

      CREATE TABLE archive_documents (
        entry_id INTEGER NOT NULL REFERENCES archive_entries (id),
        number INTEGER NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('hoveddokument', 'vedlegg')),
        title TEXT NOT NULL,
        dokumenttype TEXT NOT NULL,
        filename TEXT NOT NULL,
        content_type TEXT NOT NULL,
        sha256 TEXT NOT NULL REFERENCES blobs (sha256),
        size INTEGER NOT NULL,
        archive_system_id TEXT,
        PRIMARY KEY (entry_id, number)
      ) STRICT;
    `);
  },
};
