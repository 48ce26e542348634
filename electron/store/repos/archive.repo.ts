import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { ArchivedCaseFile, ArchivedEntry, ArchiveTransport, Correspondent, Screening } from '../../core/archive/archive-record';
import type { ArchiveEntryStatus, ArchiveStore, NewCaseFile, NewEntry, StoredCaseFile, StoredEntry } from '../../core/ports/archive-store.port';

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

interface CorrespondentRow {
  role: Correspondent['role'];
  name: string;
  person_number: string | null;
  organisation_number: string | null;
  street: string | null;
  postal_code: string | null;
  postal_place: string | null;
}

interface DocumentRow {
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

const screening = (json: string | null): Screening | null => (json ? (JSON.parse(json) as Screening) : null);

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

export function createArchiveRepo(db: Database.Database): ArchiveStore {
  const insertCase = db.prepare(`
    INSERT INTO archive_case_files (external_key, system_id, profile_id, applicant_key, title, title_public, arkivdel, ordningsprinsipp,
      ordningsverdi, administrativ_enhet, saksansvarlig, screening_json, saksdato, opened_at)
    VALUES (@externalKey, @systemId, @profileId, @applicantKey, @title, @titlePublic, @arkivdel, @ordningsprinsipp,
      @ordningsverdi, @administrativEnhet, @saksansvarlig, @screening, @saksdato, @openedAt)`);
  const insertEntry = db.prepare(`
    INSERT INTO archive_entries (external_key, system_id, case_file_id, submission_id, journalposttype, title, title_public, journaldato,
      dokumentets_dato, administrativ_enhet, saksbehandler, screening_json, closes_entry_id, avskrivningsmaate, status, created_at, updated_at)
    VALUES (@externalKey, @systemId, @caseFileId, @submissionId, @journalposttype, @title, @titlePublic, @journaldato,
      @dokumentetsDato, @administrativEnhet, @saksbehandler, @screening, @closesEntryId, @avskrivningsmaate, 'pending', @createdAt, @createdAt)`);
  const insertCorrespondent = db.prepare(`
    INSERT INTO archive_correspondents (entry_id, seq, role, name, person_number, organisation_number, street, postal_code, postal_place)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertDocument = db.prepare(`
    INSERT INTO archive_documents (entry_id, number, role, title, dokumenttype, filename, content_type, sha256, size)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const joinable = db.prepare<[string, string, number], CaseRow>(
    'SELECT * FROM archive_case_files WHERE profile_id = ? AND applicant_key = ? AND opened_at >= ? ORDER BY opened_at DESC, id DESC LIMIT 1',
  );
  const caseById = db.prepare<[number], CaseRow>('SELECT * FROM archive_case_files WHERE id = ?');
  const entryById = db.prepare<[number], EntryRow>('SELECT * FROM archive_entries WHERE id = ?');
  const entryByKey = db.prepare<[string], EntryRow>('SELECT * FROM archive_entries WHERE external_key = ?');
  const incomingOf = db.prepare<[number], EntryRow>("SELECT * FROM archive_entries WHERE submission_id = ? AND journalposttype = 'I'");
  const entriesOf = db.prepare<[number], EntryRow>('SELECT * FROM archive_entries WHERE submission_id = ? ORDER BY id');
  const correspondentsOf = db.prepare<[number], CorrespondentRow>('SELECT * FROM archive_correspondents WHERE entry_id = ? ORDER BY seq');
  const documentsOf = db.prepare<[number], DocumentRow>('SELECT * FROM archive_documents WHERE entry_id = ? ORDER BY number');
  const caseArchived = db.prepare(
    'UPDATE archive_case_files SET transport = ?, archive_system_id = ?, saksaar = ?, sakssekvensnummer = ?, archived_at = ? WHERE id = ? AND archived_at IS NULL',
  );
  const entryArchived = db.prepare(`
    UPDATE archive_entries SET status = 'archived', transport = ?, archive_system_id = ?, journalaar = ?, journalsekvensnummer = ?,
      journalpostnummer = ?, last_error = NULL, archived_at = ?, updated_at = ? WHERE id = ?`);
  const documentArchived = db.prepare('UPDATE archive_documents SET archive_system_id = ? WHERE entry_id = ? AND number = ?');
  const entryAwaiting = db.prepare(
    "UPDATE archive_entries SET status = 'awaiting-receipt', transport = ?, receipt_ref = ?, last_error = NULL, updated_at = ? WHERE id = ? AND status <> 'archived'",
  );
  const entryFailed = db.prepare("UPDATE archive_entries SET status = 'failed', last_error = ?, updated_at = ? WHERE id = ? AND status <> 'archived'");
  const unfinished = db.prepare<[number], EntryRow>("SELECT * FROM archive_entries WHERE status <> 'archived' ORDER BY id LIMIT ?");
  const counts = db.prepare<[], { status: ArchiveEntryStatus; n: number }>('SELECT status, count(*) AS n FROM archive_entries GROUP BY status');
  const blob = db.prepare<[string], { data: Buffer }>('SELECT data FROM blobs WHERE sha256 = ?');
  const putBlob = db.prepare('INSERT INTO blobs (sha256, size, data) VALUES (?, ?, ?) ON CONFLICT (sha256) DO NOTHING');

  const toEntry = (r: EntryRow): StoredEntry => {
    const docs = documentsOf.all(r.id);
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
      correspondents: correspondentsOf.all(r.id).map((c) => ({
        role: c.role,
        name: c.name,
        personNumber: c.person_number,
        organisationNumber: c.organisation_number,
        address: c.street || c.postal_code || c.postal_place ? { street: c.street, postalCode: c.postal_code, postalPlace: c.postal_place } : null,
      })),
      documents: docs.map((d) => ({
        number: d.number,
        role: d.role,
        title: d.title,
        dokumenttype: d.dokumenttype,
        filename: d.filename,
        contentType: d.content_type,
        sha256: d.sha256,
        size: d.size,
      })),
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

  return {
    findCaseFileToJoin(profileId, applicantKey, since) {
      const r = joinable.get(profileId, applicantKey, since);
      return r ? toCaseFile(r) : undefined;
    },
    insertCaseFile(c: NewCaseFile) {
      const info = insertCase.run({
        ...c,
        ordningsprinsipp: c.classification.ordningsprinsipp,
        ordningsverdi: c.classification.ordningsverdi,
        screening: c.screening ? JSON.stringify(c.screening) : null,
      });
      return Number(info.lastInsertRowid);
    },
    insertEntry(e: NewEntry) {
      const id = Number(insertEntry.run({ ...e, screening: e.screening ? JSON.stringify(e.screening) : null }).lastInsertRowid);
      e.correspondents.forEach((c, i) =>
        insertCorrespondent.run(id, i + 1, c.role, c.name, c.personNumber, c.organisationNumber, c.address?.street ?? null, c.address?.postalCode ?? null, c.address?.postalPlace ?? null),
      );
      for (const d of e.documents) insertDocument.run(id, d.number, d.role, d.title, d.dokumenttype, d.filename, d.contentType, d.sha256, d.size);
      return id;
    },
    caseFile: (id) => {
      const r = caseById.get(id);
      return r ? toCaseFile(r) : undefined;
    },
    entry: (id) => {
      const r = entryById.get(id);
      return r ? toEntry(r) : undefined;
    },
    entryByKey: (key) => {
      const r = entryByKey.get(key);
      return r ? toEntry(r) : undefined;
    },
    incomingEntryOf: (submissionId) => {
      const r = incomingOf.get(submissionId);
      return r ? toEntry(r) : undefined;
    },
    entriesOfSubmission: (submissionId) => entriesOf.all(submissionId).map(toEntry),
    markCaseFileArchived(id, transport, n: ArchivedCaseFile, at) {
      caseArchived.run(transport, n.archiveSystemId, n.saksaar, n.sakssekvensnummer, at, id);
    },
    markEntryArchived(id, transport, n: ArchivedEntry, at) {
      entryArchived.run(transport, n.archiveSystemId, n.journalaar, n.journalsekvensnummer, n.journalpostnummer, at, at, id);
      for (const d of n.documents) documentArchived.run(d.archiveSystemId, id, d.number);
    },
    markEntryAwaitingReceipt(id, transport, ref, at) {
      entryAwaiting.run(transport, ref, at, id);
    },
    markEntryFailed(id, message, at) {
      entryFailed.run(message, at, id);
    },
    unfinished: (limit) => unfinished.all(limit).map(toEntry),
    counts() {
      const out: Record<ArchiveEntryStatus, number> = { pending: 0, 'awaiting-receipt': 0, archived: 0, failed: 0 };
      for (const r of counts.all()) out[r.status] = r.n;
      return out;
    },
    blob: (sha) => {
      const r = blob.get(sha);
      return r ? new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength) : undefined;
    },
    putBlob(bytes) {
      const sha = createHash('sha256').update(bytes).digest('hex');
      putBlob.run(sha, bytes.byteLength, bytes);
      return sha;
    },
  };
}
