// #17 item 6: migration 0130 (where a blob's bytes are, retention's cases and runs, its indexes), SQLite and PostgreSQL; and the store's maintenance.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, inject, it } from 'vitest';
import { migrate, migrations, openStore, schemaVersion } from '../../electron/store';
import { openPostgresStore } from '../../electron/store/open-pg-store';
import { pgMigrations } from '../../electron/store/pg-migrations';
import { freshDb } from '../helpers/fresh-db';
import { freshSchema } from '../helpers/test-store';
import { tempDir } from '../helpers/temp-dir';

const SHA_A = 'a'.repeat(64);
const SHA_B = 'b'.repeat(64);
const INDEXES = ['blobs_moved', 'archive_entries_submission', 'submission_parts_blob', 'archive_documents_blob', 'replies_letter'];

describe('#17: 0130-retention on SQLite', () => {
  it('upgrades a version-120 database with blobs: they stay in the database, the new rules hold, the tables are STRICT', () => {
    const db = freshDb(120);
    db.prepare('INSERT INTO blobs (sha256, size, data) VALUES (?, ?, ?)').run(SHA_A, 3, Buffer.from('abc'));
    migrate(db, migrations.filter((m) => m.version <= 130));
    expect(schemaVersion(db)).toBe(130);
    expect(db.prepare('SELECT sha256, size, data, state, moved_at, after_days FROM blobs').all()).toEqual([
      { sha256: SHA_A, size: 3, data: Buffer.from('abc'), state: 'db', moved_at: null, after_days: null },
    ]);
    expect(() => db.prepare("INSERT INTO blobs (sha256, size, data, state) VALUES (?, 1, x'00', 'elsewhere')").run(SHA_B)).toThrow(/CHECK/);
    for (const t of ['retention_cases', 'retention_runs']) {
      expect(db.prepare<[string], { sql: string }>('SELECT sql FROM sqlite_master WHERE name = ?').get(t)!.sql).toMatch(/STRICT\s*$/);
    }
    const runs = db.prepare("INSERT INTO retention_runs (started_at, state, policy, after_days) VALUES (1, ?, ?, 90)");
    expect(runs.run('running', 'move').changes).toBe(1);
    expect(() => runs.run('paused', 'move')).toThrow(/CHECK/);
    expect(() => runs.run('done', 'shred')).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO retention_cases (submission_id, done_at, policy) VALUES (999, 1, 'move')").run()).toThrow(/FOREIGN KEY/);
    const indexes = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'index'").all().map((r) => r.name);
    expect(indexes).toEqual(expect.arrayContaining(INDEXES));
    const plan = (q: string) => db.prepare<[], { detail: string }>(`EXPLAIN QUERY PLAN ${q}`).all().map((r) => r.detail).join(' | ');
    expect(plan(`SELECT 1 FROM submission_parts WHERE sha256 = '${SHA_A}'`)).toMatch(/submission_parts_blob/);
    expect(plan(`SELECT 1 FROM replies WHERE letter_sha256 = '${SHA_A}'`)).toMatch(/replies_letter/);
    expect(plan('SELECT 1 FROM archive_entries WHERE submission_id = 1')).toMatch(/archive_entries_submission|archive_entries_incoming/);
  });
});

describe('#17: 0130-retention on PostgreSQL', () => {
  it('upgrades a version-120 database with blobs, with the same columns, rules and indexes', async () => {
    const schema = freshSchema();
    let s = await openPostgresStore({ url: inject('pgUrl'), schema, migrations: pgMigrations.filter((m) => m.version <= 120), pool: { max: 2 } });
    try {
      await s.sql.run('INSERT INTO blobs (sha256, size, data) VALUES (?, ?, ?)', [SHA_A, 3, Buffer.from('abc')]);
    } finally {
      await s.close();
    }
    s = await openPostgresStore({ url: inject('pgUrl'), schema, migrations: pgMigrations.filter((m) => m.version <= 130), pool: { max: 2 } });
    try {
      expect(await s.schemaVersion()).toBe(130);
      expect(await s.sql.all('SELECT sha256, state, moved_at, after_days FROM blobs')).toEqual([{ sha256: SHA_A, state: 'db', moved_at: null, after_days: null }]);
      await expect(s.sql.run("INSERT INTO blobs (sha256, size, data, state) VALUES (?, 1, '\\x00', 'elsewhere')", [SHA_B])).rejects.toThrow(/check constraint/);
      await expect(s.sql.run("INSERT INTO retention_runs (started_at, state, policy, after_days) VALUES (1, 'running', 'shred', 90)")).rejects.toThrow(/check constraint/);
      await expect(s.sql.run("INSERT INTO retention_cases (submission_id, done_at, policy) VALUES (999, 1, 'move')")).rejects.toThrow(/foreign key/);
      const idx = (await s.sql.all<{ indexname: string }>('SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()')).map((r) => r.indexname);
      expect(idx).toEqual(expect.arrayContaining(INDEXES));
      // maintenance on PostgreSQL analyses the big tables (VACUUM is the server's autovacuum's)
      const m = await s.maintain();
      expect(m).toMatchObject({ kind: 'postgres', analyzed: expect.arrayContaining(['blobs', 'submissions', 'jobs']) });
      const analysed = await s.sql.get<{ t: number | null }>("SELECT extract(epoch FROM last_analyze) AS t FROM pg_stat_user_tables WHERE schemaname = current_schema() AND relname = 'blobs'");
      expect(analysed?.t).not.toBeNull();
    } finally {
      await s.sql.run(`DROP SCHEMA ${schema} CASCADE`);
      await s.close();
    }
  });
});

