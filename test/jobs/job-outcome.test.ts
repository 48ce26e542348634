// #17 item 3: the runner reports how each run ended, before its job.updated goes out (health counts these per integration).
import { describe, expect, it } from 'vitest';
import { IntegrationError } from '../../electron/core/errors';
import type { JobOutcome } from '../../electron/jobs/job-runner';
import { anyPayload, jobHarnessOn } from '../helpers/job-harness';
import { testStoresOf } from '../helpers/test-store';

describe('job runner outcome hook', () => {
  const open = testStoresOf('sqlite');

  it('reports done, failed (with kind and message) and dead, with the job, its integration and the clock time, before job.updated', async () => {
    const { runner, clock } = await jobHarnessOn((await open()).store);
    const seen: string[] = [];
    const outcomes: JobOutcome[] = [];
    let failures = 1;
    runner.define({ type: 'test.archive', schema: anyPayload, integration: 'archive', maxAttempts: 2, handle: () => {
      if (failures-- > 0) throw new IntegrationError('transient', 'connect ECONNREFUSED 127.0.0.1:1');
    } });
    runner.define({ type: 'test.refused', schema: anyPayload, integration: 'print', handle: () => {
      throw new IntegrationError('validation', 'mangler adresse');
    } });
    runner.onUpdate((j) => seen.push(`updated:${j.id}:${j.status}`));
    const off = runner.onOutcome(async (o) => {
      // awaited: an asynchronous listener finishes before the update is emitted
      await new Promise((r) => setTimeout(r, 5));
      seen.push(`outcome:${o.job.id}:${o.outcome}`);
      outcomes.push(o);
    });

    const { job } = await runner.enqueue('test.archive', {}, 'a-1');
    await runner.runDue();
    expect(outcomes.at(-1)).toMatchObject({ outcome: 'failed', error: { kind: 'transient', message: 'connect ECONNREFUSED 127.0.0.1:1' }, at: clock.now(), notYet: false });
    expect(outcomes.at(-1)!.job).toMatchObject({ id: job.id, integration: 'archive', status: 'queued' });
    expect(seen.slice(-2)).toEqual([`outcome:${job.id}:failed`, `updated:${job.id}:queued`]);
    clock.advance(60_000);
    await runner.runDue();
    expect(outcomes.at(-1)).toMatchObject({ outcome: 'done', error: null, at: clock.now(), job: { id: job.id, status: 'done' } });

    const refused = (await runner.enqueue('test.refused', {}, 'p-1')).job;
    await runner.runDue();
    expect(outcomes.at(-1)).toMatchObject({ outcome: 'dead', error: { kind: 'validation', message: 'mangler adresse' }, job: { id: refused.id, integration: 'print' } });

    // a listener that throws is logged; the queue goes on
    runner.onOutcome(() => {
      throw new Error('listener broke');
    });
    await runner.enqueue('test.archive', {}, 'a-2');
    expect(await runner.runDue()).toBe(1);
    expect(outcomes.at(-1)!.outcome).toBe('done');

    // a poll's transient failure is "not yet"; its refusal is not
    let answer: Error = new IntegrationError('transient', 'Venter på kvittering');
    runner.define({ type: 'test.receipt', schema: anyPayload, integration: 'archive', polls: true, untilDelivered: true, handle: () => {
      throw answer;
    } });
    expect(runner.types().filter((t) => t.polls)).toEqual([{ type: 'test.receipt', integration: 'archive', polls: true }]);
    await runner.enqueue('test.receipt', {}, 'r-1');
    await runner.runDue();
    expect(outcomes.at(-1)).toMatchObject({ outcome: 'failed', notYet: true });
    answer = new IntegrationError('auth', 'Ugyldig token');
    clock.advance(60 * 60_000);
    await runner.runDue();
    expect(outcomes.at(-1)).toMatchObject({ outcome: 'failed', notYet: false, error: { kind: 'auth' } });

    // any job may say it waits for another step (the reply waits for its application's archiving): not a failure of the integration
    let wait = true;
    runner.define({ type: 'test.reply-archive', schema: anyPayload, integration: 'archive', handle: () => {
      throw new IntegrationError('transient', wait ? 'Venter på at søknaden blir arkivert' : 'connect ECONNREFUSED', { waiting: wait });
    } });
    await runner.enqueue('test.reply-archive', {}, 'w-1');
    await runner.runDue();
    expect(outcomes.at(-1)).toMatchObject({ outcome: 'failed', notYet: true });
    wait = false;
    clock.advance(60 * 60_000);
    await runner.runDue();
    expect(outcomes.at(-1)).toMatchObject({ outcome: 'failed', notYet: false });

    off();
    const n = outcomes.length;
    await runner.enqueue('test.archive', {}, 'a-3');
    await runner.runDue();
    expect(outcomes).toHaveLength(n);
  });
});
