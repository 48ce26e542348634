import type { z } from 'zod';
import { classify } from '../core/errors';
import type { AuditLog } from '../core/ports/audit-log.port';
import type { Clock } from '../core/ports/clock.port';
import type { JobRecord, JobStore } from '../core/ports/job-store.port';
import type { UnitOfWork } from '../core/ports/unit-of-work.port';
import type { Logger } from '../core/ports/logger.port';
import type { Random } from '../core/ports/random.port';
import type { Timers } from '../core/ports/timers.port';
import { backoffDelay, type BackoffPolicy } from './backoff';

export interface JobContext {
  jobId: number;
  /** Pass this to the target system so a repeated run has no second effect there. */
  idempotencyKey: string;
  attempt: number;
}

export interface JobDefinition<P> {
  type: string;
  schema: z.ZodType<P>;
  /** Jobs of the same integration pause together when it answers rate-limited. */
  integration?: string;
  maxAttempts?: number;
  /**
   * An outbound effect that must go out when the link returns (archive, confirmations):
   * transient failures keep retrying at the capped backoff instead of going dead after
   * maxAttempts. Refusals (validation, permanent) still go dead at once.
   */
  untilDelivered?: boolean;
  /**
   * Its idempotency key can be enqueued again after the job is done (an outbound effect keyed on
   * a remote or domain id that a later poll or restart may name again). Done jobs of such a type
   * are kept, so their key keeps refusing a second run; done jobs of every other type are pruned.
   * Defaults to `untilDelivered`: the outbound effects (Altinn confirmations, which Altinn keeps
   * listing until they land; archive deliveries and receipts; replies sent and printed) are keyed
   * on ids that come back, the housekeeping and polling jobs on time slots that do not.
   */
  keyMayReturn?: boolean;
  handle(payload: P, ctx: JobContext): Promise<void> | void;
}

export interface JobRunnerOptions {
  store: JobStore;
  uow: UnitOfWork;
  audit: AuditLog;
  clock: Clock;
  random: Random;
  timers: Timers;
  logger: Logger;
  backoff: BackoffPolicy;
  defaultMaxAttempts: number;
  concurrency: number;
  /** Longest sleep of an idle loop; enqueue wakes it earlier. */
  pollIntervalMs: number;
}

export type JobListener = (job: JobRecord) => void;

export interface EnqueueOptions {
  runAfter?: number;
  maxAttempts?: number;
}

