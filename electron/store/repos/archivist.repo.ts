import type { ArchiveTransport } from '../../core/archive/archive-record';
import type { ArchiveEntryStatus } from '../../core/ports/archive-store.port';
import type { ArchivistStore, DeliveryRow, ExportKind, ExportPatch, ExportRecord, ExportState } from '../../core/ports/archivist-store.port';
import type { UnitOfWork } from '../../core/ports/unit-of-work.port';
import type { SqlClient, SqlValue } from '../sql/sql-client';

interface ExportRow {
  id: number;
  kind: ExportKind;
  arkivdel: string | null;
  range_from: string;
  range_to: string;
  pack: number;
  requested_by: string;
  state: ExportState;
  phase: string | null;
  done: number;
  total: number;
  out_dir: string | null;
  tar_path: string | null;
  files_json: string;
  check_passed: number | null;
  failed_checks_json: string;
  left_out_json: string;
  counts_json: string;
  error: string | null;
  created_at: number;
  finished_at: number | null;
}

interface DeliverySqlRow {
  id: number;
  external_key: string;
  case_file_id: number;
  journalposttype: 'I' | 'U';
  status: ArchiveEntryStatus;
  handled_at: number | null;
  handled_by: string | null;
  handled_note: string | null;
  transport: ArchiveTransport | null;
  public_id: string;
  saksaar: number | null;
  sakssekvensnummer: number | null;
  title_public: string;
  last_error: string | null;
  updated_at: number;
}

const toExport = (r: ExportRow): ExportRecord => ({
  id: Number(r.id),
  kind: r.kind,
  arkivdel: r.arkivdel,
  from: r.range_from,
  to: r.range_to,
  pack: r.pack === 1,
  requestedBy: r.requested_by,
  state: r.state,
  phase: r.phase,
  done: Number(r.done),
  total: Number(r.total),
  outDir: r.out_dir,
  tarPath: r.tar_path,
  files: JSON.parse(r.files_json) as ExportRecord['files'],
  checkPassed: r.check_passed === null ? null : r.check_passed === 1,
  failedChecks: JSON.parse(r.failed_checks_json) as ExportRecord['failedChecks'],
  leftOut: JSON.parse(r.left_out_json) as ExportRecord['leftOut'],
  counts: JSON.parse(r.counts_json) as ExportRecord['counts'],
  error: r.error,
  createdAt: Number(r.created_at),
  finishedAt: r.finished_at === null ? null : Number(r.finished_at),
});

/** The patch's fields as columns, with how each is stored: only what the caller names is written. */
const PATCH: { [K in keyof Required<ExportPatch>]: [string, (v: Required<ExportPatch>[K]) => SqlValue] } = {
  state: ['state', (v) => v],
  phase: ['phase', (v) => v],
  done: ['done', (v) => v],
  total: ['total', (v) => v],
  outDir: ['out_dir', (v) => v],
  tarPath: ['tar_path', (v) => v],
  files: ['files_json', (v) => JSON.stringify(v)],
  checkPassed: ['check_passed', (v) => (v === null ? null : v ? 1 : 0)],
  failedChecks: ['failed_checks_json', (v) => JSON.stringify(v)],
  leftOut: ['left_out_json', (v) => JSON.stringify(v)],
  counts: ['counts_json', (v) => JSON.stringify(v)],
  error: ['error', (v) => v],
  finishedAt: ['finished_at', (v) => v],
};

const toDelivery = (r: DeliverySqlRow): DeliveryRow => ({
  entryId: Number(r.id),
  entryKey: r.external_key,
  caseFileId: Number(r.case_file_id),
  journalposttype: r.journalposttype,
  status: r.status,
  handled: r.handled_at === null ? null : { by: r.handled_by ?? '', note: r.handled_note ?? '', at: Number(r.handled_at) },
  transport: r.transport,
  publicId: r.public_id,
  saksaar: r.saksaar,
  sakssekvensnummer: r.sakssekvensnummer,
  titlePublic: r.title_public,
  lastError: r.last_error,
  updatedAt: Number(r.updated_at),
});

const DELIVERY_FROM = `
  SELECT e.id, e.external_key, e.case_file_id, e.journalposttype, e.status, e.handled_at, e.handled_by, e.handled_note, e.transport,
    s.public_id, f.saksaar, f.sakssekvensnummer, e.title_public, e.last_error, e.updated_at
  FROM archive_entries e JOIN archive_case_files f ON f.id = e.case_file_id JOIN submissions s ON s.id = e.submission_id`;

/** Failed and not handled: what the archivist must look at first. */
const NEEDS_ACTION = "(e.status = 'failed' AND e.handled_at IS NULL)";

