// #15: migration 0090 (hand-overs, designs, automatic decisions) and the two repositories over it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DesignRef } from '../../electron/core/ports/design-store.port';
import { migrate, migrations, schemaVersion, type Repos } from '../../electron/store';
import { createDeskRepo, createSubmissionsRepo } from '../../electron/store';
import { createSqliteSql } from '../../electron/store/sql/sqlite-client';
import { freshDb } from '../helpers/fresh-db';
import { receivedApplication } from '../helpers/submission-fixture';
import { openTestStore, storeKinds, type TestStore } from '../helpers/test-store';

let seq = 0;
async function addApplication(r: Pick<Repos, 'submissions' | 'desk'>, at = 1_000) {
  const s = receivedApplication({ profileId: 'barnehageplass', fnr: '01017012345', name: 'Kari Nordmann', title: `Søknad ${++seq}`, parts: [], at });
  const stored = await r.submissions.insert(s, { source: 'altinn3', sourceId: `r-${seq}`, serviceKey: s.serviceKey, fetchedAt: at });
  await r.desk.ensureCase({ submissionId: stored.id, status: 'new', deadlineAt: null, preliminaryReplyAt: null, at });
  return stored.id;
}

describe('#15: 0090-routing', () => {
  it('adds STRICT tables for hand-overs and designs, and marks every earlier decision as not automatic', async () => {
    const db = freshDb(80);
    const { sql, uow } = createSqliteSql(db);
    const r = { submissions: createSubmissionsRepo(sql, uow), desk: createDeskRepo(sql, uow) } as Pick<Repos, 'submissions' | 'desk'>;
    const id = await addApplication(r);
    // as the step before wrote it (the repository of today writes the new column)
    db.prepare("INSERT INTO case_decisions (submission_id, outcome, grounds, decided_at, decided_by) VALUES (?, 'innvilget', 'ok', 2, 'kari')").run(id);
    migrate(db, migrations.filter((m) => m.version <= 90));
    expect(schemaVersion(db)).toBe(90);
    for (const t of ['handovers', 'designs']) {
      expect(db.prepare<[string], { sql: string }>('SELECT sql FROM sqlite_master WHERE name = ?').get(t)!.sql).toMatch(/STRICT\s*$/);
    }
    expect(db.prepare('SELECT automatic FROM case_decisions WHERE submission_id = ?').get(id)).toEqual({ automatic: 0 });
    expect(() => db.prepare('UPDATE case_decisions SET automatic = 2').run()).toThrow(/CHECK/);
    // one hand-over per application and target; the states and steps are the port's
    const ins = db.prepare("INSERT INTO handovers (submission_id, target, handover_key, mode, status, after, created_at, updated_at) VALUES (?, ?, ?, 'automatic', ?, 'archived', 0, 0)");
    ins.run(id, 'ist-barnehage', 'k1', 'pending');
    expect(() => ins.run(id, 'ist-barnehage', 'k2', 'pending')).toThrow(/UNIQUE/);
    expect(() => ins.run(id, 'gerica', 'k1', 'pending')).toThrow(/UNIQUE/);
    expect(() => ins.run(id, 'gerica', 'k3', 'lost')).toThrow(/CHECK/);
    // rules have no target, mappings have one
    const design = db.prepare("INSERT INTO designs (kind, profile_id, target, version, status, body, changed_by, changed_at) VALUES (?, 'p', ?, ?, ?, 'x', 'a', 0)");
    expect(() => design.run('rules', 'ist-sfo', 1, 'draft')).toThrow(/CHECK/);
    expect(() => design.run('mapping', '', 1, 'draft')).toThrow(/CHECK/);
  });
});

