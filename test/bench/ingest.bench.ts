import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Bench } from './bench.types';

const COUNT = Number(process.env.BENCH_INGEST_COUNT ?? 20_000);
const BYTES = Number(process.env.BENCH_INGEST_BYTES ?? 50_000);

function run(args: string[], onLine?: (line: string, child: import('node:child_process').ChildProcess) => void) {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { stdio: ['ignore', 'pipe', 'inherit'], env: process.env });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    for (const line of out.split('\n').slice(0, -1)) onLine?.(line, child);
    out = out.slice(out.lastIndexOf('\n') + 1);
  });
  return { child, done: new Promise<void>((r) => child.on('exit', () => r())) };
}

/** 20,000 generated submissions (~50 KB of PDFs each) from the simulator into the store, confirmed. */
export const ingestBench: Bench = {
  name: 'ingest',
  description: `${COUNT} submissions (~${BYTES / 1000} KB each) from the Altinn simulator on 127.0.0.1 into the store, confirmed`,
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-bench-ingest-'));
    // one client key for the simulator process and the ingesting process
    process.env.PM_TEST_CLIENT_KEY ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const here = __dirname;
    const sim = await new Promise<{ url: string; a2: number; child: import('node:child_process').ChildProcess }>((resolve) => {
      run([path.join(here, 'altinn-sim.server.ts'), String(COUNT), String(BYTES)], (line, child) => {
        const m = /^SIM (\S+) (\d+)/.exec(line);
        if (m) resolve({ url: m[1]!, a2: Number(m[2]), child });
      });
    });
    try {
      const { writeIngestConfig } = await import('../helpers/ingest-env');
      const { file, env } = writeIngestConfig(dir, { url: sim.url } as never, {
        jobs: { concurrency: Number(process.env.BENCH_JOBS ?? 8), pollIntervalMs: 50, backoff: { baseMs: 50, maxMs: 1000, factor: 2, jitter: 0.5 } },
      });
      Object.assign(process.env, env);
      let result: { ingestMs: number; peakRss: number; limitMs: number; limitBytes: number } | undefined;
      const w = run([path.join(here, 'ingest.worker.ts'), sim.url, path.join(dir, 'data'), file, String(COUNT), String(sim.a2)], (line) => {
        if (line.startsWith('{')) result = JSON.parse(line) as typeof result;
      });
      await w.done;
      if (!result) throw new Error('the ingest worker gave no result');
      const perSec = COUNT / (result.ingestMs / 1000);
      const limitPerSec = COUNT / (result.limitMs / 1000);
      return {
        'submissions-per-second': { value: Math.round(perSec), unit: 'submissions/s' },
        'peak-rss': { value: Math.round(result.peakRss / 1024 / 1024), unit: 'MB' },
        'limit-submissions-per-second': { value: Math.round(limitPerSec), unit: 'submissions/s' },
        'ratio-to-limit': { value: Number((perSec / limitPerSec).toFixed(3)), unit: 'ratio' },
        'bytes-per-submission': { value: Math.round(result.limitBytes / COUNT), unit: 'bytes' },
      };
    } finally {
      sim.child.kill('SIGTERM');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
