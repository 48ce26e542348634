import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import type { CaseQuery } from '../../electron/core/ports/desk-store.port';
import { createRepos, openPostgresStore, openStore, type Store } from '../../electron/store';
import { startEmbeddedPostgres } from '../helpers/embedded-pg';
import { jobHarnessOn } from '../helpers/job-harness';
import { part, receivedApplication } from '../helpers/submission-fixture';
import { time } from './bench-timing';
import type { Bench, Figure } from './bench.types';
import { HIDDEN, pad, seedCases } from './bench-seed';

const JOBS = Number(process.env.BENCH_STORE_JOBS ?? 5_000);
const INGEST = Number(process.env.BENCH_STORE_INGEST ?? 2_000);
const CASES = Number(process.env.BENCH_STORE_CASES ?? 100_000);
const RUNS = Number(process.env.BENCH_STORE_RUNS ?? 200);


/** JOBS no-op jobs enqueued one by one (a transaction each) and completed through the real runner. */
async function jobsPerSecond(store: Store): Promise<number> {
  const { runner } = jobHarnessOn(store, { clock: { now: () => Date.now() }, concurrency: 4 });
  let handled = 0;
  runner.define({ type: 'bench.noop', schema: z.object({ i: z.number() }), handle: () => void handled++ });
  const t0 = performance.now();
  for (let i = 0; i < JOBS; i++) await store.uow.run(() => runner.enqueue('bench.noop', { i }, `bench:${i}`));
  await runner.runDue();
  const s = (performance.now() - t0) / 1000;
  if (handled !== JOBS) throw new Error(`only ${handled} of ${JOBS} jobs ran`);
  return JOBS / s;
}

/** What ingest writes for one application, in one unit of work: the submission and its files, its case, its confirm job, an audit entry. */
async function ingestPerSecond(store: Store): Promise<number> {
  const repos = createRepos(store);
  const pdf = Buffer.alloc(40_000, 7);
  const t0 = performance.now();
  for (let i = 0; i < INGEST; i++) {
    const xml = Buffer.from(`<skjema><n>${i}</n><navn>Kari Nordmann</navn></skjema>`);
    const sub = receivedApplication({
      profileId: 'barnehageplass',
      fnr: `0101901${pad(i % 10_000, 4)}`,
      name: 'Kari Nordmann',
      title: `Søknad om barnehageplass - Kari Nordmann ${i}`,
      parts: [part('form', 'skjema', 'skjema.xml', 'application/xml', xml), part('receipt-pdf', 'kvittering', 'kvittering.pdf', 'application/pdf', Buffer.concat([pdf, Buffer.from(String(i))]))],
    });
    await store.uow.run(async () => {
      const { id } = await repos.submissions.insert(sub, { source: 'altinn3', sourceId: `bench-${i}`, serviceKey: sub.serviceKey, fetchedAt: Date.now() });
      await repos.desk.ensureCase({ submissionId: id, status: 'new', deadlineAt: null, preliminaryReplyAt: null, at: Date.now() });
      await repos.jobs.enqueue({ type: 'ingest.confirm', payload: '{}', idempotencyKey: `bench-confirm-${i}`, integration: 'altinn', maxAttempts: 5, runAfter: Date.now() }, Date.now());
      await repos.audit.append({ actor: 'bench', action: 'submission.received', subject: String(id) }, Date.now());
    });
  }
  return INGEST / ((performance.now() - t0) / 1000);
}

async function deskFigures(store: Store) {
  const t0 = performance.now();
  await seedCases(store, CASES);
  const seedMs = performance.now() - t0;
  // the state autovacuum keeps a live database in: statistics, and the visibility map index-only scans need
  if (store.kind === 'postgres') await store.sql.run('VACUUM (ANALYZE)');
  const desk = createRepos(store).desk;
  const base: CaseQuery = { hiddenProfileIds: [HIDDEN], sort: 'deadline', dir: 'asc', limit: 50, offset: 0 };
  const page = await time(RUNS, (i) => desk.list({ ...base, status: 'new', offset: (i % 20) * 50 }));
  const words = ['hansen kar', 'olsen ing', 'berg å', 'sæther bjø', 'larsen ma'];
  const search = await time(RUNS, (i) => desk.list({ ...base, sort: 'received', dir: 'desc', text: words[i % words.length] }));
  const found = await desk.list({ ...base, sort: 'received', dir: 'desc', text: 'sæther bjø' });
  if (found.total === 0 || !found.rows.every((x) => /sæther/i.test(`${x.applicantName} ${x.title}`))) throw new Error(`the search on ${store.kind} is wrong`);
  return { page, search, seedPerSecond: CASES / (seedMs / 1000), hits: found.total };
}

