import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { replyMessage } from '../helpers/reply-fixture';
import { REPLY_STATES } from '../../electron/core/replies/reply.types';
import type { NewReply } from '../../electron/core/ports/reply-store.port';
import { createDeskRepo, createRepliesRepo, createSubmissionsRepo, migrate, migrations, schemaVersion, type Repos } from '../../electron/store';
import { createSqliteSql } from '../../electron/store/sql/sqlite-client';
import { REPLY_STATES as CONTRACT_STATES } from '../../electron/ipc';
import { CASE_EVENT_KINDS } from '../../electron/core/desk/desk.types';
import { freshDb } from '../helpers/fresh-db';
import { openTestStore, storeKinds, type TestStore } from '../helpers/test-store';
import { receivedApplication } from '../helpers/submission-fixture';

let seq = 0;
async function addCase(repos: Pick<Repos, 'submissions' | 'desk'>, profileId = 'barnehageplass') {
  const s = await repos.submissions.insert(
    receivedApplication({ profileId, fnr: '02028054321', name: 'Kari Nordmann', title: 'Søknad', form: { fields: {}, lists: {} }, parts: [], at: 1000 + seq }),
    { source: 'altinn3', sourceId: `src-${++seq}`, serviceKey: `kommune/${profileId}`, fetchedAt: 1 },
  );
  await repos.desk.ensureCase({ submissionId: s.id, status: 'new', deadlineAt: null, preliminaryReplyAt: null, at: 1 });
  return s;
}

/** The repositories over a bare migrated SQLite database (the migration tests step its schema by hand). */
function sqliteRepos(db: Database.Database) {
  const { sql, uow } = createSqliteSql(db);
  return { submissions: createSubmissionsRepo(sql, uow), desk: createDeskRepo(sql, uow), replies: createRepliesRepo(sql, uow) };
}

const reply = (submissionId: number, key: string): NewReply => ({
  submissionId,
  replyKey: key,
  idempotentKey: `uuid-${key}`,
  state: 'queued',
  channel: 'altinn3',
  recipient: { personNumber: '02028054321' },
  message: replyMessage(),
  letter: { sha256: 'a'.repeat(64), size: 10, filename: 'vedtak.pdf' },
  fallback: { days: 10, businessDays: false },
  approvedAt: 5,
});

describe('0050-replies migration', () => {
  it('adds STRICT replies and register_cache tables and sets user_version to 50', () => {
    const db = freshDb(50);
    expect(schemaVersion(db)).toBe(50);
    for (const t of ['replies', 'register_cache', 'case_events']) {
      const sql = db.prepare<[string], { sql: string }>("SELECT sql FROM sqlite_master WHERE name = ?").get(t)!.sql;
      expect(sql, t).toMatch(/STRICT\s*$/);
    }
  });

  it('keeps the timeline rows written before it and accepts the new print kinds', async () => {
    const db = freshDb(40);
    const s = await addCase(sqliteRepos(db));
    await sqliteRepos(db).desk.addEvent(s.id, { kind: 'approved', at: 7, actor: 'Kari', text: null });
    migrate(db, migrations);
    const desk = sqliteRepos(db).desk;
    expect(await desk.events(s.id)).toEqual([{ kind: 'approved', at: 7, actor: 'Kari', text: null }]);
    await desk.addEvent(s.id, { kind: 'print-held', at: 8, actor: 'Kari', text: 'venter på telefon' });
    expect((await desk.events(s.id)).map((e) => e.kind)).toEqual(['approved', 'print-held']);
    expect(() => db.prepare("INSERT INTO case_events (submission_id, kind, at, actor) VALUES (?, 'mailed', 1, 'x')").run(s.id)).toThrow(/CHECK/);
  });

  it('refuses an unknown state and a second reply for the same case', async () => {
    const db = freshDb();
    const repos = sqliteRepos(db);
    const s = await addCase(repos);
    await repos.replies.insert(reply(s.id, 'k1'), 1);
    expect(() => db.prepare("UPDATE replies SET state = 'lost'").run()).toThrow(/CHECK/);
    await expect(repos.replies.insert(reply(s.id, 'k2'), 1)).rejects.toThrow(/UNIQUE/);
  });

  it('has the same states as the contract and the timeline kinds the store accepts', async () => {
    expect([...REPLY_STATES]).toEqual([...CONTRACT_STATES]);
    const repos = sqliteRepos(freshDb());
    const s = await addCase(repos);
    for (const k of CASE_EVENT_KINDS) await repos.desk.addEvent(s.id, { kind: k, at: 1, actor: 'x', text: null });
    expect(await repos.desk.events(s.id)).toHaveLength(CASE_EVENT_KINDS.length);
  });
});

