import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Timers } from '../../electron/core/ports/timers.port';
import { createJobRunner } from '../../electron/jobs';
import type { NewJob } from '../../electron/core/ports/job-store.port';
import { silentLogger } from '../../electron/core/ports/logger.port';
import { FakeClock, manualTimers, seededRandom } from '../helpers/fake-clock';
import { anyPayload, jobHarness } from '../helpers/job-harness';
import { openTestStore, storeKinds, type TestStore } from '../helpers/test-store';

// Job leases, for several hub nodes on one store: a node that stops renewing its claims loses its
// running jobs to the others, instead of every running job going back to the queue at start.

const T0 = Date.UTC(2026, 10, 29, 8, 0, 0);
const LEASE = 60_000;
const newJob = (key: string, o: Partial<NewJob> = {}): NewJob => ({
  type: 't',
  payload: '{}',
  idempotencyKey: key,
  integration: null,
  maxAttempts: 5,
  runAfter: T0,
  ...o,
});

describe.each(storeKinds())('job leases in the store (%s)', (kind) => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore(kind);
  });
  afterEach(() => t.close());

  it('a claim records its owner and lease; an expired one is requeued and claimed again by another owner', async () => {
    const { jobs } = t.repos;
    const { job } = await jobs.enqueue(newJob('k1'), T0);
    const a = await jobs.claimNext(T0, ['t'], { owner: 'node-a', until: T0 + LEASE });
    expect(a).toMatchObject({ id: job.id, status: 'running', attempts: 1, leaseOwner: 'node-a', leaseUntil: T0 + LEASE });
    // nothing else to claim while node-a holds it
    expect(await jobs.claimNext(T0 + 1, ['t'], { owner: 'node-b', until: T0 + 1 + LEASE })).toBeUndefined();
    // the lease still holds at its last millisecond
    expect(await jobs.requeueExpired(T0 + LEASE)).toBe(0);
    expect(await jobs.get(job.id)).toMatchObject({ status: 'running', leaseOwner: 'node-a' });
    // node-a died: once the lease has run out the job goes back to the queue, without a lease
    expect(await jobs.requeueExpired(T0 + LEASE + 1)).toBe(1);
    expect(await jobs.get(job.id)).toMatchObject({ status: 'queued', leaseOwner: null, leaseUntil: null, attempts: 1 });
    const b = await jobs.claimNext(T0 + LEASE + 2, ['t'], { owner: 'node-b', until: T0 + 2 * LEASE });
    expect(b).toMatchObject({ id: job.id, status: 'running', attempts: 2, leaseOwner: 'node-b', leaseUntil: T0 + 2 * LEASE });
  });

  it('renewLeases keeps the owner’s running jobs, and only those', async () => {
    const { jobs } = t.repos;
    const x = (await jobs.enqueue(newJob('x'), T0)).job;
    const y = (await jobs.enqueue(newJob('y'), T0)).job;
    await jobs.claimNext(T0, ['t'], { owner: 'node-a', until: T0 + LEASE });
    await jobs.claimNext(T0, ['t'], { owner: 'node-b', until: T0 + LEASE });
    expect(await jobs.renewLeases('node-a', T0 + 3 * LEASE)).toBe(1);
    expect(await jobs.renewLeases('node-c', T0 + 3 * LEASE)).toBe(0);
    expect(await jobs.requeueExpired(T0 + 2 * LEASE)).toBe(1);
    expect(await jobs.get(x.id)).toMatchObject({ status: 'running', leaseOwner: 'node-a', leaseUntil: T0 + 3 * LEASE });
    expect(await jobs.get(y.id)).toMatchObject({ status: 'queued', leaseOwner: null });
    // a renewal never touches a job that is not running
    expect(await jobs.renewLeases('node-b', T0 + 3 * LEASE)).toBe(0);
    expect(await jobs.get(y.id)).toMatchObject({ leaseUntil: null });
  });

  it('markDone, reschedule and markDead release the lease; resetRunning does too', async () => {
    const { jobs } = t.repos;
    for (const k of ['a', 'b', 'c', 'd']) await jobs.enqueue(newJob(k), T0);
    const lease = { owner: 'node-a', until: T0 + LEASE };
    const [a, b, c, d] = [
      (await jobs.claimNext(T0, ['t'], lease))!,
      (await jobs.claimNext(T0, ['t'], lease))!,
      (await jobs.claimNext(T0, ['t'], lease))!,
      (await jobs.claimNext(T0, ['t'], lease))!,
    ];
    expect(new Set([a.id, b.id, c.id, d.id]).size).toBe(4);
    const released = { leaseOwner: null, leaseUntil: null };
    expect(await jobs.markDone(a.id, T0 + 1)).toMatchObject({ status: 'done', ...released });
    expect(await jobs.reschedule(b.id, T0 + 5_000, { message: 'tidsavbrudd', kind: 'transient' }, T0 + 1, true)).toMatchObject({ status: 'queued', ...released });
    expect(await jobs.markDead(c.id, { message: 'avvist', kind: 'permanent' }, T0 + 1)).toMatchObject({ status: 'dead', ...released });
    expect(await jobs.resetRunning(T0 + 2)).toBe(1);
    expect(await jobs.get(d.id)).toMatchObject({ status: 'queued', ...released });
  });

  it('requeues running jobs that have no lease at all (claimed before leases existed)', async () => {
    const { jobs } = t.repos;
    const { job } = await jobs.enqueue(newJob('old'), T0);
    await jobs.claimNext(T0, ['t'], { owner: 'node-a', until: T0 + LEASE });
    await t.store.sql.run('UPDATE jobs SET lease_owner = NULL, lease_until = NULL WHERE id = ?', [job.id]);
    expect(await jobs.requeueExpired(T0)).toBe(1);
    expect(await jobs.get(job.id)).toMatchObject({ status: 'queued' });
  });

  it('claims only the listed types, due ones, of integrations that are not paused (the longer pause wins)', async () => {
    const { jobs } = t.repos;
    await jobs.enqueue(newJob('later', { runAfter: T0 + 10_000 }), T0);
    await jobs.enqueue(newJob('other', { type: 'u' }), T0);
    await jobs.enqueue(newJob('paused', { integration: 'altinn' }), T0);
    await jobs.pause({ integration: 'altinn', until: T0 + 30_000, reason: '429' });
    await jobs.pause({ integration: 'altinn', until: T0 + 5_000, reason: '429 igjen' });
    expect(await jobs.activePauses(T0)).toEqual([{ integration: 'altinn', until: T0 + 30_000, reason: '429 igjen' }]);
    const lease = { owner: 'n', until: T0 + LEASE };
    expect(await jobs.claimNext(T0, ['t'], lease)).toBeUndefined();
    expect(await jobs.claimNext(T0, [], lease)).toBeUndefined();
    expect(await jobs.claimNext(T0, ['t', 'u'], lease)).toMatchObject({ idempotencyKey: 'other' });
    expect(await jobs.claimNext(T0 + 10_000, ['t'], lease)).toMatchObject({ idempotencyKey: 'later' });
    expect(await jobs.claimNext(T0 + 30_001, ['t'], lease)).toMatchObject({ idempotencyKey: 'paused' });
    expect(await jobs.nextRunAfter(['t', 'u'])).toBeUndefined();
  });
});

