// #14: migration 0140 (the case status `returned`, the timeline kinds `sent-back` and `letter-rejected`), SQLite and PostgreSQL.
import { describe, expect, inject, it } from 'vitest';
import { migrate, migrations, schemaVersion } from '../../electron/store';
import { statusRank } from '../../electron/store/migrations/0140-send-back';
import { openPostgresStore } from '../../electron/store/open-pg-store';
import { pgMigrations } from '../../electron/store/pg-migrations';
import { freshDb } from '../helpers/fresh-db';
import { freshSchema } from '../helpers/test-store';

const SCHEMA = "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type, name";

describe('#14: 0140-send-back on SQLite', () => {
  it('upgrades a version-130 database with a worked case: every row kept, the new status and kinds allowed, foreign keys and triggers as before', () => {
    const db = freshDb(130);
    db.prepare("INSERT INTO submissions (id, public_id, status, service_key, submitted_at, received_at, applicant_name) VALUES (1, 'p1', 'received', 'k', 10, 10, 'Ås')").run();
    db.prepare("INSERT INTO cases (submission_id, status, assignee_account, assignee_name, updated_at) VALUES (1, 'awaiting-approval', 'hanne', 'Hanne Helse', 20)").run();
    db.prepare("INSERT INTO case_notes (submission_id, at, author, text) VALUES (1, 11, 'Hanne Helse', 'notat')").run();
    db.prepare("INSERT INTO case_decisions (submission_id, outcome, grounds, decided_at, decided_by) VALUES (1, 'innvilget', 'g', 12, 'hanne')").run();
    db.prepare("INSERT INTO case_letters (submission_id, title, body, updated_at, updated_by) VALUES (1, 't', 'b', 12, 'Hanne Helse')").run();
    db.prepare("INSERT INTO case_approvals (submission_id, approved_by, role, at) VALUES (1, 'Hanne Helse', 'saksbehandler', 13)").run();
    db.prepare("INSERT INTO case_events (submission_id, kind, at, actor, text) VALUES (1, 'approved', 13, 'Hanne Helse', 'venter på leder')").run();
    const dump = () =>
      ['cases', 'case_notes', 'case_decisions', 'case_letters', 'case_approvals', 'case_events'].map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all());
    const before = dump();
    const schemaBefore = db.prepare<[], { type: string; name: string; sql: string }>(SCHEMA).all();

    migrate(db, migrations);
    expect(schemaVersion(db)).toBe(140);
    expect(dump()).toEqual(before);
    // the same tables, indexes and triggers; only the checks and the status order differ
    const schemaAfter = db.prepare<[], { type: string; name: string; sql: string }>(SCHEMA).all();
    expect(schemaAfter.map((r) => `${r.type}:${r.name}`)).toEqual(schemaBefore.map((r) => `${r.type}:${r.name}`));
    for (const r of schemaAfter) if (r.type === 'table' && ['cases', 'case_events', 'case_notes'].includes(r.name)) expect(r.sql).toMatch(/STRICT\s*$/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');

    db.prepare("UPDATE cases SET status = 'returned' WHERE submission_id = 1").run();
    expect(() => db.prepare("UPDATE cases SET status = 'sent-back' WHERE submission_id = 1").run()).toThrow(/CHECK/);
    for (const kind of ['sent-back', 'letter-rejected']) db.prepare('INSERT INTO case_events (submission_id, kind, at, actor, text) VALUES (1, ?, 14, ?, ?)').run(kind, 'Leif Leder', 'rett datoen');
    expect(() => db.prepare("INSERT INTO case_events (submission_id, kind, at, actor) VALUES (1, 'returned', 14, 'x')").run()).toThrow(/CHECK/);
    // the children still point at cases: a note on no case is refused, and a case with notes cannot go
    expect(() => db.prepare("INSERT INTO case_notes (submission_id, at, author, text) VALUES (99, 1, 'x', 'y')").run()).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare('DELETE FROM cases WHERE submission_id = 1').run()).toThrow(/FOREIGN KEY/);
    // the triggers on cases and submissions still fill the list's columns
    db.prepare("UPDATE submissions SET applicant_name = 'Berit' WHERE id = 1").run();
    expect(db.prepare('SELECT applicant_key, received_at FROM cases WHERE submission_id = 1').get()).toEqual({ applicant_key: 'berit', received_at: 10 });
    db.prepare("INSERT INTO submissions (id, public_id, status, service_key, submitted_at, received_at, applicant_name) VALUES (2, 'p2', 'received', 'k', 30, 30, 'Cecilie')").run();
    db.prepare("INSERT INTO cases (submission_id, status, updated_at) VALUES (2, 'new', 30)").run();
    expect(db.prepare('SELECT applicant_key, received_at FROM cases WHERE submission_id = 2').get()).toEqual({ applicant_key: 'cecilie', received_at: 30 });
    // the status sort uses its index with the new order
    const plan = db.prepare<[], { detail: string }>(`EXPLAIN QUERY PLAN SELECT submission_id FROM cases ORDER BY ${statusRank()}, received_at`).all();
    expect(plan.map((r) => r.detail).join(' | ')).toMatch(/cases_status_rank/);
    expect(db.prepare(`SELECT submission_id FROM cases ORDER BY ${statusRank()}`).all()).toEqual([{ submission_id: 2 }, { submission_id: 1 }]);
  });
});

describe('#14: 0140-send-back on PostgreSQL', () => {
  it('upgrades a version-130 database with a case: the new status and kinds allowed, others still refused', async () => {
    const schema = freshSchema();
    let s = await openPostgresStore({ url: inject('pgUrl'), schema, migrations: pgMigrations.filter((m) => m.version <= 130), pool: { max: 2 } });
    try {
      await s.sql.run("INSERT INTO submissions (id, public_id, status, service_key, submitted_at, received_at) VALUES (1, 'p1', 'received', 'k', 10, 10)");
      await s.sql.run("INSERT INTO cases (submission_id, status, updated_at) VALUES (1, 'awaiting-approval', 20)");
    } finally {
      await s.close();
    }
    s = await openPostgresStore({ url: inject('pgUrl'), schema, pool: { max: 2 } });
    try {
      expect(await s.schemaVersion()).toBe(140);
      await s.sql.run("UPDATE cases SET status = 'returned' WHERE submission_id = 1");
      expect(await s.sql.all('SELECT status FROM cases')).toEqual([{ status: 'returned' }]);
      await expect(s.sql.run("UPDATE cases SET status = 'sent-back' WHERE submission_id = 1")).rejects.toThrow(/check constraint/);
      for (const kind of ['sent-back', 'letter-rejected']) await s.sql.run("INSERT INTO case_events (submission_id, kind, at, actor, text) VALUES (1, ?, 14, 'Leif Leder', 'rett datoen')", [kind]);
      await expect(s.sql.run("INSERT INTO case_events (submission_id, kind, at, actor) VALUES (1, 'returned', 14, 'x')")).rejects.toThrow(/check constraint/);
      const idx = (await s.sql.all<{ indexdef: string }>("SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND indexname = 'cases_status_rank'")).map((r) => r.indexdef);
      expect(idx.join()).toMatch(/returned/);
    } finally {
      await s.sql.run(`DROP SCHEMA ${schema} CASCADE`);
      await s.close();
    }
  });
});
