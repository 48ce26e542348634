import type { IntegrationPause, JobCase, JobCaseRef, JobCounts, JobRecord, JobStatus, JobStore, NewJob } from '../../core/ports/job-store.port';
import { dialectOf, type Dialect } from '../sql/dialect';
import { JOBS_CHANNEL } from '../pg-notify';
import type { SqlClient, SqlValue } from '../sql/sql-client';

interface JobRow {
  id: number;
  type: string;
  payload: string;
  idempotency_key: string;
  integration: string | null;
  status: JobStatus;
  attempts: number;
  max_attempts: number;
  run_after: number;
  last_error: string | null;
  last_error_kind: string | null;
  abandoned: number;
  created_at: number;
  updated_at: number;
  lease_owner: string | null;
  lease_until: number | null;
}

// aggregates and 64-bit columns may come back as strings from PostgreSQL; the domain wants numbers
const num = (v: number | string | bigint): number => Number(v);
const numOrNull = (v: number | string | bigint | null): number | null => (v === null ? null : Number(v));

const toRecord = (r: JobRow): JobRecord => ({
  id: num(r.id),
  type: r.type,
  payload: r.payload,
  idempotencyKey: r.idempotency_key,
  integration: r.integration,
  status: r.status,
  attempts: num(r.attempts),
  maxAttempts: num(r.max_attempts),
  runAfter: num(r.run_after),
  lastError: r.last_error,
  lastErrorKind: r.last_error_kind,
  abandoned: num(r.abandoned) === 1,
  createdAt: num(r.created_at),
  updatedAt: num(r.updated_at),
  leaseOwner: r.lease_owner,
  leaseUntil: numOrNull(r.lease_until),
});

/** `?, ?, …` for a list bound one positional parameter per member. */
const placeholders = (list: readonly unknown[]) => list.map(() => '?').join(', ');