describe.each(storeKinds())('job store queries (%s)', (kind) => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore(kind);
  });
  afterEach(() => t.close());

  it('counts by status and reports outbound work waiting per integration, failing or not', async () => {
    const { jobs, schedules } = t.repos;
    const lease = { owner: 'n', until: T0 + LEASE };
    await jobs.enqueue(newJob('a1', { integration: 'archive', type: 'a' }), T0);
    await jobs.enqueue(newJob('a2', { integration: 'archive', type: 'a', runAfter: T0 + 5 }), T0 + 5);
    await jobs.enqueue(newJob('p1', { integration: 'print', type: 'p', runAfter: T0 + 7 }), T0 + 7);
    await jobs.enqueue(newJob('local'), T0);
    const a1 = (await jobs.claimNext(T0, ['a'], lease))!;
    await jobs.reschedule(a1.id, T0 + 1_000, { message: 'ECONNREFUSED', kind: 'transient' }, T0 + 10, true);
    const local = (await jobs.claimNext(T0, ['t'], lease))!;
    await jobs.markDead(local.id, { message: 'nei', kind: 'permanent' }, T0 + 11);
    expect(await jobs.waiting()).toEqual([
      { integration: 'archive', count: 2, since: T0, failing: true, lastError: 'ECONNREFUSED' },
      { integration: 'print', count: 1, since: T0 + 7, failing: false, lastError: null },
    ]);
    expect(await jobs.counts()).toEqual({ queued: 3, running: 0, done: 0, dead: 1, deadUnresolved: 1 });
    expect(await jobs.abandonDead(local.id, T0 + 12)).toMatchObject({ abandoned: true });
    expect(await jobs.counts()).toMatchObject({ dead: 1, deadUnresolved: 0 });
    expect(await jobs.retryDead(local.id, T0 + 13)).toMatchObject({ status: 'queued', attempts: 0, abandoned: false });
    expect(await jobs.nextRunAfter(['a', 'p'])).toBe(T0 + 5);
    expect((await jobs.list({ status: 'queued', limit: 2 })).map((j) => j.idempotencyKey)).toEqual(['local', 'a1']);

    // the scheduler's memory: a run that enqueued nothing keeps the time of the last one that did
    await schedules.setLastRun('nightly', T0, true);
    await schedules.setLastRun('nightly', T0 + 60_000);
    expect(await schedules.get('nightly')).toEqual({ name: 'nightly', lastRunAt: T0 + 60_000, lastEnqueuedAt: T0 });
    expect(await schedules.all()).toHaveLength(1);
    expect(await schedules.get('other')).toBeUndefined();
  });
});