describe.each(storeKinds())('#15: hand-over repository (%s)', (kind) => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore(kind);
  });
  afterEach(() => t.close());

  it('inserts once per application and target, keeping the first key, and finds it by key, by target and by application', async () => {
    const repo = t.repos.handovers;
    const id = await addApplication(t.repos);
    const first = await repo.insert({ submissionId: id, target: 'ist-barnehage', key: 'key-1', mode: 'automatic', status: 'pending', after: 'archived' }, 10);
    const again = await repo.insert({ submissionId: id, target: 'ist-barnehage', key: 'key-2', mode: 'manual', status: 'manual', after: 'decided' }, 20);
    expect(again).toEqual(first);
    expect(first).toMatchObject({ submissionId: id, target: 'ist-barnehage', key: 'key-1', mode: 'automatic', status: 'pending', after: 'archived', reference: null, createdAt: 10, updatedAt: 10, deliveredAt: null });
    await repo.insert({ submissionId: id, target: 'gerica', key: 'key-3', mode: 'manual', status: 'manual', after: 'archived' }, 30);
    expect(await repo.byKey('key-2')).toBeUndefined();
    expect((await repo.get(id, 'gerica'))!.key).toBe('key-3');
    expect((await repo.forSubmission(id)).map((h) => h.target)).toEqual(['ist-barnehage', 'gerica']);
  });

  it('updates only the fields named, and lists by status and counts per target', async () => {
    const repo = t.repos.handovers;
    const id = await addApplication(t.repos);
    const other = await addApplication(t.repos);
    await repo.insert({ submissionId: id, target: 'ist-sfo', key: 'a', mode: 'automatic', status: 'pending', after: 'archived' }, 1);
    await repo.insert({ submissionId: other, target: 'ist-sfo', key: 'b', mode: 'automatic', status: 'waiting', after: 'archived' }, 2);
    await repo.update('a', { status: 'failed', lastError: 'Ukjent skole', mappingVersion: 3 }, 5);
    await t.store.uow.run(async () => {
      expect((await repo.lock('a'))!.status).toBe('failed');
      await repo.update('a', { status: 'delivered', reference: 'SFO-1', deliveredAt: 6, lastError: null }, 6);
    });
    expect(await repo.byKey('a')).toMatchObject({ status: 'delivered', reference: 'SFO-1', mappingVersion: 3, lastError: null, deliveredAt: 6, updatedAt: 6, createdAt: 1 });
    expect((await repo.withStatus(['waiting', 'pending'], 10)).map((h) => h.key)).toEqual(['b']);
    expect(await repo.counts()).toEqual([
      { target: 'ist-sfo', status: 'delivered', count: 1 },
      { target: 'ist-sfo', status: 'waiting', count: 1 },
    ]);
  });
});

describe.each(storeKinds())('#15: design repository (%s)', (kind) => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore(kind);
  });
  afterEach(() => t.close());
  const ref: DesignRef = { kind: 'mapping', profileId: 'barnehageplass', target: 'ist-barnehage' };

  it('seeds version 1 once, keeps one draft, activates it and retires the one before, and brings a retired version back as a new one', async () => {
    const repo = t.repos.designs;
    expect(await repo.seed(ref, '{"v": 1}', 'profil', 100)).toBe(true);
    expect(await repo.seed(ref, '{"v": 99}', 'profil', 101)).toBe(false);
    expect(await repo.active(ref)).toMatchObject({ version: 1, status: 'active', body: '{"v": 1}', changedBy: 'profil' });

    const d1 = await repo.saveDraft(ref, '{"v": 2}', 'ida', 'nytt felt', 200);
    const d2 = await repo.saveDraft(ref, '{"v": 2.1}', 'ola', null, 210);
    expect([d1.version, d2.version]).toEqual([2, 2]);
    expect(await repo.draft(ref)).toMatchObject({ version: 2, status: 'draft', body: '{"v": 2.1}', changedBy: 'ola', changedAt: 210, note: null });

    expect(await repo.activate(ref, 2, 'ida', 300)).toMatchObject({ version: 2, status: 'active', changedBy: 'ida', changedAt: 300 });
    expect(await repo.draft(ref)).toBeUndefined();
    const back = await repo.activate(ref, 1, 'ida', 400);
    expect(back).toMatchObject({ version: 3, status: 'active', body: '{"v": 1}' });
    expect((await repo.versions(ref)).map((v) => [v.version, v.status])).toEqual([
      [3, 'active'],
      [2, 'retired'],
      [1, 'retired'],
    ]);
    // the rules of the profile are a design of their own
    expect(await repo.active({ kind: 'rules', profileId: 'barnehageplass', target: '' })).toBeUndefined();
    await expect(repo.activate(ref, 9, 'ida', 500)).rejects.toThrow(/9/);
  });
});