/** `%text%` for LIKE with the user's own % and _ taken literally (ESCAPE '\'). */
const likeContaining = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The Jobber screen's search (#14), in the query so it reaches past the rows shown: the job number,
 * the technical type, the types whose name in the user's language matches (`types`: the hub does not
 * know the UI's words), and the case the job concerns by its case number or public title, never by a
 * person (the Jobber screen is IT's). The matching cases are found first (`search_cases`, few), then
 * the jobs whose payload names one of them by the keys `jobCaseRef` reads (electron/app/views/job.view.ts):
 * set look-ups per job, no join per job (which cost 1.5 s on PostgreSQL at 100,000 jobs). Lower-cased
 * here as well as in SQL because SQLite's lower() folds ASCII only.
 */
function searchTerm(d: Dialect, text: string, types: readonly string[]): { cte: string; cteParams: SqlValue[]; join: string; clause: string; params: SqlValue[] } | undefined {
  const words = text.trim().toLocaleLowerCase();
  if (words === '') return undefined;
  const like = likeContaining(words);
  const caseNumber = `CAST(f.saksaar AS TEXT) || '/' || CAST(f.sakssekvensnummer AS TEXT)`;
  const cte = `search_cases (id) AS (
      SELECT s.id FROM submissions s WHERE lower(COALESCE(s.title_public, '')) LIKE ? ESCAPE '\\' OR lower(s.public_id) LIKE ? ESCAPE '\\'
      UNION SELECT e.submission_id FROM archive_entries e JOIN archive_case_files f ON f.id = e.case_file_id
        WHERE e.journalposttype = 'I' AND f.saksaar IS NOT NULL AND ${caseNumber} LIKE ? ESCAPE '\\')`;
  // title, public id (a prefix: the screen shows its first characters), case number
  const cteParams: SqlValue[] = [like, like.slice(1), like];
  // PostgreSQL parses the payload once per job (the lateral p; OFFSET 0 keeps the planner from copying the cast into each
  // key's test, which parsed it five times: 377 → 146 ms at 100,000 jobs)
  const join = d.pg ? 'CROSS JOIN LATERAL (SELECT CAST(jobs.payload AS jsonb) AS p OFFSET 0) AS j' : '';
  const field = (key: string) => (d.pg ? `(j.p ->> '${key}')` : `json_extract(jobs.payload, '$.${key}')`);
  const ofCases = (column: string, table: string) => `SELECT ${column} FROM ${table} WHERE submission_id IN (SELECT id FROM search_cases)`;
  const byPayload = [
    d.pg ? `${field('submissionId')} IN (SELECT CAST(id AS TEXT) FROM search_cases)` : `${field('submissionId')} IN (SELECT id FROM search_cases)`,
    `${field('entryKey')} IN (${ofCases('external_key', 'archive_entries')})`,
    `${field('replyKey')} IN (${ofCases('reply_key', 'replies')})`,
    `${field('key')} IN (${ofCases('handover_key', 'handovers')})`,
    `${field('source')} || ':' || ${field('sourceId')} IN (${ofCases(`source || ':' || source_id`, 'source_items')})`,
  ].join(' OR ');
  // a payload the runner did not write as JSON (none should exist) matches no case instead of failing the search (SQLite)
  const caseMatch = d.pg ? `(${byPayload})` : `(json_valid(jobs.payload) AND (${byPayload}))`;
  const terms = [`lower(jobs.type) LIKE ? ESCAPE '\\'`, caseMatch];
  const params: SqlValue[] = [like];
  if (types.length) {
    terms.push(`jobs.type IN (${placeholders(types)})`);
    params.push(...types);
  }
  // the job number as written on the screen ("nr. 42" or "42")
  const id = /^(?:nr\.?\s*)?#?(\d{1,15})$/.exec(words)?.[1];
  if (id !== undefined) {
    terms.push('jobs.id = ?');
    params.push(Number(id));
  }
  return { cte, cteParams, join, clause: `(${terms.join(' OR ')})`, params };
}

export function createJobsRepo(sql: SqlClient): JobStore {
  const d = dialectOf(sql);
  // several hub nodes claim at once on PostgreSQL: each skips the rows another is claiming instead of waiting for it
  const skipLocked = d.pg ? ' FOR UPDATE SKIP LOCKED' : '';
  const RELEASE = 'lease_owner = NULL, lease_until = NULL';

  const mustGet = (row: JobRow | undefined, id: number): JobRecord => {
    if (!row) throw new Error(`Job ${id} not found`);
    return toRecord(row);
  };
  const maybe = (row: JobRow | undefined): JobRecord | undefined => (row ? toRecord(row) : undefined);

  return {
    async enqueue(job: NewJob, now: number) {
      // one round trip when the key is new (the common case); the holder of the key is read only on a conflict
      const inserted = await sql.get<JobRow>(
        `INSERT INTO jobs (type, payload, idempotency_key, integration, status, max_attempts, run_after, created_at, updated_at)
         VALUES (?, ?, ?, ?, 'queued', ?, ?, ?, ?)
         ON CONFLICT (idempotency_key) DO NOTHING RETURNING *`,
        [job.type, job.payload, job.idempotencyKey, job.integration, job.maxAttempts, job.runAfter, now, now],
      );
      if (inserted) {
        // other nodes' sleeping loops wake at commit (LISTEN/NOTIFY; nothing is sent if the transaction rolls back)
        if (sql.dialect === 'postgres' && job.runAfter <= now) await sql.run('SELECT pg_notify(?, ?)', [JOBS_CHANNEL, '']);
        return { job: toRecord(inserted), created: true };
      }
      const row = await sql.get<JobRow>('SELECT * FROM jobs WHERE idempotency_key = ?', [job.idempotencyKey]);
      return { job: mustGet(row, -1), created: false };
    },
    async claimNext(now, types, lease) {
      if (types.length === 0) return undefined;
      // one statement, so two claimers never take the same job: the sub-select picks, the UPDATE takes
      const row = await sql.get<JobRow>(
        `UPDATE jobs SET status = 'running', attempts = attempts + 1, updated_at = ?, lease_owner = ?, lease_until = ?
         WHERE id = (
           SELECT id FROM jobs ${d.indexedBy('jobs_due')}
           WHERE status = 'queued' AND run_after <= ? AND type IN (${placeholders(types)})
             AND (integration IS NULL OR integration NOT IN (SELECT integration FROM integration_pauses WHERE until > ?))
           ORDER BY run_after, id LIMIT 1${skipLocked})
         RETURNING *`,
        [now, lease.owner, lease.until, now, ...types, now],
      );
      return maybe(row);
    },
    markDone: async (id, now) =>
      mustGet(
        await sql.get<JobRow>(`UPDATE jobs SET status = 'done', last_error = NULL, last_error_kind = NULL, ${RELEASE}, updated_at = ? WHERE id = ? RETURNING *`, [now, id]),
        id,
      ),
    reschedule: async (id, runAfter, error, now, countAttempt) =>
      mustGet(
        await sql.get<JobRow>(
          `UPDATE jobs SET status = 'queued', run_after = ?, last_error = ?, last_error_kind = ?, ${RELEASE}, updated_at = ?,
             attempts = attempts - (1 - ?) WHERE id = ? RETURNING *`,
          [runAfter, error.message, error.kind, now, countAttempt ? 1 : 0, id],
        ),
        id,
      ),
    markDead: async (id, error, now) =>
      mustGet(
        await sql.get<JobRow>(`UPDATE jobs SET status = 'dead', last_error = ?, last_error_kind = ?, ${RELEASE}, updated_at = ? WHERE id = ? RETURNING *`, [
          error.message,
          error.kind,
          now,
          id,
        ]),
        id,
      ),
    resetRunning: async (now, owner) =>
      owner === undefined
        ? (await sql.run(`UPDATE jobs SET status = 'queued', ${RELEASE}, updated_at = ? WHERE status = 'running'`, [now])).changes
        : (await sql.run(`UPDATE jobs SET status = 'queued', ${RELEASE}, updated_at = ? WHERE status = 'running' AND lease_owner = ?`, [now, owner])).changes,
    renewLeases: async (owner, until) =>
      (await sql.run(`UPDATE jobs SET lease_until = ? WHERE status = 'running' AND lease_owner = ?`, [until, owner])).changes,
    requeueExpired: async (now) =>
      (
        await sql.run(`UPDATE jobs SET status = 'queued', ${RELEASE}, updated_at = ? WHERE status = 'running' AND (lease_until IS NULL OR lease_until < ?)`, [
          now,
          now,
        ])
      ).changes,
    retryDead: async (id, now) =>
      maybe(
        await sql.get<JobRow>(
          `UPDATE jobs SET status = 'queued', attempts = 0, run_after = ?, abandoned = 0, updated_at = ?
           WHERE id = ? AND status = 'dead' RETURNING *`,
          [now, now, id],
        ),
      ),
    abandonDead: async (id, now) =>
      maybe(await sql.get<JobRow>(`UPDATE jobs SET abandoned = 1, updated_at = ? WHERE id = ? AND status = 'dead' RETURNING *`, [now, id])),
    get: async (id) => maybe(await sql.get<JobRow>('SELECT * FROM jobs WHERE id = ?', [id])),
    async list({ status, abandoned, integration, createdAfter, createdBefore, ids, q, qTypes, limit }) {
      const where: string[] = [];
      const params: SqlValue[] = [];
      const add = (clause: string, ...values: SqlValue[]) => {
        where.push(clause);
        params.push(...values);
      };
      if (status) add('status = ?', status);
      if (abandoned !== undefined) add('abandoned = ?', abandoned ? 1 : 0);
      if (integration) add('integration = ?', integration);
      if (createdAfter !== undefined) add('created_at >= ?', createdAfter);
      if (createdBefore !== undefined) add('created_at < ?', createdBefore);
      if (ids?.length) add(`id IN (${placeholders(ids)})`, ...ids);
      const search = q === undefined ? undefined : searchTerm(d, q, qTypes ?? []);
      if (search) add(search.clause, ...search.params);
      const rows = await sql.all<JobRow>(
        `${search ? `WITH ${search.cte} ` : ''}SELECT jobs.* FROM jobs ${search?.join ?? ''} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY updated_at DESC, id DESC LIMIT ?`,
        [...(search?.cteParams ?? []), ...params, limit],
      );
      return rows.map(toRecord);
    },
    async caseRefs(refs) {
      // each reference to the submission it belongs to (by its position in refs), one query per kind present
      const submissionOf: (number | undefined)[] = refs.map((r) => (r.kind === 'submission' ? r.id : undefined));
      const lookup = async (kind: JobCaseRef['kind'], keyOf: (r: JobCaseRef) => string, query: (ph: string) => string) => {
        const at = refs.map((r, i) => [r, i] as const).filter(([r]) => r.kind === kind);
        if (at.length === 0) return;
        const keys = [...new Set(at.map(([r]) => keyOf(r)))];
        const rows = await sql.all<{ k: string; submission_id: number }>(query(placeholders(keys)), keys);
        const ids = new Map(rows.map((r) => [r.k, num(r.submission_id)]));
        for (const [r, i] of at) submissionOf[i] = ids.get(keyOf(r));
      };
      const key = (r: JobCaseRef) => (r.kind === 'entry' || r.kind === 'reply' || r.kind === 'handover' ? r.key : '');
      await lookup('entry', key, (ph) => `SELECT external_key AS k, submission_id FROM archive_entries WHERE external_key IN (${ph})`);
      await lookup('reply', key, (ph) => `SELECT reply_key AS k, submission_id FROM replies WHERE reply_key IN (${ph})`);
      await lookup('handover', key, (ph) => `SELECT handover_key AS k, submission_id FROM handovers WHERE handover_key IN (${ph})`);
      // (source, source_id) pairs as row values, so the primary key is used: the concatenation scanned every item
      // (250 references at 100,000 items: 37 → 1 ms SQLite, 40 → 6 ms PostgreSQL)
      const sources = refs.map((r, i) => [r, i] as const).filter((e): e is readonly [Extract<JobCaseRef, { kind: 'source' }>, number] => e[0].kind === 'source');
      if (sources.length) {
        const pairs = [...new Map(sources.map(([r]) => [`${r.source}:${r.key}`, [r.source, r.key] as const])).values()];
        const rows = await sql.all<{ source: string; source_id: string; submission_id: number }>(
          `SELECT source, source_id, submission_id FROM source_items WHERE (source, source_id) IN (VALUES ${pairs.map(() => '(?, ?)').join(', ')})`,
          pairs.flat(),
        );
        const ids = new Map(rows.map((r) => [`${r.source}:${r.source_id}`, num(r.submission_id)]));
        for (const [r, i] of sources) submissionOf[i] = ids.get(`${r.source}:${r.key}`);
      }
      const submissionIds = [...new Set(submissionOf.filter((id): id is number => id !== undefined))];
      if (submissionIds.length === 0) return refs.map(() => null);
      // the public title (what the public journal may show) and the archive's case number: never the applicant's fødselsnummer
      const rows = await sql.all<{ id: number; public_id: string; title_public: string | null; case_number: string | null }>(
        `SELECT s.id, s.public_id, s.title_public,
           (SELECT CAST(f.saksaar AS TEXT) || '/' || CAST(f.sakssekvensnummer AS TEXT) FROM archive_entries e JOIN archive_case_files f ON f.id = e.case_file_id
             WHERE e.submission_id = s.id AND e.journalposttype = 'I' AND f.saksaar IS NOT NULL) AS case_number
         FROM submissions s WHERE s.id IN (${placeholders(submissionIds)})`,
        submissionIds,
      );
      const subs = new Map(rows.map((r): [number, JobCase] => [num(r.id), { publicId: r.public_id, caseNumber: r.case_number, title: r.title_public }]));
      return submissionOf.map((id) => (id === undefined ? null : (subs.get(id) ?? null)));
    },
    async waiting() {
      // outbound work not yet done, per integration: what the desk shows as "waiting to be sent"
      const rows = await sql.all<{ integration: string; n: number; since: number; failing: number; last_error: string | null }>(`
        SELECT integration, count(*) AS n, min(created_at) AS since,
          sum(CASE WHEN attempts > 0 AND last_error IS NOT NULL THEN 1 ELSE 0 END) AS failing,
          (SELECT last_error FROM jobs j2 WHERE j2.integration = jobs.integration AND j2.status IN ('queued', 'running') AND j2.last_error IS NOT NULL
            ORDER BY j2.updated_at DESC LIMIT 1) AS last_error
        FROM jobs WHERE status IN ('queued', 'running') AND integration IS NOT NULL GROUP BY integration ORDER BY integration`);
      return rows.map((r) => ({ integration: r.integration, count: num(r.n), since: num(r.since), failing: num(r.failing) > 0, lastError: r.last_error }));
    },
    async counts() {
      const c: JobCounts = { queued: 0, running: 0, done: 0, dead: 0, deadUnresolved: 0 };
      for (const r of await sql.all<{ status: JobStatus; abandoned: number; n: number }>('SELECT status, abandoned, count(*) AS n FROM jobs GROUP BY status, abandoned')) {
        c[r.status] += num(r.n);
        if (r.status === 'dead' && num(r.abandoned) === 0) c.deadUnresolved += num(r.n);
      }
      return c;
    },
    async nextRunAfter(types) {
      if (types.length === 0) return undefined;
      const r = await sql.get<{ t: number | null }>(`SELECT min(run_after) AS t FROM jobs WHERE status = 'queued' AND type IN (${placeholders(types)})`, [...types]);
      return r?.t == null ? undefined : num(r.t);
    },
    pause: async (p) =>
      void (await sql.run(
        `INSERT INTO integration_pauses (integration, until, reason) VALUES (?, ?, ?)
         ON CONFLICT (integration) DO UPDATE SET until = ${d.greatest('integration_pauses.until', 'excluded.until')}, reason = excluded.reason`,
        [p.integration, p.until, p.reason],
      )),
    activePauses: async (now) =>
      (await sql.all<IntegrationPause>('SELECT integration, until, reason FROM integration_pauses WHERE until > ? ORDER BY integration', [now])).map((p) => ({
        ...p,
        until: num(p.until),
      })),
    async pruneDone(before, types) {
      if (types.length === 0) return 0;
      return (await sql.run(`DELETE FROM jobs WHERE status = 'done' AND updated_at < ? AND type IN (${placeholders(types)})`, [before, ...types])).changes;
    },
  };
}
