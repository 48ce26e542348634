import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Bench, Figure } from './bench.types';
import { bundleWorker, slope, spawnLines } from './bench-bundle';

const DAYS = Number(process.env.BENCH_SOAK_DAYS ?? 30);
const PER_DAY = Number(process.env.BENCH_SOAK_PER_DAY ?? 100);
const WALL_S = Number(process.env.BENCH_SOAK_WALL_S ?? 600);

interface Day {
  day: number;
  wallS: number;
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  fds: number;
  handles: number;
  dbBytes: number;
  submissions: number;
  archived: number;
  replies: number;
  printed: number;
  jobs: number;
  dead: number;
  retried: number;
  decided: number;
  refused: number;
  read: number;
}

const MB = 1024 * 1024;

/**
 * #18 item 8: the hub with its schedules on the simulators' clock through 30 simulated days of
 * steady traffic (ingest, archive, decisions and replies, reads and prints), in a clean, bundled
 * process; RSS, heap, open descriptors and database size sampled after a GC at the end of each
 * day. The slopes are least squares over the second half of the run (the first days fill caches
 * and let V8 size its heap), with the whole run's beside them.
 */
export const soakBench: Bench = {
  name: 'soak',
  description: `${DAYS} simulated days of ${PER_DAY} applications a day through the demo hub and its simulators (at most ${WALL_S} s)`,
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-bench-soak-'));
    const worker = await bundleWorker(path.join(__dirname, 'soak.worker.ts'));
    try {
      const days: Day[] = [];
      let done: { done: number; wallS: number } | undefined;
      const w = spawnLines(worker.file, [path.join(dir, 'data'), String(DAYS), String(PER_DAY), String(WALL_S)], (line) => {
        if (!line.startsWith('{')) return;
        const row = JSON.parse(line) as Day | { done: number; wallS: number };
        if ('done' in row) done = row;
        else {
          days.push(row);
          process.stdout.write(
            `  day ${row.day} (${row.wallS.toFixed(0)} s): RSS ${(row.rss / MB).toFixed(1)} MB, heap ${(row.heapUsed / MB).toFixed(1)} MB, external ${(row.external / MB).toFixed(1)} MB (array buffers ${(row.arrayBuffers / MB).toFixed(1)} MB), fds ${row.fds}, handles ${row.handles}, db ${(row.dbBytes / MB).toFixed(1)} MB; ` +
              `${row.submissions} applications, ${row.archived} archived, ${row.replies} replies (${row.printed} printed, ${row.read} read), ${row.jobs} job rows (${row.dead} dead, ${row.retried} retried)\n`,
          );
        }
      }, { nodeArgs: ['--expose-gc'] });
      const code = await w.done;
      if (!done || days.length < 2) throw new Error(`the soak worker stopped (exit ${code}) after ${days.length} days`);
      const last = days[days.length - 1]!;
      const half = days.slice(Math.floor(days.length / 2));
      const fit = (rows: Day[], y: (d: Day) => number) => slope(rows.map((d) => d.day), rows.map(y));
      const figures: Record<string, Figure> = {
        'simulated-days': { value: done.done, unit: 'days' },
        'wall-seconds': { value: Math.round(done.wallS), unit: 's' },
        'applications': { value: last.submissions, unit: 'applications' },
        'replies': { value: last.replies, unit: 'replies' },
        'printed': { value: last.printed, unit: 'letters' },
        'dead-jobs': { value: last.dead, unit: 'jobs' },
      };
      const series: [string, (d: Day) => number, string, number][] = [
        ['rss', (d) => d.rss / MB, 'MB', 2],
        ['heap', (d) => d.heapUsed / MB, 'MB', 2],
        ['external', (d) => d.external / MB, 'MB', 2],
        ['array-buffers', (d) => d.arrayBuffers / MB, 'MB', 2],
        ['fds', (d) => d.fds, 'descriptors', 2],
        ['handles', (d) => d.handles, 'handles', 2],
        ['db', (d) => d.dbBytes / MB, 'MB', 2],
      ];
      for (const [name, y, unit, digits] of series) {
        const s = fit(half, y);
        figures[`${name}-first`] = { value: Number(y(days[0]!).toFixed(digits)), unit };
        figures[`${name}-last`] = { value: Number(y(last).toFixed(digits)), unit };
        figures[`${name}-slope-per-day`] = { value: Number(s.perX.toFixed(3)), unit: `${unit}/day (2nd half)` };
        figures[`${name}-slope-per-day-all`] = { value: Number(fit(days, y).perX.toFixed(3)), unit: `${unit}/day (all days)` };
      }
      // what the database grows by is the traffic's own rows: per application, not per day
      figures['db-bytes-per-application'] = { value: Math.round((last.dbBytes - days[0]!.dbBytes) / Math.max(1, last.submissions - days[0]!.submissions)), unit: 'bytes' };
      return figures;
    } finally {
      worker.remove();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
