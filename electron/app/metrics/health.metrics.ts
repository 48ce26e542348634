import { Counter, Gauge, Registry } from 'prom-client';
import type { IntegrationHealth } from '../../core/ports/health.port';
import type { OverallState } from '../../core/operations/health.policy';
import type { QueueByStatus } from '../../store/repos/health.repo';

const STATES = ['ok', 'degradert', 'nede', 'ukjent'] as const;
const OVERALL: readonly OverallState[] = ['ok', 'degradert', 'nede'];

/** What the gauges show at a scrape, read from the store just before. */
export interface MetricsSnapshot {
  now: number;
  overall: OverallState;
  integrations: readonly IntegrationHealth[];
  queue: readonly QueueByStatus[];
}

/**
 * The hub's Prometheus metrics (#17 item 3), in a registry of its own (not prom-client's global one,
 * so two hubs in one process, as in the tests, never share or clash). The run counters count this
 * process's runs, as Prometheus counters do (they restart at zero with the process); the gauges are
 * read from the store at each scrape, so every node on a shared store reports the same queue.
 */
export function createHealthMetrics(o: { version: string; host: string }) {
  const registry = new Registry();
  const requests = new Counter({
    name: 'postmottak_integration_requests_total',
    help: 'Job runs against an integration since this process started, by outcome (success, failure).',
    labelNames: ['integration', 'outcome'] as const,
    registers: [registry],
  });
  const queueDepth = new Gauge({
    name: 'postmottak_queue_depth',
    help: 'Jobs of an integration not yet done, by status (queued, running, dead: dead and not abandoned).',
    labelNames: ['integration', 'status'] as const,
    registers: [registry],
  });
  const oldestWaiting = new Gauge({
    name: 'postmottak_queue_oldest_waiting_seconds',
    help: 'Age of the oldest queued or running job of an integration (0 when none waits).',
    labelNames: ['integration'] as const,
    registers: [registry],
  });
  const deadJobs = new Gauge({
    name: 'postmottak_jobs_dead',
    help: 'Dead jobs of an integration that nobody has retried or abandoned.',
    labelNames: ['integration'] as const,
    registers: [registry],
  });
  const lastSuccess = new Gauge({
    name: 'postmottak_integration_last_success_timestamp_seconds',
    help: 'When a job against the integration last succeeded (Unix time; absent when never).',
    labelNames: ['integration'] as const,
    registers: [registry],
  });
  const integrationState = new Gauge({
    name: 'postmottak_integration_health_state',
    help: 'The health of an integration: 1 for its current state (ok, degradert, nede, ukjent), 0 for the others.',
    labelNames: ['integration', 'state'] as const,
    registers: [registry],
  });
  const overallState = new Gauge({
    name: 'postmottak_health_state',
    help: 'The overall health shown in the header: 1 for the current state (ok, degradert, nede), 0 for the others.',
    labelNames: ['state'] as const,
    registers: [registry],
  });
  const buildInfo = new Gauge({
    name: 'postmottak_build_info',
    help: 'The running version and host kind; always 1.',
    labelNames: ['version', 'host'] as const,
    registers: [registry],
  });
  buildInfo.set({ version: o.version, host: o.host }, 1);

  /** Gauges set fresh each scrape: an integration gone from the store is gone from the scrape. */
  function show(s: MetricsSnapshot): void {
    for (const g of [queueDepth, oldestWaiting, deadJobs, lastSuccess, integrationState, overallState]) g.reset();
    const names = new Set([...s.integrations.map((h) => h.integration), ...s.queue.map((q) => q.integration)]);
    for (const integration of names) {
      const q = s.queue.find((x) => x.integration === integration);
      const h = s.integrations.find((x) => x.integration === integration);
      queueDepth.set({ integration, status: 'queued' }, q?.queued ?? 0);
      queueDepth.set({ integration, status: 'running' }, q?.running ?? 0);
      queueDepth.set({ integration, status: 'dead' }, q?.dead ?? 0);
      deadJobs.set({ integration }, q?.dead ?? 0);
      oldestWaiting.set({ integration }, q?.oldestWaitingAt != null ? Math.max(0, (s.now - q.oldestWaitingAt) / 1000) : 0);
      if (h?.lastSuccessAt != null) lastSuccess.set({ integration }, h.lastSuccessAt / 1000);
      for (const state of STATES) integrationState.set({ integration, state }, h?.state === state ? 1 : 0);
      // both series exist from the first scrape, so rate() sees the first failure
      requests.inc({ integration, outcome: 'success' }, 0);
      requests.inc({ integration, outcome: 'failure' }, 0);
    }
    for (const state of OVERALL) overallState.set({ state }, s.overall === state ? 1 : 0);
  }

  let rendering: Promise<unknown> = Promise.resolve();
  return {
    /** One run of a job against `integration` ended. */
    count(integration: string, outcome: 'success' | 'failure'): void {
      requests.inc({ integration, outcome });
    },
    /** The scrape: the gauges from the snapshot, in the text format with its Content-Type. */
    render(s: MetricsSnapshot): Promise<{ contentType: string; body: string }> {
      // one at a time: a second scrape resetting the gauges while the first is written would drop series from it
      const next = rendering.then(async () => {
        show(s);
        return { contentType: registry.contentType, body: await registry.metrics() };
      });
      rendering = next.catch(() => undefined);
      return next;
    },
  };
}

export type HealthMetrics = ReturnType<typeof createHealthMetrics>;
