// #13 item 13: migration 0070 and the quarantine repository.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeskStore } from '../../electron/core/ports/desk-store.port';
import type { SubmissionStore, NewSubmission } from '../../electron/core/ports/submission-store.port';
import { createDeskRepo, createSubmissionsRepo, migrate, migrations, schemaVersion } from '../../electron/store';
import { createSqliteSql } from '../../electron/store/sql/sqlite-client';
import { freshDb } from '../helpers/fresh-db';
import { receivedApplication } from '../helpers/submission-fixture';
import { openTestStore, storeKinds, type TestStore } from '../helpers/test-store';

const FNR = '01017012345';
const DAY = 86_400_000;


let seq = 0;
async function add(
  r: { submissions: Pick<SubmissionStore, 'insert'>; desk: Pick<DeskStore, 'ensureCase'> },
  o: { quarantined?: boolean; fnr?: string; profileId?: string; at: number; deadline?: number | null },
) {
  const profileId = o.profileId ?? 'barnehageplass';
  const base = receivedApplication({ profileId, fnr: o.fnr ?? FNR, name: 'Kari Nordmann', title: `Søknad ${++seq}`, parts: [], at: o.at });
  const s: NewSubmission = o.quarantined
    ? { ...base, status: 'quarantined', form: null, applicantName: null, title: null, titlePublic: null, quarantine: { code: 'schema-invalid', reason: 'linje 3: x' } }
    : base;
  const stored = await r.submissions.insert(s, { source: 'altinn3', sourceId: `s-${seq}`, serviceKey: s.serviceKey, fetchedAt: o.at });
  await r.desk.ensureCase({ submissionId: stored.id, status: o.quarantined ? 'quarantined' : 'new', deadlineAt: o.deadline ?? null, preliminaryReplyAt: o.deadline ?? null, at: o.at });
  return stored;
}

// the migration step itself is SQLite's; the repository over it is the same code both stores run
describe('#13 item 13: 0070-quarantine', () => {
  it('adds STRICT tables for the actions and resolutions, and takes the deadlines off quarantined cases', async () => {
    const db = freshDb(60);
    const { sql, uow } = createSqliteSql(db);
    const r = { submissions: createSubmissionsRepo(sql, uow), desk: createDeskRepo(sql, uow) };
    const q = await add(r, { quarantined: true, at: 1_000, deadline: 1_000 + 60 * DAY });
    const ok = await add(r, { at: 2_000, deadline: 2_000 + 60 * DAY });
    migrate(db, migrations.filter((m) => m.version <= 70));
    expect(schemaVersion(db)).toBe(70);
    for (const t of ['quarantine_actions', 'quarantine_resolutions']) {
      expect(db.prepare<[string], { sql: string }>("SELECT sql FROM sqlite_master WHERE name = ?").get(t)!.sql).toMatch(/STRICT\s*$/);
    }
    const deadline = (id: number) => db.prepare<[number], { deadline_at: number | null; preliminary_reply_at: number | null }>('SELECT deadline_at, preliminary_reply_at FROM cases WHERE submission_id = ?').get(id);
    expect(deadline(q.id)).toEqual({ deadline_at: null, preliminary_reply_at: null });
    expect(deadline(ok.id)).toEqual({ deadline_at: 2_000 + 60 * DAY, preliminary_reply_at: 2_000 + 60 * DAY });
  });
});

