import { z } from 'zod';
import { silentLogger } from '../../electron/core/ports/logger.port';
import { createJobRunner, type JobRunnerOptions } from '../../electron/jobs';
import { createAuditRepo, createJobsRepo, openStore, type Store } from '../../electron/store';
import { FakeClock, manualTimers, seededRandom } from './fake-clock';

export const anyPayload = z.object({ n: z.number().optional() }).passthrough();

/** The real runner over any open store (SQLite or PostgreSQL), with a fake clock and timers that never fire. */
export function jobHarnessOn<S extends Store>(store: S, overrides: Partial<JobRunnerOptions> = {}) {
  const clock = new FakeClock();
  const jobs = createJobsRepo(store.sql);
  const audit = createAuditRepo(store.sql, store.uow);
  const runner = createJobRunner({
    store: jobs,
    uow: store.uow,
    audit,
    clock,
    random: seededRandom(7),
    timers: manualTimers,
    logger: silentLogger,
    backoff: { baseMs: 1_000, factor: 2, maxMs: 60_000, jitter: 0.5 },
    defaultMaxAttempts: 5,
    concurrency: 1,
    pollIntervalMs: 1_000,
    ...overrides,
  });
  return { store, clock, jobs, audit, runner };
}

/** A real SQLite store (in memory unless a file is given), the real runner, a fake clock and timers that never fire. */
export function jobHarness(overrides: Partial<JobRunnerOptions> = {}, o: { file?: string } = {}) {
  return jobHarnessOn(openStore(o.file ?? ':memory:'), overrides);
}
