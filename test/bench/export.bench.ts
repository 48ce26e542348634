/**
 * `npm run bench -- export` (#16): a Noark 5 arkivuttrekk with its built-in pre-check over a store
 * of 10,000 and of 100,000 registry entries (documents about 2 KB each), each in a clean process
 * (export.worker.ts). Aim: 100,000 in under 120 s and 300 MB peak RSS, and RSS at 100,000 within
 * 20 % of RSS at 10,000 (memory must not grow with the number of records). RSS is the worker
 * process's whole: the pre-check's worker threads included; start-rss is tsx and the modules.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../../electron/store';
import type { Bench, Figure } from './bench.types';
import { BENCH_ARKIVDEL, BENCH_FROM, BENCH_TO, seedArchive } from './export-seed';

const SMALL = Number(process.env.BENCH_EXPORT_SMALL ?? 10_000);
const LARGE = Number(process.env.BENCH_EXPORT_LARGE ?? 100_000);

interface WorkerResult {
  ms: number;
  exportMs: number;
  checkMs: number;
  peakRss: number;
  /** Peak before the pre-check began: the export's own. */
  rssAtCheck: number;
  startRss: number;
  state: string;
  error: string | null;
  checkPassed: boolean | null;
  failedChecks: string[];
  counts: Record<string, number>;
}

function runWorker(args: string[]): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'export.worker.ts'), ...args], { stdio: ['ignore', 'pipe', 'inherit'], env: process.env });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{')) reject(new Error(`export worker exited ${code}: ${out}`));
      else resolve(JSON.parse(line) as WorkerResult);
    });
  });
}

/** Seeds `entries` registry entries (two per case file) in a fresh store, then exports and checks them in a worker. */
async function measure(dir: string, entries: number): Promise<WorkerResult> {
  const db = path.join(dir, `export-${entries}.db`);
  const store = openStore(db);
  const t0 = performance.now();
  await seedArchive(store, Math.ceil(entries / 2));
  await store.close();
  process.stdout.write(`  ${entries.toLocaleString('en-US')} journalposter lagt inn på ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  const r = await runWorker([db, path.join(dir, `out-${entries}`), BENCH_ARKIVDEL, BENCH_FROM, BENCH_TO]);
  if (r.state !== 'done') throw new Error(`the export failed: ${r.error}`);
  if (r.checkPassed !== true) throw new Error(`the pre-check failed: ${r.failedChecks.join(', ')}`);
  if (r.counts.registrering !== entries) throw new Error(`the package holds ${r.counts.registrering} of ${entries} registry entries`);
  const mb = (b: number) => Math.round(b / 1048576);
  process.stdout.write(
    `  ${entries.toLocaleString('en-US')}: ${(r.ms / 1000).toFixed(1)} s (uttrekk ${(r.exportMs / 1000).toFixed(1)} s, kontroll ${(r.checkMs / 1000).toFixed(1)} s), RSS ved start ${mb(r.startRss)} MB, etter uttrekk ${mb(r.rssAtCheck)} MB, topp ${mb(r.peakRss)} MB\n`,
  );
  return r;
}

export const exportBench: Bench = {
  name: 'export',
  description: `Noark 5-arkivuttrekk med forhåndskontroll av ${SMALL.toLocaleString('en-US')} og ${LARGE.toLocaleString('en-US')} journalposter (dokumenter på ca. 2 KB)`,
  async run(): Promise<Record<string, Figure>> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-bench-export-'));
    try {
      const small = await measure(dir, SMALL);
      const large = await measure(dir, LARGE);
      const mb = (b: number) => Math.round(b / 1048576);
      return {
        [`seconds-${LARGE}`]: { value: Math.round(large.ms / 100) / 10, unit: 's' },
        [`export-seconds-${LARGE}`]: { value: Math.round(large.exportMs / 100) / 10, unit: 's' },
        [`precheck-seconds-${LARGE}`]: { value: Math.round(large.checkMs / 100) / 10, unit: 's' },
        [`peak-rss-${LARGE}`]: { value: mb(large.peakRss), unit: 'MB' },
        [`export-peak-rss-${LARGE}`]: { value: mb(large.rssAtCheck), unit: 'MB' },
        [`start-rss-${LARGE}`]: { value: mb(large.startRss), unit: 'MB' },
        [`seconds-${SMALL}`]: { value: Math.round(small.ms / 100) / 10, unit: 's' },
        [`peak-rss-${SMALL}`]: { value: mb(small.peakRss), unit: 'MB' },
        'rss-growth': { value: Math.round((large.peakRss / small.peakRss - 1) * 1000) / 10, unit: '% (100k vs 10k)' },
      };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
