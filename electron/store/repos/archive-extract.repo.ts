import type { ArchiveTransport, Correspondent, Journalposttype } from '../../core/archive/archive-record';
import type {
  ArchiveExtractReader,
  ExtractCaseFile,
  ExtractDocument,
  ExtractEntry,
  ExtractScope,
  JournalQuery,
  JournalRow,
} from '../../core/ports/archive-extract.port';
import { readBlob } from '../content-files';
import type { SqlClient, SqlValue } from '../sql/sql-client';
import { screening, toArchiveDocument, toCorrespondent, type CorrespondentRow, type DocumentRow } from './archive.repo';
import { toAuditEntry, type AuditRow } from './audit.repo';

const DEFAULT_PAGE = 500;

interface CaseRow {
  id: number;
  system_id: string;
  external_key: string;
  profile_id: string;
  title: string;
  title_public: string;
  arkivdel: string;
  ordningsprinsipp: string;
  ordningsverdi: string;
  administrativ_enhet: string;
  saksansvarlig: string | null;
  screening_json: string | null;
  saksdato: string;
  saksaar: number | null;
  sakssekvensnummer: number | null;
  transport: ArchiveTransport | null;
  opened_at: number;
  archived_at: number | null;
}

interface EntryRow {
  id: number;
  case_file_id: number;
  system_id: string;
  external_key: string;
  journalposttype: Journalposttype;
  title: string;
  title_public: string;
  journaldato: string;
  dokumentets_dato: string;
  administrativ_enhet: string;
  saksbehandler: string | null;
  screening_json: string | null;
  status: ExtractEntry['status'];
  journalaar: number | null;
  journalsekvensnummer: number | null;
  journalpostnummer: number | null;
  created_at: number;
  archived_at: number | null;
  closes_system_id: string | null;
  u_system_id: string | null;
  u_journaldato: string | null;
  u_saksbehandler: string | null;
  sent_ms: number | null;
}

/** A journal row: the entry's columns and its case file's, prefixed f_. */
interface JournalEntryRow extends EntryRow {
  s_public_id: string;
  f_system_id: string;
  f_title: string;
  f_title_public: string;
  f_saksaar: number | null;
  f_sakssekvensnummer: number | null;
  f_arkivdel: string;
  f_ordningsprinsipp: string;
  f_ordningsverdi: string;
  f_screening_json: string | null;
  f_saksansvarlig: string | null;
  f_administrativ_enhet: string;
}

/** Who avskrev an I when its U names no saksbehandler: the system, as the archive service registers it. */
const SYSTEM_NAME = 'Postmottak';

const CASE_COLUMNS = `f.id, f.system_id, f.external_key, f.profile_id, f.title, f.title_public, f.arkivdel, f.ordningsprinsipp, f.ordningsverdi,
  f.administrativ_enhet, f.saksansvarlig, f.screening_json, f.saksdato, f.saksaar, f.sakssekvensnummer, f.transport, f.opened_at, f.archived_at`;

/**
 * An entry with what the extract needs from its neighbours: the I a U closes, the (first) U that
 * closes an I, and for a U the time its reply left (sent through Altinn, else printed; the
 * replies table is the one record of it, one reply per application).
 */
const ENTRY_SELECT = `
  SELECT e.id, e.case_file_id, e.system_id, e.external_key, e.journalposttype, e.title, e.title_public, e.journaldato, e.dokumentets_dato,
    e.administrativ_enhet, e.saksbehandler, e.screening_json, e.status, e.journalaar, e.journalsekvensnummer, e.journalpostnummer,
    e.created_at, e.archived_at,
    c.system_id AS closes_system_id,
    u.system_id AS u_system_id, u.journaldato AS u_journaldato, u.saksbehandler AS u_saksbehandler,
    coalesce(r.sent_at, r.printed_at) AS sent_ms`;
const ENTRY_JOINS = `
  LEFT JOIN archive_entries c ON c.id = e.closes_entry_id
  LEFT JOIN archive_entries u ON u.id = (SELECT min(x.id) FROM archive_entries x WHERE x.closes_entry_id = e.id)
  LEFT JOIN replies r ON e.journalposttype = 'U' AND r.submission_id = e.submission_id`;