describe.each(storeKinds())('replies store (%s)', (kind) => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore(kind);
  });
  afterEach(() => t.close());

  describe('replies repo', () => {
    it('inserts once per reply key and patches only what is given', async () => {
      const s = await addCase(t.repos);
      const repo = t.repos.replies;
      const a = await repo.insert(reply(s.id, 'k1'), 1);
      expect((await repo.insert(reply(s.id, 'k1'), 2)).id).toBe(a.id);
      await repo.update(a.id, { state: 'sent', correspondenceId: 'c-1', sentAt: 10, deadlineAt: 100 }, 11);
      const b = (await repo.byKey('k1'))!;
      expect(b).toMatchObject({ state: 'sent', correspondenceId: 'c-1', sentAt: 10, deadlineAt: 100, readAt: null, updatedAt: 11 });
      expect(b.message.notification.sms).toBe('m');
      expect((await repo.bySubmission(s.id))?.replyKey).toBe('k1');
    });

    it('finds due replies: unread, sent or notified, deadline passed — not held, read or printed ones', async () => {
      const repo = t.repos.replies;
      const mk = async (key: string, patch: Parameters<typeof repo.update>[1]) => {
        const r = await repo.insert(reply((await addCase(t.repos)).id, key), 1);
        await repo.update(r.id, patch, 1);
      };
      await mk('due', { state: 'sent', deadlineAt: 100 });
      await mk('due-notified', { state: 'notified', deadlineAt: 50 });
      await mk('later', { state: 'sent', deadlineAt: 300 });
      await mk('held', { state: 'held', deadlineAt: 100 });
      await mk('read', { state: 'read', deadlineAt: 100, readAt: 90 });
      await mk('printed', { state: 'printed', deadlineAt: 100 });
      expect((await repo.due(200, 10)).map((r) => r.replyKey)).toEqual(['due-notified', 'due']);
      expect((await repo.due(200, 1)).map((r) => r.replyKey)).toEqual(['due-notified']);
      expect(await repo.dueSoon(200, 100, [])).toBe(3);
      expect(await repo.counts([])).toMatchObject({ sent: 2, notified: 1, held: 1, read: 1, printed: 1 });
    });

    it('polls the least recently asked first, and printed ones only within the window', async () => {
      const repo = t.repos.replies;
      const mk = async (key: string, patch: Parameters<typeof repo.update>[1]) => {
        const r = await repo.insert(reply((await addCase(t.repos)).id, key), 1);
        await repo.update(r.id, { correspondenceId: `c-${key}`, ...patch }, 1);
      };
      await mk('asked-late', { state: 'sent', lastPolledAt: 50 });
      await mk('never-asked', { state: 'notified' });
      await mk('printed-recent', { state: 'printed', printedAt: 900 });
      await mk('printed-old', { state: 'printed', printedAt: 10 });
      await mk('read', { state: 'read', readAt: 5 });
      expect((await repo.toPoll(1000, 10, 500)).map((r) => r.replyKey)).toEqual(['never-asked', 'printed-recent', 'asked-late']);
    });

    it('lists without the services the user may not see', async () => {
      const repo = t.repos.replies;
      await repo.insert(reply((await addCase(t.repos, 'barnehageplass')).id, 'a'), 1);
      await repo.insert(reply((await addCase(t.repos, 'helse-omsorg')).id, 'b'), 1);
      expect((await repo.list({ limit: 10, offset: 0, hiddenProfileIds: ['helse-omsorg'] })).items.map((x) => x.replyKey)).toEqual(['a']);
      expect((await repo.list({ limit: 10, offset: 0, hiddenProfileIds: [] })).total).toBe(2);
      expect(await repo.counts(['helse-omsorg'])).toEqual({ queued: 1 });
    });
  });

  describe('replies per day', () => {
    it('counts sent, read and printed per local day, every day up to the given end, empty days as zero', async () => {
      const repo = t.repos.replies;
      const day = (iso: string) => Date.parse(iso);
      const a = await repo.insert(reply((await addCase(t.repos)).id, 'a'), 1);
      const b = await repo.insert(reply((await addCase(t.repos)).id, 'b'), 1);
      // 23:30 UTC on 1 Dec is 00:30 on 2 Dec in Oslo (UTC+1)
      await repo.update(a.id, { sentAt: day('2026-12-01T23:30:00Z'), readAt: day('2026-12-03T10:00:00Z') }, 1);
      await repo.update(b.id, { sentAt: day('2026-12-02T08:00:00Z'), printedAt: day('2026-12-04T08:00:00Z') }, 1);
      expect(await repo.daily(day('2026-12-01T23:00:00Z'), day('2026-12-04T12:00:00Z'), 60)).toEqual([
        { date: '2026-12-02', sent: 2, read: 0, printed: 0 },
        { date: '2026-12-03', sent: 0, read: 1, printed: 0 },
        { date: '2026-12-04', sent: 0, read: 0, printed: 1 },
      ]);
    });
  });

  describe('register cache', () => {
    it('answers within the time limit only, and remembers "not found"', async () => {
      const cache = t.repos.registerCache;
      await cache.putContact('02028054321', { personNumber: '02028054321', state: 'active', reserved: false, canNotify: true, email: 'a@b.no', mobile: null, language: 'nb' }, 100, 50);
      await cache.putPerson('02028054321', null, 100, 50);
      expect((await cache.contact('02028054321', 149))?.facts?.email).toBe('a@b.no');
      expect(await cache.contact('02028054321', 150)).toBeUndefined();
      expect(await cache.person('02028054321', 120)).toEqual({ facts: null, fetchedAt: 100 });
    });
  });
});