export function createJobRunner(o: JobRunnerOptions) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- definitions are heterogenous by payload type
  const defs = new Map<string, JobDefinition<any>>();
  const listeners = new Set<JobListener>();
  let types: string[] = [];
  let running = false;
  let active = 0;
  // one waker per sleeping loop; enqueue and stop wake them all
  const sleepers = new Set<() => void>();
  const wake = () => {
    for (const w of [...sleepers]) w();
  };
  let loops: Promise<void>[] = [];

  const emit = (job: JobRecord) => {
    for (const l of listeners) {
      try {
        l(job);
      } catch (e) {
        o.logger.log('warn', 'job listener failed', { error: (e as Error).message });
      }
    }
  };

  function define<P>(def: JobDefinition<P>): void {
    if (defs.has(def.type)) throw new Error(`Job type ${def.type} is already defined`);
    defs.set(def.type, def);
    types = [...defs.keys()];
  }

  /**
   * Writes the job; call inside the transaction of the domain change that needs it.
   * A second enqueue with the same idempotency key returns the existing job.
   */
  function enqueue<P>(type: string, payload: P, idempotencyKey: string, opts: EnqueueOptions = {}) {
    const def = defs.get(type);
    if (!def) throw new Error(`Unknown job type ${type}`);
    const parsed = def.schema.parse(payload);
    const now = o.clock.now();
    const result = o.store.enqueue(
      {
        type,
        payload: JSON.stringify(parsed),
        idempotencyKey,
        integration: def.integration ?? null,
        maxAttempts: opts.maxAttempts ?? def.maxAttempts ?? o.defaultMaxAttempts,
        runAfter: opts.runAfter ?? now,
      },
      now,
    );
    if (result.created) {
      emit(result.job);
      wake();
    }
    return result;
  }

  async function execute(job: JobRecord): Promise<JobRecord> {
    const def = defs.get(job.type)!;
    const now = () => o.clock.now();
    let payload: unknown;
    try {
      payload = def.schema.parse(JSON.parse(job.payload));
    } catch (e) {
      return o.store.markDead(job.id, { message: `Ugyldig jobbdata: ${(e as Error).message}`, kind: 'validation' }, now());
    }
    try {
      await def.handle(payload, { jobId: job.id, idempotencyKey: job.idempotencyKey, attempt: job.attempts });
      return o.store.markDone(job.id, now());
    } catch (e) {
      const c = classify(e);
      const error = { message: c.message, kind: c.kind };
      o.logger.log('warn', 'job failed', { jobId: job.id, type: job.type, kind: c.kind, attempt: job.attempts });
      switch (c.kind) {
        case 'validation':
        case 'permanent':
          return o.store.markDead(job.id, error, now());
        case 'rate-limited': {
          const until = now() + (c.retryAfterMs ?? backoffDelay(job.attempts, o.backoff, o.random));
          return o.uow.transaction(() => {
            if (job.integration) o.store.pause({ integration: job.integration, until, reason: c.message });
            // a rate limit is the target's state, not the job's fault: it does not use up an attempt
            return o.store.reschedule(job.id, until, error, now(), false);
          });
        }
        default:
          if (job.attempts >= job.maxAttempts && !def.untilDelivered) return o.store.markDead(job.id, error, now());
          return o.store.reschedule(job.id, now() + backoffDelay(job.attempts, o.backoff, o.random), error, now(), true);
      }
    }
  }

  /** Claims and runs one due job; false when none is due. */
  async function runOne(): Promise<boolean> {
    const job = o.store.claimNext(o.clock.now(), types);
    if (!job) return false;
    emit(job);
    active++;
    try {
      emit(await execute(job));
    } finally {
      active--;
    }
    return true;
  }

  /** Runs due jobs until none is due now (tests drive the queue with this and a fake clock). */
  async function runDue(): Promise<number> {
    let n = 0;
    while (await runOne()) n++;
    return n;
  }

  async function loop(): Promise<void> {
    while (running) {
      let worked = false;
      try {
        worked = await runOne();
      } catch (e) {
        // the store itself failed (disk full, locked): wait and try again rather than die
        o.logger.log('error', 'job loop error', { error: (e as Error).message });
      }
      if (worked || !running) continue;
      const next = o.store.nextRunAfter(types);
      const wait = next === undefined ? o.pollIntervalMs : Math.max(0, Math.min(o.pollIntervalMs, next - o.clock.now()));
      await new Promise<void>((resolve) => {
        let cancel: () => void = () => undefined;
        const done = () => {
          cancel();
          sleepers.delete(done);
          resolve();
        };
        sleepers.add(done);
        cancel = o.timers.after(Math.max(wait, 5), done);
      });
    }
  }

  function start(): number {
    if (running) return 0;
    const reset = o.store.resetRunning(o.clock.now());
    if (reset > 0) o.logger.log('info', 'jobs returned to queue after restart', { count: reset });
    running = true;
    loops = Array.from({ length: Math.max(1, o.concurrency) }, () => loop());
    return reset;
  }

  async function stop(): Promise<void> {
    running = false;
    wake();
    await Promise.all(loops);
    loops = [];
  }

  function retry(id: number, actor: string): JobRecord | undefined {
    const job = o.uow.transaction(() => {
      const j = o.store.retryDead(id, o.clock.now());
      if (j) o.audit.append({ actor, action: 'job.retry', subject: `job:${id}`, details: { type: j.type } }, o.clock.now());
      return j;
    });
    if (job) {
      emit(job);
      wake();
    }
    return job;
  }

  function abandon(id: number, actor: string): JobRecord | undefined {
    const job = o.uow.transaction(() => {
      const j = o.store.abandonDead(id, o.clock.now());
      if (j) o.audit.append({ actor, action: 'job.abandon', subject: `job:${id}`, details: { type: j.type, lastError: j.lastError } }, o.clock.now());
      return j;
    });
    if (job) emit(job);
    return job;
  }

  /**
   * Deletes done jobs older than `retentionMs` (#12 item 11), of the defined types whose key cannot
   * come back; types not defined here are left alone. Returns how many went.
   */
  function pruneDone(retentionMs: number): number {
    const prunable = [...defs.values()].filter((d) => !(d.keyMayReturn ?? d.untilDelivered ?? false)).map((d) => d.type);
    return o.store.pruneDone(o.clock.now() - retentionMs, prunable);
  }

  return {
    define,
    enqueue,
    pruneDone,
    runDue,
    runOne,
    start,
    stop,
    retry,
    abandon,
    get isRunning() {
      return running;
    },
    get activeCount() {
      return active;
    },
    onUpdate(l: JobListener): () => void {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
}

export type JobRunner = ReturnType<typeof createJobRunner>;