/** Timers the test fires by hand: `fire()` runs every callback due by now. */
function handTimers() {
  const pending = new Set<{ fn: () => void }>();
  const timers: Timers = {
    after: (_ms, fn) => {
      const entry = { fn };
      pending.add(entry);
      return () => void pending.delete(entry);
    },
  };
  return {
    timers,
    fire: () => {
      const now = [...pending];
      pending.clear();
      for (const e of now) e.fn();
    },
    get count() {
      return pending.size;
    },
  };
}

describe('job leases in the runner', () => {
  it('a shared runner does not reset running jobs at start: another node’s job stays its own until the lease runs out', async () => {
    const h = jobHarness({ shared: true, node: 'node-b', leaseMs: LEASE });
    const ran: string[] = [];
    h.runner.define({ type: 't', schema: anyPayload, handle: () => void ran.push('t') });
    await h.runner.enqueue('t', {}, 'theirs');
    // node-a claimed it and is (for all we know) still running it
    const theirs = (await h.jobs.claimNext(h.clock.now(), ['t'], { owner: 'node-a', until: h.clock.now() + LEASE }))!;
    expect(await h.runner.start()).toBe(0);
    await h.runner.stop();
    expect(ran).toEqual([]);
    expect(await h.jobs.get(theirs.id)).toMatchObject({ status: 'running', leaseOwner: 'node-a', attempts: 1 });
    // node-a stopped renewing: past its lease, node-b's loop takes the job back and runs it
    h.clock.advance(LEASE + 1);
    expect(await h.runner.start()).toBe(0);
    await h.runner.stop();
    expect(ran).toEqual(['t']);
    expect(await h.jobs.get(theirs.id)).toMatchObject({ status: 'done', attempts: 2, leaseOwner: null });
  });

  it('a shared runner restarted under its own name takes back what its earlier life left running, and only that', async () => {
    const h = jobHarness({ shared: true, node: 'node-a', leaseMs: LEASE });
    const ran: string[] = [];
    h.runner.define({ type: 't', schema: anyPayload, handle: (_p, ctx) => void ran.push(ctx.idempotencyKey) });
    await h.runner.enqueue('t', {}, 'mine');
    await h.runner.enqueue('t', {}, 'theirs');
    // node-a was killed while running 'mine' (its lease still holds); node-b runs 'theirs'
    const mine = (await h.jobs.claimNext(h.clock.now(), ['t'], { owner: 'node-a', until: h.clock.now() + LEASE }))!;
    const theirs = (await h.jobs.claimNext(h.clock.now(), ['t'], { owner: 'node-b', until: h.clock.now() + LEASE }))!;
    // back under the same name it would renew its dead life's lease for ever: the job returns to the queue at start instead
    expect(await h.runner.start()).toBe(1);
    await h.runner.stop();
    expect(ran).toEqual(['mine']);
    expect(await h.jobs.get(mine.id)).toMatchObject({ status: 'done', attempts: 2, leaseOwner: null });
    expect(await h.jobs.get(theirs.id)).toMatchObject({ status: 'running', leaseOwner: 'node-b' });
  });

  it('an unshared runner still resets every running job at start, whatever its lease', async () => {
    const h = jobHarness({ node: 'node-b' });
    h.runner.define({ type: 't', schema: anyPayload, handle: () => undefined });
    await h.runner.enqueue('t', {}, 'x');
    await h.jobs.claimNext(h.clock.now(), ['t'], { owner: 'node-a', until: h.clock.now() + LEASE });
    expect(await h.runner.start()).toBe(1);
    await h.runner.stop();
    expect((await h.jobs.counts()).done).toBe(1);
  });

  it('renews the leases of its own long-running jobs on its timer, so another node does not take them', async () => {
    const hand = handTimers();
    const h = jobHarness({ shared: true, node: 'node-a', leaseMs: LEASE, timers: hand.timers });
    let finish!: () => void;
    const started = new Promise<void>((resolve) => {
      h.runner.define({
        type: 'slow',
        schema: anyPayload,
        handle: () =>
          new Promise<void>((done) => {
            finish = done;
            resolve();
          }),
      });
    });
    // a second node on the same store, whose loop recovers expired leases
    const other = createJobRunner({
      store: h.jobs,
      uow: h.store.uow,
      audit: h.audit,
      clock: h.clock,
      random: seededRandom(1),
      timers: manualTimers,
      logger: silentLogger,
      backoff: { baseMs: 1_000, factor: 2, maxMs: 60_000, jitter: 0 },
      defaultMaxAttempts: 5,
      concurrency: 1,
      pollIntervalMs: 1_000,
      shared: true,
      node: 'node-b',
      leaseMs: LEASE,
    });
    other.define({ type: 'slow', schema: anyPayload, handle: () => undefined });

    const { job } = await h.runner.enqueue('slow', {}, 'slow-1');
    await h.runner.start();
    await started;
    expect(await h.jobs.get(job.id)).toMatchObject({ status: 'running', leaseOwner: 'node-a', leaseUntil: h.clock.now() + LEASE });
    // two renewals of a third of a lease each, while the job runs far past its first lease
    for (let i = 0; i < 4; i++) {
      h.clock.advance(LEASE / 3);
      hand.fire();
      await expect.poll(async () => (await h.jobs.get(job.id))!.leaseUntil).toBe(h.clock.now() + LEASE);
    }
    expect(h.clock.now()).toBeGreaterThan(job.createdAt + LEASE);
    await other.start();
    await other.stop();
    expect(await h.jobs.get(job.id)).toMatchObject({ status: 'running', leaseOwner: 'node-a', attempts: 1 });
    finish();
    await h.runner.stop();
    expect(await h.jobs.get(job.id)).toMatchObject({ status: 'done', attempts: 1, leaseOwner: null, leaseUntil: null });
    // stopped: no heartbeat left armed
    expect(hand.count).toBe(0);
  });

  it('lets an outside notifier wake its sleeping loops, and unsubscribes at stop', async () => {
    let wakeUp: (() => void) | undefined;
    let unsubscribed = 0;
    const hand = handTimers();
    const h = jobHarness({
      timers: hand.timers,
      subscribe: (wake) => {
        wakeUp = wake;
        return () => void unsubscribed++;
      },
    });
    const ran: number[] = [];
    h.runner.define({ type: 't', schema: anyPayload, handle: (p) => void ran.push(p.n!) });
    await h.runner.start();
    expect(wakeUp).toBeTypeOf('function');
    // the loop found nothing and sleeps (its sleep and the lease heartbeat are armed; neither fires by itself)
    await expect.poll(() => hand.count).toBe(2)
    // another node enqueues: written straight to the store, so nothing here wakes the loop but the notifier
    await h.jobs.enqueue({ type: 't', payload: '{"n":1}', idempotencyKey: 'from-b', integration: null, maxAttempts: 3, runAfter: h.clock.now() }, h.clock.now());
    await new Promise((r) => setTimeout(r, 20));
    expect(ran).toEqual([]);
    wakeUp!();
    await expect.poll(() => ran).toEqual([1])
    await h.runner.stop();
    expect(unsubscribed).toBe(1);
  });

  it('gives each runner its own node name unless one is given', () => {
    const clock = new FakeClock();
    const a = jobHarness({ clock });
    const b = jobHarness({ clock });
    expect(a.runner.node).not.toBe(b.runner.node);
    expect(jobHarness({ node: 'hub-1' }).runner.node).toBe('hub-1');
  });
});

