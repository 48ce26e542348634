import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CASE_EVENT_KINDS, CASE_STATUSES, OUTCOMES, ROLES } from '../../electron/core/desk/desk.types';
import type { CaseQuery, DeskStore } from '../../electron/core/ports/desk-store.port';
import { createDeskRepo, createRepos, migrate, migrations, schemaVersion, type Repos } from '../../electron/store';
import { ftsMatchExpression, pgTsQuery } from '../../electron/store/repos/desk.repo';
import type { SqlClient } from '../../electron/store/sql/sql-client';
import { createSqliteSql } from '../../electron/store/sql/sqlite-client';
import { freshDb } from '../helpers/fresh-db';
import { receivedApplication } from '../helpers/submission-fixture';
import { openTestStore, storeKinds, type TestStore } from '../helpers/test-store';

const FNR_KARI = '01017012345';
const FNR_CHILD = '15052098765';

/** The repositories over a bare SQLite database (the migration tests build it step by step). */
const reposOf = (db: ReturnType<typeof freshDb>): Repos => createRepos(createSqliteSql(db));

let seq = 0;
function addSubmission(
  repos: Pick<Repos, 'submissions'>,
  o: { profileId?: string; fnr?: string; name: string; title?: string; at?: number; children?: { navn: string; fnr: string }[]; fields?: Record<string, string | null> },
) {
  const profileId = o.profileId ?? 'barnehageplass';
  return repos.submissions.insert(
    receivedApplication({
      profileId,
      fnr: o.fnr ?? '02028054321',
      name: o.name,
      title: o.title ?? `Søknad om barnehageplass - ${o.name}`,
      form: {
        address: { street: 'Bakkeløkka 3', postalCode: '0155', postalPlace: 'TROMSØ' },
        fields: o.fields ?? { merknad: 'Ønsker plass nær jobb' },
        lists: o.children ? { barn: o.children.map((c) => ({ navn: c.navn, fodselsnummer: c.fnr })) } : {},
      },
      parts: [],
      at: o.at ?? 1_000 + seq,
    }),
    { source: 'altinn3', sourceId: `src-${++seq}`, serviceKey: `kommune/${profileId}`, fetchedAt: 1 },
  );
}

const base: CaseQuery = { hiddenProfileIds: [], sort: 'received', dir: 'asc', limit: 50, offset: 0 };
const names = async (desk: DeskStore, q: Partial<CaseQuery>) => (await desk.list({ ...base, ...q })).rows.map((r) => r.applicantName);

/** A current store with cases: the sample names cover æ/ø/å, a screened (hidden) service and a child's fnr. */
async function deskWithCases(repos: Repos) {
  const desk = repos.desk;
  const add = async (o: Parameters<typeof addSubmission>[1], c: { status?: (typeof CASE_STATUSES)[number]; deadlineAt?: number | null; preliminaryReplyAt?: number | null } = {}) => {
    const { id, publicId } = await addSubmission(repos, o);
    await desk.ensureCase({ submissionId: id, status: c.status ?? 'new', deadlineAt: c.deadlineAt === undefined ? (o.at ?? 0) + 100 : c.deadlineAt, preliminaryReplyAt: c.preliminaryReplyAt ?? null, at: o.at ?? 0 });
    return { id, publicId };
  };
  const kari = await add({ name: 'Kari Nordmann', fnr: FNR_KARI, at: 10, children: [{ navn: 'Lille Nordmann', fnr: FNR_CHILD }] }, { deadlineAt: 500 });
  const aase = await add({ name: 'Åse Ødegård', at: 20 }, { status: 'in-progress', deadlineAt: 300, preliminaryReplyAt: 150 });
  const aerlig = await add({ name: 'Ærlig Østby', at: 30, profileId: 'sfo', title: 'Søknad om plass i SFO' }, { deadlineAt: null });
  const ola = await add({ name: 'Ola Aas', at: 40 }, { status: 'decided', deadlineAt: 200 });
  const secret = await add({ name: 'Kari Skjult', fnr: '03039011111', at: 50, profileId: 'helse', title: 'Søknad om helsetjenester', children: [{ navn: 'Hemmelig Barn', fnr: '04041922222' }] });
  return { desk, kari, aase, aerlig, ola, secret };
}

