import { createHash, randomUUID } from 'node:crypto';
import type { SourceKind } from '../../core/ingest/submission';
import type { MappedForm } from '../../core/profiles/profile.types';
import type {
  NewSubmission,
  SourceItem,
  SubmissionDetail,
  SubmissionStatus,
  SubmissionStore,
  SubmissionSummary,
} from '../../core/ports/submission-store.port';
import type { UnitOfWork } from '../../core/ports/unit-of-work.port';
import { bytesOfBlobRow, putBlobRow } from '../content-files';
import { dialectOf } from '../sql/dialect';
import type { SqlClient, SqlValue } from '../sql/sql-client';

interface Row {
  id: number;
  public_id: string;
  status: SubmissionStatus;
  service_key: string;
  profile_id: string | null;
  profile_version: number | null;
  a2_archive_ref: string | null;
  reportee_party_id: string | null;
  reportee_person_number: string | null;
  reportee_org_number: string | null;
  applicant_name: string | null;
  title: string | null;
  title_public: string | null;
  form_json: string | null;
  quarantine_code: string | null;
  quarantine_reason: string | null;
  submitted_at: number;
  received_at: number;
  sources: string | null;
  /** count(*): PostgreSQL's bigint may arrive as a string. */
  unconfirmed: number | string;
}

interface PartRow {
  seq: number;
  role: SubmissionDetail['parts'][number]['role'];
  data_type: string;
  filename: string | null;
  content_type: string;
  size: number;
  sha256: string | null;
}

const toSummary = (r: Row): SubmissionSummary => ({
  id: r.id,
  publicId: r.public_id,
  status: r.status,
  serviceKey: r.service_key,
  profileId: r.profile_id,
  applicantName: r.applicant_name,
  title: r.title,
  quarantineReason: r.quarantine_reason,
  submittedAt: r.submitted_at,
  receivedAt: r.received_at,
  sources: (r.sources ?? '').split(',').filter(Boolean).sort() as SourceKind[],
  confirmed: Number(r.unconfirmed) === 0,
});