describe.each(storeKinds())('#13 item 13: quarantine repository (%s)', (kind) => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore(kind);
  });
  afterEach(() => t.close());

  // SQLite names the constraint kind (CHECK, UNIQUE); PostgreSQL says "check constraint", "duplicate key"
  it('guards the resolutions: a duplicate names its original, a rejection its reason, one resolution per submission', async () => {
    const repo = t.repos.quarantine;
    const a = await add(t.repos, { quarantined: true, at: 1 });
    const b = await add(t.repos, { at: 2 });
    await expect(repo.resolve(a.id, { outcome: 'duplicate', duplicateOf: null, reason: null, resolvedAt: 3, resolvedBy: 'kari' })).rejects.toThrow(/CHECK|check constraint/);
    await expect(repo.resolve(a.id, { outcome: 'rejected', duplicateOf: null, reason: null, resolvedAt: 3, resolvedBy: 'kari' })).rejects.toThrow(/CHECK|check constraint/);
    await repo.resolve(a.id, { outcome: 'duplicate', duplicateOf: b.id, reason: null, resolvedAt: 3, resolvedBy: 'kari' });
    await expect(repo.resolve(a.id, { outcome: 'rejected', duplicateOf: null, reason: 'x', resolvedAt: 4, resolvedBy: 'kari' })).rejects.toThrow(/UNIQUE|PRIMARY|duplicate key/);
    expect(await repo.resolution(a.id)).toEqual({ outcome: 'duplicate', duplicateOf: b.id, reason: null, resolvedAt: 3, resolvedBy: 'kari' });
  });

  it('accepts a quarantined submission with its form: received, case open with deadlines; only once', async () => {
    const repo = t.repos.quarantine;
    const q = await add(t.repos, { quarantined: true, at: 1_000 });
    const form = receivedApplication({ profileId: 'barnehageplass', fnr: FNR, name: 'Kari Nordmann', title: 'Søknad om barnehageplass – Ola', parts: [] }).form!;
    await repo.accept(q.id, { profileId: 'barnehageplass', profileVersion: 2, form }, { deadlineAt: 9_000, preliminaryReplyAt: null, at: 5_000 });
    const s = (await t.repos.submissions.getById(q.id))!;
    expect(s).toMatchObject({ status: 'received', quarantineReason: null, quarantineCode: null, applicantName: 'Kari Nordmann', title: 'Søknad om barnehageplass – Ola', profileVersion: 2 });
    expect(s.form).toEqual(form);
    expect(await t.repos.desk.getById(q.id)).toMatchObject({ status: 'new', deadlineAt: 9_000 });
    await expect(repo.accept(q.id, { profileId: 'barnehageplass', profileVersion: 2, form }, { deadlineAt: 9_000, preliminaryReplyAt: null, at: 5_000 })).rejects.toThrow(/ikke i karantene/);
  });

  it('finds the same person’s submissions to the same service within the window, nearest first', async () => {
    const repo = t.repos.quarantine;
    const q = await add(t.repos, { quarantined: true, at: 100 * DAY });
    const near = await add(t.repos, { at: 99 * DAY });
    const nearer = await add(t.repos, { at: 100 * DAY - 1_000 });
    await add(t.repos, { at: 60 * DAY }); // outside the window
    await add(t.repos, { at: 100 * DAY, fnr: '02028054321' }); // another person
    await add(t.repos, { at: 100 * DAY, profileId: 'sfo-plass' }); // another service
    const found = await repo.candidates({ submissionId: q.id, personNumber: FNR, profileId: 'barnehageplass', serviceKey: 'kommune/barnehageplass', from: 86 * DAY, to: 114 * DAY, limit: 10 });
    expect(found.map((c) => c.id)).toEqual([nearer.id, near.id]);
  });

  it('puts the quarantine actions on the case’s timeline, in time order with the desk’s events', async () => {
    const repo = t.repos.quarantine;
    const desk = t.repos.desk;
    const q = await add(t.repos, { quarantined: true, at: 1 });
    await desk.addEvent(q.id, { kind: 'note', at: 10, actor: 'Kari', text: null });
    await repo.addAction(q.id, { kind: 'quarantine-revalidated', at: 5, actor: 'Kari', actorAccount: 'kari', text: 'fortsatt i karantene', relatedId: null });
    await repo.addAction(q.id, { kind: 'quarantine-rejected', at: 20, actor: 'Arne', actorAccount: 'arne', text: 'grunn', relatedId: null });
    expect((await desk.events(q.id)).map((e) => e.kind)).toEqual(['quarantine-revalidated', 'note', 'quarantine-rejected']);
    expect((await repo.actions(q.id))[1]).toEqual({ kind: 'quarantine-rejected', at: 20, actor: 'Arne', actorAccount: 'arne', text: 'grunn', relatedId: null });
  });
});