describe('#17: SQLite maintenance', () => {
  it('switches an older database to incremental auto-vacuum once, and gives freed pages back to the disk, a bounded number per run', async () => {
    const file = path.join(tempDir(), 'old.db');
    // a database made before incremental auto-vacuum (mode none), with documents in it
    const old = new Database(file);
    old.pragma('journal_mode = WAL');
    migrate(old, migrations);
    const ins = old.prepare('INSERT INTO blobs (sha256, size, data) VALUES (?, ?, ?)');
    old.transaction(() => {
      for (let i = 0; i < 300; i++) ins.run(i.toString(16).padStart(64, '0'), 20_000, Buffer.alloc(20_000, i));
    })();
    expect(old.pragma('auto_vacuum', { simple: true })).toBe(0);
    old.close();

    const store = openStore(file);
    const first = await store.maintain({ vacuumPages: 100 });
    expect(first).toMatchObject({ kind: 'sqlite', autoVacuum: 'incremental', switchedToIncremental: true, switchPostponed: null });
    expect(store.db.pragma('auto_vacuum', { simple: true })).toBe(2);

    // retention empties most rows: their pages go on the free list
    store.db.prepare("UPDATE blobs SET data = x'', state = 'file' WHERE rowid % 10 <> 0").run();
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    const free = Number(store.db.pragma('freelist_count', { simple: true }));
    expect(free).toBeGreaterThan(1000);
    const sizeBefore = fs.statSync(file).size;

    const bounded = await store.maintain({ vacuumPages: 100 });
    expect(bounded.freedPages).toBe(100);
    expect(bounded.freePages).toBe(free - 100);
    expect(bounded.switchedToIncremental).toBe(false);
    const all = await store.maintain({ vacuumPages: 0 });
    expect(all.freePages).toBe(0);
    // the file shrank by the freed pages, and the WAL was truncated
    expect(fs.statSync(file).size).toBeLessThanOrEqual(sizeBefore - free * all.pageSize! + all.pageSize!);
    expect(fs.statSync(`${file}-wal`).size).toBe(0);
    await store.close();
  });

  it('puts the one-time switch off when the disk has no room for the copy VACUUM writes', async () => {
    const file = path.join(tempDir(), 'old.db');
    const old = new Database(file);
    migrate(old, migrations);
    old.close();
    const store = openStore(file);
    const r = await store.maintain({ freeBytes: 1000 });
    expect(r).toMatchObject({ switchedToIncremental: false, autoVacuum: 'none', switchPostponed: expect.stringMatching(/For lite ledig plass/) });
    await store.close();
  });

  it('waits for a unit of work holding the connection, instead of failing inside its transaction', async () => {
    const file = path.join(tempDir(), 'old.db');
    const old = new Database(file);
    migrate(old, migrations);
    old.close();
    const store = openStore(file);
    let release!: () => void;
    const held = store.uow.run(async () => {
      await store.sql.run("INSERT INTO meta (key, value) VALUES ('k', 'v')");
      await new Promise<void>((r) => (release = r));
    });
    const maintained = store.maintain();
    await new Promise((r) => setTimeout(r, 30));
    release();
    await held;
    // the one-time VACUUM ran after the unit committed, and kept its row
    expect(await maintained).toMatchObject({ switchedToIncremental: true, autoVacuum: 'incremental' });
    expect(await store.sql.get("SELECT value FROM meta WHERE key = 'k'")).toEqual({ value: 'v' });
    await store.close();
  });

  it('creates new databases with incremental auto-vacuum from the start', async () => {
    const store = openStore(path.join(tempDir(), 'new.db'));
    expect(store.db.pragma('auto_vacuum', { simple: true })).toBe(2);
    await store.close();
  });
});
