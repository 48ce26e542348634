import { createHash } from 'node:crypto';
import type { ArchiveDocument, ArchivedCaseFile, ArchivedEntry, ArchiveTransport, Correspondent, Screening } from '../../core/archive/archive-record';
import type { ArchiveEntryStatus, ArchiveStore, NewCaseFile, NewEntry, StoredCaseFile, StoredEntry } from '../../core/ports/archive-store.port';
import type { UnitOfWork } from '../../core/ports/unit-of-work.port';
import { putBlobRow, readBlob } from '../content-files';
import type { SqlClient } from '../sql/sql-client';

interface CaseRow {
  id: number;
  external_key: string;
  system_id: string;
  profile_id: string;
  applicant_key: string | null;
  title: string;
  title_public: string;
  arkivdel: string;
  ordningsprinsipp: string;
  ordningsverdi: string;
  administrativ_enhet: string;
  saksansvarlig: string | null;
  screening_json: string | null;
  saksdato: string;
  opened_at: number;
  transport: ArchiveTransport | null;
  archive_system_id: string | null;
  saksaar: number | null;
  sakssekvensnummer: number | null;
  archived_at: number | null;
}

interface EntryRow {
  id: number;
  external_key: string;
  system_id: string;
  case_file_id: number;
  submission_id: number;
  journalposttype: 'I' | 'U';
  title: string;
  title_public: string;
  journaldato: string;
  dokumentets_dato: string;
  administrativ_enhet: string;
  saksbehandler: string | null;
  screening_json: string | null;
  closes_entry_id: number | null;
  avskrivningsmaate: 'BU' | null;
  status: ArchiveEntryStatus;
  transport: ArchiveTransport | null;
  receipt_ref: string | null;
  archive_system_id: string | null;
  journalaar: number | null;
  journalsekvensnummer: number | null;
  journalpostnummer: number | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
  archived_at: number | null;
}

/** A row of archive_correspondents (entry_id when read for several entries at once). */
export interface CorrespondentRow {
  entry_id?: number;
  role: Correspondent['role'];
  name: string;
  person_number: string | null;
  organisation_number: string | null;
  street: string | null;
  postal_code: string | null;
  postal_place: string | null;
}

/** A row of archive_documents (entry_id when read for several entries at once). */
export interface DocumentRow {
  entry_id?: number;
  number: number;
  role: 'hoveddokument' | 'vedlegg';
  title: string;
  dokumenttype: string;
  filename: string;
  content_type: string;
  sha256: string;
  size: number;
  archive_system_id: string | null;
}

export const screening = (json: string | null): Screening | null => (json ? (JSON.parse(json) as Screening) : null);

export const toCorrespondent = (c: CorrespondentRow): Correspondent => ({
  role: c.role,
  name: c.name,
  personNumber: c.person_number,
  organisationNumber: c.organisation_number,
  address: c.street || c.postal_code || c.postal_place ? { street: c.street, postalCode: c.postal_code, postalPlace: c.postal_place } : null,
});

export const toArchiveDocument = (d: DocumentRow): ArchiveDocument => ({
  number: d.number,
  role: d.role,
  title: d.title,
  dokumenttype: d.dokumenttype,
  filename: d.filename,
  contentType: d.content_type,
  sha256: d.sha256,
  size: Number(d.size),
});

const toCaseFile = (r: CaseRow): StoredCaseFile => ({
  id: r.id,
  externalKey: r.external_key,
  systemId: r.system_id,
  profileId: r.profile_id,
  applicantKey: r.applicant_key,
  title: r.title,
  titlePublic: r.title_public,
  arkivdel: r.arkivdel,
  classification: { ordningsprinsipp: r.ordningsprinsipp, ordningsverdi: r.ordningsverdi },
  administrativEnhet: r.administrativ_enhet,
  saksansvarlig: r.saksansvarlig,
  screening: screening(r.screening_json),
  saksdato: r.saksdato,
  openedAt: r.opened_at,
  transport: r.transport,
  archived:
    r.saksaar !== null && r.sakssekvensnummer !== null
      ? { archiveSystemId: r.archive_system_id ?? '', saksaar: r.saksaar, sakssekvensnummer: r.sakssekvensnummer }
      : null,
  archivedAt: r.archived_at,
});

const INSERT_CASE = `
  INSERT INTO archive_case_files (external_key, system_id, profile_id, applicant_key, title, title_public, arkivdel, ordningsprinsipp,
    ordningsverdi, administrativ_enhet, saksansvarlig, screening_json, saksdato, opened_at)
  VALUES (@externalKey, @systemId, @profileId, @applicantKey, @title, @titlePublic, @arkivdel, @ordningsprinsipp,
    @ordningsverdi, @administrativEnhet, @saksansvarlig, @screening, @saksdato, @openedAt)
  RETURNING id`;
