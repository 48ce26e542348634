import { afterEach, describe, expect, inject, it } from 'vitest';
import { z } from 'zod';
import { realTimers } from '../../electron/app/hub-options';
import { openPostgresStore, type PgStore } from '../../electron/store';
import { listenForJobs } from '../../electron/store/pg-notify';
import { jobHarnessOn } from '../helpers/job-harness';
import { freshSchema } from '../helpers/test-store';

describe('job notifications between nodes on PostgreSQL (#19)', () => {
  const open: PgStore[] = [];
  const stops: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const s of stops.splice(0)) await s();
    for (const s of open.splice(0)) await s.close();
  });

  async function twoNodes(withNotify: boolean) {
    const schema = freshSchema();
    const a = await openPostgresStore({ url: inject('pgUrl'), schema });
    const b = await openPostgresStore({ url: inject('pgUrl'), schema });
    open.push(a, b);
    const handled: number[] = [];
    const common = { clock: { now: () => Date.now() }, timers: realTimers, shared: true, pollIntervalMs: 60_000 };
    const nodeA = jobHarnessOn(a, { ...common, node: 'a' });
    const nodeB = jobHarnessOn(b, {
      ...common,
      node: 'b',
      ...(withNotify ? { subscribe: (wake: () => void) => { const stop = listenForJobs(b, wake); return () => void stop(); } } : {}),
    });
    for (const n of [nodeA, nodeB]) n.runner.define({ type: 'test.ping', schema: z.object({ i: z.number() }), handle: ({ i }) => void handled.push(i) });
    await nodeB.runner.start();
    stops.push(() => nodeB.runner.stop());
    // b's loops are asleep for a minute unless something wakes them
    await new Promise((r) => setTimeout(r, 300));
    return { nodeA, handled };
  }

  it('a job committed on one node wakes the sleeping loops of another at once (LISTEN/NOTIFY)', async () => {
    const { nodeA, handled } = await twoNodes(true);
    await nodeA.store.uow.run(() => nodeA.runner.enqueue('test.ping', { i: 1 }, 'ping-1'));
    await expect.poll(() => handled, { timeout: 3_000 }).toEqual([1]);
  });

  it('without the notification the other node would sleep through it (the test above can fail)', async () => {
    const { nodeA, handled } = await twoNodes(false);
    await nodeA.store.uow.run(() => nodeA.runner.enqueue('test.ping', { i: 2 }, 'ping-2'));
    await new Promise((r) => setTimeout(r, 1_500));
    expect(handled).toEqual([]);
  });

  it('a rolled-back enqueue sends nothing and leaves nothing to run', async () => {
    const { nodeA, handled } = await twoNodes(true);
    await expect(
      nodeA.store.uow.run(async () => {
        await nodeA.runner.enqueue('test.ping', { i: 3 }, 'ping-3');
        throw new Error('the domain change failed');
      }),
    ).rejects.toThrow('failed');
    await new Promise((r) => setTimeout(r, 800));
    expect(handled).toEqual([]);
    expect(await nodeA.store.sql.get('SELECT count(*) AS n FROM jobs')).toEqual({ n: 0 });
  });
});
