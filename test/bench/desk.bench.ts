import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CaseQuery } from '../../electron/core/ports/desk-store.port';
import { createDeskRepo, openStore } from '../../electron/store';
import { percentiles, time } from './bench-timing';
import type { Bench } from './bench.types';
import { HIDDEN, seedCases } from './bench-seed';
import { CHROMIUM_ARGS, resolveChromium } from '../helpers/chromium-path';

const N = Number(process.env.BENCH_DESK_COUNT ?? 100_000);
const RUNS = Number(process.env.BENCH_DESK_RUNS ?? 300);



/**
 * From navigation to the first rows of Innboks visible in Chromium, with the real headless
 * host serving that store: a fresh page load each time (the bundle from disk cache after the
 * first), 5 loads.
 */
async function firstRowsInChromium(dataDir: string): Promise<{ p50: number; max: number }> {
  const root = path.resolve(__dirname, '../..');
  const cli = path.join(root, 'out/main/cli.js');
  if (!fs.existsSync(cli)) execFileSync(process.execPath, [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, stdio: 'ignore' });
  const config = path.join(dataDir, 'postmottak.config.json');
  fs.writeFileSync(config, JSON.stringify({ version: 1, logging: { level: 'error' } }));
  const host = spawn(process.execPath, [cli, '--data', dataDir, '--config', config, 'serve', '--no-open'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const link = await new Promise<string>((resolve, reject) => {
      let out = '';
      host.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /Åpne Postmottak: (\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      host.on('exit', (code) => reject(new Error(`host exited ${code}: ${out}`)));
    });
    const { chromium } = await import('playwright-core');
    const found = resolveChromium();
    const browser = await chromium.launch({ executablePath: found.executablePath, ...(found.env ? { env: found.env } : {}), args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
      await page.goto(link);
      // the page trades the launch code for its session token; wait for it before navigating away
      await page.waitForFunction(() => sessionStorage.getItem('postmottak.session') !== null);
      const inbox = `${link.replace(/\/[?#]launch=.*$/, '')}/#/innboks`;
      const samples: number[] = [];
      for (let i = 0; i < 6; i++) {
        await page.goto('about:blank');
        const t0 = performance.now();
        await page.goto(inbox);
        await page.locator('[data-testid^="case-row-"]').first().waitFor({ state: 'visible', timeout: 30_000 });
        samples.push(performance.now() - t0);
      }
      const p = percentiles(samples);
      return { p50: p.p50, max: Number(Math.max(...samples).toFixed(1)) };
    } finally {
      await browser.close();
    }
  } finally {
    host.kill('SIGTERM');
  }
}

/** The desk's case list on 100,000 cases on disk: the inbox page and a full-text search, p50/p95 per query (rows + total). */
export const deskBench: Bench = {
  name: 'desk',
  description: `the case list on ${N.toLocaleString('en-US')} cases on disk: an inbox page of 50 and a full-text search`,
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-bench-desk-'));
    try {
      const file = path.join(dir, 'postmottak.db');
      let store = openStore(file);
      store.db.pragma('cache_size = -262144'); // 256 MB while seeding only; the measured connection keeps the default
      const t0 = performance.now();
      await seedCases(store, N);
      const seedMs = performance.now() - t0;
      await store.close();
      store = openStore(file); // a fresh connection, as the app has after a restart
      const desk = createDeskRepo(store.sql, store.uow);
      const base: CaseQuery = { hiddenProfileIds: [HIDDEN], sort: 'deadline', dir: 'asc', limit: 50, offset: 0 };

      // the inbox: status "new" by deadline, scrolling through the first 20 pages
      const page = await time(RUNS, (i) => desk.list({ ...base, status: 'new', offset: (i % 20) * 50 }));
      const first = await desk.list({ ...base, status: 'new' });
      if (first.rows.length !== 50 || first.rows.some((x) => x.profileId === HIDDEN)) throw new Error('the inbox page is wrong');
      // the whole list by received date, no filter but visibility
      const all = await time(RUNS, (i) => desk.list({ ...base, sort: 'received', dir: 'desc', offset: (i % 20) * 50 }));
      // a common surname and a prefix
      const words = ['hansen kar', 'olsen ing', 'berg å', 'sæther bjø', 'larsen ma'];
      const search = await time(RUNS, (i) => desk.list({ ...base, sort: 'received', dir: 'desc', text: words[i % words.length] }));
      const found = await desk.list({ ...base, sort: 'received', dir: 'desc', text: 'Hansen kar' });
      if (found.total === 0 || !found.rows.every((x) => /hansen/i.test(x.applicantName ?? '') || /hansen/i.test(x.title ?? ''))) throw new Error('the search is wrong');
      // an exact fødselsnummer (a child's)
      const someone = store.db.prepare<[], { person_number: string }>('SELECT person_number FROM case_persons ORDER BY submission_id DESC LIMIT 1').get()!.person_number;
      const fnr = await time(RUNS, () => desk.list({ ...base, personNumber: someone }));
      const counts = await time(RUNS, () => desk.countsByStatus({ hiddenProfileIds: [HIDDEN] }));
      const sizeMb = (await store.sizeBytes()) / 1e6;
      await store.close();
      const firstRows = await firstRowsInChromium(dir);
      process.stdout.write(
        `  seeded ${N} cases in ${(seedMs / 1000).toFixed(1)} s (${sizeMb.toFixed(0)} MB); inbox total ${first.total}, "Hansen kar" ${found.total} hits\n`,
      );
      return {
        'inbox-page-p50': { value: page.p50, unit: 'ms' },
        'inbox-page-p95': { value: page.p95, unit: 'ms' },
        'all-cases-page-p95': { value: all.p95, unit: 'ms' },
        'search-p50': { value: search.p50, unit: 'ms' },
        'search-p95': { value: search.p95, unit: 'ms' },
        'fnr-search-p95': { value: fnr.p95, unit: 'ms' },
        'counts-by-status-p95': { value: counts.p95, unit: 'ms' },
        'seed-cases-per-second': { value: Math.round(N / (seedMs / 1000)), unit: 'cases/s' },
        'first-rows-visible-p50': { value: firstRows.p50, unit: 'ms' },
        'first-rows-visible-max': { value: firstRows.max, unit: 'ms' },
      };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