const INSERT_ENTRY = `
  INSERT INTO archive_entries (external_key, system_id, case_file_id, submission_id, journalposttype, title, title_public, journaldato,
    dokumentets_dato, administrativ_enhet, saksbehandler, screening_json, closes_entry_id, avskrivningsmaate, status, created_at, updated_at)
  VALUES (@externalKey, @systemId, @caseFileId, @submissionId, @journalposttype, @title, @titlePublic, @journaldato,
    @dokumentetsDato, @administrativEnhet, @saksbehandler, @screening, @closesEntryId, @avskrivningsmaate, 'pending', @createdAt, @createdAt)
  RETURNING id`;
const INSERT_CORRESPONDENT = `
  INSERT INTO archive_correspondents (entry_id, seq, role, name, person_number, organisation_number, street, postal_code, postal_place)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const INSERT_DOCUMENT = `
  INSERT INTO archive_documents (entry_id, number, role, title, dokumenttype, filename, content_type, sha256, size)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const ENTRY_ARCHIVED = `
  UPDATE archive_entries SET status = 'archived', transport = ?, archive_system_id = ?, journalaar = ?, journalsekvensnummer = ?,
    journalpostnummer = ?, last_error = NULL, archived_at = ?, updated_at = ? WHERE id = ?`;

export function createArchiveRepo(sql: SqlClient, uow: UnitOfWork): ArchiveStore {
  const toEntry = async (r: EntryRow): Promise<StoredEntry> => {
    const docs = await sql.all<DocumentRow>('SELECT * FROM archive_documents WHERE entry_id = ? ORDER BY number', [r.id]);
    const correspondents = await sql.all<CorrespondentRow>('SELECT * FROM archive_correspondents WHERE entry_id = ? ORDER BY seq', [r.id]);
    return {
      id: r.id,
      externalKey: r.external_key,
      systemId: r.system_id,
      caseFileId: r.case_file_id,
      submissionId: r.submission_id,
      journalposttype: r.journalposttype,
      title: r.title,
      titlePublic: r.title_public,
      journaldato: r.journaldato,
      dokumentetsDato: r.dokumentets_dato,
      administrativEnhet: r.administrativ_enhet,
      saksbehandler: r.saksbehandler,
      screening: screening(r.screening_json),
      correspondents: correspondents.map(toCorrespondent),
      documents: docs.map(toArchiveDocument),
      documentIds: docs.map((d) => ({ number: d.number, archiveSystemId: d.archive_system_id })),
      closesEntryId: r.closes_entry_id,
      avskrivningsmaate: r.avskrivningsmaate,
      createdAt: r.created_at,
      status: r.status,
      transport: r.transport,
      receiptRef: r.receipt_ref,
      archived:
        r.journalpostnummer !== null
          ? {
              archiveSystemId: r.archive_system_id ?? '',
              journalaar: r.journalaar ?? 0,
              journalsekvensnummer: r.journalsekvensnummer ?? 0,
              journalpostnummer: r.journalpostnummer,
            }
          : null,
      lastError: r.last_error,
      archivedAt: r.archived_at,
      updatedAt: r.updated_at,
    };
  };
  const oneEntry = async (where: string, params: readonly (string | number)[]): Promise<StoredEntry | undefined> => {
    const r = await sql.get<EntryRow>(`SELECT * FROM archive_entries WHERE ${where}`, params);
    return r ? toEntry(r) : undefined;
  };
  const manyEntries = async (text: string, params: readonly (string | number)[]): Promise<StoredEntry[]> => {
    const out: StoredEntry[] = [];
    for (const r of await sql.all<EntryRow>(text, params)) out.push(await toEntry(r));
    return out;
  };

  return {
    async findCaseFileToJoin(profileId, applicantKey, since) {
      const r = await sql.get<CaseRow>(
        'SELECT * FROM archive_case_files WHERE profile_id = ? AND applicant_key = ? AND opened_at >= ? ORDER BY opened_at DESC, id DESC LIMIT 1',
        [profileId, applicantKey, since],
      );
      return r ? toCaseFile(r) : undefined;
    },
    async insertCaseFile(c: NewCaseFile) {
      const row = await sql.get<{ id: number }>(INSERT_CASE, {
        externalKey: c.externalKey,
        systemId: c.systemId,
        profileId: c.profileId,
        applicantKey: c.applicantKey,
        title: c.title,
        titlePublic: c.titlePublic,
        arkivdel: c.arkivdel,
        ordningsprinsipp: c.classification.ordningsprinsipp,
        ordningsverdi: c.classification.ordningsverdi,
        administrativEnhet: c.administrativEnhet,
        saksansvarlig: c.saksansvarlig,
        screening: c.screening ? JSON.stringify(c.screening) : null,
        saksdato: c.saksdato,
        openedAt: c.openedAt,
      });
      return Number(row!.id);
    },
    // the entry, its correspondents and its documents are one record: all or nothing
    insertEntry: (e: NewEntry) =>
      uow.run(async () => {
        const row = await sql.get<{ id: number }>(INSERT_ENTRY, {
          externalKey: e.externalKey,
          systemId: e.systemId,
          caseFileId: e.caseFileId,
          submissionId: e.submissionId,
          journalposttype: e.journalposttype,
          title: e.title,
          titlePublic: e.titlePublic,
          journaldato: e.journaldato,
          dokumentetsDato: e.dokumentetsDato,
          administrativEnhet: e.administrativEnhet,
          saksbehandler: e.saksbehandler,
          screening: e.screening ? JSON.stringify(e.screening) : null,
          closesEntryId: e.closesEntryId,
          avskrivningsmaate: e.avskrivningsmaate,
          createdAt: e.createdAt,
        });
        const id = Number(row!.id);
        for (const [i, c] of e.correspondents.entries()) {
          await sql.run(INSERT_CORRESPONDENT, [
            id, i + 1, c.role, c.name, c.personNumber, c.organisationNumber, c.address?.street ?? null, c.address?.postalCode ?? null, c.address?.postalPlace ?? null,
          ]);
        }
        for (const d of e.documents) await sql.run(INSERT_DOCUMENT, [id, d.number, d.role, d.title, d.dokumenttype, d.filename, d.contentType, d.sha256, d.size]);
        return id;
      }),
    async caseFile(id) {
      const r = await sql.get<CaseRow>('SELECT * FROM archive_case_files WHERE id = ?', [id]);
      return r ? toCaseFile(r) : undefined;
    },
    entry: (id) => oneEntry('id = ?', [id]),
    entryByKey: (key) => oneEntry('external_key = ?', [key]),
    incomingEntryOf: (submissionId) => oneEntry("submission_id = ? AND journalposttype = 'I'", [submissionId]),
    entriesOfSubmission: (submissionId) => manyEntries('SELECT * FROM archive_entries WHERE submission_id = ? ORDER BY id', [submissionId]),
    async markCaseFileArchived(id, transport, n: ArchivedCaseFile, at) {
      // numbers once given are kept
      await sql.run(
        'UPDATE archive_case_files SET transport = ?, archive_system_id = ?, saksaar = ?, sakssekvensnummer = ?, archived_at = ? WHERE id = ? AND archived_at IS NULL',
        [transport, n.archiveSystemId, n.saksaar, n.sakssekvensnummer, at, id],
      );
    },
    markEntryArchived: (id, transport, n: ArchivedEntry, at) =>
      uow.run(async () => {
        await sql.run(ENTRY_ARCHIVED, [transport, n.archiveSystemId, n.journalaar, n.journalsekvensnummer, n.journalpostnummer, at, at, id]);
        for (const d of n.documents) await sql.run('UPDATE archive_documents SET archive_system_id = ? WHERE entry_id = ? AND number = ?', [d.archiveSystemId, id, d.number]);
      }),
    async markEntryAwaitingReceipt(id, transport, ref, at) {
      await sql.run(
        "UPDATE archive_entries SET status = 'awaiting-receipt', transport = ?, receipt_ref = ?, last_error = NULL, updated_at = ? WHERE id = ? AND status <> 'archived'",
        [transport, ref, at, id],
      );
    },
    async markEntryFailed(id, message, at) {
      await sql.run("UPDATE archive_entries SET status = 'failed', last_error = ?, updated_at = ? WHERE id = ? AND status <> 'archived'", [message, at, id]);
    },
    unfinished: (limit) => manyEntries("SELECT * FROM archive_entries WHERE status <> 'archived' ORDER BY id LIMIT ?", [limit]),
    async counts() {
      const out: Record<ArchiveEntryStatus, number> = { pending: 0, 'awaiting-receipt': 0, archived: 0, failed: 0 };
      for (const r of await sql.all<{ status: ArchiveEntryStatus; n: number | string }>('SELECT status, count(*) AS n FROM archive_entries GROUP BY status')) {
        // PostgreSQL's count(*) is a bigint, which the driver hands over as a string
        out[r.status] = Number(r.n);
      }
      return out;
    },
    // #17 item 6: in the row, in a file retention moved it to (verified), or removed (a clear error)
    blob: (sha) => readBlob(sql, sha),
    async putBlob(bytes) {
      const sha = createHash('sha256').update(bytes).digest('hex');
      // content-addressed: equal bytes are one row, whoever stored them first
      await putBlobRow(sql, sha, bytes);
      return sha;
    },
  };
}
