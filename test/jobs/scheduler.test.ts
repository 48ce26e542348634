import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../electron/core/ports/logger.port';
import { createScheduler } from '../../electron/jobs';
import { createSchedulesRepo } from '../../electron/store';
import { anyPayload, jobHarness } from '../helpers/job-harness';

const HOUR = 3_600_000;

function setup() {
  const h = jobHarness();
  h.runner.define({ type: 'store.backup', schema: anyPayload, handle: () => undefined });
  // 2026-11-29 00:30 in Oslo (UTC+1)
  h.clock.set(Date.UTC(2026, 10, 28, 23, 30));
  const schedulesRepo = createSchedulesRepo(h.store.sql);
  const make = (leader?: () => boolean) =>
    createScheduler({ runner: h.runner, store: schedulesRepo, uow: h.store.uow, clock: h.clock, logger: silentLogger, timezone: 'Europe/Oslo', leader }, [
      { name: 'nightly-backup', cron: '0 2 * * *', jobType: 'store.backup', enabled: true },
      { name: 'off', cron: '* * * * *', jobType: 'store.backup', enabled: false },
    ]);
  return { ...h, schedulesRepo, make };
}

describe('scheduler', () => {
  it('enqueues once per slot in the configured time zone, and only enqueues', async () => {
    const { make, clock, jobs, schedulesRepo } = setup();
    const s = make();
    expect(await s.tick()).toBe(0); // first sight: a baseline, no invented past run
    expect(await schedulesRepo.get('nightly-backup')).toMatchObject({ lastRunAt: clock.now(), lastEnqueuedAt: null });
    clock.advance(HOUR); // 01:30 Oslo
    expect(await s.tick()).toBe(0);
    clock.advance(HOUR); // 02:30 Oslo = 01:30 UTC
    expect(await s.tick()).toBe(1);
    const enqueuedAt = clock.now();
    clock.advance(60_000);
    expect(await s.tick()).toBe(0);
    expect(await schedulesRepo.get('nightly-backup')).toMatchObject({ lastRunAt: clock.now(), lastEnqueuedAt: enqueuedAt });
    const [job] = await jobs.list({ limit: 10 });
    expect(job).toMatchObject({ type: 'store.backup', status: 'queued', idempotencyKey: 'schedule:nightly-backup:2026-11-29T01:00:00.000Z' });
    expect(s.nextRun('nightly-backup')).toBe(Date.UTC(2026, 10, 30, 1, 0));
    expect(s.nextRun('off')).toBeNull();
    // the remembered answer gives way once its time has come
    clock.set(Date.UTC(2026, 10, 30, 1, 0));
    expect(s.nextRun('nightly-backup')).toBe(Date.UTC(2026, 11, 1, 1, 0));
  });

  it('catches up once after downtime, remembering last_run_at across restarts', async () => {
    const { make, clock, jobs } = setup();
    await make().tick();
    clock.advance(3 * 24 * HOUR); // the app was down for three nights
    const restarted = make();
    expect(await restarted.tick()).toBe(1);
    expect((await jobs.counts()).queued).toBe(1);
    expect((await jobs.list({ limit: 1 }))[0]!.idempotencyKey).toBe('schedule:nightly-backup:2026-12-01T01:00:00.000Z');
  });

  it('never enqueues the same slot twice, even from two scheduler instances', async () => {
    const { make, clock, jobs, schedulesRepo } = setup();
    const a = make();
    const b = make();
    await a.tick();
    clock.advance(2 * HOUR);
    await schedulesRepo.setLastRun('nightly-backup', clock.now() - 2 * HOUR); // b has not seen a's run
    await a.tick();
    await schedulesRepo.setLastRun('nightly-backup', clock.now() - 2 * HOUR);
    await b.tick();
    expect((await jobs.counts()).queued).toBe(1);
  });

  it('enqueues and records nothing while another node leads, and takes over from where that node left off', async () => {
    const { make, clock, jobs, schedulesRepo } = setup();
    let leading = false;
    const s = make(() => leading);
    expect(await s.tick()).toBe(0);
    expect(await schedulesRepo.all()).toEqual([]);
    // the leader saw the schedule first, and went away before the night
    await make().tick();
    const seenAt = clock.now();
    clock.advance(2 * HOUR); // 02:30 Oslo: the slot has passed
    expect(await s.tick()).toBe(0);
    expect(await jobs.counts()).toMatchObject({ queued: 0 });
    expect(await schedulesRepo.get('nightly-backup')).toMatchObject({ lastRunAt: seenAt, lastEnqueuedAt: null });
    // this node is elected: the missed slot is enqueued once
    leading = true;
    expect(await s.tick()).toBe(1);
    expect((await jobs.list({ limit: 1 }))[0]!.idempotencyKey).toBe('schedule:nightly-backup:2026-11-29T01:00:00.000Z');
  });

  it('ticks one after another, so two ticks at once enqueue a slot once and count it once', async () => {
    const { make, clock, jobs } = setup();
    const s = make();
    await s.tick();
    clock.advance(2 * HOUR);
    expect(await Promise.all([s.tick(), s.tick()])).toEqual([1, 0]);
    expect((await jobs.counts()).queued).toBe(1);
  });

  it('runs a schedule now on request', async () => {
    const { make, jobs } = setup();
    const r = await make().runNow('nightly-backup');
    expect(r?.created).toBe(true);
    expect((await jobs.get(r!.job.id))!.type).toBe('store.backup');
    expect(await make().runNow('nope')).toBeUndefined();
  });

  it('refuses an invalid cron expression, naming the schedule', () => {
    const { runner, store, clock } = setup();
    expect(() =>
      createScheduler({ runner, store: createSchedulesRepo(store.sql), uow: store.uow, clock, logger: silentLogger, timezone: 'Europe/Oslo' }, [
        { name: 'broken', cron: '61 * * * *', jobType: 'store.backup', enabled: true },
      ]),
    ).toThrow(/broken/);
  });
});
