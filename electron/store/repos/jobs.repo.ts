import type Database from 'better-sqlite3';
import type { IntegrationPause, JobCounts, JobRecord, JobStatus, JobStore, NewJob } from '../../core/ports/job-store.port';

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
}

const toRecord = (r: JobRow): JobRecord => ({
  id: r.id,
  type: r.type,
  payload: r.payload,
  idempotencyKey: r.idempotency_key,
  integration: r.integration,
  status: r.status,
  attempts: r.attempts,
  maxAttempts: r.max_attempts,
  runAfter: r.run_after,
  lastError: r.last_error,
  lastErrorKind: r.last_error_kind,
  abandoned: r.abandoned === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export function createJobsRepo(db: Database.Database): JobStore {
  const insert = db.prepare<[string, string, string, string | null, number, number, number, number]>(
    `INSERT INTO jobs (type, payload, idempotency_key, integration, status, max_attempts, run_after, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'queued', ?, ?, ?, ?)
     ON CONFLICT (idempotency_key) DO NOTHING`,
  );
  const byKey = db.prepare<[string], JobRow>('SELECT * FROM jobs WHERE idempotency_key = ?');
  const byId = db.prepare<[number], JobRow>('SELECT * FROM jobs WHERE id = ?');
  const activePauses = db.prepare<[number], IntegrationPause>(
    'SELECT integration, until, reason FROM integration_pauses WHERE until > ? ORDER BY integration',
  );
  const upsertPause = db.prepare<[string, number, string]>(
    `INSERT INTO integration_pauses (integration, until, reason) VALUES (?, ?, ?)
     ON CONFLICT (integration) DO UPDATE SET until = max(until, excluded.until), reason = excluded.reason`,
  );
  const resetRunning = db.prepare<[number]>(`UPDATE jobs SET status = 'queued', updated_at = ? WHERE status = 'running'`);
  // outbound work not yet done, per integration: what the desk shows as "waiting to be sent"
  const waiting = db.prepare<[], { integration: string; n: number; since: number; failing: number; last_error: string | null }>(`
    SELECT integration, count(*) AS n, min(created_at) AS since, sum(attempts > 0 AND last_error IS NOT NULL) AS failing,
      (SELECT last_error FROM jobs j2 WHERE j2.integration = jobs.integration AND j2.status IN ('queued', 'running') AND j2.last_error IS NOT NULL ORDER BY updated_at DESC LIMIT 1) AS last_error
    FROM jobs WHERE status IN ('queued', 'running') AND integration IS NOT NULL GROUP BY integration ORDER BY integration`);
  const counts = db.prepare<[], { status: JobStatus; abandoned: number; n: number }>(
    'SELECT status, abandoned, count(*) AS n FROM jobs GROUP BY status, abandoned',
  );
  const finish = db.prepare<[number, number], JobRow>(
    `UPDATE jobs SET status = 'done', last_error = NULL, last_error_kind = NULL, updated_at = ? WHERE id = ? RETURNING *`,
  );
  const resched = db.prepare<[number, string, string, number, number, number], JobRow>(
    `UPDATE jobs SET status = 'queued', run_after = ?, last_error = ?, last_error_kind = ?, updated_at = ?,
       attempts = attempts - (1 - ?) WHERE id = ? RETURNING *`,
  );
  const dead = db.prepare<[string, string, number, number], JobRow>(
    `UPDATE jobs SET status = 'dead', last_error = ?, last_error_kind = ?, updated_at = ? WHERE id = ? RETURNING *`,
  );
  const retry = db.prepare<[number, number, number], JobRow>(
    `UPDATE jobs SET status = 'queued', attempts = 0, run_after = ?, abandoned = 0, updated_at = ?
     WHERE id = ? AND status = 'dead' RETURNING *`,
  );
  const abandon = db.prepare<[number, number], JobRow>(
    `UPDATE jobs SET abandoned = 1, updated_at = ? WHERE id = ? AND status = 'dead' RETURNING *`,
  );

  // The type list is small and fixed per runner; statements are cached per list.
  const claimCache = new Map<string, Database.Statement<unknown[], JobRow>>();
  const claimStatement = (types: readonly string[]) => {
    const key = types.join('\u0000');
    let st = claimCache.get(key);
    if (!st) {
      const placeholders = types.map((_, i) => `@t${i}`).join(', ');
      st = db.prepare<unknown[], JobRow>(
        `UPDATE jobs SET status = 'running', attempts = attempts + 1, updated_at = @now
         WHERE id = (
           SELECT id FROM jobs INDEXED BY jobs_due
           WHERE status = 'queued' AND run_after <= @now AND type IN (${placeholders})
             AND (integration IS NULL OR integration NOT IN (SELECT integration FROM integration_pauses WHERE until > @now))
           ORDER BY run_after, id LIMIT 1)
         RETURNING *`,
      );
      claimCache.set(key, st);
    }
    return st;
  };
  const nextCache = new Map<string, Database.Statement<unknown[], { t: number | null }>>();

  const mustGet = (row: JobRow | undefined, id: number): JobRecord => {
    if (!row) throw new Error(`Job ${id} not found`);
    return toRecord(row);
  };

  return {
    enqueue(job: NewJob, now: number) {
      const info = insert.run(job.type, job.payload, job.idempotencyKey, job.integration, job.maxAttempts, job.runAfter, now, now);
      const row = byKey.get(job.idempotencyKey);
      return { job: mustGet(row, -1), created: info.changes === 1 };
    },
    claimNext(now, types) {
      if (types.length === 0) return undefined;
      const named: Record<string, unknown> = { now };
      types.forEach((t, i) => (named[`t${i}`] = t));
      const row = claimStatement(types).get(named);
      return row ? toRecord(row) : undefined;
    },
    markDone: (id, now) => mustGet(finish.get(now, id), id),
    reschedule: (id, runAfter, error, now, countAttempt) =>
      mustGet(resched.get(runAfter, error.message, error.kind, now, countAttempt ? 1 : 0, id), id),
    markDead: (id, error, now) => mustGet(dead.get(error.message, error.kind, now, id), id),
    resetRunning: (now) => resetRunning.run(now).changes,
    retryDead(id, now) {
      const row = retry.get(now, now, id);
      return row ? toRecord(row) : undefined;
    },
    abandonDead(id, now) {
      const row = abandon.get(now, id);
      return row ? toRecord(row) : undefined;
    },
    get(id) {
      const row = byId.get(id);
      return row ? toRecord(row) : undefined;
    },
    list({ status, limit }) {
      const rows = status
        ? db.prepare<[string, number], JobRow>('SELECT * FROM jobs WHERE status = ? ORDER BY updated_at DESC, id DESC LIMIT ?').all(status, limit)
        : db.prepare<[number], JobRow>('SELECT * FROM jobs ORDER BY updated_at DESC, id DESC LIMIT ?').all(limit);
      return rows.map(toRecord);
    },
    waiting() {
      return waiting.all().map((r) => ({ integration: r.integration, count: r.n, since: r.since, failing: r.failing > 0, lastError: r.last_error }));
    },
    counts() {
      const c: JobCounts = { queued: 0, running: 0, done: 0, dead: 0, deadUnresolved: 0 };
      for (const r of counts.all()) {
        c[r.status] += r.n;
        if (r.status === 'dead' && r.abandoned === 0) c.deadUnresolved += r.n;
      }
      return c;
    },
    nextRunAfter(types) {
      if (types.length === 0) return undefined;
      const key = types.join('\u0000');
      let st = nextCache.get(key);
      if (!st) {
        st = db.prepare<unknown[], { t: number | null }>(
          `SELECT min(run_after) AS t FROM jobs WHERE status = 'queued' AND type IN (${types.map(() => '?').join(', ')})`,
        );
        nextCache.set(key, st);
      }
      return st.get(...types)?.t ?? undefined;
    },
    pause: (p) => void upsertPause.run(p.integration, p.until, p.reason),
    activePauses: (now) => activePauses.all(now),
    pruneDone(before, types) {
      if (types.length === 0) return 0;
      const placeholders = types.map(() => '?').join(', ');
      return db.prepare(`DELETE FROM jobs WHERE status = 'done' AND updated_at < ? AND type IN (${placeholders})`).run(before, ...types).changes;
    },
  };
}
