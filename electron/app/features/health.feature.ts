import { integrationHealth, overallState, type OverallState } from '../../core/operations/health.policy';
import type { HealthReader, IntegrationHealth } from '../../core/ports/health.port';
import { redactText } from '../../core/redact';
import type { HealthDto, IntegrationHealthDto } from '../../ipc/health.contract';
import type { JobOutcome } from '../../jobs/job-runner';
import { queueFacts, type QueueByStatus } from '../../store/repos/health.repo';
import type { Feature, FeatureDeps } from '../feature';
import { createHealthMetrics } from '../metrics/health.metrics';
import { sameToken } from '../safe-equal';

/** The longest failure message kept: enough to say what went wrong, not a response body. */
const MAX_ERROR_CHARS = 500;

type HealthFeatureDeps = Pick<FeatureDeps, 'host' | 'config' | 'store' | 'repos' | 'runner' | 'clock' | 'logger' | 'links' | 'users'>;

export interface HealthFeature extends Feature<'health.get'> {
  /** Per-integration health, for the alerts. */
  reader: HealthReader;
  /** The Prometheus scrape (text format and its Content-Type); null when metrics are turned off in the config. */
  metrics(): Promise<{ contentType: string; body: string } | null>;
  /** Whether a bearer token is the configured metrics bearer (false when none is configured). */
  metricsBearer(token: string): Promise<boolean>;
  /** Up for /healthz: the hub is running and its store answers. Says nothing about the integrations. */
  healthy(): Promise<boolean>;
}

/**
 * Health (#17 item 3). Every run of a job that talks to an integration (the job's `integration`)
 * is recorded: last success, last failure with its redacted message and kind, since when it has
 * been failing, counts. `health.get` gives every user the overall state and IT the details per
 * integration; the state rules are core's (health.policy.ts). The same facts feed the Prometheus
 * registry the headless host serves on /metrics.
 */
export function wireHealth(d: HealthFeatureDeps): HealthFeature {
  const repo = d.repos.health;
  const prom = createHealthMetrics({ version: d.host.version, host: d.host.host });

  async function record(o: JobOutcome): Promise<void> {
    const integration = o.job.integration;
    // a poll's "not yet" says nothing about the integration
    if (!integration || o.notYet) return;
    if (o.outcome === 'done') {
      await repo.recordSuccess(integration, o.at);
      prom.count(integration, 'success');
      return;
    }
    const message = redactText(o.error?.message ?? '').slice(0, MAX_ERROR_CHARS);
    await repo.recordFailure(integration, o.at, { kind: o.error?.kind ?? 'transient', message });
    prom.count(integration, 'failure');
  }
  d.runner.onOutcome(record);

  async function snapshot(now: number): Promise<{ list: IntegrationHealth[]; queue: QueueByStatus[]; overall: OverallState }> {
    const [records, queue, pauses] = await Promise.all([repo.all(), repo.queue(d.runner.types().filter((t) => t.polls).map((t) => t.type)), d.repos.jobs.activePauses(now)]);
    const list = integrationHealth({ records, queue: queue.map(queueFacts), pauses }, now);
    return { list, queue, overall: overallState(list) };
  }

  const reader: HealthReader = { integrations: async (now) => (await snapshot(now)).list };

  const toDto = (h: IntegrationHealth, q: QueueByStatus | undefined): IntegrationHealthDto => ({ ...h, nextRetryAt: q?.nextRetryAt ?? null, deadJobs: q?.dead ?? 0 });

  return {
    handlers: {
      'health.get': async (): Promise<HealthDto> => {
        const now = d.clock.now();
        const s = await snapshot(now);
        // every role sees the state in the header; the details (errors, queues) are IT's
        const details = d.users.current().roles.includes('it-admin');
        return { state: s.overall, checkedAt: now, details, integrations: details ? s.list.map((h) => toDto(h, s.queue.find((q) => q.integration === h.integration))) : [] };
      },
    },
    jobs: [],
    schedules: [],
    reader,
    async metrics() {
      if (!d.config.metrics.enabled) return null;
      const now = d.clock.now();
      const s = await snapshot(now);
      return prom.render({ now, overall: s.overall, integrations: s.list, queue: s.queue });
    },
    async metricsBearer(token) {
      const ref = d.config.metrics.bearer;
      if (!ref || !token) return false;
      const expected = await d.links.secrets.get(ref.secret);
      return !!expected && sameToken(token, expected);
    },
    async healthy() {
      if (!d.runner.isRunning) return false;
      try {
        await d.store.schemaVersion();
        return true;
      } catch {
        return false;
      }
    },
  };
}
