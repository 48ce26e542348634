/**
 * Ingest under faults and short tokens (#18 item 7). The same run three times, each in clean
 * processes (the simulator in one, the hub bundled in another, so RSS and CPU are the hub's):
 * clean; with the simulator failing about 1 request in 17 (half 429 with Retry-After, half the
 * front's 500/502/503, on every endpoint, token and exchange included); and with 60-second Altinn
 * and Maskinporten tokens. Each run checks that nothing is lost and each instance was confirmed by
 * exactly one handled complete call. The lead wires ingestUnderFaults() into the ingest bench;
 * `npx tsx test/bench/ingest-faults.ts` runs it alone (under the bench lock).
 * BENCH_FAULTS_COUNT (default 2,000), BENCH_INGEST_BYTES, BENCH_FAULTS_ONE_IN (17),
 * BENCH_FAULTS_RETRY_AFTER_S (1), BENCH_FAULTS_DEADLINE_S (600). BENCH_FAULTS_BASELINE=1 measures the
 * code before #18 item 7 for comparison: the token client as committed at HEAD (a minute's fixed
 * margin) and no retry in place (one try), swapped in when the worker is bundled.
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { oneInFaults, type FaultConfig } from '../../integrations/altinn/simulator/altinn-simulator';
import { buildEntry } from '../helpers/esbuild-entry';
import { spawnLines } from './bench-bundle';
import type { Figure } from './bench.types';

const COUNT = Number(process.env.BENCH_FAULTS_COUNT ?? 2_000);
const BYTES = Number(process.env.BENCH_INGEST_BYTES ?? 50_000);
const ONE_IN = Number(process.env.BENCH_FAULTS_ONE_IN ?? 17);
const RETRY_AFTER_S = Number(process.env.BENCH_FAULTS_RETRY_AFTER_S ?? 1);
const DEADLINE_S = Number(process.env.BENCH_FAULTS_DEADLINE_S ?? 600);
const LONG_TOKEN_S = 1800;
const BASELINE = process.env.BENCH_FAULTS_BASELINE === '1';
/** The last commit before #18's token client (the baseline reads its maskinporten.client.ts). */
const BEFORE_18 = '4d76c1e';
const ROOT = path.resolve(__dirname, '../..');