/**
 * The same store work on SQLite (a file on disk, WAL, synchronous=NORMAL) and PostgreSQL (the
 * embedded server, or POSTMOTTAK_TEST_PG_URL, with synchronous_commit=off: like SQLite's NORMAL,
 * a commit survives the process but not a power cut), in one run.
 */
export const storeBench: Bench = {
  name: 'store',
  description: `jobs/s and ingest/s, and the case list at ${CASES.toLocaleString('en-US')} cases, on SQLite and on PostgreSQL`,
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-bench-store-'));
    const server = process.env.POSTMOTTAK_TEST_PG_URL ? null : await startEmbeddedPostgres({ durable: true, synchronousCommit: false });
    const url = process.env.POSTMOTTAK_TEST_PG_URL ?? server!.url;
    const out: Record<string, Figure> = {};
    const byKind: Record<string, { jobs: number; ingest: number; page: number; search: number }> = {};
    try {
      for (const kind of ['sqlite', 'postgres'] as const) {
        const open = async (name: string): Promise<Store> =>
          kind === 'sqlite' ? openStore(path.join(dir, `${name}.db`)) : openPostgresStore({ url, schema: `bench_${name}_${process.pid}`, pool: { max: 8 } });
        const drop = async (s: Store, name: string) => {
          if (kind === 'postgres') await s.sql.run(`DROP SCHEMA bench_${name}_${process.pid} CASCADE`);
          await s.close();
        };
        let s = await open('jobs');
        const jobs = await jobsPerSecond(s);
        await drop(s, 'jobs');
        s = await open('ingest');
        const ingest = await ingestPerSecond(s);
        await drop(s, 'ingest');
        s = await open('desk');
        const d = await deskFigures(s);
        await drop(s, 'desk');
        process.stdout.write(`  ${kind}: ${Math.round(jobs)} jobs/s, ${Math.round(ingest)} ingest/s, seeded ${Math.round(d.seedPerSecond)} cases/s, "sæther bjø" ${d.hits} hits\n`);
        byKind[kind] = { jobs, ingest, page: d.page.p95, search: d.search.p95 };
        out[`${kind}.jobs-per-second`] = { value: Math.round(jobs), unit: 'jobs/s' };
        out[`${kind}.ingest-per-second`] = { value: Math.round(ingest), unit: 'submissions/s' };
        out[`${kind}.inbox-page-p95`] = { value: d.page.p95, unit: 'ms' };
        out[`${kind}.search-p95`] = { value: d.search.p95, unit: 'ms' };
        out[`${kind}.inbox-page-p50`] = { value: d.page.p50, unit: 'ms' };
        out[`${kind}.search-p50`] = { value: d.search.p50, unit: 'ms' };
      }
      const l = byKind.sqlite!;
      const p = byKind.postgres!;
      // the aim: PostgreSQL within 2x of SQLite on every figure (a ratio ≤ 2 meets it)
      out['postgres-vs-sqlite.jobs'] = { value: Number((l.jobs / p.jobs).toFixed(2)), unit: 'x slower' };
      out['postgres-vs-sqlite.ingest'] = { value: Number((l.ingest / p.ingest).toFixed(2)), unit: 'x slower' };
      out['postgres-vs-sqlite.inbox-page-p95'] = { value: Number((p.page / l.page).toFixed(2)), unit: 'x slower' };
      out['postgres-vs-sqlite.search-p95'] = { value: Number((p.search / l.search).toFixed(2)), unit: 'x slower' };
      return out;
    } finally {
      await server?.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
