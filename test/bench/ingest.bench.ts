import type { ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Bench, Figure } from './bench.types';
import { bundleWorker, spawnLines } from './bench-bundle';
import { ingestUnderFaults } from './ingest-faults';

const COUNT = Number(process.env.BENCH_INGEST_COUNT ?? 20_000);
const BYTES = Number(process.env.BENCH_INGEST_BYTES ?? 50_000);
/** BENCH_INGEST_PROFILE_DIR: CPU profiles of the hub and the simulator (--cpu-prof) and a heap snapshot of the hub go there. */
const PROFILE_DIR = process.env.BENCH_INGEST_PROFILE_DIR;

/** A child: a .cjs bundle under plain node; node flags before the script. */
const run = ([script, ...args]: string[], onLine: (line: string, child: ChildProcess) => void = () => {}, nodeArgs: string[] = []) => spawnLines(script!, args, onLine, { nodeArgs });

const profileArgs = (name: string) => (PROFILE_DIR ? ['--cpu-prof', '--cpu-prof-dir', PROFILE_DIR, '--cpu-prof-name', `${name}-${COUNT}.cpuprofile`, '--expose-gc'] : []);

interface WorkerResult {
  ingestMs: number;
  peakRss: number;
  memory: Record<string, number>;
  simCpuMs: number;
  hubCpuMs: number;
  limitMs: number;
  limitBytes: number;
  limitSimCpuMs: number;
  staticLimitMs?: number;
}

/** 20,000 generated submissions (~50 KB of PDFs each) from the simulator into the store, confirmed. */
export const ingestBench: Bench = {
  name: 'ingest',
  description: `${COUNT} submissions (~${BYTES / 1000} KB each) from the Altinn simulator on 127.0.0.1 into the store, confirmed; then again with faults and with 60-second tokens`,
  // the clean run first, its processes gone before the fault runs start their own (#18 item 7)
  run: async () => ({ ...(await ingestClean()), ...(await ingestUnderFaults()) }),
};

async function ingestClean(): Promise<Record<string, Figure>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-bench-ingest-'));
  if (PROFILE_DIR) fs.mkdirSync(PROFILE_DIR, { recursive: true });
  // one client key for the simulator process and the ingesting process
  process.env.PM_TEST_CLIENT_KEY ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const here = __dirname;
  // bundled like the product, so the processes measured hold the code, not tsx's compiler (≈150 MB each)
  const [workerEntry, simEntry, staticEntry] = await Promise.all(['ingest.worker.ts', 'altinn-sim.server.ts', 'static-sim.server.ts'].map((f) => bundleWorker(path.join(here, f))));
  const children: ChildProcess[] = [];
  try {
    const sim = await new Promise<{ url: string; a2: number; child: ChildProcess }>((resolve) => {
      const s = run([simEntry!.file, String(COUNT), String(BYTES)], (line, child) => {
        const m = /^SIM (\S+) (\d+)/.exec(line);
        if (m) resolve({ url: m[1]!, a2: Number(m[2]), child });
      }, profileArgs('simulator'));
      children.push(s.child);
    });
    // the same bytes from a server that does nothing else, recorded from the simulator before the clock starts
    const staticUrl = await new Promise<string>((resolve) => {
      const s = run([staticEntry!.file, sim.url], (line) => {
        const m = /^STATIC (\S+)/.exec(line);
        if (m) resolve(m[1]!);
      });
      children.push(s.child);
    });
    const { writeIngestConfig } = await import('../helpers/ingest-env');
    const { file, env } = writeIngestConfig(dir, { url: sim.url } as never, {
      jobs: { concurrency: Number(process.env.BENCH_JOBS ?? 8), pollIntervalMs: 50, backoff: { baseMs: 50, maxMs: 1000, factor: 2, jitter: 0.5 } },
    });
    Object.assign(process.env, env);
    let result: WorkerResult | undefined;
    const w = run(
      [workerEntry!.file, sim.url, path.join(dir, 'data'), file, String(COUNT), String(sim.a2), String(sim.child.pid), staticUrl],
      (line) => {
        if (!line.startsWith('{')) return;
        result = JSON.parse(line) as WorkerResult;
        // the raw measurement (memory breakdown, CPU times) for the notes
        if (process.env.BENCH_INGEST_LOG) process.stderr.write(`ingest worker: ${line}\n`);
      },
      // BENCH_INGEST_NODE_ARGS: V8/node flags for the hub process only (e.g. a heap cap), to see their effect on RSS
      [...profileArgs('hub'), ...(process.env.BENCH_INGEST_NODE_ARGS?.split(' ').filter(Boolean) ?? [])],
    );
    await w.done;
    if (!result) throw new Error('the ingest worker gave no result');
    const perSec = COUNT / (result.ingestMs / 1000);
    const limitPerSec = COUNT / (result.limitMs / 1000);
    const staticPerSec = result.staticLimitMs ? COUNT / (result.staticLimitMs / 1000) : NaN;
    const figures: Record<string, Figure> = {
      'submissions-per-second': { value: Math.round(perSec), unit: 'submissions/s' },
      'peak-rss': { value: Math.round(result.peakRss / 1024 / 1024), unit: 'MB' },
      'limit-submissions-per-second': { value: Math.round(limitPerSec), unit: 'submissions/s' },
      'ratio-to-limit': { value: Number((perSec / limitPerSec).toFixed(3)), unit: 'ratio' },
      'static-limit-submissions-per-second': { value: Math.round(staticPerSec), unit: 'submissions/s' },
      'ratio-to-static-limit': { value: Number((perSec / staticPerSec).toFixed(3)), unit: 'ratio' },
      // who is busy during the ingest: the simulator's CPU against the wall time, and the hub's
      'simulator-cpu-share': { value: Number((result.simCpuMs / result.ingestMs).toFixed(3)), unit: 'CPU s per wall s' },
      'hub-cpu-share': { value: Number((result.hubCpuMs / result.ingestMs).toFixed(3)), unit: 'CPU s per wall s' },
      'simulator-cpu-ms-per-submission': { value: Number((result.simCpuMs / COUNT).toFixed(2)), unit: 'ms' },
      'limit-simulator-cpu-share': { value: Number((result.limitSimCpuMs / result.limitMs).toFixed(3)), unit: 'CPU s per wall s' },
      'heap-used-after-ingest': { value: Math.round(result.memory.heapUsed! / 1024 / 1024), unit: 'MB' },
      'bytes-per-submission': { value: Math.round(result.limitBytes / COUNT), unit: 'bytes' },
    };
    return figures;
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, PROFILE_DIR ? 3000 : 200));
    for (const e of [workerEntry, simEntry, staticEntry]) e?.remove();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
