import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ARCHIVE_SECRETS } from '../helpers/archive-sims';
import type { Bench, Figure } from './bench.types';
import { spawnLines } from './bench-bundle';

const COUNT = Number(process.env.BENCH_ARCHIVE_COUNT ?? 5_000);
const BYTES = Number(process.env.BENCH_ARCHIVE_BYTES ?? 50_000);
const TRANSPORTS = (process.env.BENCH_ARCHIVE_TRANSPORTS ?? 'noark5-rest,geointegrasjon,noark4-ws,arkivmelding').split(',');

/** BENCH_ARCHIVE_PROF=<dir>: a CPU profile of the hub worker and of the simulator (`--cpu-prof`), per transport. */
const PROF = process.env.BENCH_ARCHIVE_PROF;

/** A child under tsx, with the archive secrets, profiled when BENCH_ARCHIVE_PROF is set. */
const run = ([script, ...args]: string[], onLine: (line: string, child: ChildProcess) => void) =>
  spawnLines(script!, args, onLine, { env: { ...process.env, ...ARCHIVE_SECRETS }, nodeArgs: PROF ? ['--cpu-prof', '--cpu-prof-dir', PROF] : [] });

const round2 = (n: number): number => Math.round(n * 100) / 100;

/** 5,000 applications with a 50 KB PDF each, delivered by the real hub to each archive simulator (in its own process). */
export const archiveBench: Bench = {
  name: 'archive',
  description: `${COUNT} applications (~${BYTES / 1000} KB PDF each) delivered to each archive simulator on 127.0.0.1 (${TRANSPORTS.join(', ')})`,
  async run() {
    const figures: Record<string, Figure> = {};
    for (const transport of TRANSPORTS) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), `pm-bench-archive-${transport}-`));
      const sim = await new Promise<{ config: Record<string, unknown>; child: ChildProcess }>((resolve) => {
        run([path.join(__dirname, 'archive-sim.server.ts'), transport, dir], (line, child) => {
          if (line.startsWith('SIM ')) resolve({ config: JSON.parse(line.slice(4)) as Record<string, unknown>, child });
        });
      });
      try {
        const file = path.join(dir, 'postmottak.config.json');
        fs.writeFileSync(
          file,
          JSON.stringify({
            version: 1,
            logging: { level: 'error' },
            jobs: { concurrency: Number(process.env.BENCH_JOBS ?? 8), pollIntervalMs: 50, backoff: { baseMs: 50, maxMs: 1000, factor: 2, jitter: 0.5 } },
            integrations: { archive: sim.config },
          }),
        );
        let result: { ms: number; hubCpuMs: number; simCpuMs: number | null } | undefined;
        const w = run([path.join(__dirname, 'archive.worker.ts'), path.join(dir, 'data'), file, String(COUNT), String(BYTES), String(sim.child.pid)], (line) => {
          if (line.startsWith('{')) result = JSON.parse(line) as typeof result;
        });
        await w.done;
        if (!result) throw new Error(`the archive worker gave no result for ${transport}`);
        figures[`${transport}-records-per-second`] = { value: Math.round(COUNT / (result.ms / 1000)), unit: 'records/s' };
        // CPU time over the wall time of the run: 1.0 is one core busy the whole time (the machine has os.cpus().length)
        figures[`${transport}-hub-cpu-share`] = { value: round2(result.hubCpuMs / result.ms), unit: 'cores' };
        if (result.simCpuMs !== null) figures[`${transport}-simulator-cpu-share`] = { value: round2(result.simCpuMs / result.ms), unit: 'cores' };
        process.stdout.write(`  ${transport}: ${(result.ms / 1000).toFixed(1)} s, hub CPU ${(result.hubCpuMs / 1000).toFixed(1)} s, simulator CPU ${result.simCpuMs === null ? '?' : (result.simCpuMs / 1000).toFixed(1)} s\n`);
      } finally {
        sim.child.kill('SIGTERM');
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
    return figures;
  },
};
