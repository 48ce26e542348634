import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createJobsRepo, openStore } from '../../electron/store';
import { startEffectSink } from '../helpers/effect-sink';
import { seededRandom } from '../helpers/fake-clock';
import { jobHarness } from '../helpers/job-harness';
import { tempDir } from '../helpers/temp-dir';

const WORKER = path.resolve(__dirname, '../fixtures/crash-worker.ts');
const JOBS = 300;

function runWorker(dbFile: string, sinkUrl: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, dbFile, sinkUrl], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, out, err })),
  );
  return { child, exited };
}

describe('crash safety of the job queue', () => {
  it('survives kill -9 between the remote effect and the local commit: every job runs to done, each effect once', async () => {
    const sink = await startEffectSink();
    const dbFile = path.join(tempDir(), 'crash.db');
    // enqueue with the real runner, as the app would
    const { store, runner } = jobHarness({ clock: { now: () => Date.now() }, defaultMaxAttempts: 1000 }, { file: dbFile });
    runner.define({ type: 'test.effect', schema: z.object({ n: z.number() }), handle: () => undefined });
    await store.uow.run(async () => {
      for (let n = 0; n < JOBS; n++) await runner.enqueue('test.effect', { n }, `effect:${n}`);
    });
    await store.close();

    let kills = 0;
    const random = seededRandom(42);
    for (let round = 0; round < 40 && kills < 8; round++) {
      const w = runWorker(dbFile, sink.url);
      // kill right after the sink acknowledged an effect: the job is still 'running' locally
      const target = sink.calls + 1 + Math.floor(random.next() * 40);
      const outcome = await Promise.race([sink.callsReached(target).then(() => 'reached' as const), w.exited.then(() => 'exited' as const)]);
      if (outcome === 'reached') {
        w.child.kill('SIGKILL');
        const r = await w.exited;
        expect(r.signal).toBe('SIGKILL');
        kills++;
      } else {
        const r = await w.exited;
        expect(r.err).toBe('');
        break;
      }
    }
    // a final run finishes whatever is left
    const last = await runWorker(dbFile, sink.url).exited;
    expect(last.out).toContain('ALL DONE');

    expect(kills).toBeGreaterThanOrEqual(5);
    const check = openStore(dbFile);
    const counts = await createJobsRepo(check.sql).counts();
    await check.close();
    expect(counts).toMatchObject({ done: JOBS, queued: 0, running: 0, dead: 0 });
    // one effect per job, under the job's own key: a retry never comes with a new key
    expect(sink.effects.size).toBe(JOBS);
    for (const [key, body] of sink.effects) expect(key).toBe(`effect:${(body as { n: number }).n}`);
    // the crash window was really hit: some effects were delivered again after a restart
    const repeated = [...sink.received.values()].filter((n) => n > 1).length;
    expect(repeated).toBeGreaterThanOrEqual(3);
    await sink.close();
  }, 120_000);
});
