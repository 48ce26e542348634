import type { z } from 'zod';
import { classify, isIntegrationError } from '../core/errors';
import type { AuditLog } from '../core/ports/audit-log.port';
import type { Clock } from '../core/ports/clock.port';
import type { JobRecord, JobStore } from '../core/ports/job-store.port';
import type { UnitOfWork } from '../core/ports/unit-of-work.port';
import type { Logger } from '../core/ports/logger.port';
import type { Random } from '../core/ports/random.port';
import type { Timers } from '../core/ports/timers.port';
import { backoffDelay, type BackoffPolicy } from './backoff';
import { outcomeOf, type JobOutcomeListener } from './job-outcome';

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
  /**
   * A poll that waits for the other side (an archive's or internal system's receipt): its transient
   * failures mean "not yet", not that the integration failed, so health counts them as neither, and
   * its waiting is not the queue's waiting (#17 item 3).
   */
  polls?: boolean;
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
  /** This hub node's name as the owner of the jobs it claims (default: a random id, new each start of the process). */
  node?: string;
  /** How long a claim holds without renewal (default 60 s); renewed, and expired claims recovered, every third of it. */
  leaseMs?: number;
  /**
   * Other hub processes share the store (PostgreSQL): jobs running at start may be theirs, so they
   * are not reset then; a dead node's jobs come back when its leases run out (default false).
   */
  shared?: boolean;
  /** An outside notifier (PostgreSQL LISTEN/NOTIFY) that wakes sleeping loops when another node enqueues; returns its unsubscribe. */
  subscribe?: (wake: () => void) => () => void;
}

export type JobListener = (job: JobRecord) => void;

export type { JobOutcome, JobOutcomeListener } from './job-outcome';

export interface EnqueueOptions {
  runAfter?: number;
  maxAttempts?: number;
}

export const DEFAULT_LEASE_MS = 60_000;

