import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { NewSubmission } from '../../electron/core/ports/submission-store.port';
import { createRepos, migrate, migrations, openPostgresStore, schemaVersion } from '../../electron/store';
import { openTestStore, storeKinds, type TestStore } from '../helpers/test-store';

const sub = (over: Partial<NewSubmission> = {}): NewSubmission => ({
  status: 'received',
  serviceKey: 'kommune/permisjon-skole',
  profileId: 'permisjon-skole',
  profileVersion: 1,
  a2ArchiveRef: null,
  reportee: { partyId: '50001', personNumber: '01017012345', organisationNumber: null },
  applicantName: 'Kari Nordmann',
  title: 'Søknad om permisjon',
  titlePublic: 'Søknad om permisjon',
  form: { applicant: { name: 'Kari Nordmann', personNumber: '01017012345' }, title: 'Søknad om permisjon', titlePublic: 'Søknad om permisjon', fields: {}, lists: {} },
  quarantine: null,
  submittedAt: 1000,
  receivedAt: 2000,
  parts: [
    { role: 'form', dataType: 'model', filename: 'form.xml', contentType: 'application/xml', size: 3, bytes: new TextEncoder().encode('<a/>') },
    { role: 'attachment', dataType: 'vedlegg', filename: 'a.pdf', contentType: 'application/pdf', size: 4, bytes: new TextEncoder().encode('%PDF') },
  ],
  ...over,
});

