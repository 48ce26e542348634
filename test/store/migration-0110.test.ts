// #17 item 3: migration 0110 (integration health), SQLite and PostgreSQL.
import { describe, expect, inject, it } from 'vitest';
import { createJobsRepo, migrate, migrations, schemaVersion } from '../../electron/store';
import { openPostgresStore } from '../../electron/store/open-pg-store';
import { pgMigrations } from '../../electron/store/pg-migrations';
import { createHealthRepo } from '../../electron/store/repos/health.repo';
import { createSqliteSql } from '../../electron/store/sql/sqlite-client';
import type { SqlClient } from '../../electron/store/sql/sql-client';
import { freshDb } from '../helpers/fresh-db';
import { freshSchema } from '../helpers/test-store';

const T = Date.UTC(2026, 11, 7, 9, 0, 0);
const upTo110 = migrations.filter((m) => m.version <= 110);
const INSERT = 'INSERT INTO integration_health (integration, last_failure_at, last_error_kind, failing_since, successes, failures, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1)';
/** Rows that break one rule each, and one that keeps them all. */
const GOOD = ['archive', T, 'transient', T, 0, 1];
const BAD: [string, unknown[]][] = [
  ['failure without kind', ['a', T, null, null, 0, 1]],
  ['kind without failure', ['b', null, 'auth', null, 0, 0]],
  ['failing without a failure', ['c', null, null, T, 0, 0]],
  ['negative count', ['d', null, null, null, -1, 0]],
];

/** Jobs written before the step, of two integrations and every status, read back by the new queue query. */
async function seedJobs(sql: SqlClient) {
  const jobs = createJobsRepo(sql);
  const add = async (key: string, integration: string | null, at: number) =>
    (await jobs.enqueue({ type: 'archive.deliver', payload: '{}', idempotencyKey: key, integration, maxAttempts: 5, runAfter: at }, at)).job;
  await add('q1', 'archive', T - 3000);
  await add('q2', 'archive', T - 1000);
  const dead = await add('d1', 'archive', T - 5000);
  await jobs.markDead(dead.id, { kind: 'permanent', message: 'nei' }, T);
  const done = await add('ok', 'print', T - 9000);
  await jobs.markDone(done.id, T);
  await add('x', null, T);
}

describe('#17: 0110-health on SQLite', () => {
  it('upgrades a version-100 database with jobs: a STRICT health table with its rules, and the queue read over the old jobs through the status index', async () => {
    const db = freshDb(100);
    await seedJobs(createSqliteSql(db).sql);
    migrate(db, upTo110);
    expect(schemaVersion(db)).toBe(110);
    expect(db.prepare<[string], { sql: string }>('SELECT sql FROM sqlite_master WHERE name = ?').get('integration_health')!.sql).toMatch(/STRICT\s*$/);
    const ins = db.prepare(INSERT);
    expect(ins.run(...GOOD).changes).toBe(1);
    for (const [rule, row] of BAD) expect(() => ins.run(...row), rule).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE integration_health SET successes = 'mange'").run()).toThrow(/cannot store TEXT value in INTEGER column/);
    const plan = db
      .prepare<[], { detail: string }>(
        "EXPLAIN QUERY PLAN SELECT integration, status, abandoned, count(*) FROM jobs WHERE status IN ('queued', 'running', 'dead') AND integration IS NOT NULL GROUP BY integration, status, abandoned",
      )
      .all()
      .map((r) => r.detail)
      .join(' | ');
    // open jobs only: the status index, not a scan of every done job
    expect(plan).toMatch(/USING INDEX jobs_due \(status=\?\)/);
    const { sql, uow } = createSqliteSql(db);
    expect(await createHealthRepo(sql, uow).queue()).toEqual([{ integration: 'archive', queued: 2, running: 0, dead: 1, oldestWaitingAt: T - 3000, nextRetryAt: null }]);
  });
});

describe('#17: 0110-health on PostgreSQL', () => {
  it('upgrades a version-100 database with jobs: the health table with the same columns and rules, the queue read over the old jobs', async () => {
    const schema = freshSchema();
    let s = await openPostgresStore({ url: inject('pgUrl'), schema, migrations: pgMigrations.filter((m) => m.version <= 100), pool: { max: 2 } });
    try {
      expect(await s.schemaVersion()).toBe(100);
      await seedJobs(s.sql);
    } finally {
      await s.close();
    }
    s = await openPostgresStore({ url: inject('pgUrl'), schema, migrations: pgMigrations.filter((m) => m.version <= 110), pool: { max: 2 } });
    try {
      expect(await s.schemaVersion()).toBe(110);
      const cols = await s.sql.all<{ c: string; t: string; n: string }>(
        "SELECT column_name AS c, data_type AS t, is_nullable AS n FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'integration_health' ORDER BY ordinal_position",
      );
      expect(cols.map((r) => `${r.c} ${r.t} ${r.n}`)).toEqual([
        'integration text NO', 'last_success_at bigint YES', 'last_failure_at bigint YES', 'last_error text YES', 'last_error_kind text YES',
        'failing_since bigint YES', 'successes bigint NO', 'failures bigint NO', 'updated_at bigint NO',
      ]);
      expect((await s.sql.run(INSERT, GOOD as never)).changes).toBe(1);
      for (const [rule, row] of BAD) await expect(s.sql.run(INSERT, row as never), rule).rejects.toThrow(/check constraint/);
      expect(await createHealthRepo(s.sql, s.uow).queue()).toEqual([{ integration: 'archive', queued: 2, running: 0, dead: 1, oldestWaitingAt: T - 3000, nextRetryAt: null }]);
    } finally {
      await s.sql.run(`DROP SCHEMA ${schema} CASCADE`);
      await s.close();
    }
  });
});
