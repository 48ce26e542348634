// #17 item 4: migration 0120 (alert incidents, one open per key), SQLite and PostgreSQL, and the repository over it.
import { describe, expect, inject, it } from 'vitest';
import { createRepos, migrate, migrations, schemaVersion } from '../../electron/store';
import { openPostgresStore } from '../../electron/store/open-pg-store';
import { pgMigrations } from '../../electron/store/pg-migrations';
import { freshDb } from '../helpers/fresh-db';
import { freshSchema, storeKinds, testStoresOf } from '../helpers/test-store';

const INSERT = `INSERT INTO alert_incidents (incident_key, kind, title, message, advice, opened_at, last_seen_at, open_mail, cleared_at, clear_mail)
  VALUES (?, ?, 't', 'm', 'a', 10, ?, ?, ?, ?)`;
const GOOD = ['disk', 'disk', 10, 'pending', null, null];
/** Rows that break one rule each, and the rule. */
const BAD: [string, unknown[]][] = [
  ['kind', ['disk', 'weather', 10, 'pending', null, null]],
  ['open_mail', ['disk', 'disk', 10, 'posted', null, null]],
  ['last seen before opened', ['disk', 'disk', 5, 'pending', null, null]],
  ['cleared without its mail state', ['x', 'disk', 10, 'pending', 20, null]],
  ['mail state while open', ['y', 'disk', 10, 'pending', null, 'sent']],
  ['cleared before opened', ['z', 'disk', 10, 'pending', 5, 'none']],
];

describe('#17: 0120-alerts on SQLite', () => {
  it('upgrades a version-110 database: a STRICT incident table whose rules hold, and at most one open incident per key', () => {
    const db = freshDb(110);
    db.prepare("INSERT INTO jobs (type, payload, idempotency_key, status, max_attempts, run_after, created_at, updated_at) VALUES ('x', '{}', 'k', 'dead', 1, 0, 0, 0)").run();
    migrate(db, migrations.filter((m) => m.version <= 120));
    expect(schemaVersion(db)).toBe(120);
    expect(db.prepare<[string], { sql: string }>('SELECT sql FROM sqlite_master WHERE name = ?').get('alert_incidents')!.sql).toMatch(/STRICT\s*$/);
    expect(db.prepare('SELECT count(*) AS n FROM jobs').get()).toEqual({ n: 1 });

    const ins = db.prepare(INSERT);
    expect(ins.run(...GOOD).changes).toBe(1);
    for (const [rule, row] of BAD) expect(() => ins.run(...row), rule).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE alert_incidents SET opened_at = 'i går'").run()).toThrow(/cannot store TEXT value in INTEGER column/);
    // a second open 'disk' is refused; once the first is cleared, a new one may open
    expect(() => ins.run(...GOOD)).toThrow(/UNIQUE/);
    db.prepare("UPDATE alert_incidents SET cleared_at = 30, clear_mail = 'pending'").run();
    expect(ins.run(...GOOD).changes).toBe(1);
    const plan = db.prepare<[], { detail: string }>("EXPLAIN QUERY PLAN SELECT id FROM alert_incidents WHERE incident_key = 'disk' AND cleared_at IS NULL").all();
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/alert_incidents_open_key/);
  });
});

