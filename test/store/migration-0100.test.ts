// #16: migration 0100 (export runs, handled entries, the extract reader's indexes, the desk search on a forgotten number), SQLite and PostgreSQL.
import type Database from 'better-sqlite3';
import { describe, expect, inject, it } from 'vitest';
import { createArchiveRepo, createDeskRepo, createRepliesRepo, createRepos, createSubmissionsRepo, migrate, migrations, schemaVersion } from '../../electron/store';
import { openPostgresStore } from '../../electron/store/open-pg-store';
import { pgMigrations } from '../../electron/store/pg-migrations';
import { createSqliteSql } from '../../electron/store/sql/sqlite-client';
import { freshDb } from '../helpers/fresh-db';
import { freshSchema } from '../helpers/test-store';
import { seedArchive, type CaseSpec } from './archivist-seed';

const SPECS: CaseSpec[] = [
  { arkivdel: 'BARNEHAGE', ordningsprinsipp: 'KK', ordningsverdi: 'A10', saksdato: '2026-02-03', archived: { saksaar: 2026, sakssekvensnummer: 77 }, reply: { journaldato: '2026-02-10', saksbehandler: 'Sara', sentAt: Date.UTC(2026, 1, 11) } },
  { arkivdel: 'BARNEHAGE', ordningsprinsipp: 'KK', ordningsverdi: 'A05', saksdato: '2026-02-04' },
];

const EXPORT_INSERT = `INSERT INTO archive_exports (kind, arkivdel, range_from, range_to, pack, requested_by, state, check_passed, created_at, updated_at)
  VALUES (?, 'BARNEHAGE', ?, ?, ?, 'arne', ?, ?, 1, 1)`;
/** Rows that break one rule each of archive_exports, and one that keeps them all. */
const GOOD = ['noark5', '2026-01-01', '2026-12-31', 1, 'queued', null];
const BAD: [string, unknown[]][] = [
  ['kind', ['noark3', '2026-01-01', '2026-12-31', 1, 'queued', null]],
  ['state', ['noark5', '2026-01-01', '2026-12-31', 1, 'paused', null]],
  ['pack', ['noark5', '2026-01-01', '2026-12-31', 2, 'queued', null]],
  ['check_passed', ['noark5', '2026-01-01', '2026-12-31', 1, 'done', 2]],
  ['range', ['noark5', '2026-12-31', '2026-01-01', 1, 'queued', null]],
];

function sqliteRepos(db: Database.Database) {
  const { sql, uow } = createSqliteSql(db);
  return { submissions: createSubmissionsRepo(sql, uow), desk: createDeskRepo(sql, uow), archive: createArchiveRepo(sql, uow), replies: createRepliesRepo(sql, uow) };
}

describe('#16: 0100-archivist on SQLite', () => {
  it('upgrades a version-90 database with data: a STRICT export table, handled columns, indexes, and the reader over the old rows', async () => {
    const db = freshDb(90);
    const seeded = await seedArchive(sqliteRepos(db), SPECS);
    const before = db.prepare('SELECT * FROM archive_entries ORDER BY id').all();
    migrate(db, migrations.filter((m) => m.version <= 100));
    expect(schemaVersion(db)).toBe(100);

    expect(db.prepare<[string], { sql: string }>("SELECT sql FROM sqlite_master WHERE name = ?").get('archive_exports')!.sql).toMatch(/STRICT\s*$/);
    // the old rows are as they were, not handled
    const after = db.prepare<[], Record<string, unknown>>('SELECT * FROM archive_entries ORDER BY id').all();
    expect(after.map(({ handled_at, handled_by, handled_note, ...rest }) => ({ rest, handled: [handled_at, handled_by, handled_note] }))).toEqual(
      before.map((rest) => ({ rest, handled: [null, null, null] })),
    );
    const indexes = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'index'").all().map((r) => r.name);
    expect(indexes).toEqual(expect.arrayContaining(['archive_case_files_extract', 'archive_entries_journal', 'archive_entries_closes', 'archive_entries_delivery', 'audit_log_at']));
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name = 'archive_case_files_desk_unnumber'").get()).toBeDefined();
    // the keyset pages are served by the indexes, not by a scan and a sort
    const plan = (q: string) => db.prepare<[], { detail: string }>(`EXPLAIN QUERY PLAN ${q}`).all().map((r) => r.detail).join(' | ');
    expect(plan("SELECT id FROM archive_case_files WHERE arkivdel = 'B' AND saksdato >= '2026' AND (ordningsprinsipp, ordningsverdi, id) > ('KK', 'A', 0) ORDER BY ordningsprinsipp, ordningsverdi, id LIMIT 5")).toMatch(/archive_case_files_extract/);
    expect(plan("SELECT id FROM archive_entries WHERE journaldato >= '2026-01-01' AND (journaldato, id) > ('2026-01-01', 0) ORDER BY journaldato, id LIMIT 5")).toMatch(/archive_entries_journal/);
    expect(plan('SELECT id FROM archive_entries WHERE closes_entry_id = 1')).toMatch(/archive_entries_closes/);

    const ins = db.prepare(EXPORT_INSERT);
    expect(ins.run(...GOOD).changes).toBe(1);
    for (const [rule, row] of BAD) expect(() => ins.run(...row), rule).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE archive_exports SET done = 'mange'").run()).toThrow(/cannot store TEXT value in INTEGER column/);
    expect(() => db.prepare("UPDATE archive_exports SET requested_by = NULL").run()).toThrow(/NOT NULL/);
    expect(db.prepare('SELECT done, total, files_json, failed_checks_json, left_out_json, counts_json FROM archive_exports').get()).toEqual({
      done: 0, total: 0, files_json: '{}', failed_checks_json: '[]', left_out_json: '[]', counts_json: '{}',
    });

    // what was registered before the step reads back through the new reader
    const { sql, uow } = createSqliteSql(db);
    const repos = createRepos({ sql, uow });
    const read = [];
    for await (const c of repos.archiveExtract.caseFiles({ arkivdel: 'BARNEHAGE', from: '2026-01-01', to: '2026-12-31' })) read.push(c);
    expect(read.map((c) => c.id)).toEqual([seeded[1]!.caseFileId, seeded[0]!.caseFileId]);
    expect(read[1]!.entries[0]!.avskrevetAv).toMatchObject({ bySystemId: seeded[0]!.reply!.systemId, by: 'Sara' });
  });
});

