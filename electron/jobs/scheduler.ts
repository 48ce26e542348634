import cron, { type ScheduledTask } from 'node-cron';
import type { Clock } from '../core/ports/clock.port';
import type { ScheduleStore } from '../core/ports/job-store.port';
import type { UnitOfWork } from '../core/ports/unit-of-work.port';
import type { Logger } from '../core/ports/logger.port';
import type { JobRunner } from './job-runner';

export interface ScheduleDefinition {
  name: string;
  /** Five-field cron expression, evaluated in `timezone`. */
  cron: string;
  jobType: string;
  payload?: unknown;
  enabled: boolean;
}

export interface SchedulerOptions {
  runner: Pick<JobRunner, 'enqueue'>;
  store: ScheduleStore;
  uow: UnitOfWork;
  clock: Clock;
  logger: Logger;
  timezone: string;
  /** How far back a missed run is looked for after downtime. */
  catchUpWindowMs?: number;
  /**
   * Whether this node drives the schedules now (several hub nodes on one store elect one). When it
   * answers false the scheduler still ticks, but enqueues and records nothing. Default: always.
   */
  leader?: () => boolean;
}

const MINUTE = 60_000;

export function validateCron(expr: string): string | null {
  if (expr.trim().split(/\s+/).length !== 5) return 'må ha fem felt (minutt time dag måned ukedag)';
  return cron.validate(expr) ? null : 'er ikke et gyldig cron-uttrykk';
}

/**
 * The scheduler only enqueues. Each slot becomes one job with the key
 * `schedule:<name>:<slot>`, and last_run_at is stored with it, so a restart after
 * downtime enqueues the missed run once, and a slot is never enqueued twice.
 */
export function createScheduler(o: SchedulerOptions, definitions: readonly ScheduleDefinition[]) {
  for (const d of definitions) {
    const problem = validateCron(d.cron);
    if (problem) throw new Error(`Tidsplanen «${d.name}»: «${d.cron}» ${problem}`);
  }
  const window = o.catchUpWindowMs ?? 400 * 24 * 60 * MINUTE;
  // Tasks are created stopped: node-cron is used for matching and, after start(), for waking us.
  const tasks = new Map<string, ScheduledTask>(
    definitions.map((d) => [d.name, cron.createTask(d.cron, () => tickFromCron(), { timezone: o.timezone, name: d.name, noOverlap: true })]),
  );

  /** The newest slot in (after, upTo], scanning minute by minute from upTo backwards. */
  function latestSlot(name: string, after: number, upTo: number): number | null {
    const task = tasks.get(name)!;
    const floor = Math.max(after, upTo - window);
    for (let t = Math.floor(upTo / MINUTE) * MINUTE; t > floor; t -= MINUTE) {
      if (task.match(new Date(t))) return t;
    }
    return null;
  }

  function enqueueSlot(d: ScheduleDefinition, slot: number, now: number, reason: string) {
    return o.uow.run(async () => {
      const r = await o.runner.enqueue(d.jobType, d.payload ?? {}, `schedule:${d.name}:${new Date(slot).toISOString()}`);
      await o.store.setLastRun(d.name, now, r.created);
      if (r.created) o.logger.log('info', 'schedule enqueued', { schedule: d.name, slot: new Date(slot).toISOString(), reason });
      return r;
    });
  }

  const isLeader = o.leader ?? (() => true);

  // ticks run one after another (two schedules may fire in the same minute), as they did when synchronous
  let ticks: Promise<unknown> = Promise.resolve();
  /** Enqueues every enabled schedule whose slot passed since its last run; returns how many it enqueued. */
  function tick(): Promise<number> {
    const r = ticks.then(tickNow);
    ticks = r.catch(() => undefined);
    return r;
  }

  async function tickNow(): Promise<number> {
    // another node drives the schedules: it records last_run_at, so nothing here may move it
    if (!isLeader()) return 0;
    const now = o.clock.now();
    let enqueued = 0;
    for (const d of definitions) {
      if (!d.enabled) continue;
      const last = (await o.store.get(d.name))?.lastRunAt ?? null;
      if (last === null) {
        // first sight of this schedule: start counting from now, do not invent past runs
        await o.store.setLastRun(d.name, now);
        continue;
      }
      const slot = latestSlot(d.name, last, now);
      if (slot === null) await o.store.setLastRun(d.name, now);
      else if ((await enqueueSlot(d, slot, now, 'due')).created) enqueued++;
    }
    return enqueued;
  }

  /** node-cron's callback: a tick that fails is logged, and the next slot (or a restart) catches up. */
  const tickFromCron = async (): Promise<void> => {
    try {
      await tick();
    } catch (e) {
      o.logger.log('error', 'schedule tick failed', { error: (e as Error).message });
    }
  };

  /** Enqueues a schedule's job now, outside its plan ("Kjør nå"), on whichever node is asked. */
  async function runNow(name: string) {
    const d = definitions.find((x) => x.name === name);
    if (!d) return undefined;
    const now = o.clock.now();
    return enqueueSlot(d, now, now, 'manual');
  }

  // Scanning minute by minute costs ~60 ms for a daily schedule, and the status page asks
  // on every job update: the answer holds until that time has come.
  // A pattern with no run within a year (30 February) is looked for again a day later.
  const nextRuns = new Map<string, { at: number | null; validUntil: number }>();
  function nextRun(name: string): number | null {
    const d = definitions.find((x) => x.name === name);
    if (!d?.enabled) return null;
    const now = o.clock.now();
    const known = nextRuns.get(name);
    if (known && known.validUntil > now) return known.at;
    const task = tasks.get(name)!;
    const start = Math.floor(now / MINUTE) * MINUTE + MINUTE;
    let at: number | null = null;
    for (let t = start; t < start + 366 * 24 * 60 * MINUTE && at === null; t += MINUTE) {
      if (task.match(new Date(t))) at = t;
    }
    nextRuns.set(name, { at, validUntil: at ?? now + 24 * 60 * MINUTE });
    return at;
  }

  return {
    tick,
    runNow,
    nextRun,
    definitions,
    /** Catches up on missed runs, then lets node-cron wake the scheduler at each slot. */
    async start() {
      await tick();
      for (const [name, task] of tasks) if (definitions.find((d) => d.name === name)?.enabled) void task.start();
    },
    async stop() {
      for (const task of tasks.values()) await task.destroy();
    },
  };
}

export type Scheduler = ReturnType<typeof createScheduler>;
