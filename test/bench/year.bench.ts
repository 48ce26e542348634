import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { ARCHIVE_SECRETS } from '../helpers/archive-sims';
import type { Bench } from './bench.types';
import { bundleWorker, cpuSecondsOf, spawnLines } from './bench-bundle';

const COUNT = Number(process.env.BENCH_YEAR_COUNT ?? 100_000);
const BYTES = Number(process.env.BENCH_YEAR_BYTES ?? 50_000);

/**
 * #18 item 6: a municipality's year of applications (100,000) pulled from the Altinn simulator,
 * confirmed, and archived over Noark 5 REST by the real hub in a clean, bundled process; each
 * simulator in a process of its own. Ingest and archive run at once, as in life.
 */
export const yearBench: Bench = {
  name: 'year',
  description: `${COUNT} applications (~${BYTES / 1000} KB each) ingested from the Altinn simulator and archived over Noark 5 REST, each simulator in its own process`,
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-bench-year-'));
    // one client key for the simulator and the hub, passed to both explicitly (a bench loaded before this one may have made its own)
    process.env.PM_TEST_CLIENT_KEY ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const env = { ...process.env, ...ARCHIVE_SECRETS };
    const children: ChildProcess[] = [];
    const worker = await bundleWorker(path.join(__dirname, 'year.worker.ts'));
    try {
      const seedT0 = performance.now();
      const [altinn, archive] = await Promise.all([
        new Promise<{ url: string; a2: number; child: ChildProcess }>((resolve) => {
          const p = spawnLines(path.join(__dirname, 'altinn-sim.server.ts'), [String(COUNT), String(BYTES)], (line, child) => {
            const m = /^SIM (\S+) (\d+)/.exec(line);
            if (m) resolve({ url: m[1]!, a2: Number(m[2]), child });
          }, { env });
          children.push(p.child);
        }),
        new Promise<{ config: Record<string, unknown>; child: ChildProcess }>((resolve) => {
          const archiveDir = path.join(dir, 'archive-sim');
          fs.mkdirSync(archiveDir);
          const p = spawnLines(path.join(__dirname, 'archive-sim.server.ts'), ['noark5-rest', archiveDir], (line, child) => {
            if (line.startsWith('SIM ')) resolve({ config: JSON.parse(line.slice(4)) as Record<string, unknown>, child });
          }, { env });
          children.push(p.child);
        }),
      ]);
      const seedS = (performance.now() - seedT0) / 1000;
      process.stdout.write(`  simulators seeded in ${seedS.toFixed(1)} s\n`);
      const { writeIngestConfig } = await import('../helpers/ingest-env');
      const { file, env: ingestEnv } = writeIngestConfig(dir, { url: altinn.url } as never, {
        jobs: { concurrency: Number(process.env.BENCH_JOBS ?? 8), pollIntervalMs: 50, backoff: { baseMs: 50, maxMs: 1000, factor: 2, jitter: 0.5 } },
      });
      // the ingest config with the archive simulator's section beside Altinn's
      const config = JSON.parse(fs.readFileSync(file, 'utf8')) as { integrations: Record<string, unknown> };
      config.integrations.archive = archive.config;
      fs.writeFileSync(file, JSON.stringify(config, null, 2));
      const cpu0 = { altinn: cpuSecondsOf(altinn.child.pid) ?? 0, archive: cpuSecondsOf(archive.child.pid) ?? 0 };

      type Result = { totalMs: number; storedMs: number; ingestedMs: number; rssAtStart: number; firstArchivedMs: number; archived: number; quarantined: number; peakRss: number; hubCpuS: number };
      let result: Result | undefined;
      const w = spawnLines(worker.file, [path.join(dir, 'data'), file, String(COUNT), String(altinn.a2)], (line) => {
        if (line.startsWith('{')) result = JSON.parse(line) as Result;
      }, { env: { ...env, ...ingestEnv, POSTMOTTAK_SECRET_MP_KEY: process.env.PM_TEST_CLIENT_KEY } });
      await w.done;
      if (!result) throw new Error('the year worker gave no result');
      const simCpu = { altinn: (cpuSecondsOf(altinn.child.pid) ?? 0) - cpu0.altinn, archive: (cpuSecondsOf(archive.child.pid) ?? 0) - cpu0.archive };
      const s = (ms: number) => ms / 1000;
      process.stdout.write(
        `  total ${s(result.totalMs).toFixed(1)} s: all stored at ${s(result.storedMs).toFixed(1)} s, all confirmed at ${s(result.ingestedMs).toFixed(1)} s, first archived at ${s(result.firstArchivedMs).toFixed(1)} s; ` +
          `${result.archived} archived, ${result.quarantined} quarantined; CPU s hub ${result.hubCpuS.toFixed(0)}, Altinn sim ${simCpu.altinn.toFixed(0)}, archive sim ${simCpu.archive.toFixed(0)}\n`,
      );
      return {
        'total-seconds': { value: Math.round(s(result.totalMs)), unit: 's' },
        // stored (in the store, every source item seen), and stored and confirmed to Altinn
        'ingest-stored-per-second': { value: Math.round(COUNT / s(result.storedMs)), unit: 'applications/s' },
        'ingest-confirmed-per-second': { value: Math.round(COUNT / s(result.ingestedMs)), unit: 'applications/s' },
        'archive-per-second': { value: Math.round(result.archived / s(result.totalMs)), unit: 'records/s' },
        'archive-tail-seconds': { value: Math.round(s(result.totalMs - result.storedMs)), unit: 's' },
        'rss-at-start': { value: Math.round(result.rssAtStart / 1024 / 1024), unit: 'MB' },
        'peak-rss': { value: Math.round(result.peakRss / 1024 / 1024), unit: 'MB' },
        'hub-cpu-seconds': { value: Math.round(result.hubCpuS), unit: 's' },
        'altinn-sim-cpu-seconds': { value: Math.round(simCpu.altinn), unit: 's' },
        'archive-sim-cpu-seconds': { value: Math.round(simCpu.archive), unit: 's' },
      };
    } finally {
      for (const c of children) c.kill('SIGTERM');
      worker.remove();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