const toEntry = (r: EntryRow, correspondents: Correspondent[], documents: ExtractDocument[]): ExtractEntry => ({
  id: Number(r.id),
  systemId: r.system_id,
  externalKey: r.external_key,
  journalposttype: r.journalposttype,
  title: r.title,
  titlePublic: r.title_public,
  journaldato: r.journaldato,
  dokumentetsDato: r.dokumentets_dato,
  administrativEnhet: r.administrativ_enhet,
  saksbehandler: r.saksbehandler,
  screening: screening(r.screening_json),
  status: r.status,
  journalaar: r.journalaar,
  journalsekvensnummer: r.journalsekvensnummer,
  journalpostnummer: r.journalpostnummer,
  correspondents,
  documents,
  avskrevetAv:
    r.journalposttype === 'I' && r.u_system_id !== null
      ? { bySystemId: r.u_system_id, date: r.u_journaldato!, avskrivningsmaate: 'BU', by: r.u_saksbehandler ?? SYSTEM_NAME }
      : null,
  closesSystemId: r.journalposttype === 'U' ? r.closes_system_id : null,
  // as the mark-sent job reports it to the archive (archive.service.ts markSent)
  sentAt: r.journalposttype === 'U' && r.sent_ms !== null ? new Date(Number(r.sent_ms)).toISOString() : null,
  createdAt: Number(r.created_at),
  archivedAt: r.archived_at === null ? null : Number(r.archived_at),
});

const toCaseFile = (r: CaseRow, entries: ExtractEntry[]): ExtractCaseFile => ({
  id: Number(r.id),
  systemId: r.system_id,
  externalKey: r.external_key,
  profileId: r.profile_id,
  title: r.title,
  titlePublic: r.title_public,
  arkivdel: r.arkivdel,
  classification: { ordningsprinsipp: r.ordningsprinsipp, ordningsverdi: r.ordningsverdi },
  administrativEnhet: r.administrativ_enhet,
  saksansvarlig: r.saksansvarlig,
  screening: screening(r.screening_json),
  saksdato: r.saksdato,
  saksaar: r.saksaar,
  sakssekvensnummer: r.sakssekvensnummer,
  transport: r.transport,
  openedAt: Number(r.opened_at),
  archivedAt: r.archived_at === null ? null : Number(r.archived_at),
  entries,
});

function groupBy<T extends { entry_id: number }, U>(rows: T[], map: (r: T) => U): Map<number, U[]> {
  const out = new Map<number, U[]>();
  for (const r of rows) {
    const id = Number(r.entry_id);
    const list = out.get(id) ?? [];
    list.push(map(r));
    out.set(id, list);
  }
  return out;
}

const pageSizeOf = (n: number | undefined) => (n !== undefined && Number.isInteger(n) && n > 0 ? n : DEFAULT_PAGE);

/**
 * The local archive record read back for extractions and journals (#16). Every listing walks
 * keyset pages (the indexes of migration 0100), and loads a page's entries, correspondents and
 * documents with one query each, so memory is bounded by a page whatever the archive holds.
 */
