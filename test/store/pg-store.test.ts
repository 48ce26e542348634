import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { migrate } from '../../electron/store/migrate';
import { migrations } from '../../electron/store/migrations';
import { pgMigrations } from '../../electron/store/pg-migrations';
import { openPostgresStore, openStore, StoreTooNewError, type Store } from '../../electron/store';
import { toPg } from '../../electron/store/sql/pg-placeholders';
import { freshSchema, openTestStore, storeKinds, type TestStore } from '../helpers/test-store';

describe('PostgreSQL placeholders', () => {
  it('rewrites ? and @name outside literals, comments and @@', () => {
    expect(toPg("SELECT ? , '?', \"a?\" -- ?\n, ?", [1, 2])).toEqual({ text: "SELECT $1 , '?', \"a?\" \n, $2", values: [1, 2] });
    expect(toPg("SELECT @a, @b, @a, 'it''s @x' WHERE v @@ q AND j::text = @b", { a: 1, b: 'x' })).toEqual({
      text: "SELECT $1, $2, $1, 'it''s @x' WHERE v @@ q AND j::text = $2",
      values: [1, 'x'],
    });
  });
  it('refuses an unbound name and a mix of styles', () => {
    expect(() => toPg('SELECT @missing_one', {})).toThrow(/@missing_one/);
    expect(() => toPg('SELECT ?, @a', [1])).toThrow(/mixes/);
  });
});

describe('the two schemas', () => {
  it('are numbered in step: the newest version is the same, and every PostgreSQL step exists on SQLite', () => {
    expect(pgMigrations.at(-1)!.version).toBe(migrations.at(-1)!.version);
    const sqliteVersions = new Set(migrations.map((m) => m.version));
    for (const m of pgMigrations) expect(sqliteVersions.has(m.version)).toBe(true);
  });

  it('have the same tables and columns', async () => {
    const lite = openStore(':memory:');
    const pg = await openTestStore('postgres');
    try {
      const liteTables = lite.db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'case_fts%'")
        .all() as { name: string }[];
      const liteCols: Record<string, string[]> = {};
      for (const { name } of liteTables) liteCols[name] = (lite.db.prepare(`PRAGMA table_info(${name})`).all() as { name: string }[]).map((c) => c.name).sort();
      const rows = await pg.store.sql.all<{ t: string; c: string }>(
        'SELECT table_name AS t, column_name AS c FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY t, c',
      );
      const pgCols: Record<string, string[]> = {};
      for (const r of rows) (pgCols[r.t] ??= []).push(r.c);
      for (const t of Object.keys(pgCols)) pgCols[t]!.sort();
      // each engine's own bookkeeping: PostgreSQL's search table and schema version, SQLite's FTS5 shadow tables
      delete pgCols.case_search;
      delete pgCols.pm_schema_version;
      expect(pgCols).toEqual(liteCols);
    } finally {
      await lite.close();
      await pg.close();
    }
  });

  it('SQLite reaches the same version from empty', () => {
    const lite = openStore(':memory:', { migrate: false });
    expect(migrate(lite.db).to).toBe(pgMigrations.at(-1)!.version);
    lite.db.close();
  });
});

describe.each(storeKinds())('the unit of work (%s)', (kind) => {
  let t: TestStore;
  let store: Store;
  beforeEach(async () => {
    t = await openTestStore(kind);
    store = t.store;
  });
  afterEach(() => t.close());

  const value = async (key: string) => (await store.sql.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', [key]))?.value;

  it('commits what ran inside it, and rolls all of it back on an error', async () => {
    await store.uow.run(async () => {
      await t.repos.meta.set('a', '1');
      await t.repos.meta.set('b', '2');
    });
    await expect(
      store.uow.run(async () => {
        await t.repos.meta.set('c', '3');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect([await value('a'), await value('b'), await value('c')]).toEqual(['1', '2', undefined]);
  });

  it('makes a nested unit a savepoint: a caught failure inside undoes only its own writes', async () => {
    await store.uow.run(async () => {
      await t.repos.meta.set('outer', 'yes');
      await store.uow
        .run(async () => {
          await t.repos.meta.set('inner', 'yes');
          throw new Error('inner fails');
        })
        .catch(() => undefined);
    });
    expect([await value('outer'), await value('inner')]).toEqual(['yes', undefined]);
  });

  it('keeps work outside the unit out of it: an outside write waits or runs apart, and survives the unit rolling back', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const unit = store.uow.run(async () => {
      await t.repos.meta.set('in', '1');
      await held;
      throw new Error('rolled back');
    });
    const outside = t.repos.meta.set('out', '1');
    release();
    await expect(unit).rejects.toThrow('rolled back');
    await outside;
    expect([await value('in'), await value('out')]).toEqual([undefined, '1']);
  });

  it('serialises audit appends from concurrent units into one verified chain', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.uow.run(async () => void (await t.repos.audit.append({ actor: 'a', action: `x${i}` }, i)))),
    );
    expect(await t.repos.audit.verify()).toEqual({ ok: true, checked: 20, problem: null });
  });
});

describe('PostgreSQL migrations', () => {
  const url = () => inject('pgUrl');

  it('0080 adds job leases to a 0070 database and keeps its jobs; a database newer than the app is refused', async () => {
    const schema = freshSchema();
    let s = await openPostgresStore({ url: url(), schema, migrations: pgMigrations.filter((m) => m.version <= 70) });
    try {
      expect(await s.schemaVersion()).toBe(70);
      await s.sql.run(
        "INSERT INTO jobs (type, payload, idempotency_key, status, max_attempts, run_after, created_at, updated_at) VALUES ('x', '{}', 'k', 'running', 5, 0, 0, 0)",
      );
    } finally {
      await s.close();
    }
    s = await openPostgresStore({ url: url(), schema });
    try {
      expect(await s.schemaVersion()).toBe(pgMigrations.at(-1)!.version);
      expect(await s.sql.get('SELECT status, lease_owner, lease_until FROM jobs')).toEqual({ status: 'running', lease_owner: null, lease_until: null });
    } finally {
      await s.close();
    }
    await expect(openPostgresStore({ url: url(), schema, migrations: pgMigrations.filter((m) => m.version <= 70) })).rejects.toBeInstanceOf(StoreTooNewError);
  });

  it('nodes that start together migrate once, under the migration lock', async () => {
    const schema = freshSchema();
    const stores = await Promise.all([1, 2, 3].map(() => openPostgresStore({ url: url(), schema })));
    try {
      const newest = pgMigrations.at(-1)!.version;
      expect(await Promise.all(stores.map((s) => s.schemaVersion()))).toEqual([newest, newest, newest]);
      expect(await stores[0]!.sql.get('SELECT count(*) AS n FROM pm_schema_version')).toEqual({ n: 1 });
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });
});