function incomingEntry(caseFileId: number, submissionId: number, key = 'jp-1') {
  return {
    externalKey: key, systemId: `sys-${key}`, journalposttype: 'I' as const, title: 'Søknad', titlePublic: 'Søknad', journaldato: '2026-11-27', dokumentetsDato: '2026-11-27T09:00:00Z',
    administrativEnhet: 'OPPV', saksbehandler: null, screening: null, correspondents: [], documents: [], caseFileId, submissionId, closesEntryId: null, avskrivningsmaate: null, createdAt: 5,
  };
}

const caseFile = () => ({
  externalKey: 'cf-1', systemId: 'sys-cf-1', profileId: 'barnehageplass', applicantKey: FNR_KARI, title: 'Søknad', titlePublic: 'Søknad', arkivdel: 'BARNEHAGE',
  classification: { ordningsprinsipp: 'KK', ordningsverdi: 'A10' }, administrativEnhet: 'OPPV', saksansvarlig: null, screening: null, saksdato: '2026-11-27', openedAt: 1,
});

describe('0040-desk migration', () => {
  it('upgrades a version-30 database with data: cases, search rows and persons are backfilled', async () => {
    const db = freshDb(30);
    expect(schemaVersion(db)).toBe(30);
    const repos = reposOf(db);
    const a = await addSubmission(repos, { name: 'Kari Nordmann', fnr: FNR_KARI, children: [{ navn: 'Lille Nordmann', fnr: FNR_CHILD }] });
    const b = await addSubmission(repos, { name: 'Åse Ødegård', profileId: 'sfo' });
    db.prepare("UPDATE submissions SET status = 'quarantined', quarantine_reason = 'ugyldig', form_json = NULL WHERE id = ?").run(b.id);
    // a case file already numbered by the archive
    const archive = repos.archive;
    const cf = await archive.insertCaseFile(caseFile());
    await archive.insertEntry(incomingEntry(cf, a.id));
    db.prepare('UPDATE archive_case_files SET saksaar = 2026, sakssekvensnummer = 77, archived_at = 5 WHERE id = ?').run(cf);

    migrate(db, migrations.filter((m) => m.version <= 40));
    expect(schemaVersion(db)).toBe(40);
    const desk = reposOf(db).desk;
    expect(await desk.get(a.publicId)).toMatchObject({ submissionId: a.id, status: 'new', profileId: 'barnehageplass', deadlineAt: null, assignee: null });
    expect(await desk.getById(b.id)).toMatchObject({ status: 'quarantined', profileId: 'sfo' });
    expect(await names(desk, { text: 'nordm' })).toEqual(['Kari Nordmann']);
    expect(await names(desk, { text: 'åse' })).toEqual(['Åse Ødegård']);
    expect(await names(desk, { text: '2026/77' })).toEqual(['Kari Nordmann']);
    expect(await names(desk, { personNumber: FNR_CHILD })).toEqual(['Kari Nordmann']);
    expect((await desk.list({ ...base })).rows.find((r) => r.submissionId === a.id)?.caseNumber).toBe('2026/77');
  });

  it('creates STRICT tables for the desk', () => {
    const db = freshDb();
    const tables = db.prepare<[], { name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND (name LIKE 'case%') AND name NOT LIKE 'case_fts%'").all();
    expect(tables.map((t) => t.name).sort()).toEqual(['case_approvals', 'case_decisions', 'case_events', 'case_letters', 'case_notes', 'case_persons', 'cases']);
    for (const t of tables) expect(t.sql, t.name).toMatch(/\)\s*STRICT/);
    expect(() => db.prepare("INSERT INTO cases (submission_id, status, updated_at) VALUES (1, 'new', 'soon')").run()).toThrow(/cannot store TEXT value in INTEGER column/);
  });

  it('uses the indexes for the inbox: no table scan, no sort for a status filter with each sort', async () => {
    const t = await openTestStore('sqlite');
    try {
      await deskWithCases(t.repos);
      const plans: string[] = [];
      const sql = t.store.sql;
      // the SQL the repository sends, captured on its way to the store
      const spy: SqlClient = {
        dialect: sql.dialect,
        all: (text, params) => (plans.push(text), sql.all(text, params)),
        get: (text, params) => (plans.push(text), sql.get(text, params)),
        run: (text, params) => (plans.push(text), sql.run(text, params)),
      };
      const desk = createDeskRepo(spy, t.store.uow);
      for (const sort of ['received', 'deadline', 'applicant', 'service', 'status'] as const) {
        for (const dir of ['asc', 'desc'] as const) {
          plans.length = 0;
          await desk.list({ ...base, sort, dir, hiddenProfileIds: ['helse'] });
          await desk.list({ ...base, sort, dir, status: 'new', hiddenProfileIds: ['helse'] });
          const pages = plans.filter((p) => p.includes('LIMIT'));
          expect(pages.length).toBeGreaterThanOrEqual(1);
          for (const text of pages) {
            const plan = (await sql.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${text}`, { hidden: '[]', status: 'new', limit: 1, offset: 0 })).map((r) => r.detail);
            const inner = plan.filter((d) => / c /.test(` ${d} `));
            expect(inner.join(' | '), `${sort} ${dir}`).not.toMatch(/SCAN c\b(?! USING)/);
            // the only sort is the final one over the page's rows
            expect(plan.filter((d) => d.includes('TEMP B-TREE')).length, `${sort} ${dir}: ${plan.join(' | ')}`).toBe(1);
          }
        }
      }
    } finally {
      await t.close();
    }
  });
});

describe('desk triggers on SQLite', () => {
  it('do not break ingest of a submission whose form is not JSON', async () => {
    const db = freshDb();
    const { id } = await addSubmission(reposOf(db), { name: 'Per' });
    db.prepare("UPDATE submissions SET form_json = '<xml/>' WHERE id = ?").run(id);
    expect(db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM case_persons WHERE submission_id = ?').get(id)!.n).toBe(1);
  });
});

describe('FTS5 and tsquery expressions', () => {
  it('quote or strip every operator, a prefix on each word, nothing when no word is left', () => {
    expect(ftsMatchExpression('kari "nord')).toBe('"kari"* """nord"*');
    expect(ftsMatchExpression(' * ( ')).toBeUndefined();
    expect(pgTsQuery('kari "nord')).toBe('kari:* & nord:*');
    expect(pgTsQuery("Ærlig øst! (x) 'a|b' c&d !e f:* g\\ <->h")).toBe('ærlig:* & øst:* & x:* & ab:* & cd:* & e:* & f:* & g:* & -h:*');
    // a case number and a hyphenated name stay whole, as the text parser keeps them
    expect(pgTsQuery('2026/123 Anne-Lise')).toBe('2026/123:* & anne-lise:*');
    expect(pgTsQuery(' * ( ')).toBeUndefined();
    expect(pgTsQuery(' - / <-> ')).toBeUndefined();
    expect(pgTsQuery('')).toBeUndefined();
  });
});

describe.each(storeKinds())('desk store (%s)', (kind) => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore(kind);
  });
  afterEach(() => t.close());

  it('accepts every value of the core vocabulary and refuses others', async () => {
    const { desk, kari } = await deskWithCases(t.repos);
    for (const s of CASE_STATUSES) await desk.setStatus(kari.id, s, 1);
    for (const o of OUTCOMES) await desk.saveDecision(kari.id, { outcome: o, grounds: 'g', decidedAt: 1, decidedBy: 'x', recommendation: null });
    for (const r of ROLES) await desk.addApproval(kari.id, { by: 'x', role: r, at: 1 });
    // what was done in quarantine is kept by the quarantine repository and only shown on the timeline (#13 item 13)
    for (const k of CASE_EVENT_KINDS) await desk.addEvent(kari.id, { kind: k, at: 1, actor: 'x', text: null });
    await expect(t.store.sql.run("UPDATE cases SET status = 'lost' WHERE submission_id = ?", [kari.id])).rejects.toThrow(/CHECK|check constraint/);
    await expect(desk.addEvent(kari.id, { kind: 'exploded' as never, at: 1, actor: 'x', text: null })).rejects.toThrow(/CHECK|check constraint/);
  });

  describe('desk triggers', () => {
    it('index a new submission for text and every fødselsnummer in it (applicant, reportee, children)', async () => {
      const { desk, kari } = await deskWithCases(t.repos);
      const persons = await t.store.sql.all<{ person_number: string }>('SELECT person_number FROM case_persons WHERE submission_id = ? ORDER BY person_number', [kari.id]);
      expect(persons.map((p) => p.person_number)).toEqual([FNR_KARI, FNR_CHILD]);
      expect(await names(desk, { text: 'Lille' })).toEqual(['Kari Nordmann']);
      expect(await names(desk, { text: 'tromsø' })).toHaveLength(5);
      // a fødselsnummer is never in the text index: no prefix search on it
      expect(await names(desk, { text: FNR_KARI })).toEqual([]);
      expect(await names(desk, { text: FNR_KARI.slice(0, 6) })).toEqual([]);
    });

    it('give the case number to every application in a case file once the archive numbers it, and to one joined later', async () => {
      const { desk, kari, aase, ola } = await deskWithCases(t.repos);
      const archive = t.repos.archive;
      const cf = await archive.insertCaseFile(caseFile());
      await archive.insertEntry(incomingEntry(cf, kari.id, 'jp-1'));
      await archive.insertEntry(incomingEntry(cf, aase.id, 'jp-2'));
      expect(await names(desk, { text: '2026/123' })).toEqual([]);
      await archive.markCaseFileArchived(cf, 'noark5-rest', { archiveSystemId: 'A', saksaar: 2026, sakssekvensnummer: 123 }, 9);
      expect(await names(desk, { text: '2026/123' })).toEqual(['Kari Nordmann', 'Åse Ødegård']);
      // the rest of the search row survived the rewrite
      expect(await names(desk, { text: 'ødeg' })).toEqual(['Åse Ødegård']);
      await archive.insertEntry(incomingEntry(cf, ola.id, 'jp-3'));
      expect(await names(desk, { text: '2026/123' })).toEqual(['Kari Nordmann', 'Åse Ødegård', 'Ola Aas']);
      expect((await desk.list({ ...base, text: '2026/123' })).rows.map((r) => r.caseNumber)).toEqual(['2026/123', '2026/123', '2026/123']);
    });

    it('follow a changed submission (name, form) and copy its sort columns onto the case', async () => {
      const { desk, ola } = await deskWithCases(t.repos);
      const row = await t.store.sql.get<{ form_json: unknown }>('SELECT form_json FROM submissions WHERE id = ?', [ola.id]);
      // text on SQLite, already parsed where the column is JSON
      const form = (typeof row!.form_json === 'string' ? JSON.parse(row!.form_json) : row!.form_json) as { fields: Record<string, string> };
      form.fields.merknad = 'Tvillinger';
      form.fields.barn2 = '24122011111';
      await t.store.sql.run('UPDATE submissions SET applicant_name = ?, form_json = ? WHERE id = ?', ['Øyvind Aas', JSON.stringify(form), ola.id]);
      expect(await names(desk, { text: 'øyvind' })).toEqual(['Øyvind Aas']);
      expect(await names(desk, { text: 'tvilling' })).toEqual(['Øyvind Aas']);
      expect(await names(desk, { personNumber: '24122011111' })).toEqual(['Øyvind Aas']);
      expect(await names(desk, { sort: 'applicant' })).toEqual(['Kari Nordmann', 'Kari Skjult', 'Ærlig Østby', 'Øyvind Aas', 'Åse Ødegård']);
    });
  });

  describe('desk repo list()', () => {
    it('sorts by each key in both directions, Norwegian order for names, a stable tie-breaker', async () => {
      const { desk } = await deskWithCases(t.repos);
      expect(await names(desk, { sort: 'received' })).toEqual(['Kari Nordmann', 'Åse Ødegård', 'Ærlig Østby', 'Ola Aas', 'Kari Skjult']);
      expect(await names(desk, { sort: 'received', dir: 'desc' })).toEqual(['Kari Skjult', 'Ola Aas', 'Ærlig Østby', 'Åse Ødegård', 'Kari Nordmann']);
      expect(await names(desk, { sort: 'applicant' })).toEqual(['Kari Nordmann', 'Kari Skjult', 'Ola Aas', 'Ærlig Østby', 'Åse Ødegård']);
      // no deadline last when ascending
      expect(await names(desk, { sort: 'deadline' })).toEqual(['Kari Skjult', 'Ola Aas', 'Åse Ødegård', 'Kari Nordmann', 'Ærlig Østby']);
      expect(await names(desk, { sort: 'deadline', dir: 'desc' })).toEqual(['Ærlig Østby', 'Kari Nordmann', 'Åse Ødegård', 'Ola Aas', 'Kari Skjult']);
      expect(await names(desk, { sort: 'service' })).toEqual(['Kari Nordmann', 'Åse Ødegård', 'Ola Aas', 'Kari Skjult', 'Ærlig Østby']);
      // the order of the work: new, in progress, decided
      expect(await names(desk, { sort: 'status' })).toEqual(['Kari Nordmann', 'Ærlig Østby', 'Kari Skjult', 'Åse Ødegård', 'Ola Aas']);
      expect(await names(desk, { sort: 'status', dir: 'desc' })).toEqual(['Ola Aas', 'Åse Ødegård', 'Kari Skjult', 'Ærlig Østby', 'Kari Nordmann']);
    });

    it('pages without overlap when keys tie', async () => {
      const desk = t.repos.desk;
      for (let i = 0; i < 7; i++) {
        const { id } = await addSubmission(t.repos, { name: 'Lik Navn', at: 5 });
        await desk.ensureCase({ submissionId: id, status: 'new', deadlineAt: 9, preliminaryReplyAt: null, at: 5 });
      }
      for (const sort of ['received', 'deadline', 'applicant', 'service', 'status'] as const) {
        for (const dir of ['asc', 'desc'] as const) {
          const ids: number[] = [];
          for (const offset of [0, 3, 6]) ids.push(...(await desk.list({ ...base, sort, dir, limit: 3, offset })).rows.map((r) => r.submissionId));
          expect(new Set(ids).size).toBe(7);
          expect(ids).toEqual([...ids].sort((a, b) => (dir === 'asc' ? a - b : b - a)));
        }
      }
    });

    it('filters by status, service, assignee, deadline and preliminary reply, with the total', async () => {
      const { desk, aase, ola } = await deskWithCases(t.repos);
      await desk.setAssignee(aase.id, { account: 'kari.sb', name: 'Kari Saksbehandler' }, 60);
      expect(await names(desk, { status: 'new' })).toEqual(['Kari Nordmann', 'Ærlig Østby', 'Kari Skjult']);
      expect(await names(desk, { profileId: 'sfo' })).toEqual(['Ærlig Østby']);
      expect(await names(desk, { assignee: 'kari.sb' })).toEqual(['Åse Ødegård']);
      expect(await names(desk, { assignee: null })).toHaveLength(4);
      expect(await names(desk, { deadlineBefore: 400 })).toEqual(['Åse Ødegård', 'Ola Aas', 'Kari Skjult']);
      expect(await names(desk, { preliminaryBefore: 200 })).toEqual(['Åse Ødegård']);
      await desk.setStatus(aase.id, 'decided', 70);
      expect(await names(desk, { preliminaryBefore: 200 })).toEqual([]);
      const page = await desk.list({ ...base, limit: 2, offset: 1 });
      expect(page.total).toBe(5);
      expect(page.rows).toHaveLength(2);
      const row = (await desk.list({ ...base, assignee: 'kari.sb' })).rows[0]!;
      expect(row).toEqual({
        submissionId: aase.id, publicId: aase.publicId, profileId: 'barnehageplass', applicantName: 'Åse Ødegård', personNumber: '02028054321',
        title: 'Søknad om barnehageplass - Åse Ødegård', receivedAt: 20, status: 'decided', assignee: { account: 'kari.sb', name: 'Kari Saksbehandler' },
        caseNumber: null, deadlineAt: 300, preliminaryReplyAt: 150,
      });
      expect(await desk.get(aase.publicId)).toMatchObject({ status: 'decided', updatedAt: 70 });
      await desk.setAssignee(aase.id, null, 80);
      expect((await desk.get(aase.publicId))!.assignee).toBeNull();
      await expect(desk.setStatus(9999, 'new', 1)).rejects.toThrow();
      void ola;
    });

    it('searches names with æøå and prefixes, all words required, case-insensitive, æøå distinct from a/o', async () => {
      const { desk } = await deskWithCases(t.repos);
      expect(await names(desk, { text: 'kar' })).toEqual(['Kari Nordmann', 'Kari Skjult']);
      expect(await names(desk, { text: 'KARI nord' })).toEqual(['Kari Nordmann']);
      expect(await names(desk, { text: 'ærl øst' })).toEqual(['Ærlig Østby']);
      expect(await names(desk, { text: 'ÅSE' })).toEqual(['Åse Ødegård']);
      expect(await names(desk, { text: 'ase' })).toEqual([]);
      expect(await names(desk, { text: 'ostby' })).toEqual([]);
      expect(await names(desk, { text: 'sfo' })).toEqual(['Ærlig Østby']);
      expect(await names(desk, { text: 'bakkeløkka' })).toHaveLength(5);
      expect(await names(desk, { text: 'ønsker' })).toHaveLength(5);
    });

    it('takes FTS5 syntax in the words as plain text and never throws', async () => {
      const { desk } = await deskWithCases(t.repos);
      for (const text of ['"', '""', 'kari"', '*', 'kari*', '(kari', 'kari OR ola', 'NOT kari', 'kari AND', 'NEAR(kari ola)', 'name:kari', '^kari', '-kari', '+', ':', "'; DROP TABLE cases; --", '   ', '\u0000', 'kari\u200b', 'kari & !ola', 'kari:* | ola', '<->', '2026/', '/kari/', 'a//b', '-1', 'kari-', "o'brien", 'a\\b']) {
        await expect(desk.list({ ...base, text }), text).resolves.toBeDefined();
        await expect(desk.countsByStatus({ hiddenProfileIds: [], text }), text).resolves.toBeDefined();
      }
      expect(await names(desk, { text: 'kari OR ola' })).toEqual([]);
      expect(await names(desk, { text: '(kari' })).toEqual(['Kari Nordmann', 'Kari Skjult']);
    });

    it('finds an application by the exact fødselsnummer of a child or the applicant, never by a part of it', async () => {
      const { desk } = await deskWithCases(t.repos);
      expect(await names(desk, { personNumber: FNR_CHILD })).toEqual(['Kari Nordmann']);
      expect(await names(desk, { personNumber: FNR_KARI })).toEqual(['Kari Nordmann']);
      expect(await names(desk, { personNumber: FNR_CHILD.slice(0, 10) })).toEqual([]);
      expect((await desk.list({ ...base, personNumber: FNR_KARI })).rows[0]!.personNumber).toBe(FNR_KARI);
    });

    it('never lists, counts or finds a hidden service', async () => {
      const { desk, secret } = await deskWithCases(t.repos);
      const hidden = { hiddenProfileIds: ['helse', 'other'] };
      const all = await desk.list({ ...base, ...hidden });
      expect(all.rows.map((r) => r.applicantName)).not.toContain('Kari Skjult');
      expect(all.total).toBe(4);
      expect((await desk.list({ ...base, ...hidden, status: 'new' })).total).toBe(2);
      expect(await desk.list({ ...base, ...hidden, profileId: 'helse' })).toEqual({ rows: [], total: 0 });
      expect(await desk.list({ ...base, ...hidden, text: 'skjult' })).toEqual({ rows: [], total: 0 });
      expect((await desk.list({ ...base, ...hidden, text: 'kari' })).total).toBe(1);
      expect(await desk.list({ ...base, ...hidden, text: 'helsetjenester' })).toEqual({ rows: [], total: 0 });
      expect(await desk.list({ ...base, ...hidden, personNumber: '04041922222' })).toEqual({ rows: [], total: 0 });
      expect(await desk.list({ ...base, ...hidden, personNumber: '03039011111' })).toEqual({ rows: [], total: 0 });
      expect((await desk.list({ ...base, ...hidden, assignee: null })).total).toBe(4);
      expect((await desk.list({ ...base, assignee: null })).total).toBe(5);
      expect(await desk.countsByStatus(hidden)).toEqual({ new: 2, 'in-progress': 1, decided: 1 });
      expect(await desk.countsByStatus({ hiddenProfileIds: [] })).toEqual({ new: 3, 'in-progress': 1, decided: 1 });
      expect(await desk.countsByStatus({ ...hidden, text: 'kari' })).toEqual({ new: 1 });
      // without hiding, it is there
      expect(await names(desk, { personNumber: '04041922222' })).toEqual(['Kari Skjult']);
      void secret;
    });

    it('lists a case whose submission has no service profile (quarantined) even when some services are hidden', async () => {
      const desk = t.repos.desk;
      const { id } = await addSubmission(t.repos, { name: 'Uten Profil' });
      await t.store.sql.run("UPDATE submissions SET profile_id = NULL, status = 'quarantined', quarantine_reason = 'ukjent tjeneste' WHERE id = ?", [id]);
      await desk.ensureCase({ submissionId: id, status: 'quarantined', deadlineAt: null, preliminaryReplyAt: null, at: 1 });
      expect(await desk.list({ ...base, hiddenProfileIds: ['helse'] })).toMatchObject({ total: 1, rows: [{ applicantName: 'Uten Profil', profileId: null }] });
      expect(await desk.countsByStatus({ hiddenProfileIds: ['helse'] })).toEqual({ quarantined: 1 });
    });
  });

  describe('desk repo work', () => {
    it('ensureCase is idempotent and keeps the first values', async () => {
      const { desk, kari } = await deskWithCases(t.repos);
      await desk.ensureCase({ submissionId: kari.id, status: 'approved', deadlineAt: 1, preliminaryReplyAt: 1, at: 1 });
      expect(await desk.getById(kari.id)).toMatchObject({ status: 'new', deadlineAt: 500 });
      expect(await desk.get('nope')).toBeUndefined();
      expect(await desk.getById(9999)).toBeUndefined();
    });

    it('round-trips notes, the decision, the letter, approvals and the timeline', async () => {
      const { desk, kari, aase } = await deskWithCases(t.repos);
      await desk.addNote(kari.id, { author: 'kari.sb', text: 'Ringte søker – venter på attest', at: 20 });
      await desk.addNote(kari.id, { author: 'ola.leder', text: 'OK', at: 10 });
      expect(await desk.notes(kari.id)).toEqual([{ at: 10, author: 'ola.leder', text: 'OK' }, { at: 20, author: 'kari.sb', text: 'Ringte søker – venter på attest' }]);
      expect(await desk.notes(aase.id)).toEqual([]);

      expect(await desk.decision(kari.id)).toBeUndefined();
      await desk.saveDecision(kari.id, { outcome: 'avslått', grounds: 'For sent', decidedAt: 30, decidedBy: 'kari.sb', recommendation: null });
      await desk.saveDecision(kari.id, { outcome: 'delvis-innvilget', grounds: 'Plass fra august', decidedAt: 31, decidedBy: 'kari.sb', recommendation: 'Innstilling: innvilge' });
      // a person's decision: not made by the profile's rules alone (#15)
      expect(await desk.decision(kari.id)).toEqual({ outcome: 'delvis-innvilget', grounds: 'Plass fra august', decidedAt: 31, decidedBy: 'kari.sb', recommendation: 'Innstilling: innvilge', automatic: false, legalBasis: null });

      expect(await desk.letter(kari.id)).toBeUndefined();
      await desk.saveLetter(kari.id, { title: 'Vedtak', body: 'Hei Kari', updatedAt: 40, updatedBy: 'kari.sb' });
      await desk.saveLetter(kari.id, { title: 'Vedtak om barnehageplass', body: 'Hei Kari,\n\nDu får plass. Æøå.', updatedAt: 41, updatedBy: 'kari.sb' });
      expect(await desk.letter(kari.id)).toEqual({ title: 'Vedtak om barnehageplass', body: 'Hei Kari,\n\nDu får plass. Æøå.', updatedAt: 41, updatedBy: 'kari.sb' });

      await desk.addApproval(kari.id, { by: 'ola.leder', role: 'leder', at: 50 });
      expect(await desk.approvals(kari.id)).toEqual([{ at: 50, by: 'ola.leder', role: 'leder' }]);

      await desk.addEvent(kari.id, { kind: 'received', at: 10, actor: 'system', text: null });
      await desk.addEvent(kari.id, { kind: 'decided', at: 31, actor: 'kari.sb', text: 'delvis innvilget' });
      await desk.addEvent(kari.id, { kind: 'claimed', at: 20, actor: 'kari.sb', text: null });
      expect((await desk.events(kari.id)).map((e) => e.kind)).toEqual(['received', 'claimed', 'decided']);
      expect((await desk.events(kari.id))[2]).toEqual({ kind: 'decided', at: 31, actor: 'kari.sb', text: 'delvis innvilget' });
    });

    it('refuses work on a submission without a case', async () => {
      const desk = t.repos.desk;
      const { id } = await addSubmission(t.repos, { name: 'Ingen Sak' });
      await expect(desk.addNote(id, { author: 'x', text: 'y', at: 1 })).rejects.toThrow(/FOREIGN KEY|foreign key constraint/);
      await expect(desk.setAssignee(id, { account: 'a', name: 'A' }, 1)).rejects.toThrow();
    });
  });
});
