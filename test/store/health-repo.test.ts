// #17 item 3: the health repository on SQLite and PostgreSQL: outcomes recorded per integration, out-of-order runs, the queue read off jobs.
import { describe, expect, it } from 'vitest';
import { storeKinds, testStoresOf } from '../helpers/test-store';

const T = Date.UTC(2026, 11, 7, 9, 0, 0);

describe.each(storeKinds())('health repo (%s)', (kind) => {
  const open = testStoresOf(kind);

  it('records successes and failures: last of each, the error, failing since the first failure after a success, counts', async () => {
    const { repos } = await open();
    const h = repos.health;
    expect(await h.all()).toEqual([]);
    await h.recordSuccess('archive', T);
    await h.recordFailure('archive', T + 1000, { kind: 'transient', message: 'Tilkobling nektet' });
    await h.recordFailure('archive', T + 2000, { kind: 'auth', message: 'Ugyldig token' });
    expect(await h.all()).toEqual([
      { integration: 'archive', lastSuccessAt: T, lastFailureAt: T + 2000, lastError: 'Ugyldig token', lastErrorKind: 'auth', failingSince: T + 1000, successes: 1, failures: 2 },
    ]);
    await h.recordSuccess('archive', T + 3000);
    await h.recordFailure('print', T, { kind: 'validation', message: 'Mangler adresse' });
    expect(await h.all()).toEqual([
      // the last failure stays to be seen; failing ended
      { integration: 'archive', lastSuccessAt: T + 3000, lastFailureAt: T + 2000, lastError: 'Ugyldig token', lastErrorKind: 'auth', failingSince: null, successes: 2, failures: 2 },
      { integration: 'print', lastSuccessAt: null, lastFailureAt: T, lastError: 'Mangler adresse', lastErrorKind: 'validation', failingSince: T, successes: 0, failures: 1 },
    ]);
  });

  it('keeps the newest facts when runs finish out of order', async () => {
    const { repos } = await open();
    const h = repos.health;
    await h.recordFailure('altinn', T + 5000, { kind: 'transient', message: 'ny' });
    // an older success finishing late neither clears failing nor moves the last success forward past the failure
    await h.recordSuccess('altinn', T + 1000);
    // an older failure finishing late keeps the newer message
    await h.recordFailure('altinn', T + 2000, { kind: 'auth', message: 'gammel' });
    expect((await h.all())[0]).toEqual({
      integration: 'altinn', lastSuccessAt: T + 1000, lastFailureAt: T + 5000, lastError: 'ny', lastErrorKind: 'transient', failingSince: T + 5000, successes: 1, failures: 2,
    });
    // a success, then a failure from before it arriving late: the newest failure is shown, but the integration is not failing
    await h.recordSuccess('altinn', T + 9000);
    await h.recordFailure('altinn', T + 8000, { kind: 'transient', message: 'sen' });
    expect((await h.all())[0]).toMatchObject({ lastSuccessAt: T + 9000, failingSince: null, lastError: 'sen', lastFailureAt: T + 8000 });
  });

  it('reads the queue per integration: queued and running with the oldest waiting, dead not abandoned; done and unassigned jobs left out', async () => {
    const { repos } = await open();
    const add = async (key: string, integration: string | null, at: number, type = 't') =>
      (await repos.jobs.enqueue({ type, payload: '{}', idempotencyKey: key, integration, maxAttempts: 3, runAfter: at }, at)).job;
    await add('a1', 'archive', T - 4000);
    await add('a2', 'archive', T - 2000);
    const running = await repos.jobs.claimNext(T, ['t'], { owner: 'n', until: T + 60_000 });
    expect(running?.idempotencyKey).toBe('a1');
    const d1 = await add('d1', 'archive', T - 9000);
    await repos.jobs.markDead(d1.id, { kind: 'permanent', message: 'x' }, T);
    const d2 = await add('d2', 'archive', T - 9000);
    await repos.jobs.markDead(d2.id, { kind: 'permanent', message: 'x' }, T);
    await repos.jobs.abandonDead(d2.id, T);
    const ok = await add('p1', 'print', T - 500);
    await repos.jobs.markDone(ok.id, T);
    const r1 = await add('r1', 'registers', T - 100, 'r');
    // in backoff after a failure: its next try is the integration's next retry
    await repos.jobs.claimNext(T, ['r'], { owner: 'n', until: T + 60_000 });
    await repos.jobs.reschedule(r1.id, T + 30_000, { kind: 'transient', message: 'tidsavbrudd' }, T, true);
    await add('none', null, T - 100_000);
    // a receipt poll, older than everything: in the depth, not waiting
    await add('poll', 'archive', T - 50_000, 'poll');
    expect((await repos.health.queue())[0]).toMatchObject({ integration: 'archive', queued: 2, oldestWaitingAt: T - 50_000 });
    expect(await repos.health.queue(['poll', 'other'])).toEqual([
      { integration: 'archive', queued: 2, running: 1, dead: 1, oldestWaitingAt: T - 4000, nextRetryAt: null },
      { integration: 'registers', queued: 1, running: 0, dead: 0, oldestWaitingAt: T - 100, nextRetryAt: T + 30_000 },
    ]);
  });
});