describe('#16: 0100-archivist on PostgreSQL', () => {
  it('upgrades a version-90 database with data: the export table with its rules, handled columns, indexes and the desk trigger', async () => {
    const schema = freshSchema();
    let s = await openPostgresStore({ url: inject('pgUrl'), schema, migrations: pgMigrations.filter((m) => m.version <= 90), pool: { max: 2 } });
    let seeded;
    try {
      expect(await s.schemaVersion()).toBe(90);
      seeded = await seedArchive(createRepos(s), SPECS);
    } finally {
      await s.close();
    }
    s = await openPostgresStore({ url: inject('pgUrl'), schema, migrations: pgMigrations.filter((m) => m.version <= 100), pool: { max: 2 } });
    try {
      expect(await s.schemaVersion()).toBe(100);
      const cols = async (table: string) =>
        (await s.sql.all<{ c: string; t: string; n: string }>(
          'SELECT column_name AS c, data_type AS t, is_nullable AS n FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position',
          [table],
        )).map((r) => `${r.c} ${r.t} ${r.n}`);
      expect((await cols('archive_entries')).slice(-3)).toEqual(['handled_at bigint YES', 'handled_by text YES', 'handled_note text YES']);
      expect(await cols('archive_exports')).toEqual([
        'id bigint NO', 'kind text NO', 'arkivdel text YES', 'range_from text NO', 'range_to text NO', 'pack integer NO', 'requested_by text NO', 'state text NO',
        'phase text YES', 'done integer NO', 'total integer NO', 'out_dir text YES', 'tar_path text YES', 'files_json text NO', 'check_passed integer YES',
        'failed_checks_json text NO', 'left_out_json text NO', 'counts_json text NO', 'error text YES', 'created_at bigint NO', 'updated_at bigint NO', 'finished_at bigint YES',
      ]);
      expect(await s.sql.all('SELECT external_key, handled_at FROM archive_entries ORDER BY id')).toEqual([
        { external_key: 'jp-k-1', handled_at: null },
        { external_key: 'jp-svar-k-1', handled_at: null },
        { external_key: 'jp-k-2', handled_at: null },
      ]);
      const idx = (await s.sql.all<{ indexname: string }>('SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()')).map((r) => r.indexname);
      expect(idx).toEqual(expect.arrayContaining(['archive_case_files_extract', 'archive_entries_journal', 'archive_entries_closes', 'archive_entries_delivery', 'audit_log_at']));
      expect(await s.sql.get("SELECT tgname FROM pg_trigger WHERE tgname = 'archive_case_files_desk_unnumber' AND tgrelid = CAST('archive_case_files' AS regclass)")).toBeDefined();

      expect((await s.sql.run(EXPORT_INSERT, GOOD as never)).changes).toBe(1);
      for (const [rule, row] of BAD) await expect(s.sql.run(EXPORT_INSERT, row as never), rule).rejects.toThrow(/check constraint/);
      const repos = createRepos(s);
      expect(await repos.archiveExtract.countScope({ arkivdel: 'BARNEHAGE', from: '2026-01-01', to: '2026-12-31' })).toEqual({ caseFiles: 2, entries: 3, documents: 5 });
      expect(await repos.archiveExtract.systemIdOf(seeded[0]!.reply!.key)).toBe(seeded[0]!.reply!.systemId);
    } finally {
      await s.sql.run(`DROP SCHEMA ${schema} CASCADE`);
      await s.close();
    }
  });
});
