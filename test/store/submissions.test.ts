import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { NewSubmission } from '../../electron/core/ports/submission-store.port';
import { createSubmissionsRepo, migrate, migrations, openStore, schemaVersion } from '../../electron/store';

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

describe('submissions repo', () => {
  it('stores parts content-addressed: equal bytes are kept once', () => {
    const store = openStore(':memory:');
    const repo = createSubmissionsRepo(store.db);
    repo.insert(sub(), { source: 'altinn3', sourceId: '1/a', serviceKey: 'k', fetchedAt: 1 });
    repo.insert(sub(), { source: 'altinn3', sourceId: '1/b', serviceKey: 'k', fetchedAt: 1 });
    expect(store.db.prepare('SELECT count(*) AS n FROM blobs').get()).toEqual({ n: 2 });
    expect(store.db.prepare('SELECT count(*) AS n FROM submission_parts').get()).toEqual({ n: 4 });
  });

  it('links a second source item to the same submission and tracks confirmation per item', () => {
    const store = openStore(':memory:');
    const repo = createSubmissionsRepo(store.db);
    const { id, publicId } = repo.insert(sub({ a2ArchiveRef: 'AR12345678' }), { source: 'altinn2', sourceId: 'AR12345678', serviceKey: '5321:1', fetchedAt: 1 });
    expect(repo.findByA2ArchiveRef('AR12345678')).toBe(id);
    repo.linkSourceItem(id, { source: 'altinn3', sourceId: '50001/guid', serviceKey: 'kommune/a2-5321-1', fetchedAt: 2 });
    repo.markConfirmed('altinn2', 'AR12345678', 5);
    expect(repo.get(publicId)).toMatchObject({ sources: ['altinn2', 'altinn3'], confirmed: false });
    repo.markConfirmed('altinn3', '50001/guid', 6);
    repo.markConfirmed('altinn3', '50001/guid', 99); // the first confirmation time stays
    const d = repo.get(publicId)!;
    expect(d.confirmed).toBe(true);
    expect(d.sourceItems.map((i) => i.confirmedAt)).toEqual([5, 6]);
    expect(() => repo.insert(sub({ a2ArchiveRef: 'AR12345678' }), { source: 'altinn3', sourceId: 'x', serviceKey: 'k', fetchedAt: 1 })).toThrow(/UNIQUE/);
  });

  it('returns part bytes, lists newest first and counts by status', () => {
    const store = openStore(':memory:');
    const repo = createSubmissionsRepo(store.db);
    const a = repo.insert(sub({ receivedAt: 1 }), { source: 'altinn3', sourceId: 'a', serviceKey: 'k', fetchedAt: 1 });
    repo.insert(sub({ receivedAt: 2, status: 'quarantined', quarantine: { code: 'schema-invalid', reason: 'bad' } }), { source: 'altinn3', sourceId: 'b', serviceKey: 'k', fetchedAt: 1 });
    expect(new TextDecoder().decode(repo.partBytes(a.publicId, 1)!.bytes)).toBe('%PDF');
    expect(repo.list({ limit: 10, offset: 0 }).map((s) => s.status)).toEqual(['quarantined', 'received']);
    expect(repo.list({ status: 'received', limit: 10, offset: 0 })).toHaveLength(1);
    expect(repo.counts()).toEqual({ received: 1, quarantined: 1, unconfirmed: 2 });
  });
});
