// #13 item 13: migration 0070 and the quarantine repository.
import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createDeskRepo, createQuarantineRepo, createSubmissionsRepo, migrate, schemaVersion } from '../../electron/store';
import type { NewSubmission } from '../../electron/core/ports/submission-store.port';
import { freshDb } from '../helpers/fresh-db';
import { receivedApplication } from '../helpers/submission-fixture';

const FNR = '01017012345';
const DAY = 86_400_000;


let seq = 0;
function add(db: Database.Database, o: { quarantined?: boolean; fnr?: string; profileId?: string; at: number; deadline?: number | null }) {
  const profileId = o.profileId ?? 'barnehageplass';
  const base = receivedApplication({ profileId, fnr: o.fnr ?? FNR, name: 'Kari Nordmann', title: `Søknad ${++seq}`, parts: [], at: o.at });
  const s: NewSubmission = o.quarantined
    ? { ...base, status: 'quarantined', form: null, applicantName: null, title: null, titlePublic: null, quarantine: { code: 'schema-invalid', reason: 'linje 3: x' } }
    : base;
  const r = createSubmissionsRepo(db).insert(s, { source: 'altinn3', sourceId: `s-${seq}`, serviceKey: s.serviceKey, fetchedAt: o.at });
  createDeskRepo(db).ensureCase({ submissionId: r.id, status: o.quarantined ? 'quarantined' : 'new', deadlineAt: o.deadline ?? null, preliminaryReplyAt: o.deadline ?? null, at: o.at });
  return r;
}

describe('#13 item 13: 0070-quarantine', () => {
  it('adds STRICT tables for the actions and resolutions, and takes the deadlines off quarantined cases', () => {
    const db = freshDb(60);
    const q = add(db, { quarantined: true, at: 1_000, deadline: 1_000 + 60 * DAY });
    const ok = add(db, { at: 2_000, deadline: 2_000 + 60 * DAY });
    migrate(db);
    expect(schemaVersion(db)).toBe(70);
    for (const t of ['quarantine_actions', 'quarantine_resolutions']) {
      expect(db.prepare<[string], { sql: string }>("SELECT sql FROM sqlite_master WHERE name = ?").get(t)!.sql).toMatch(/STRICT\s*$/);
    }
    const deadline = (id: number) => db.prepare<[number], { deadline_at: number | null; preliminary_reply_at: number | null }>('SELECT deadline_at, preliminary_reply_at FROM cases WHERE submission_id = ?').get(id);
    expect(deadline(q.id)).toEqual({ deadline_at: null, preliminary_reply_at: null });
    expect(deadline(ok.id)).toEqual({ deadline_at: 2_000 + 60 * DAY, preliminary_reply_at: 2_000 + 60 * DAY });
  });

  it('guards the resolutions: a duplicate names its original, a rejection its reason, one resolution per submission', () => {
    const db = freshDb();
    const repo = createQuarantineRepo(db);
    const a = add(db, { quarantined: true, at: 1 });
    const b = add(db, { at: 2 });
    expect(() => repo.resolve(a.id, { outcome: 'duplicate', duplicateOf: null, reason: null, resolvedAt: 3, resolvedBy: 'kari' })).toThrow(/CHECK/);
    expect(() => repo.resolve(a.id, { outcome: 'rejected', duplicateOf: null, reason: null, resolvedAt: 3, resolvedBy: 'kari' })).toThrow(/CHECK/);
    repo.resolve(a.id, { outcome: 'duplicate', duplicateOf: b.id, reason: null, resolvedAt: 3, resolvedBy: 'kari' });
    expect(() => repo.resolve(a.id, { outcome: 'rejected', duplicateOf: null, reason: 'x', resolvedAt: 4, resolvedBy: 'kari' })).toThrow(/UNIQUE|PRIMARY/);
    expect(repo.resolution(a.id)).toEqual({ outcome: 'duplicate', duplicateOf: b.id, reason: null, resolvedAt: 3, resolvedBy: 'kari' });
  });
});

describe('#13 item 13: quarantine repository', () => {
  it('accepts a quarantined submission with its form: received, case open with deadlines; only once', () => {
    const db = freshDb();
    const repo = createQuarantineRepo(db);
    const q = add(db, { quarantined: true, at: 1_000 });
    const form = receivedApplication({ profileId: 'barnehageplass', fnr: FNR, name: 'Kari Nordmann', title: 'Søknad om barnehageplass – Ola', parts: [] }).form!;
    repo.accept(q.id, { profileId: 'barnehageplass', profileVersion: 2, form }, { deadlineAt: 9_000, preliminaryReplyAt: null, at: 5_000 });
    const s = createSubmissionsRepo(db).getById(q.id)!;
    expect(s).toMatchObject({ status: 'received', quarantineReason: null, quarantineCode: null, applicantName: 'Kari Nordmann', title: 'Søknad om barnehageplass – Ola', profileVersion: 2 });
    expect(s.form).toEqual(form);
    expect(createDeskRepo(db).getById(q.id)).toMatchObject({ status: 'new', deadlineAt: 9_000 });
    expect(() => repo.accept(q.id, { profileId: 'barnehageplass', profileVersion: 2, form }, { deadlineAt: 9_000, preliminaryReplyAt: null, at: 5_000 })).toThrow(/ikke i karantene/);
  });

  it('finds the same person’s submissions to the same service within the window, nearest first', () => {
    const db = freshDb();
    const repo = createQuarantineRepo(db);
    const q = add(db, { quarantined: true, at: 100 * DAY });
    const near = add(db, { at: 99 * DAY });
    const nearer = add(db, { at: 100 * DAY - 1_000 });
    add(db, { at: 60 * DAY }); // outside the window
    add(db, { at: 100 * DAY, fnr: '02028054321' }); // another person
    add(db, { at: 100 * DAY, profileId: 'sfo-plass' }); // another service
    const found = repo.candidates({ submissionId: q.id, personNumber: FNR, profileId: 'barnehageplass', serviceKey: 'kommune/barnehageplass', from: 86 * DAY, to: 114 * DAY, limit: 10 });
    expect(found.map((c) => c.id)).toEqual([nearer.id, near.id]);
  });

  it('puts the quarantine actions on the case’s timeline, in time order with the desk’s events', () => {
    const db = freshDb();
    const repo = createQuarantineRepo(db);
    const desk = createDeskRepo(db);
    const q = add(db, { quarantined: true, at: 1 });
    desk.addEvent(q.id, { kind: 'note', at: 10, actor: 'Kari', text: null });
    repo.addAction(q.id, { kind: 'quarantine-revalidated', at: 5, actor: 'Kari', actorAccount: 'kari', text: 'fortsatt i karantene', relatedId: null });
    repo.addAction(q.id, { kind: 'quarantine-rejected', at: 20, actor: 'Arne', actorAccount: 'arne', text: 'grunn', relatedId: null });
    expect(desk.events(q.id).map((e) => e.kind)).toEqual(['quarantine-revalidated', 'note', 'quarantine-rejected']);
    expect(repo.actions(q.id)[1]).toEqual({ kind: 'quarantine-rejected', at: 20, actor: 'Arne', actorAccount: 'arne', text: 'grunn', relatedId: null });
  });
});
