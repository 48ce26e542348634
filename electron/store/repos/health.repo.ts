import type { HealthRecord, QueueFacts } from '../../core/operations/health.policy';
import type { UnitOfWork } from '../../core/ports/unit-of-work.port';
import { dialectOf } from '../sql/dialect';
import type { SqlClient } from '../sql/sql-client';

interface HealthRow {
  integration: string;
  last_success_at: number | string | null;
  last_failure_at: number | string | null;
  last_error: string | null;
  last_error_kind: string | null;
  failing_since: number | string | null;
  successes: number | string;
  failures: number | string;
}

// 64-bit columns and aggregates come back as strings from PostgreSQL
const num = (v: number | string | bigint): number => Number(v);
const numOrNull = (v: number | string | bigint | null): number | null => (v === null ? null : Number(v));

const toRecord = (r: HealthRow): HealthRecord => ({
  integration: r.integration,
  lastSuccessAt: numOrNull(r.last_success_at),
  lastFailureAt: numOrNull(r.last_failure_at),
  lastError: r.last_error,
  lastErrorKind: r.last_error_kind,
  failingSince: numOrNull(r.failing_since),
  successes: num(r.successes),
  failures: num(r.failures),
});

/** The open jobs of one integration by status; `dead` counts only those nobody has abandoned. */
export interface QueueByStatus {
  integration: string;
  queued: number;
  running: number;
  dead: number;
  /** The oldest queued or running job's creation time. */
  oldestWaitingAt: number | null;
  /** The next retry of a job that failed and waits out its backoff (null when none does; polls not counted). */
  nextRetryAt: number | null;
}

/**
 * Integration health (#17 item 3): what each integration's job runs came to, and the queue per
 * integration read off `jobs`. Runs finish out of order with several loops or nodes: an outcome
 * older than what is recorded never moves the last success or failure back, and a success clears
 * "failing since" only when it is not older than the failure that started it.
 */
export function createHealthRepo(sql: SqlClient, _uow: UnitOfWork) {
  const d = dialectOf(sql);
  const later = (col: string) => d.greatest(`COALESCE(integration_health.${col}, 0)`, `excluded.${col}`);
  return {
    async recordSuccess(integration: string, at: number): Promise<void> {
      await sql.run(
        `INSERT INTO integration_health (integration, last_success_at, successes, updated_at) VALUES (?, ?, 1, ?)
         ON CONFLICT (integration) DO UPDATE SET
           last_success_at = ${later('last_success_at')},
           failing_since = CASE WHEN integration_health.failing_since > excluded.last_success_at THEN integration_health.failing_since ELSE NULL END,
           successes = integration_health.successes + 1,
           updated_at = excluded.updated_at`,
        [integration, at, at],
      );
    },
    /** `message` must already be redacted: it is shown to IT as it is stored. */
    async recordFailure(integration: string, at: number, error: { kind: string; message: string }): Promise<void> {
      await sql.run(
        `INSERT INTO integration_health (integration, last_failure_at, last_error, last_error_kind, failing_since, failures, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?)
         ON CONFLICT (integration) DO UPDATE SET
           last_error = CASE WHEN excluded.last_failure_at >= COALESCE(integration_health.last_failure_at, 0) THEN excluded.last_error ELSE integration_health.last_error END,
           last_error_kind = CASE WHEN excluded.last_failure_at >= COALESCE(integration_health.last_failure_at, 0) THEN excluded.last_error_kind ELSE integration_health.last_error_kind END,
           last_failure_at = ${later('last_failure_at')},
           failing_since = CASE
             WHEN integration_health.failing_since IS NOT NULL THEN integration_health.failing_since
             WHEN excluded.failing_since >= COALESCE(integration_health.last_success_at, 0) THEN excluded.failing_since
             ELSE NULL END,
           failures = integration_health.failures + 1,
           updated_at = excluded.updated_at`,
        [integration, at, error.message, error.kind, at, at],
      );
    },
    async all(): Promise<HealthRecord[]> {
      return (await sql.all<HealthRow>('SELECT * FROM integration_health ORDER BY integration')).map(toRecord);
    },
    /**
     * Open jobs per integration and status (done jobs are not read: the status index, jobs_due, leaves
     * them out). Jobs of the `polling` types count in the depth but not as waiting: they wait for the
     * other side by design.
     */
    async queue(polling: readonly string[] = []): Promise<QueueByStatus[]> {
      const notPolling = polling.length ? `type NOT IN (${polling.map(() => '?').join(', ')})` : '1 = 1';
      const rows = await sql.all<{ integration: string; status: string; abandoned: number | string; n: number | string; since: number | string | null; retry_at: number | string | null }>(
        `SELECT integration, status, abandoned, count(*) AS n, min(CASE WHEN ${notPolling} THEN created_at END) AS since,
           min(CASE WHEN status = 'queued' AND last_error IS NOT NULL AND ${notPolling} THEN run_after END) AS retry_at FROM jobs
         WHERE status IN ('queued', 'running', 'dead') AND integration IS NOT NULL
         GROUP BY integration, status, abandoned ORDER BY integration`,
        [...polling, ...polling],
      );
      const out = new Map<string, QueueByStatus>();
      for (const r of rows) {
        const q = out.get(r.integration) ?? { integration: r.integration, queued: 0, running: 0, dead: 0, oldestWaitingAt: null, nextRetryAt: null };
        out.set(r.integration, q);
        const n = num(r.n);
        if (r.status === 'dead') {
          if (num(r.abandoned) === 0) q.dead += n;
          continue;
        }
        if (r.status === 'queued') q.queued += n;
        else q.running += n;
        const since = numOrNull(r.since);
        if (since !== null) q.oldestWaitingAt = q.oldestWaitingAt === null ? since : Math.min(q.oldestWaitingAt, since);
        const retry = numOrNull(r.retry_at);
        if (retry !== null) q.nextRetryAt = q.nextRetryAt === null ? retry : Math.min(q.nextRetryAt, retry);
      }
      return [...out.values()];
    },
  };
}

export type HealthRepo = ReturnType<typeof createHealthRepo>;

/** The queue as the health policy reads it: depth (queued and running) and the oldest waiting job. */
export const queueFacts = (q: QueueByStatus): QueueFacts => ({ integration: q.integration, queueDepth: q.queued + q.running, oldestWaitingAt: q.oldestWaitingAt });
