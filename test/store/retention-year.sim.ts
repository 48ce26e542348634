// #17 item 6: a simulated year of applications with retention every night and maintenance every week, on a SQLite file:
// shared by the retention-year test (small documents) and the retention bench (larger ones, real fsync).
import fs from 'node:fs';
import path from 'node:path';
import { createRepos, openStore, type Repos, type SqliteStore } from '../../electron/store';
import { contentFiles, useContentFiles } from '../../electron/store/content-files';
import { runRetention } from '../../electron/store/retention';
import { FakeClock } from '../helpers/fake-clock';
import { fastSeeder, type Received } from './retention-seed';

const DAY = 86_400_000;
export const YEAR_DAYS = 365;
/** A case is archived, decided and its reply read this many days after it arrives. */
export const PROCESS_AFTER_DAYS = 3;
/** Retention's age (config retention.moveAfterDays); it runs every night, maintenance every week. */
export const MOVE_AFTER_DAYS = 30;
export const MAINTAIN_EVERY_DAYS = 7;
/** The first maintenance after this day measures what every case keeps for good (nothing can have moved yet). */
const CALIBRATE_AFTER_DAY = 20;

export interface YearOptions {
  dir: string;
  apps: number;
  partSizes: readonly number[];
  letterBytes: number;
  /** fsync every moved file (the bench); the test turns it off (200,000 fsyncs would take minutes). */
  sync: boolean;
}

export interface WeekFigure {
  day: number;
  apps: number;
  /** The database file with its WAL, after the week's maintenance. */
  bytes: number;
  /** Every case's rows, plus the documents of the cases still hot, with a quarter for pages and indexes, plus 2 MB. */
  bound: number;
}

export interface YearResult {
  store: SqliteStore;
  repos: Repos;
  /** Every application (without its bytes: they are made again to compare). */
  received: Received[];
  /** The first application of each day, with its bytes. */
  samples: { day: number; c: Received }[];
  weeks: WeekFigure[];
  contentPerApp: number;
  /** The database's own bytes per application (everything but the documents), measured before anything moved. */
  metaPerApp: number;
  seconds: { total: number; seed: number; retention: number; maintain: number };
}

export async function simulateYear(o: YearOptions): Promise<YearResult> {
  const dbFile = path.join(o.dir, 'postmottak.db');
  const store = openStore(dbFile);
  const repos = createRepos(store);
  const seed = fastSeeder(store.db);
  const files = contentFiles(path.join(o.dir, 'files'), { sync: o.sync });
  useContentFiles(store.sql, files);
  const clock = new FakeClock(Date.UTC(2026, 0, 1, 8));
  const start = clock.now();
  const perDay = Math.ceil(o.apps / YEAR_DAYS);
  const contentPerApp = o.partSizes.reduce((a, b) => a + b, 0) + o.letterBytes;
  const size = () => fs.statSync(dbFile).size + (fs.existsSync(`${dbFile}-wal`) ? fs.statSync(`${dbFile}-wal`).size : 0);
  const received: Received[] = [];
  const samples: { day: number; c: Received }[] = [];
  const weeks: WeekFigure[] = [];
  const ms = { seed: 0, retention: 0, maintain: 0 };
  let metaPerApp = 0;
  let n = 0;
  const t0 = performance.now();
  for (let day = 0; day < YEAR_DAYS + PROCESS_AFTER_DAYS + MOVE_AFTER_DAYS + MAINTAIN_EVERY_DAYS; day++) {
    clock.set(start + day * DAY);
    let t = performance.now();
    // one big transaction per day: the day's applications arrive, those of three days ago are finished
    store.db.transaction(() => {
      for (let i = 0; i < perDay && n < o.apps && day < YEAR_DAYS; i++) {
        n++;
        const c = seed.receive(n, clock.now() + i * 1000, o.partSizes);
        received.push({ ...c, parts: [] });
        if (i === 0) samples.push({ day, c });
      }
      const due = day - PROCESS_AFTER_DAYS;
      if (due >= 0) {
        for (const c of received.slice(due * perDay, (due + 1) * perDay)) seed.process(c, clock.now(), { reply: c.n % 7 === 0 ? 'printed' : 'read', letterBytes: o.letterBytes });
      }
    })();
    ms.seed += performance.now() - t;
    t = performance.now();
    await runRetention({ repo: repos.retention, meta: repos.meta, files, policy: 'move', afterDays: MOVE_AFTER_DAYS, batchSize: 1000, now: () => clock.now() });
    ms.retention += performance.now() - t;
    if (day % MAINTAIN_EVERY_DAYS === MAINTAIN_EVERY_DAYS - 1) {
      t = performance.now();
      await store.maintain({ vacuumPages: 0 });
      ms.maintain += performance.now() - t;
      const bytes = size();
      if (!metaPerApp && day >= CALIBRATE_AFTER_DAY) metaPerApp = (bytes - n * contentPerApp) / n;
      if (!metaPerApp) continue;
      // hot: arrived within processing + retention's age + the days until the next maintenance
      const hotApps = Math.min(n, (PROCESS_AFTER_DAYS + MOVE_AFTER_DAYS + MAINTAIN_EVERY_DAYS + 1) * perDay);
      weeks.push({ day, apps: n, bytes, bound: (n * metaPerApp + hotApps * contentPerApp) * 1.25 + 2 * 1024 * 1024 });
    }
  }
  const s = (x: number) => +(x / 1000).toFixed(1);
  return { store, repos, received, samples, weeks, contentPerApp, metaPerApp, seconds: { total: s(performance.now() - t0), seed: s(ms.seed), retention: s(ms.retention), maintain: s(ms.maintain) } };
}