describe.each(storeKinds())('#17: the alerts repository (%s)', (kind) => {
  const open = testStoresOf(kind);

  it('opens once per key, touches, clears with a mail state, acknowledges, counts and prunes', async () => {
    const { repos } = await open();
    const a = repos.alerts;
    const text = { title: 'Disken er nesten full', message: 'm', advice: 'a' };
    const first = await a.insert({ key: 'disk', kind: 'disk', ...text, openedAt: 1_000, openMail: 'pending' });
    expect(first).toMatchObject({ id: expect.any(Number), key: 'disk', openedAt: 1_000, lastSeenAt: 1_000, openMail: 'pending', clearedAt: null, clearMail: null });
    // another evaluation was first: no second open incident
    expect(await a.insert({ key: 'disk', kind: 'disk', ...text, openedAt: 2_000, openMail: 'pending' })).toBeUndefined();
    await a.insert({ key: 'integration:archive', kind: 'integration', ...text, openedAt: 1_500, openMail: 'none' });
    expect((await a.open()).map((i) => i.key)).toEqual(['disk', 'integration:archive']);

    await a.touch(first!.id, { ...text, message: 'm2', lastSeenAt: 5_000, clearPendingSince: 4_000 });
    await a.setMail(first!.id, 'open', 'sent', 1_200, null);
    expect(await a.get(first!.id)).toMatchObject({ message: 'm2', lastSeenAt: 5_000, clearPendingSince: 4_000, openMail: 'sent', openMailAt: 1_200 });
    expect(await a.acknowledge(first!.id, 6_000, 'ida')).toMatchObject({ acknowledgedAt: 6_000, acknowledgedBy: 'ida' });
    // a second acknowledgement keeps the first
    expect(await a.acknowledge(first!.id, 7_000, 'ola')).toMatchObject({ acknowledgedAt: 6_000, acknowledgedBy: 'ida' });
    expect(await a.counts()).toEqual({ open: 2, unacknowledged: 1 });

    expect(await a.clear(first!.id, 9_000, 'pending')).toBe(true);
    expect(await a.clear(first!.id, 9_500, 'pending')).toBe(false);
    expect((await a.recent(10)).map((i) => [i.key, i.clearedAt, i.clearMail])).toEqual([['disk', 9_000, 'pending']]);
    expect(await a.counts()).toEqual({ open: 1, unacknowledged: 1 });
    // the key is free again once cleared
    expect(await a.insert({ key: 'disk', kind: 'disk', ...text, openedAt: 10_000, openMail: 'none' })).toBeDefined();
    expect(await a.pruneCleared(9_001)).toBe(1);
    expect(await a.recent(10)).toEqual([]);
  });

  it('lists the unresolved dead jobs per type with the newest error; abandoned and live ones are left out', async () => {
    const { repos, store } = await open();
    const job = (type: string, key: string, status: string, abandoned: number, updated: number, error: string | null, integration: string | null = 'archive') =>
      store.sql.run(
        `INSERT INTO jobs (type, payload, idempotency_key, integration, status, max_attempts, run_after, last_error, abandoned, created_at, updated_at)
         VALUES (?, '{}', ?, ?, ?, 3, 0, ?, ?, 0, ?)`,
        [type, key, integration, status, error, abandoned, updated],
      );
    await job('archive.deliver', 'a', 'dead', 0, 100, 'eldre feil');
    await job('archive.deliver', 'b', 'dead', 0, 200, 'nyeste feil');
    await job('archive.deliver', 'c', 'dead', 1, 300, 'forlatt');
    await job('archive.deliver', 'd', 'queued', 0, 400, 'prøver igjen');
    await job('store.backup', 'e', 'dead', 0, 50, 'disk full', null);
    expect(await repos.alerts.deadJobs()).toEqual([
      { type: 'archive.deliver', integration: 'archive', count: 2, newestAt: 200, lastError: 'nyeste feil' },
      { type: 'store.backup', integration: null, count: 1, newestAt: 50, lastError: 'disk full' },
    ]);
  });
});

describe('#17: 0120-alerts on PostgreSQL', () => {
  it('upgrades a version-110 database: the incident table with its rules and the one-open-per-key index', async () => {
    const schema = freshSchema();
    let s = await openPostgresStore({ url: inject('pgUrl'), schema, migrations: pgMigrations.filter((m) => m.version <= 110), pool: { max: 2 } });
    await s.close();
    s = await openPostgresStore({ url: inject('pgUrl'), schema, migrations: pgMigrations.filter((m) => m.version <= 120), pool: { max: 2 } });
    try {
      expect(await s.schemaVersion()).toBe(120);
      for (const [rule, row] of BAD) await expect(s.sql.run(INSERT, row as never), rule).rejects.toThrow(/check constraint/);
      expect((await s.sql.run(INSERT, GOOD as never)).changes).toBe(1);
      await expect(s.sql.run(INSERT, GOOD as never)).rejects.toThrow(/alert_incidents_open_key/);
      const idx = (await s.sql.all<{ indexname: string }>('SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()')).map((r) => r.indexname);
      expect(idx).toEqual(expect.arrayContaining(['alert_incidents_open_key', 'alert_incidents_cleared']));
      expect(await createRepos(s).alerts.counts()).toEqual({ open: 1, unacknowledged: 1 });
    } finally {
      await s.sql.run(`DROP SCHEMA ${schema} CASCADE`);
      await s.close();
    }
  });
});