describe.each(storeKinds())('two hub nodes on one store (%s)', (kind) => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore(kind);
  });
  afterEach(() => t.close());

  it('claim concurrently, and every job runs exactly once', async () => {
    const realTimers: Timers = {
      after: (ms, fn) => {
        const h = setTimeout(fn, ms);
        return () => clearTimeout(h);
      },
    };
    const handled = new Map<number, string[]>();
    const node = (name: string) => {
      const r = createJobRunner({
        store: t.repos.jobs,
        uow: t.store.uow,
        audit: t.repos.audit,
        clock: { now: () => Date.now() },
        random: seededRandom(name.length),
        timers: realTimers,
        logger: silentLogger,
        backoff: { baseMs: 10, factor: 2, maxMs: 100, jitter: 0 },
        defaultMaxAttempts: 3,
        concurrency: 3,
        pollIntervalMs: 20,
        shared: true,
        node: name,
        leaseMs: LEASE,
      });
      r.define({
        type: 't',
        schema: anyPayload,
        handle: async (p) => {
          handled.set(p.n!, [...(handled.get(p.n!) ?? []), name]);
          await new Promise((resolve) => setTimeout(resolve, 2));
        },
      });
      return r;
    };
    const a = node('node-a');
    const b = node('node-b');
    const JOBS = 60;
    await Promise.all([a.start(), b.start()]);
    try {
      for (let n = 0; n < JOBS; n++) await (n % 2 ? a : b).enqueue('t', { n }, `k${n}`);
      await expect.poll(async () => (await t.repos.jobs.counts()).done, { timeout: 15_000 }).toBe(JOBS);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    expect(handled.size).toBe(JOBS);
    for (const [, by] of handled) expect(by).toHaveLength(1);
    const byNode = [...handled.values()].flat();
    expect(byNode.filter((x) => x === 'node-a').length).toBeGreaterThan(0);
    expect(byNode.filter((x) => x === 'node-b').length).toBeGreaterThan(0);
    expect(await t.repos.jobs.counts()).toMatchObject({ queued: 0, running: 0, dead: 0 });
  });
});
