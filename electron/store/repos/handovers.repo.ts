import type { HandoverPatch, HandoverStatus, HandoverStore, StoredHandover } from '../../core/ports/handover-store.port';
import { dialectOf } from '../sql/dialect';
import type { SqlClient } from '../sql/sql-client';

interface Row {
  id: number;
  submission_id: number;
  target: string;
  handover_key: string;
  mode: StoredHandover['mode'];
  status: HandoverStatus;
  after: StoredHandover['after'];
  reference: string | null;
  receipt_token: string | null;
  mapping_version: number | null;
  last_error: string | null;
  done_by: string | null;
  created_at: number;
  updated_at: number;
  delivered_at: number | null;
}

const COLUMNS =
  'id, submission_id, target, handover_key, mode, status, after, reference, receipt_token, mapping_version, last_error, done_by, created_at, updated_at, delivered_at';

const toHandover = (r: Row): StoredHandover => ({
  id: r.id,
  submissionId: r.submission_id,
  target: r.target,
  key: r.handover_key,
  mode: r.mode,
  status: r.status,
  after: r.after,
  reference: r.reference,
  receiptToken: r.receipt_token,
  mappingVersion: r.mapping_version,
  lastError: r.last_error,
  doneBy: r.done_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  deliveredAt: r.delivered_at,
});

/** The patch's fields as columns: only what the caller names is written. */
const PATCH_COLUMNS: Record<keyof HandoverPatch, string> = {
  status: 'status',
  mode: 'mode',
  reference: 'reference',
  receiptToken: 'receipt_token',
  mappingVersion: 'mapping_version',
  lastError: 'last_error',
  doneBy: 'done_by',
  deliveredAt: 'delivered_at',
};

/** The hand-overs to internal systems (#15), one row per application and target. */
export function createHandoversRepo(sql: SqlClient): HandoverStore {
  const d = dialectOf(sql);
  const one = async (where: string, params: (string | number)[], suffix = '') => {
    const r = await sql.get<Row>(`SELECT ${COLUMNS} FROM handovers WHERE ${where}${suffix}`, params);
    return r ? toHandover(r) : undefined;
  };
  return {
    async insert(h, now) {
      // a second trigger for the same application and target (a replayed hook) keeps the first row and its key
      await sql.run(
        `INSERT INTO handovers (submission_id, target, handover_key, mode, status, after, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (submission_id, target) DO NOTHING`,
        [h.submissionId, h.target, h.key, h.mode, h.status, h.after, now, now],
      );
      return (await one('submission_id = ? AND target = ?', [h.submissionId, h.target]))!;
    },
    byKey: (key) => one('handover_key = ?', [key]),
    get: (submissionId, target) => one('submission_id = ? AND target = ?', [submissionId, target]),
    forSubmission: async (submissionId) => (await sql.all<Row>(`SELECT ${COLUMNS} FROM handovers WHERE submission_id = ? ORDER BY id`, [submissionId])).map(toHandover),
    // SQLite's write transaction admits one writer already
    lock: (key) => one('handover_key = ?', [key], d.pg ? ' FOR UPDATE' : ''),
    async update(key, patch, now) {
      const set: string[] = ['updated_at = @now'];
      const params: Record<string, string | number | null> = { now, key };
      for (const [field, column] of Object.entries(PATCH_COLUMNS) as [keyof HandoverPatch, string][]) {
        if (!(field in patch)) continue;
        set.push(`${column} = @${field}`);
        params[field] = patch[field] ?? null;
      }
      await sql.run(`UPDATE handovers SET ${set.join(', ')} WHERE handover_key = @key`, params);
    },
    withStatus: async (statuses, limit) =>
      (await sql.all<Row>(`SELECT ${COLUMNS} FROM handovers WHERE status IN ${d.jsonList('?')} ORDER BY id LIMIT ?`, [JSON.stringify(statuses), limit])).map(toHandover),
    counts: async () => sql.all<{ target: string; status: HandoverStatus; count: number }>('SELECT target, status, count(*) AS count FROM handovers GROUP BY target, status ORDER BY target, status'),
  };
}
