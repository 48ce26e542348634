import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { IntegrationError } from '../../electron/core/errors';
import { backoffDelay } from '../../electron/jobs';
import { mathRandom } from '../../electron/core/ports/random.port';
import { seededRandom } from '../helpers/fake-clock';
import { anyPayload, jobHarnessOn } from '../helpers/job-harness';
import { storeKinds, testStoresOf } from '../helpers/test-store';

describe('backoff', () => {
  it('grows exponentially, is capped, and jitters within the policy', () => {
    const policy = { baseMs: 1000, factor: 2, maxMs: 10_000, jitter: 0.5 };
    const noJitter = { ...policy, jitter: 0 };
    const r = seededRandom(3);
    expect([1, 2, 3, 4, 5, 6].map((a) => backoffDelay(a, noJitter, r))).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
    for (let a = 1; a < 8; a++) {
      const d = backoffDelay(a, policy, r);
      const full = Math.min(10_000, 1000 * 2 ** (a - 1));
      expect(d).toBeGreaterThanOrEqual(full * 0.5);
      expect(d).toBeLessThanOrEqual(full);
    }
  });
});

describe.each(storeKinds())('job runner (%s)', (kind) => {
  const open = testStoresOf(kind);
  /** The real runner over a fresh store of this kind, closed after the test. */
  const jobHarness = async () => jobHarnessOn((await open()).store);

  it('retries a transient failure with growing delays and finally succeeds', async () => {
    const { runner, clock, jobs } = await jobHarness();
    let calls = 0;
    runner.define({
      type: 'test.flaky',
      schema: anyPayload,
      handle: () => {
        calls++;
        if (calls < 4) throw new IntegrationError('transient', `timeout ${calls}`);
      },
    });
    const { job } = await runner.enqueue('test.flaky', {}, 'flaky-1');
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      await runner.runDue();
      const j = (await jobs.get(job.id))!;
      if (j.status === 'done') break;
      expect(j.status).toBe('queued');
      expect(j.lastErrorKind).toBe('transient');
      delays.push(j.runAfter - clock.now());
      // not due before its time
      clock.advance(j.runAfter - clock.now() - 1);
      expect(await runner.runDue()).toBe(0);
      clock.advance(1);
    }
    expect(calls).toBe(4);
    expect(await jobs.get(job.id)).toMatchObject({ status: 'done', attempts: 4, lastError: null });
    expect(delays).toHaveLength(3);
    // jitter keeps each delay in [50 %, 100 %] of 1 s, 2 s, 4 s: strictly growing bands
    expect(delays[0]).toBeLessThanOrEqual(1000);
    expect(delays[1]).toBeGreaterThanOrEqual(1000);
    expect(delays[2]).toBeGreaterThanOrEqual(2000);
  });

  it('sends a permanent error straight to dead, and a transient one after max attempts', async () => {
    const { runner, clock, jobs } = await jobHarness();
    runner.define({
      type: 'test.reject',
      schema: anyPayload,
      handle: () => {
        throw new IntegrationError('permanent', 'schema rejected: journalpost mangler tittel');
      },
    });
    runner.define({
      type: 'test.down',
      schema: anyPayload,
      maxAttempts: 3,
      handle: () => {
        throw new Error('ECONNREFUSED');
      },
    });
    const a = (await runner.enqueue('test.reject', {}, 'r1')).job;
    const b = (await runner.enqueue('test.down', {}, 'd1')).job;
    for (let i = 0; i < 10; i++) {
      await runner.runDue();
      clock.advance(120_000);
    }
    expect(await jobs.get(a.id)).toMatchObject({ status: 'dead', attempts: 1, lastErrorKind: 'permanent', lastError: expect.stringMatching(/tittel/) });
    expect(await jobs.get(b.id)).toMatchObject({ status: 'dead', attempts: 3, lastErrorKind: 'transient' });
    expect(await jobs.counts()).toMatchObject({ dead: 2, deadUnresolved: 2 });
  });

  it('keeps an outbound job that must go out retrying through a long outage, and delivers it when the link returns', async () => {
    const { runner, clock, jobs } = await jobHarness();
    let down = true;
    const sent: string[] = [];
    runner.define({
      type: 'test.outbound',
      schema: anyPayload,
      maxAttempts: 3,
      untilDelivered: true,
      handle: () => {
        if (down) throw new Error('ECONNREFUSED');
        sent.push('x');
      },
    });
    runner.define({
      type: 'test.refused',
      schema: anyPayload,
      untilDelivered: true,
      handle: () => {
        throw new IntegrationError('validation', 'tittel mangler');
      },
    });
    const a = (await runner.enqueue('test.outbound', {}, 'o1')).job;
    const r = (await runner.enqueue('test.refused', {}, 'o2')).job;
    // an hour of outage: far more tries than maxAttempts, and the job is still waiting, not dead
    for (let i = 0; i < 40; i++) {
      await runner.runDue();
      clock.advance(120_000);
    }
    expect(await jobs.get(a.id)).toMatchObject({ status: 'queued', lastErrorKind: 'transient' });
    expect((await jobs.get(a.id))!.attempts).toBeGreaterThan(3);
    // a refusal is still dead at once
    expect(await jobs.get(r.id)).toMatchObject({ status: 'dead', attempts: 1 });
    down = false;
    for (let i = 0; i < 20 && sent.length === 0; i++) {
      clock.advance(120_000);
      await runner.runDue();
    }
    expect(sent).toEqual(['x']);
    expect((await jobs.get(a.id))!.status).toBe('done');
  });

  it('pauses the whole integration on rate-limited, without using up an attempt', async () => {
    const { runner, clock, jobs } = await jobHarness();
    let limited = true;
    const done: string[] = [];
    runner.define({
      type: 'altinn.test',
      schema: z.object({ id: z.string() }),
      integration: 'altinn',
      handle: (p) => {
        if (limited) throw new IntegrationError('rate-limited', '429 Too Many Requests', { retryAfterMs: 30_000 });
        done.push(p.id);
      },
    });
    runner.define({ type: 'other.test', schema: z.object({}), handle: () => void done.push('other') });
    await runner.enqueue('altinn.test', { id: 'a' }, 'a');
    await runner.enqueue('altinn.test', { id: 'b' }, 'b');
    await runner.enqueue('other.test', {}, 'o');
    await runner.runDue();
    // first altinn job hit the limit; the second waits for the pause; other integrations go on
    expect(done).toEqual(['other']);
    expect(await jobs.activePauses(clock.now())).toEqual([{ integration: 'altinn', until: clock.now() + 30_000, reason: '429 Too Many Requests' }]);
    limited = false;
    clock.advance(29_999);
    expect(await runner.runDue()).toBe(0);
    clock.advance(1);
    await runner.runDue();
    expect(done.sort()).toEqual(['a', 'b', 'other']);
    expect((await jobs.list({ limit: 10 })).find((j) => j.idempotencyKey === 'a')!.attempts).toBe(1);
  });

  it('keeps one job per idempotency key', async () => {
    const { runner } = await jobHarness();
    runner.define({ type: 't', schema: anyPayload, handle: () => undefined });
    const first = await runner.enqueue('t', { n: 1 }, 'same');
    const second = await runner.enqueue('t', { n: 2 }, 'same');
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.job.id).toBe(first.job.id);
    expect(JSON.parse(second.job.payload)).toEqual({ n: 1 });
  });

  it('writes the job in the same transaction as the domain change', async () => {
    const { runner, store, jobs } = await jobHarness();
    runner.define({ type: 't', schema: anyPayload, handle: () => undefined });
    await store.sql.run('CREATE TABLE domain_things (id TEXT PRIMARY KEY)');
    await expect(
      store.uow.run(async () => {
        await store.sql.run("INSERT INTO domain_things VALUES ('s1')");
        await runner.enqueue('t', {}, 'archive:s1');
        throw new Error('crash before commit');
      }),
    ).rejects.toThrow();
    expect((await jobs.counts()).queued).toBe(0);
    expect(await store.sql.get('SELECT id FROM domain_things')).toBeUndefined();
    await store.uow.run(async () => {
      await store.sql.run("INSERT INTO domain_things VALUES ('s1')");
      await runner.enqueue('t', {}, 'archive:s1');
    });
    expect((await jobs.counts()).queued).toBe(1);
  });

  it('rejects a payload that does not match the job schema, at enqueue and at load', async () => {
    const { runner, store, jobs } = await jobHarness();
    runner.define({ type: 'typed', schema: z.object({ caseId: z.number() }), handle: () => undefined });
    await expect(runner.enqueue('typed', { caseId: 'x' } as never, 'k')).rejects.toThrow();
    await store.sql.run("INSERT INTO jobs (type, payload, idempotency_key, status, max_attempts, run_after, created_at, updated_at) VALUES ('typed', '{\"caseId\":\"x\"}', 'bad', 'queued', 3, 0, 0, 0)");
    await runner.runDue();
    expect((await jobs.list({ status: 'dead', limit: 5 }))[0]).toMatchObject({ lastErrorKind: 'validation' });
  });

  it('retries and abandons dead jobs with an audit entry each', async () => {
    const { runner, jobs, audit } = await jobHarness();
    let fail = true;
    runner.define({
      type: 't',
      schema: anyPayload,
      handle: () => {
        if (fail) throw new IntegrationError('permanent', 'no');
      },
    });
    const a = (await runner.enqueue('t', {}, 'a')).job;
    const b = (await runner.enqueue('t', {}, 'b')).job;
    await runner.runDue();
    expect((await jobs.counts()).dead).toBe(2);
    fail = false;
    expect(await runner.retry(a.id, 'ola')).toMatchObject({ status: 'queued', attempts: 0 });
    expect(await runner.abandon(b.id, 'ola')).toMatchObject({ status: 'dead', abandoned: true });
    expect(await runner.retry(a.id, 'ola')).toBeUndefined(); // no longer dead
    await runner.runDue();
    expect((await jobs.get(a.id))!.status).toBe('done');
    expect(await jobs.counts()).toMatchObject({ dead: 1, deadUnresolved: 0 });
    expect((await audit.recent(5)).map((e) => [e.action, e.actor, e.subject])).toEqual([
      ['job.abandon', 'ola', `job:${b.id}`],
      ['job.retry', 'ola', `job:${a.id}`],
    ]);
  });

  it('returns running jobs to the queue at start', async () => {
    const { runner, jobs, clock } = await jobHarness();
    runner.define({ type: 't', schema: anyPayload, handle: () => undefined });
    await runner.enqueue('t', {}, 'x');
    const claimed = (await jobs.claimNext(clock.now(), ['t'], { owner: 'crashed', until: clock.now() + 60_000 }))!;
    expect(claimed.status).toBe('running');
    expect(await runner.start()).toBe(1);
    await runner.stop();
    // back in the queue, then run again by the new loop
    expect(await jobs.get(claimed.id)).toMatchObject({ status: 'done', attempts: 2, leaseOwner: null, leaseUntil: null });
  });

  it('runs jobs with its own loop when started, woken by enqueue', async () => {
    const { createJobRunner } = await import('../../electron/jobs');
    const h = await jobHarness();
    const real = createJobRunner({
      store: h.jobs,
      uow: h.store.uow,
      audit: h.audit,
      clock: { now: () => Date.now() },
      random: mathRandom,
      timers: { after: (ms, fn) => { const t = setTimeout(fn, ms); return () => clearTimeout(t); } },
      logger: { log: () => undefined },
      backoff: { baseMs: 10, factor: 2, maxMs: 100, jitter: 0 },
      defaultMaxAttempts: 3,
      concurrency: 2,
      pollIntervalMs: 60_000,
    });
    const seen: number[] = [];
    real.define({ type: 't', schema: anyPayload, handle: (p) => void seen.push(p.n!) });
    await real.start();
    for (let n = 0; n < 20; n++) await real.enqueue('t', { n }, `k${n}`);
    await expect.poll(() => seen.length, { timeout: 5_000 }).toBe(20);
    await real.stop();
    expect((await h.jobs.counts()).done).toBe(20);
  });
});
