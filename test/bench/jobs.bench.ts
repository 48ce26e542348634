import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { jobHarness } from '../helpers/job-harness';
import type { Bench } from './bench.types';

const N = 10_000;

/** 10,000 no-op jobs enqueued one by one and completed through the real store on disk. */
export const jobsBench: Bench = {
  name: 'jobs',
  description: `${N} no-op jobs through the durable queue vs. plain better-sqlite3 inserts`,
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-bench-jobs-'));
    try {
      const { store, runner } = jobHarness({ clock: { now: () => Date.now() } }, { file: path.join(dir, 'queue.db') });
      let handled = 0;
      runner.define({ type: 'bench.noop', schema: z.object({ i: z.number() }), handle: () => void handled++ });
      const t0 = performance.now();
      for (let i = 0; i < N; i++) await runner.enqueue('bench.noop', { i }, `bench:${i}`);
      const t1 = performance.now();
      await runner.runDue();
      const t2 = performance.now();
      await store.close();
      if (handled !== N) throw new Error(`only ${handled} of ${N} jobs ran`);

      // the limit: the same rows inserted by plain better-sqlite3, one autocommit each, same pragmas
      const db = new Database(path.join(dir, 'plain.db'));
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.exec(`CREATE TABLE jobs (id INTEGER PRIMARY KEY, type TEXT NOT NULL, payload TEXT NOT NULL, idempotency_key TEXT NOT NULL UNIQUE,
        status TEXT NOT NULL, attempts INTEGER NOT NULL, max_attempts INTEGER NOT NULL, run_after INTEGER NOT NULL,
        created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL) STRICT`);
      const ins = db.prepare("INSERT INTO jobs (type, payload, idempotency_key, status, attempts, max_attempts, run_after, created_at, updated_at) VALUES ('bench.noop', ?, ?, 'queued', 0, 5, ?, ?, ?)");
      const p0 = performance.now();
      for (let i = 0; i < N; i++) {
        const now = Date.now();
        ins.run(JSON.stringify({ i }), `bench:${i}`, now, now, now);
      }
      const p1 = performance.now();
      db.close();

      const queuePerSec = N / ((t2 - t0) / 1000);
      const plainPerSec = N / ((p1 - p0) / 1000);
      return {
        'jobs-per-second': { value: Math.round(queuePerSec), unit: 'jobs/s' },
        'enqueue-per-second': { value: Math.round(N / ((t1 - t0) / 1000)), unit: 'jobs/s' },
        'complete-per-second': { value: Math.round(N / ((t2 - t1) / 1000)), unit: 'jobs/s' },
        'plain-inserts-per-second': { value: Math.round(plainPerSec), unit: 'rows/s' },
        'ratio-to-plain-inserts': { value: Number((queuePerSec / plainPerSec).toFixed(3)), unit: 'ratio' },
      };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