export function createSubmissionsRepo(sql: SqlClient, uow: UnitOfWork): SubmissionStore {
  const dialect = dialectOf(sql);
  // the sources of a submission as one comma-separated text (no portable spelling; only these two differ)
  const sourcesAgg = dialect.joinText('source');
  const SUMMARY_SELECT = `
  SELECT s.*,
    (SELECT ${sourcesAgg} FROM source_items i WHERE i.submission_id = s.id) AS sources,
    (SELECT count(*) FROM source_items i WHERE i.submission_id = s.id AND i.confirmed_at IS NULL) AS unconfirmed
  FROM submissions s`;
  const INSERT_ITEM = 'INSERT INTO source_items (source, source_id, submission_id, service_key, fetched_at) VALUES (?, ?, ?, ?, ?)';
  // the screened services a user may not see are left out of the counts too (json array of profile ids)
  const COUNTS = `
    WITH visible AS (SELECT id, status FROM submissions WHERE profile_id IS NULL OR profile_id NOT IN ${dialect.jsonList('?')})
    SELECT (SELECT count(*) FROM visible WHERE status = 'received') AS received,
           (SELECT count(*) FROM visible WHERE status = 'quarantined') AS quarantined,
           (SELECT count(*) FROM source_items i WHERE i.confirmed_at IS NULL
              AND i.submission_id IN (SELECT id FROM visible)) AS unconfirmed`;

  const insertItem = async (submissionId: number, item: SourceItem, o: { known: 'ignore' | 'fail' }) =>
    void (await sql.run(o.known === 'ignore' ? `${INSERT_ITEM} ON CONFLICT (source, source_id) DO NOTHING` : INSERT_ITEM, [item.source, item.sourceId, submissionId, item.serviceKey, item.fetchedAt]));

  const repo: SubmissionStore = {
    async findSourceItem(source, sourceId) {
      const r = await sql.get<{ submission_id: number; confirmed_at: number | null }>(
        'SELECT submission_id, confirmed_at FROM source_items WHERE source = ? AND source_id = ?',
        [source, sourceId],
      );
      return r ? { submissionId: r.submission_id, confirmedAt: r.confirmed_at } : undefined;
    },
    async lockSourceItem(source, sourceId) {
      // a transaction-scoped advisory lock, within this store's schema; SQLite's write transaction is already exclusive
      if (dialect.pg) await sql.run("SELECT pg_advisory_xact_lock(hashtextextended('pm:source-item:' || coalesce(current_schema(), '') || ':' || ?, 0))", [`${source}:${sourceId}`]);
    },
    findByA2ArchiveRef: async (ref) => (await sql.get<{ id: number }>('SELECT id FROM submissions WHERE a2_archive_ref = ?', [ref]))?.id,
    insert: (s: NewSubmission, item: SourceItem) =>
      // the submission, its parts and its source item commit together
      uow.run(async () => {
        const publicId = randomUUID();
        const row = await sql.get<{ id: number }>(
          `INSERT INTO submissions (public_id, status, service_key, profile_id, profile_version, a2_archive_ref,
            reportee_party_id, reportee_person_number, reportee_org_number, applicant_name, title, title_public, form_json,
            quarantine_code, quarantine_reason, submitted_at, received_at)
          VALUES (@publicId, @status, @serviceKey, @profileId, @profileVersion, @a2ArchiveRef, @partyId, @personNumber, @orgNumber,
            @applicantName, @title, @titlePublic, @formJson, @quarantineCode, @quarantineReason, @submittedAt, @receivedAt)
          RETURNING id`,
          {
            publicId,
            status: s.status,
            serviceKey: s.serviceKey,
            profileId: s.profileId,
            profileVersion: s.profileVersion,
            a2ArchiveRef: s.a2ArchiveRef,
            partyId: s.reportee.partyId,
            personNumber: s.reportee.personNumber,
            orgNumber: s.reportee.organisationNumber,
            applicantName: s.applicantName,
            title: s.title,
            titlePublic: s.titlePublic,
            formJson: s.form ? JSON.stringify(s.form) : null,
            quarantineCode: s.quarantine?.code ?? null,
            quarantineReason: s.quarantine?.reason ?? null,
            submittedAt: s.submittedAt,
            receivedAt: s.receivedAt,
          },
        );
        const id = Number(row!.id);
        for (const [seq, p] of s.parts.entries()) {
          let sha: string | null = null;
          if (p.bytes) {
            sha = createHash('sha256').update(p.bytes).digest('hex');
            // content-addressed: equal bytes are kept once (and come back into the row if retention removed them)
            await putBlobRow(sql, sha, p.bytes);
          }
          await sql.run('INSERT INTO submission_parts (submission_id, seq, role, data_type, filename, content_type, size, sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
            id, seq, p.role, p.dataType, p.filename, p.contentType, p.size, sha,
          ]);
        }
        // a source item stored meanwhile makes this a second copy: it fails, and the whole submission rolls back with it
        await insertItem(id, item, { known: 'fail' });
        return { id, publicId };
      }),
    linkSourceItem: (submissionId, item) => insertItem(submissionId, item, { known: 'ignore' }),
    markConfirmed: async (source, sourceId, at) =>
      void (await sql.run('UPDATE source_items SET confirmed_at = coalesce(confirmed_at, ?) WHERE source = ? AND source_id = ?', [at, source, sourceId])),
    async list({ status, limit, offset, hiddenProfileIds = [] }) {
      // screened services the caller may not see are left out; values are bound, never spliced in
      const hidden = hiddenProfileIds.length ? `s.profile_id IS NULL OR s.profile_id NOT IN ${dialect.jsonList('?')}` : '1 = 1';
      const where = status ? `WHERE s.status = ? AND (${hidden})` : `WHERE (${hidden})`;
      const args: SqlValue[] = [...(status ? [status] : []), ...(hiddenProfileIds.length ? [JSON.stringify(hiddenProfileIds)] : []), limit, offset];
      const rows = await sql.all<Row>(`${SUMMARY_SELECT} ${where} ORDER BY s.received_at DESC, s.id DESC LIMIT ? OFFSET ?`, args);
      return rows.map(toSummary);
    },
    async get(publicId): Promise<SubmissionDetail | undefined> {
      const r = await sql.get<Row>(`${SUMMARY_SELECT} WHERE s.public_id = ?`, [publicId]);
      if (!r) return undefined;
      const parts = await sql.all<PartRow>('SELECT seq, role, data_type, filename, content_type, size, sha256 FROM submission_parts WHERE submission_id = ? ORDER BY seq', [r.id]);
      const items = await sql.all<{ source: SourceKind; source_id: string; fetched_at: number; confirmed_at: number | null }>(
        'SELECT source, source_id, fetched_at, confirmed_at FROM source_items WHERE submission_id = ? ORDER BY source',
        [r.id],
      );
      return {
        ...toSummary(r),
        profileVersion: r.profile_version,
        a2ArchiveRef: r.a2_archive_ref,
        reportee: { partyId: r.reportee_party_id, personNumber: r.reportee_person_number, organisationNumber: r.reportee_org_number },
        titlePublic: r.title_public,
        form: r.form_json ? (JSON.parse(r.form_json) as MappedForm) : null,
        quarantineCode: r.quarantine_code,
        parts: parts.map((p) => ({
          seq: p.seq,
          role: p.role,
          dataType: p.data_type,
          filename: p.filename,
          contentType: p.content_type,
          size: p.size,
          sha256: p.sha256,
        })),
        sourceItems: items.map((i) => ({ source: i.source, sourceId: i.source_id, fetchedAt: i.fetched_at, confirmedAt: i.confirmed_at })),
      };
    },
    async getById(id) {
      const r = await sql.get<{ public_id: string }>('SELECT public_id FROM submissions WHERE id = ?', [id]);
      return r ? repo.get(r.public_id) : undefined;
    },
    async partBytes(publicId, seq) {
      // b.*: the blob's state columns are there from schema 130 on (older schemas serve the migration tests)
      const r = await sql.get<{ content_type: string; filename: string | null; sha256: string; data: Uint8Array; size: number; state?: 'db' | 'file' | 'removed'; after_days?: number | null }>(
        `SELECT p.content_type, p.filename, b.* FROM submission_parts p JOIN submissions s ON s.id = p.submission_id
         JOIN blobs b ON b.sha256 = p.sha256 WHERE s.public_id = ? AND p.seq = ?`,
        [publicId, seq],
      );
      // #17 item 6: the bytes may have moved to a file (read back verified) or been removed by retention (a clear error)
      return r ? { contentType: r.content_type, filename: r.filename, bytes: await bytesOfBlobRow(sql, r.sha256, r) } : undefined;
    },
    async counts(hiddenProfileIds = []) {
      const c = (await sql.get<Record<'received' | 'quarantined' | 'unconfirmed', number | string>>(COUNTS, [JSON.stringify(hiddenProfileIds)]))!;
      return { received: Number(c.received), quarantined: Number(c.quarantined), unconfirmed: Number(c.unconfirmed) };
    },
  };
  return repo;
}