export function createArchiveExtractRepo(sql: SqlClient): ArchiveExtractReader {
  const pg = sql.dialect === 'postgres';
  // text keys ordered by bytes on both engines, whatever PostgreSQL's locale (the pg indexes are COLLATE "C" too)
  const c = (col: string) => (pg ? `${col} COLLATE "C"` : col);
  // a JSON array of ids bound as one parameter (no limit on the number of bound variables)
  const idList = (param: string) =>
    pg ? `(SELECT CAST(value AS BIGINT) FROM json_array_elements_text(CAST(${param} AS json)))` : `(SELECT value FROM json_each(${param}))`;

  /** The entries of these ids' rows, with their correspondents and documents, in three queries. */
  async function withDetails(rows: EntryRow[]): Promise<ExtractEntry[]> {
    if (!rows.length) return [];
    const ids = JSON.stringify(rows.map((r) => Number(r.id)));
    const corr = groupBy(
      await sql.all<CorrespondentRow & { entry_id: number }>(`SELECT * FROM archive_correspondents WHERE entry_id IN ${idList('?')} ORDER BY entry_id, seq`, [ids]),
      toCorrespondent,
    );
    const docs = groupBy(await sql.all<DocumentRow & { entry_id: number }>(`SELECT * FROM archive_documents WHERE entry_id IN ${idList('?')} ORDER BY entry_id, number`, [ids]), toArchiveDocument);
    return rows.map((r) => toEntry(r, corr.get(Number(r.id)) ?? [], docs.get(Number(r.id)) ?? []));
  }

  const scopeWhere = `f.arkivdel = ? AND ${c('f.saksdato')} >= ? AND ${c('f.saksdato')} <= ?`;
  const scopeParams = (s: ExtractScope): SqlValue[] => [s.arkivdel, s.from, s.to];

  return {
    async *caseFiles(scope, pageSize) {
      const size = pageSizeOf(pageSize);
      let after: { p: string; v: string; id: number } | null = null;
      for (;;) {
        const params: SqlValue[] = scopeParams(scope);
        let keyset = '';
        if (after) {
          keyset = ` AND (${c('f.ordningsprinsipp')}, ${c('f.ordningsverdi')}, f.id) > (?, ?, ?)`;
          params.push(after.p, after.v, after.id);
        }
        params.push(size);
        const cases = await sql.all<CaseRow>(
          `SELECT ${CASE_COLUMNS} FROM archive_case_files f WHERE ${scopeWhere}${keyset}
           ORDER BY ${c('f.ordningsprinsipp')}, ${c('f.ordningsverdi')}, f.id LIMIT ?`,
          params,
        );
        if (!cases.length) return;
        const caseIds = JSON.stringify(cases.map((r) => Number(r.id)));
        // oldest first: an entry's id is its registration order, so the I comes before the U that answers it
        const entryRows = await sql.all<EntryRow>(`${ENTRY_SELECT} FROM archive_entries e ${ENTRY_JOINS} WHERE e.case_file_id IN ${idList('?')} ORDER BY e.case_file_id, e.id`, [
          caseIds,
        ]);
        const entries = await withDetails(entryRows);
        const byCase = new Map<number, ExtractEntry[]>();
        entryRows.forEach((r, i) => {
          const list = byCase.get(Number(r.case_file_id)) ?? [];
          list.push(entries[i]!);
          byCase.set(Number(r.case_file_id), list);
        });
        for (const r of cases) yield toCaseFile(r, byCase.get(Number(r.id)) ?? []);
        if (cases.length < size) return;
        const last = cases[cases.length - 1]!;
        after = { p: last.ordningsprinsipp, v: last.ordningsverdi, id: Number(last.id) };
      }
    },

    async countScope(scope) {
      const n = async (text: string) => Number((await sql.get<{ n: number }>(text, scopeParams(scope)))?.n ?? 0);
      return {
        caseFiles: await n(`SELECT count(*) AS n FROM archive_case_files f WHERE ${scopeWhere}`),
        entries: await n(`SELECT count(*) AS n FROM archive_entries e JOIN archive_case_files f ON f.id = e.case_file_id WHERE ${scopeWhere}`),
        documents: await n(
          `SELECT count(*) AS n FROM archive_documents d JOIN archive_entries e ON e.id = d.entry_id JOIN archive_case_files f ON f.id = e.case_file_id WHERE ${scopeWhere}`,
        ),
      };
    },

    async *journal(query: JournalQuery, pageSize) {
      const size = pageSizeOf(pageSize);
      const where: string[] = [`${c('e.journaldato')} >= ?`, `${c('e.journaldato')} <= ?`];
      const base: SqlValue[] = [query.from, query.to];
      if (query.journalposttype) {
        where.push('e.journalposttype = ?');
        base.push(query.journalposttype);
      }
      if (query.administrativEnhet !== undefined) {
        where.push('e.administrativ_enhet = ?');
        base.push(query.administrativEnhet);
      }
      // the entry's own screening decides (the archive service gives every entry its screening)
      if (query.screened !== undefined) where.push(query.screened ? 'e.screening_json IS NOT NULL' : 'e.screening_json IS NULL');
      let after: { d: string; id: number } | null = null;
      for (;;) {
        const params = [...base];
        let keyset = '';
        if (after) {
          keyset = ` AND (${c('e.journaldato')}, e.id) > (?, ?)`;
          params.push(after.d, after.id);
        }
        params.push(size);
        const rows = await sql.all<JournalEntryRow>(
          `${ENTRY_SELECT}, f.system_id AS f_system_id, f.title AS f_title, f.title_public AS f_title_public, f.saksaar AS f_saksaar,
             f.sakssekvensnummer AS f_sakssekvensnummer, f.arkivdel AS f_arkivdel, f.ordningsprinsipp AS f_ordningsprinsipp,
             f.ordningsverdi AS f_ordningsverdi, f.screening_json AS f_screening_json, f.saksansvarlig AS f_saksansvarlig,
             f.administrativ_enhet AS f_administrativ_enhet, s.public_id AS s_public_id
           FROM archive_entries e JOIN archive_case_files f ON f.id = e.case_file_id JOIN submissions s ON s.id = e.submission_id ${ENTRY_JOINS}
           WHERE ${where.join(' AND ')}${keyset}
           ORDER BY ${c('e.journaldato')}, e.id LIMIT ?`,
          params,
        );
        if (!rows.length) return;
        const entries = await withDetails(rows);
        for (const [i, r] of rows.entries()) {
          yield {
            ...entries[i]!,
            publicId: r.s_public_id,
            caseFile: {
              id: Number(r.case_file_id),
              systemId: r.f_system_id,
              title: r.f_title,
              titlePublic: r.f_title_public,
              saksaar: r.f_saksaar,
              sakssekvensnummer: r.f_sakssekvensnummer,
              arkivdel: r.f_arkivdel,
              classification: { ordningsprinsipp: r.f_ordningsprinsipp, ordningsverdi: r.f_ordningsverdi },
              screening: screening(r.f_screening_json),
              saksansvarlig: r.f_saksansvarlig,
              administrativEnhet: r.f_administrativ_enhet,
            },
          } satisfies JournalRow;
        }
        if (rows.length < size) return;
        const last = rows[rows.length - 1]!;
        after = { d: last.journaldato, id: Number(last.id) };
      }
    },

    async *auditEntries(fromMs, toMs, pageSize) {
      const size = pageSizeOf(pageSize);
      let after = 0;
      for (;;) {
        const rows = await sql.all<AuditRow>('SELECT * FROM audit_log WHERE at >= ? AND at < ? AND seq > ? ORDER BY seq LIMIT ?', [fromMs, toMs, after, size]);
        for (const r of rows) yield toAuditEntry(r);
        if (rows.length < size) return;
        after = Number(rows[rows.length - 1]!.seq);
      }
    },

    async systemIdOf(externalKey) {
      const r = await sql.get<{ system_id: string }>(
        'SELECT system_id FROM archive_case_files WHERE external_key = ? UNION ALL SELECT system_id FROM archive_entries WHERE external_key = ?',
        [externalKey, externalKey],
      );
      return r?.system_id;
    },

    async arkivdeler() {
      const rows = await sql.all<{ arkivdel: string; n: number; first: string | null; last: string | null }>(
        `SELECT arkivdel, count(*) AS n, min(${c('saksdato')}) AS first, max(${c('saksdato')}) AS last FROM archive_case_files GROUP BY arkivdel ORDER BY ${c('arkivdel')}`,
      );
      return rows.map((r) => ({ arkivdel: r.arkivdel, caseFiles: Number(r.n), firstSaksdato: r.first, lastSaksdato: r.last }));
    },

    // #17 item 6: documents retention moved out of the database are read from their files (verified)
    blob: (sha) => readBlob(sql, sha),
  };
}