// the migration step itself is SQLite's; the repository over it is the same code both stores run
describe('0020-submissions', () => {
  it('upgrades a version-10 database and creates STRICT tables with their constraints', () => {
    const db = new Database(':memory:');
    migrate(db, migrations.slice(0, 1));
    expect(schemaVersion(db)).toBe(10);
    migrate(db, migrations.slice(0, 2));
    expect(schemaVersion(db)).toBe(20);
    const sql = db.prepare<[], { name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name IN ('blobs','submissions','submission_parts','source_items')").all();
    expect(sql).toHaveLength(4);
    for (const t of sql) expect(t.sql).toMatch(/STRICT\s*$/);
    // a quarantined row must carry its reason, a received one must not
    expect(() =>
      db.prepare("INSERT INTO submissions (public_id, status, service_key, submitted_at, received_at) VALUES ('x', 'quarantined', 'k', 0, 0)").run(),
    ).toThrow(/CHECK/);
  });
});

describe.each(storeKinds())('submissions repo (%s)', (kind) => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore(kind);
  });
  afterEach(() => t.close());
  const count = async (table: string) => Number((await t.store.sql.get<{ n: number | string }>(`SELECT count(*) AS n FROM ${table}`))!.n);

  it('stores parts content-addressed: equal bytes are kept once', async () => {
    const repo = t.repos.submissions;
    await repo.insert(sub(), { source: 'altinn3', sourceId: '1/a', serviceKey: 'k', fetchedAt: 1 });
    await repo.insert(sub(), { source: 'altinn3', sourceId: '1/b', serviceKey: 'k', fetchedAt: 1 });
    expect(await count('blobs')).toBe(2);
    expect(await count('submission_parts')).toBe(4);
  });

  it('a second copy of a stored source item fails whole instead of leaving a submission without its item (#19)', async () => {
    const repo = t.repos.submissions;
    await repo.insert(sub(), { source: 'altinn3', sourceId: '1/a', serviceKey: 'k', fetchedAt: 1 });
    await expect(repo.insert(sub(), { source: 'altinn3', sourceId: '1/a', serviceKey: 'k', fetchedAt: 2 })).rejects.toThrow(/UNIQUE|duplicate key/);
    expect(await count('submissions')).toBe(1);
    expect(await count('submission_parts')).toBe(2);
  });

  it('lockSourceItem keeps two units of work storing the same item apart: the later one finds it stored (#19)', async () => {
    const repo = t.repos.submissions;
    const item = { source: 'altinn3', sourceId: '1/a', serviceKey: 'k', fetchedAt: 1 } as const;
    // as ingest stores one: lock, look, store
    const store = (hold: Promise<void>) =>
      t.store.uow.run(async () => {
        await repo.lockSourceItem('altinn3', '1/a');
        if (await repo.findSourceItem('altinn3', '1/a')) return 'known';
        await repo.insert(sub(), item);
        await hold;
        return 'stored';
      });
    if (kind === 'sqlite') {
      // one writer at a time already: the second runs after the first and finds the item
      expect([await store(Promise.resolve()), await store(Promise.resolve())]).toEqual(['stored', 'known']);
      return;
    }
    // two nodes: two stores on the same schema
    const schema = (await t.store.sql.get<{ s: string }>('SELECT current_schema() AS s'))!.s;
    const other = await openPostgresStore({ url: inject('pgUrl'), schema, migrate: false, pool: { max: 2 } });
    try {
      const otherRepo = createRepos(other).submissions;
      let release!: () => void;
      const first = store(new Promise<void>((r) => (release = r)));
      await new Promise((r) => setTimeout(r, 100));
      const second = other.uow.run(async () => {
        await otherRepo.lockSourceItem('altinn3', '1/a');
        return (await otherRepo.findSourceItem('altinn3', '1/a')) ? 'known' : 'stored';
      });
      await new Promise((r) => setTimeout(r, 100));
      release();
      expect([await first, await second]).toEqual(['stored', 'known']);
    } finally {
      await other.close();
    }
  });

  it('links a second source item to the same submission and tracks confirmation per item', async () => {
    const repo = t.repos.submissions;
    const { id, publicId } = await repo.insert(sub({ a2ArchiveRef: 'AR12345678' }), { source: 'altinn2', sourceId: 'AR12345678', serviceKey: '5321:1', fetchedAt: 1 });
    expect(await repo.findByA2ArchiveRef('AR12345678')).toBe(id);
    await repo.linkSourceItem(id, { source: 'altinn3', sourceId: '50001/guid', serviceKey: 'kommune/a2-5321-1', fetchedAt: 2 });
    await repo.markConfirmed('altinn2', 'AR12345678', 5);
    expect(await repo.get(publicId)).toMatchObject({ sources: ['altinn2', 'altinn3'], confirmed: false });
    await repo.markConfirmed('altinn3', '50001/guid', 6);
    await repo.markConfirmed('altinn3', '50001/guid', 99); // the first confirmation time stays
    const d = (await repo.get(publicId))!;
    expect(d.confirmed).toBe(true);
    expect(d.sourceItems.map((i) => i.confirmedAt)).toEqual([5, 6]);
    // SQLite says UNIQUE, PostgreSQL "duplicate key … unique constraint"
    await expect(repo.insert(sub({ a2ArchiveRef: 'AR12345678' }), { source: 'altinn3', sourceId: 'x', serviceKey: 'k', fetchedAt: 1 })).rejects.toThrow(/UNIQUE|duplicate key/);
    // the failed insert left nothing behind
    expect(await repo.findSourceItem('altinn3', 'x')).toBeUndefined();
    expect(await count('submissions')).toBe(1);
  });

  it('returns part bytes, lists newest first and counts by status', async () => {
    const repo = t.repos.submissions;
    const a = await repo.insert(sub({ receivedAt: 1 }), { source: 'altinn3', sourceId: 'a', serviceKey: 'k', fetchedAt: 1 });
    await repo.insert(sub({ receivedAt: 2, status: 'quarantined', quarantine: { code: 'schema-invalid', reason: 'bad' } }), { source: 'altinn3', sourceId: 'b', serviceKey: 'k', fetchedAt: 1 });
    expect(new TextDecoder().decode((await repo.partBytes(a.publicId, 1))!.bytes)).toBe('%PDF');
    expect((await repo.list({ limit: 10, offset: 0 })).map((s) => s.status)).toEqual(['quarantined', 'received']);
    expect(await repo.list({ status: 'received', limit: 10, offset: 0 })).toHaveLength(1);
    expect(await repo.counts()).toEqual({ received: 1, quarantined: 1, unconfirmed: 2 });
  });

  it('leaves the screened services a caller may not see out of the list and the counts', async () => {
    const repo = t.repos.submissions;
    await repo.insert(sub({ receivedAt: 1 }), { source: 'altinn3', sourceId: 'a', serviceKey: 'k', fetchedAt: 1 });
    await repo.insert(sub({ receivedAt: 2, profileId: 'helse-omsorg' }), { source: 'altinn3', sourceId: 'b', serviceKey: 'k', fetchedAt: 1 });
    await repo.insert(sub({ receivedAt: 3, profileId: null, status: 'quarantined', quarantine: { code: 'unknown-service', reason: 'x' } }), { source: 'altinn3', sourceId: 'c', serviceKey: 'k', fetchedAt: 1 });
    const hidden = ['helse-omsorg'];
    expect((await repo.list({ limit: 10, offset: 0, hiddenProfileIds: hidden })).map((s) => s.profileId)).toEqual([null, 'permisjon-skole']);
    expect(await repo.list({ status: 'received', limit: 10, offset: 0, hiddenProfileIds: hidden })).toHaveLength(1);
    expect(await repo.counts(hidden)).toEqual({ received: 1, quarantined: 1, unconfirmed: 2 });
    expect(await repo.counts()).toEqual({ received: 2, quarantined: 1, unconfirmed: 3 });
  });
});