/** The archivist's desk (#16): export runs, and the deliveries to the archive with the archivist's own fixes. */
export function createArchivistRepo(sql: SqlClient, uow: UnitOfWork): ArchivistStore {
  const one = async (id: number) => {
    const r = await sql.get<ExportRow>('SELECT * FROM archive_exports WHERE id = ?', [id]);
    return r ? toExport(r) : undefined;
  };

  return {
    async insertExport(r, now) {
      const row = await sql.get<{ id: number }>(
        `INSERT INTO archive_exports (kind, arkivdel, range_from, range_to, pack, requested_by, state, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?) RETURNING id`,
        [r.kind, r.arkivdel, r.from, r.to, r.pack ? 1 : 0, r.requestedBy, now, now],
      );
      return Number(row!.id);
    },
    async updateExport(id, patch, now) {
      const set = ['updated_at = @now'];
      const params: Record<string, SqlValue> = { now, id };
      for (const [field, [column, store]] of Object.entries(PATCH) as [keyof ExportPatch, [string, (v: unknown) => SqlValue]][]) {
        if (!(field in patch) || patch[field] === undefined) continue;
        set.push(`${column} = @${field}`);
        params[field] = store(patch[field]);
      }
      await sql.run(`UPDATE archive_exports SET ${set.join(', ')} WHERE id = @id`, params);
    },
    async claimExport(id, now, staleBefore) {
      // one statement each, so two processes on the same store cannot both take it
      if ((await sql.run("UPDATE archive_exports SET state = 'running', updated_at = ? WHERE id = ? AND state = 'queued'", [now, id])).changes) return 'started';
      const stale = await sql.run("UPDATE archive_exports SET updated_at = ? WHERE id = ? AND state = 'running' AND updated_at < ?", [now, id, staleBefore]);
      return stale.changes ? 'restarted' : null;
    },
    exportById: one,
    exports: async (limit) => (await sql.all<ExportRow>('SELECT * FROM archive_exports ORDER BY id DESC LIMIT ?', [limit])).map(toExport),

    async deliveryCounts() {
      const rows = await sql.all<{ transport: ArchiveTransport | null; status: ArchiveEntryStatus | 'handled'; n: number }>(
        `SELECT transport, CASE WHEN handled_at IS NOT NULL THEN 'handled' ELSE status END AS status, count(*) AS n
         FROM archive_entries GROUP BY transport, CASE WHEN handled_at IS NOT NULL THEN 'handled' ELSE status END`,
      );
      return rows
        .map((r) => ({ transport: r.transport, status: r.status, count: Number(r.n) }))
        .sort((a, b) => (a.transport ?? '').localeCompare(b.transport ?? '') || a.status.localeCompare(b.status));
    },

    async deliveries(filter) {
      const where: string[] = [];
      const params: SqlValue[] = [];
      if (filter.status === 'handled') where.push('e.handled_at IS NOT NULL');
      else if (filter.status) {
        where.push('e.status = ? AND e.handled_at IS NULL');
        params.push(filter.status);
      }
      if (filter.transport) {
        where.push('e.transport = ?');
        params.push(filter.transport);
      }
      const clause = where.length ? ` WHERE ${where.join(' AND ')}` : '';
      const rows = await sql.all<DeliverySqlRow>(
        `${DELIVERY_FROM}${clause}
         ORDER BY CASE WHEN ${NEEDS_ACTION} THEN 0 ELSE 1 END,
           CASE WHEN ${NEEDS_ACTION} THEN e.updated_at ELSE -e.updated_at END, e.id
         LIMIT ?`,
        [...params, filter.limit],
      );
      const total = await sql.get<{ n: number }>(`SELECT count(*) AS n FROM archive_entries e${clause}`, params);
      return { rows: rows.map(toDelivery), total: Number(total?.n ?? 0) };
    },
    async deliveryByKey(entryKey) {
      const r = await sql.get<DeliverySqlRow>(`${DELIVERY_FROM} WHERE e.external_key = ?`, [entryKey]);
      return r ? toDelivery(r) : undefined;
    },

    async markHandled(entryId, by, note, at) {
      // an archived entry needs no fix by hand; the mark is for what the archive did not take
      await sql.run("UPDATE archive_entries SET handled_at = ?, handled_by = ?, handled_note = ?, updated_at = ? WHERE id = ? AND status <> 'archived'", [
        at, by, note, at, entryId,
      ]);
    },
    async resetEntryToPending(entryId, at) {
      // last_error is kept: the list shows why the last try failed until the next try ends (the archive service clears it then);
      // a handled mark goes, since the archivist now asks for a delivery after all
      await sql.run(
        "UPDATE archive_entries SET status = 'pending', handled_at = NULL, handled_by = NULL, handled_note = NULL, updated_at = ? WHERE id = ? AND status = 'failed'",
        [at, entryId],
      );
    },
    forgetCaseFile: (caseFileId, at) =>
      uow.run(async () => {
        const keys = (await sql.all<{ external_key: string }>('SELECT external_key FROM archive_entries WHERE case_file_id = ? ORDER BY id', [caseFileId])).map(
          (r) => r.external_key,
        );
        // 0030: archived_at and saksaar are NULL together; the desk trigger of 0100 drops the case number from the search
        await sql.run(
          'UPDATE archive_case_files SET transport = NULL, archive_system_id = NULL, saksaar = NULL, sakssekvensnummer = NULL, archived_at = NULL WHERE id = ?',
          [caseFileId],
        );
        // 0030: status 'archived' if and only if journalpostnummer is set, so both go together
        await sql.run(
          `UPDATE archive_entries SET status = 'pending', transport = NULL, receipt_ref = NULL, archive_system_id = NULL, journalaar = NULL,
             journalsekvensnummer = NULL, journalpostnummer = NULL, archived_at = NULL, last_error = NULL,
             handled_at = NULL, handled_by = NULL, handled_note = NULL, updated_at = ?
           WHERE case_file_id = ?`,
          [at, caseFileId],
        );
        await sql.run('UPDATE archive_documents SET archive_system_id = NULL WHERE entry_id IN (SELECT id FROM archive_entries WHERE case_file_id = ?)', [caseFileId]);
        return keys;
      }),
  };
}