/** A node name nobody else picks: not from the injected Random, which tests seed for the backoff jitter. */
const randomNode = () => `node-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

export function createJobRunner(o: JobRunnerOptions) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- definitions are heterogenous by payload type
  const defs = new Map<string, JobDefinition<any>>();
  const node = o.node ?? randomNode();
  const leaseMs = o.leaseMs ?? DEFAULT_LEASE_MS;
  const leaseEvery = Math.max(1, Math.floor(leaseMs / 3));
  let lastLeaseWork = -Infinity;
  let leaseWork: Promise<void> | null = null;
  let cancelHeartbeat: (() => void) | null = null;
  let unsubscribe: (() => void) | null = null;
  const listeners = new Set<JobListener>();
  const outcomeListeners = new Set<JobOutcomeListener>();
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

  async function reportOutcome(job: JobRecord, waiting: boolean): Promise<void> {
    if (outcomeListeners.size === 0) return;
    const event = outcomeOf(job, o.clock.now(), waiting || (defs.get(job.type)?.polls ?? false));
    for (const l of [...outcomeListeners]) {
      try {
        await l(event);
      } catch (e) {
        o.logger.log('warn', 'job outcome listener failed', { error: (e as Error).message });
      }
    }
  }

  function define<P>(def: JobDefinition<P>): void {
    if (defs.has(def.type)) throw new Error(`Job type ${def.type} is already defined`);
    defs.set(def.type, def);
    types = [...defs.keys()];
  }

  /**
   * Writes the job; call inside the unit of work of the domain change that needs it.
   * A second enqueue with the same idempotency key returns the existing job.
   */
  async function enqueue<P>(type: string, payload: P, idempotencyKey: string, opts: EnqueueOptions = {}): Promise<{ job: JobRecord; created: boolean }> {
    const def = defs.get(type);
    if (!def) throw new Error(`Unknown job type ${type}`);
    const parsed = def.schema.parse(payload);
    const now = o.clock.now();
    const result = await o.store.enqueue(
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

  async function execute(job: JobRecord, run: { waiting: boolean }): Promise<JobRecord> {
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
      // awaited here, so a failing commit is handled like a failing run, as before
      return await o.store.markDone(job.id, now());
    } catch (e) {
      const c = classify(e);
      run.waiting = isIntegrationError(e) && e.options.waiting === true;
      const error = { message: c.message, kind: c.kind };
      o.logger.log('warn', 'job failed', { jobId: job.id, type: job.type, kind: c.kind, attempt: job.attempts });
      switch (c.kind) {
        case 'validation':
        case 'permanent':
          return o.store.markDead(job.id, error, now());
        case 'rate-limited': {
          const until = now() + (c.retryAfterMs ?? backoffDelay(job.attempts, o.backoff, o.random));
          return o.uow.run(async () => {
            if (job.integration) await o.store.pause({ integration: job.integration, until, reason: c.message });
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
    const now = o.clock.now();
    const job = await o.store.claimNext(now, types, { owner: node, until: now + leaseMs });
    if (!job) return false;
    emit(job);
    active++;
    try {
      const run = { waiting: false }, after = await execute(job, run);
      await reportOutcome(after, run.waiting);
      emit(after);
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

  /**
   * At most every third of a lease: keeps this node's claims alive, then returns to the queue the
   * jobs of nodes that stopped renewing theirs (a crashed process, or a stalled one). Renewing
   * first means this node never takes back its own jobs, however late its timers fire.
   */
  function tendLeases(): Promise<void> {
    if (leaseWork) return leaseWork;
    if (o.clock.now() - lastLeaseWork < leaseEvery) return Promise.resolve();
    leaseWork = (async () => {
      try {
        const now = o.clock.now();
        lastLeaseWork = now;
        await o.store.renewLeases(node, now + leaseMs);
        const back = await o.store.requeueExpired(now);
        if (back > 0) {
          o.logger.log('info', 'jobs with expired leases returned to queue', { count: back });
          wake();
        }
      } finally {
        leaseWork = null;
      }
    })();
    return leaseWork;
  }

  /** Renews on a timer as well: when every loop is busy with a long job, no loop comes round to it. */
  function heartbeat(): void {
    if (cancelHeartbeat) return;
    cancelHeartbeat = o.timers.after(leaseEvery, () => {
      cancelHeartbeat = null;
      if (!running) return;
      // runs beside the loops; a failure is logged and the next beat tries again
      void tendLeases()
        .catch((e: unknown) => o.logger.log('error', 'job lease renewal failed', { error: (e as Error).message }))
        .finally(() => {
          if (running) heartbeat();
        });
    });
  }

  async function loop(): Promise<void> {
    while (running) {
      let worked = false;
      try {
        await tendLeases();
        worked = await runOne();
      } catch (e) {
        // the store itself failed (disk full, locked): wait and try again rather than die
        o.logger.log('error', 'job loop error', { error: (e as Error).message });
      }
      if (worked || !running) continue;
      let next: number | undefined;
      try {
        next = await o.store.nextRunAfter(types);
      } catch (e) {
        o.logger.log('error', 'job loop error', { error: (e as Error).message });
      }
      // stop() may have come while we asked: its wake found no sleeper, so do not start sleeping now
      if (!running) break;
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

  let starting = false;
  /** Starts the loops; returns how many running jobs went back to the queue (on a shared store only this node's own, from before a restart). */
  async function start(): Promise<number> {
    if (running || starting) return 0;
    starting = true;
    let reset: number;
    try {
      // alone on the store, every running job is a dead process's; shared, it may be another node's (leases recover those),
      // except those leased under this node's own name: a node restarted under its name (a service, a container with the
      // same host name and pid) would otherwise renew its dead predecessor's leases, and those jobs would never run again
      reset = await o.store.resetRunning(o.clock.now(), o.shared ? node : undefined);
    } finally {
      starting = false;
    }
    if (reset > 0) o.logger.log('info', 'jobs returned to queue after restart', { count: reset });
    running = true;
    unsubscribe = o.subscribe?.(wake) ?? null;
    heartbeat();
    loops = Array.from({ length: Math.max(1, o.concurrency) }, () => loop());
    return reset;
  }

  async function stop(): Promise<void> {
    running = false;
    cancelHeartbeat?.();
    cancelHeartbeat = null;
    unsubscribe?.();
    unsubscribe = null;
    wake();
    await Promise.all(loops);
    loops = [];
    // a beat already under way finishes its statements before the store may close
    await leaseWork?.catch(() => undefined);
  }

  async function retry(id: number, actor: string): Promise<JobRecord | undefined> {
    const job = await o.uow.run(async () => {
      const j = await o.store.retryDead(id, o.clock.now());
      if (j) await o.audit.append({ actor, action: 'job.retry', subject: `job:${id}`, details: { type: j.type } }, o.clock.now());
      return j;
    });
    if (job) {
      emit(job);
      wake();
    }
    return job;
  }

  async function abandon(id: number, actor: string): Promise<JobRecord | undefined> {
    const job = await o.uow.run(async () => {
      const j = await o.store.abandonDead(id, o.clock.now());
      if (j) await o.audit.append({ actor, action: 'job.abandon', subject: `job:${id}`, details: { type: j.type, lastError: j.lastError } }, o.clock.now());
      return j;
    });
    if (job) emit(job);
    return job;
  }

  /**
   * Deletes done jobs older than `retentionMs` (#12 item 11), of the defined types whose key cannot
   * come back; types not defined here are left alone. Returns how many went.
   */
  function pruneDone(retentionMs: number): Promise<number> {
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
    /** The owner name this runner's claims carry. */
    node,
    onUpdate(l: JobListener): () => void {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    /** The defined job types with the integration each talks to and whether it polls (JobDefinition.polls): what health and the log filter read. */
    types: () => [...defs.values()].map((d) => ({ type: d.type, integration: d.integration ?? null, polls: d.polls ?? false })),
    /** Called after each run with how it ended (see JobOutcome). */
    onOutcome(l: JobOutcomeListener): () => void {
      outcomeListeners.add(l);
      return () => outcomeListeners.delete(l);
    },
  };
}

export type JobRunner = ReturnType<typeof createJobRunner>;
