import type { IntegrationHealth } from '../ports/health.port';

/**
 * Health (#17 item 3): the state of one integration, and the overall state in the header, from
 * facts the hub records (last success and failure, failing since) and reads off the queue (pause,
 * queue depth, oldest waiting job). Pure: the caller passes `now`.
 *
 * The rules, worst first:
 * - **nede** — the integration is paused (it answered rate-limited: nothing goes to it until the
 *   pause ends), or every attempt has failed for at least `downAfterFailingMs` (default 15 min);
 * - **degradert** — the last attempt failed (a failure not yet that old), or work has waited at
 *   least `degradedAfterWaitingMs` (default 30 min: jobs are not getting through, even without a failure);
 * - **ok** — the last attempt succeeded, or there is work in the queue that has not waited long;
 * - **ukjent** — never used: no attempt recorded and nothing waiting.
 *
 * Overall: the worst state of the integrations; `ukjent` ones do not count, so an integration that is
 * configured but never used does not drag the header down, and with none used the state is ok.
 */
export interface HealthThresholds {
  /** Failing for at least this long: nede. */
  downAfterFailingMs: number;
  /** The oldest waiting job at least this old: degradert. */
  degradedAfterWaitingMs: number;
}

export const DEFAULT_HEALTH_THRESHOLDS: HealthThresholds = {
  downAfterFailingMs: 15 * 60_000,
  degradedAfterWaitingMs: 30 * 60_000,
};

export type IntegrationState = IntegrationHealth['state'];
export type OverallState = Exclude<IntegrationState, 'ukjent'>;

/** What the hub recorded from job outcomes, per integration. */
export interface HealthRecord {
  integration: string;
  lastSuccessAt: number | null;
  lastFailureAt: number | null;
  lastError: string | null;
  lastErrorKind: string | null;
  failingSince: number | null;
  successes: number;
  failures: number;
}

/** The queue as it stands, per integration: jobs not done (queued or running), and since when the oldest waits. */
export interface QueueFacts {
  integration: string;
  queueDepth: number;
  oldestWaitingAt: number | null;
}

export interface PauseFacts {
  integration: string;
  until: number;
}

type Facts = Omit<IntegrationHealth, 'state'>;

/** The state of one integration now (see the rules above). */
export function integrationState(f: Facts, now: number, t: HealthThresholds = DEFAULT_HEALTH_THRESHOLDS): IntegrationState {
  if (f.pausedUntil !== null && f.pausedUntil > now) return 'nede';
  if (f.failingSince !== null && now - f.failingSince >= t.downAfterFailingMs) return 'nede';
  if (f.failingSince !== null) return 'degradert';
  if (f.oldestWaitingAt !== null && now - f.oldestWaitingAt >= t.degradedAfterWaitingMs) return 'degradert';
  if (f.lastSuccessAt !== null || f.lastFailureAt !== null || f.queueDepth > 0) return 'ok';
  return 'ukjent';
}

const RANK: Record<OverallState, number> = { ok: 0, degradert: 1, nede: 2 };

/** The worst known state; integrations never used do not count. */
export function overallState(list: readonly Pick<IntegrationHealth, 'state'>[]): OverallState {
  let worst: OverallState = 'ok';
  for (const { state } of list) if (state !== 'ukjent' && RANK[state] > RANK[worst]) worst = state;
  return worst;
}

/**
 * Every integration that has a record, waiting work or a pause, with its facts and state, sorted by
 * name. A pause that has ended is not shown.
 */
export function integrationHealth(
  input: { records: readonly HealthRecord[]; queue: readonly QueueFacts[]; pauses: readonly PauseFacts[] },
  now: number,
  t: HealthThresholds = DEFAULT_HEALTH_THRESHOLDS,
): IntegrationHealth[] {
  const names = new Set([...input.records.map((r) => r.integration), ...input.queue.map((q) => q.integration), ...input.pauses.map((p) => p.integration)]);
  return [...names].sort().map((integration) => {
    const r = input.records.find((x) => x.integration === integration);
    const q = input.queue.find((x) => x.integration === integration);
    const p = input.pauses.find((x) => x.integration === integration && x.until > now);
    const facts: Facts = {
      integration,
      lastSuccessAt: r?.lastSuccessAt ?? null,
      lastFailureAt: r?.lastFailureAt ?? null,
      lastError: r?.lastError ?? null,
      lastErrorKind: r?.lastErrorKind ?? null,
      failingSince: r?.failingSince ?? null,
      pausedUntil: p?.until ?? null,
      queueDepth: q?.queueDepth ?? 0,
      oldestWaitingAt: q?.oldestWaitingAt ?? null,
      successes: r?.successes ?? 0,
      failures: r?.failures ?? 0,
    };
    return { ...facts, state: integrationState(facts, now, t) };
  });
}
