import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { latestVersion, migrate, migrations, openStore, schemaVersion, StoreTooNewError } from '../../electron/store';
import type { Migration } from '../../electron/store/migrations';
import { tempDir } from '../helpers/temp-dir';

const tables = (db: Database.Database) =>
  db.prepare<[], { name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name").all();

describe('migration list', () => {
  it('is ordered in steps of 10 with unique names', () => {
    migrations.forEach((m, i) => expect(m.version).toBe((i + 1) * 10));
    expect(new Set(migrations.map((m) => m.name)).size).toBe(migrations.length);
  });

  it('refuses an out-of-order list', () => {
    const db = new Database(':memory:');
    const a: Migration = { version: 20, name: 'a', up: () => undefined };
    const b: Migration = { version: 10, name: 'b', up: () => undefined };
    expect(() => migrate(db, [a, b])).toThrow(/order/);
  });
});

describe('0010-initial', () => {
  it('creates STRICT tables and sets user_version to 10', () => {
    const db = new Database(':memory:');
    migrate(db, migrations.slice(0, 1));
    expect(schemaVersion(db)).toBe(10);
    const t = tables(db);
    expect(t.map((x) => x.name)).toEqual(expect.arrayContaining(['jobs', 'audit_log', 'audit_head', 'schedules', 'integration_pauses', 'meta']));
    for (const x of t) expect(x.sql, x.name).toMatch(/STRICT\s*$/);
  });

  it('enforces the job status and a unique idempotency key', () => {
    const db = new Database(':memory:');
    migrate(db, migrations.slice(0, 1));
    const ins = db.prepare(
      "INSERT INTO jobs (type, payload, idempotency_key, status, max_attempts, run_after, created_at, updated_at) VALUES ('t', '{}', ?, ?, 3, 0, 0, 0)",
    );
    ins.run('k1', 'queued');
    expect(() => ins.run('k1', 'queued')).toThrow(/UNIQUE/);
    expect(() => ins.run('k2', 'paused')).toThrow(/CHECK/);
  });

  it('makes the audit log append-only', () => {
    const db = new Database(':memory:');
    migrate(db, migrations.slice(0, 1));
    db.prepare("INSERT INTO audit_log (seq, at, actor, action, details, prev_hash, hash) VALUES (1, 0, 'a', 'x', '{}', 'p', 'h')").run();
    expect(() => db.prepare("UPDATE audit_log SET actor = 'b'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });
});

describe('0080-job-leases', () => {
  const columns = (db: Database.Database) => db.prepare<[], { name: string; type: string; notnull: number }>('PRAGMA table_info(jobs)').all();

  it('adds a nullable lease owner and lease end to jobs, keeping the jobs already there', () => {
    const db = new Database(':memory:');
    migrate(db, migrations.filter((m) => m.version <= 70));
    expect(columns(db).map((c) => c.name)).not.toContain('lease_owner');
    db.prepare(
      "INSERT INTO jobs (type, payload, idempotency_key, status, attempts, max_attempts, run_after, created_at, updated_at) VALUES ('t', '{}', 'k1', 'running', 1, 3, 0, 0, 0)",
    ).run();
    migrate(db, migrations.filter((m) => m.version <= 80));
    expect(schemaVersion(db)).toBe(80);
    expect(columns(db).filter((c) => c.name.startsWith('lease_'))).toEqual([
      { name: 'lease_owner', type: 'TEXT', notnull: 0 },
      { name: 'lease_until', type: 'INTEGER', notnull: 0 },
    ].map((c) => expect.objectContaining(c)));
    // a job running when the app was upgraded has no lease: recovery treats it as expired
    expect(db.prepare('SELECT status, lease_owner, lease_until FROM jobs').get()).toEqual({ status: 'running', lease_owner: null, lease_until: null });
    // still STRICT: a lease end must be an integer
    expect(() => db.prepare("UPDATE jobs SET lease_until = 'soon'").run()).toThrow(/INTEGER/);
    db.prepare("UPDATE jobs SET lease_owner = 'node-a', lease_until = 60000").run();
    expect(db.prepare('SELECT lease_owner, lease_until FROM jobs').get()).toEqual({ lease_owner: 'node-a', lease_until: 60000 });
  });
});

describe('migrate()', () => {
  it('runs all pending migrations in one transaction: a failing step leaves the database untouched', () => {
    const db = new Database(':memory:');
    const bad: Migration = {
      version: latestVersion() + 10,
      name: 'broken',
      up: (d) => {
        d.exec('CREATE TABLE half (x INTEGER) STRICT');
        throw new Error('boom');
      },
    };
    expect(() => migrate(db, [...migrations, bad])).toThrow('boom');
    expect(schemaVersion(db)).toBe(0);
    expect(tables(db)).toEqual([]);
  });

  it('is a no-op when up to date', () => {
    const db = new Database(':memory:');
    migrate(db);
    expect(migrate(db)).toEqual({ from: latestVersion(), to: latestVersion() });
  });

  it('refuses a database newer than the app and leaves it as it was', () => {
    const file = path.join(tempDir(), 'future.db');
    const db = new Database(file);
    db.pragma(`user_version = ${latestVersion() + 10}`);
    db.close();
    expect(() => openStore(file)).toThrow(StoreTooNewError);
    const again = new Database(file);
    expect(schemaVersion(again)).toBe(latestVersion() + 10);
    expect(tables(again)).toEqual([]);
  });
});

describe('openStore()', () => {
  it('opens with WAL, foreign keys, busy timeout and synchronous NORMAL', async () => {
    const store = openStore(path.join(tempDir(), 'x.db'));
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(store.db.pragma('synchronous', { simple: true })).toBe(1);
    expect(await store.schemaVersion()).toBe(latestVersion());
    await store.close();
  });
});