/** The code before #18 item 7, for BENCH_FAULTS_BASELINE: file → its text as the worker is bundled. */
function baseline(file: string, text: string): string {
  const rel = path.relative(ROOT, file);
  if (rel === path.join('integrations', 'shared', 'auth', 'maskinporten.client.ts')) return execFileSync('git', ['show', `${BEFORE_18}:${rel}`], { cwd: ROOT, encoding: 'utf8' });
  if (rel === path.join('integrations', 'shared', 'http.ts')) return text.replace(/QUICK_RETRY: QuickRetry = \{ attempts: \d+/, 'QUICK_RETRY: QuickRetry = { attempts: 1');
  return text;
}

interface SimCounts {
  requests: Record<string, number>;
  instances: number;
  confirmed: number;
  completeCallsOverOne: number;
  cpuMs: number;
}
interface WorkerResult {
  ingestMs: number;
  peakRss: number;
  done: boolean;
  submissions: number;
  deadJobs: number;
  cpuMs: number;
}
export interface ScenarioResult extends WorkerResult {
  sim: SimCounts;
}



async function scenario(entries: { sim: string; worker: string }, faults: FaultConfig, tokenLifetimeSec: number): Promise<ScenarioResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-bench-faults-'));
  const sim = await new Promise<{ url: string; a2: number; child: ChildProcess }>((resolve) => {
    spawnLines(
      entries.sim,
      [String(COUNT), String(BYTES), JSON.stringify(faults), String(tokenLifetimeSec)],
      (line, child) => {
        const m = /^SIM (\S+) (\d+)/.exec(line);
        if (m) resolve({ url: m[1]!, a2: Number(m[2]), child });
      },
      { stdin: 'pipe' },
    );
  });
  let counts: ((c: SimCounts) => void) | undefined;
  sim.child.stdout!.on('data', (d: Buffer) => {
    const m = /^COUNTS (.*)$/m.exec(d.toString());
    if (m) counts?.(JSON.parse(m[1]!) as SimCounts);
  });
  try {
    const { writeIngestConfig } = await import('../helpers/ingest-env');
    const { file, env } = writeIngestConfig(dir, { url: sim.url } as never, {
      jobs: { concurrency: Number(process.env.BENCH_JOBS ?? 8), pollIntervalMs: 50, backoff: { baseMs: 50, maxMs: 1000, factor: 2, jitter: 0.5 } },
    });
    Object.assign(process.env, env);
    let result: WorkerResult | undefined;
    const w = spawnLines(entries.worker, [path.join(dir, 'data'), file, String(COUNT), String(sim.a2), String(DEADLINE_S)], (line) => {
      if (line.startsWith('{')) result = JSON.parse(line) as WorkerResult;
    });
    await w.done;
    if (!result) throw new Error('the ingest worker gave no result');
    const simCounts = await new Promise<SimCounts>((resolve) => {
      counts = resolve;
      sim.child.stdin!.write('counts\n');
    });
    return { ...result, sim: simCounts };
  } finally {
    sim.child.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function ingestUnderFaults(): Promise<Record<string, Figure>> {
  process.env.PM_TEST_CLIENT_KEY ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const sim = await bundle(path.join(__dirname, 'altinn-faults-sim.server.ts'));
  const worker = await bundle(path.join(__dirname, 'ingest-faults.worker.ts'));
  try {
    const entries = { sim: sim.file, worker: worker.file };
    const clean = await scenario(entries, {}, LONG_TOKEN_S);
    const faulted = await scenario(entries, oneInFaults(ONE_IN, RETRY_AFTER_S), LONG_TOKEN_S);
    const shortToken = await scenario(entries, {}, 60);
    const rate = (r: ScenarioResult) => (r.done ? COUNT / (r.ingestMs / 1000) : 0);
    const out: Record<string, Figure> = {
      'clean-submissions-per-second': { value: Math.round(rate(clean)), unit: 'submissions/s' },
      'faults-submissions-per-second': { value: Math.round(rate(faulted)), unit: 'submissions/s' },
      'faults-ratio-to-clean': { value: Number((rate(faulted) / rate(clean)).toFixed(3)), unit: 'ratio' },
      'short-token-submissions-per-second': { value: Math.round(rate(shortToken)), unit: 'submissions/s' },
      'short-token-ratio-to-clean': { value: Number((rate(shortToken) / rate(clean)).toFixed(3)), unit: 'ratio' },
      'short-token-grants': { value: shortToken.sim.requests.token ?? 0, unit: 'grants' },
      'short-token-run-seconds': { value: Math.round(shortToken.ingestMs / 1000), unit: 's' },
      'faults-lost-or-twice': { value: [clean, faulted, shortToken].reduce((n, r) => n + lostOrTwice(r), 0), unit: 'instances' },
    };
    if (process.env.BENCH_FAULTS_VERBOSE) process.stderr.write(`${JSON.stringify({ clean, faulted, shortToken }, null, 1)}\n`);
    return out;
  } finally {
    sim.remove();
    worker.remove();
  }
}

/**
 * A child entry bundled into one CommonJS file run by plain node: under tsx ≈150 MB of a child's
 * RSS and seconds of its CPU are the compiler. Each module keeps its source's __dirname (resources
 * are found from it), as test/helpers/bundled-entry.ts does for tests.
 */
async function bundle(entry: string): Promise<{ file: string; remove(): void }> {
  // inside the project (git ignores node_modules), so packages resolve from here at run time
  const base = path.resolve(__dirname, '../../node_modules/.cache');
  fs.mkdirSync(base, { recursive: true });
  const dir = fs.mkdtempSync(path.join(base, 'postmottak-faults-bench-'));
  const file = path.join(dir, `${path.basename(entry, '.ts')}.cjs`);
  await buildEntry(entry, file, BASELINE ? baseline : undefined);
  return { file, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Instances not confirmed exactly once (an unfinished run counts every one still missing). */
function lostOrTwice(r: ScenarioResult): number {
  return r.sim.instances - r.sim.confirmed + r.sim.completeCallsOverOne + (r.done ? 0 : 1);
}

if (require.main === module) {
  void ingestUnderFaults().then((f) => {
    for (const [k, v] of Object.entries(f)) process.stdout.write(`ingest.${k}\t${v.value}\t${v.unit}\n`);
    process.exit(0);
  });
}
