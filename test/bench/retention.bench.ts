import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { simulateYear } from '../store/retention-year.sim';
import type { Bench } from './bench.types';

/** BENCH_RETENTION_APPS overrides the year's applications (a quicker look by hand). */
const N = Number(process.env.BENCH_RETENTION_APPS ?? 100_000);

/**
 * #17 item 6: a year of applications with realistic documents (a 40 KB receipt, a 20 KB attachment: the
 * middle of the 20–60 KB the issue names; a 15 KB letter), retention every night with an fsync per moved file,
 * maintenance weekly: the database's size at the end against what it would be without retention, and the time
 * each part took.
 */
export const retentionBench: Bench = {
  name: 'retention',
  description: `a simulated year of ${N} applications (60 KB of documents each) with nightly retention`,
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-bench-retention-'));
    try {
      const y = await simulateYear({ dir, apps: N, partSizes: [40_000, 20_000], letterBytes: 15_000, sync: true });
      const last = y.weeks[y.weeks.length - 1]!;
      const peak = Math.max(...y.weeks.map((w) => w.bytes));
      const stats = await y.repos.retention.blobStats();
      await y.store.close();
      if (stats.db.count !== 0) throw new Error(`${stats.db.count} documents were left in the database`);
      return {
        applications: { value: N, unit: 'applications' },
        finalDatabase: { value: +(last.bytes / 1e6).toFixed(1), unit: 'MB' },
        peakDatabase: { value: +(peak / 1e6).toFixed(1), unit: 'MB' },
        withoutRetention: { value: +((N * (y.metaPerApp + y.contentPerApp)) / 1e6).toFixed(1), unit: 'MB' },
        movedToFiles: { value: +(stats.file.bytes / 1e6).toFixed(1), unit: 'MB' },
        seedTime: { value: y.seconds.seed, unit: 's' },
        retentionTime: { value: y.seconds.retention, unit: 's' },
        maintenanceTime: { value: y.seconds.maintain, unit: 's' },
      };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
