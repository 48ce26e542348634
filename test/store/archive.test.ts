import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SubmissionStore } from '../../electron/core/ports/submission-store.port';
import { createArchiveRepo, createSubmissionsRepo, migrate, migrations, schemaVersion } from '../../electron/store';
import { createSqliteSql } from '../../electron/store/sql/sqlite-client';
import { openTestStore, storeKinds, type TestStore } from '../helpers/test-store';

function db30() {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, migrations.slice(0, 2));
  expect(schemaVersion(db)).toBe(20);
  migrate(db, migrations.slice(0, 3));
  return db;
}

async function withSubmission(subs: Pick<SubmissionStore, 'insert'>): Promise<number> {
  const { id } = await subs.insert(
    {
      status: 'received',
      serviceKey: 'k',
      profileId: 'barnehageplass',
      profileVersion: 1,
      a2ArchiveRef: null,
      reportee: { partyId: null, personNumber: '01017012345', organisationNumber: null },
      applicantName: 'Kari',
      title: 't',
      titlePublic: 't',
      form: { applicant: { name: 'Kari', personNumber: '01017012345' }, title: 't', titlePublic: 't', fields: {}, lists: {} },
      quarantine: null,
      submittedAt: 1,
      receivedAt: 2,
      parts: [{ role: 'receipt-pdf', dataType: 'pdf', filename: 'k.pdf', contentType: 'application/pdf', size: 4, bytes: new TextEncoder().encode('%PDF') }],
    },
    { source: 'altinn3', sourceId: 'x', serviceKey: 'k', fetchedAt: 2 },
  );
  return id;
}

const caseFile = (key: string, openedAt = 10) => ({
  externalKey: key,
  systemId: `sys-${key}`,
  profileId: 'barnehageplass',
  applicantKey: '01017012345',
  title: 'Søknad',
  titlePublic: 'Søknad',
  arkivdel: 'BARNEHAGE',
  classification: { ordningsprinsipp: 'KK', ordningsverdi: 'A10' },
  administrativEnhet: 'OPPV',
  saksansvarlig: null,
  screening: { tilgangsrestriksjon: 'UO', skjermingshjemmel: 'Offl. § 13', screenTitle: true, screenCorrespondent: true, screenDocuments: true },
  saksdato: '2026-11-27',
  openedAt,
});

const incoming = (caseFileId: number, submissionId: number, sha: string) => ({
  externalKey: 'jp-1',
  systemId: 'sys-jp-1',
  journalposttype: 'I' as const,
  title: 'Søknad',
  titlePublic: 'Søknad',
  journaldato: '2026-11-27',
  dokumentetsDato: '2026-11-27T09:00:00Z',
  administrativEnhet: 'OPPV',
  saksbehandler: null,
  screening: null,
  correspondents: [{ role: 'avsender' as const, name: 'Kari', personNumber: '01017012345', organisationNumber: null, address: { street: 'Gata 1', postalCode: '0155', postalPlace: 'OSLO' } }],
  documents: [{ number: 1, role: 'hoveddokument' as const, title: 'Søknad', dokumenttype: 'SØKNAD', filename: 'k.pdf', contentType: 'application/pdf', sha256: sha, size: 4 }],
  caseFileId,
  submissionId,
  closesEntryId: null,
  avskrivningsmaate: null,
  createdAt: 5,
});

// the migration step itself is SQLite's; the repository over it is the same code both stores run
describe('0030-archive', () => {
  it('upgrades a version-20 database with STRICT tables and their constraints', async () => {
    const db = db30();
    expect(schemaVersion(db)).toBe(30);
    const tables = db
      .prepare<[], { sql: string }>("SELECT sql FROM sqlite_master WHERE type = 'table' AND name LIKE 'archive_%'")
      .all()
      .map((t) => t.sql);
    expect(tables).toHaveLength(4);
    for (const sql of tables) expect(sql).toMatch(/STRICT\s*$/);
    const { sql, uow } = createSqliteSql(db);
    const subId = await withSubmission(createSubmissionsRepo(sql, uow));
    const repo = createArchiveRepo(sql, uow);
    const cf = await repo.insertCaseFile(caseFile('sak-1'));
    const sha = await repo.putBlob(new TextEncoder().encode('%PDF'));
    const entry = incoming(cf, subId, sha);
    const id = await repo.insertEntry(entry);
    // one incoming entry per application
    await expect(repo.insertEntry({ ...entry, externalKey: 'jp-2', systemId: 'sys-jp-2' })).rejects.toThrow(/UNIQUE/);
    // a reply must close an incoming entry, an incoming entry closes nothing
    await expect(repo.insertEntry({ ...entry, externalKey: 'jp-3', systemId: 'sys-3', journalposttype: 'U' })).rejects.toThrow(/CHECK/);
    // archived means numbered
    expect(() => db.prepare("UPDATE archive_entries SET status = 'archived' WHERE id = ?").run(id)).toThrow(/CHECK/);
    // a document's bytes must exist
    expect(() => db.prepare("INSERT INTO archive_documents (entry_id, number, role, title, dokumenttype, filename, content_type, sha256, size) VALUES (?, 2, 'vedlegg', 't', 'd', 'f', 'c', 'nope', 1)").run(id)).toThrow(/FOREIGN KEY/);
  });

});

describe.each(storeKinds())('archive repository (%s)', (kind) => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore(kind);
  });
  afterEach(() => t.close());

  it('round-trips case files and entries, numbers, states and the grouping lookup', async () => {
    const subId = await withSubmission(t.repos.submissions);
    const repo = t.repos.archive;
    const old = await repo.insertCaseFile(caseFile('sak-old', 10));
    const recent = await repo.insertCaseFile(caseFile('sak-new', 100));
    expect((await repo.findCaseFileToJoin('barnehageplass', '01017012345', 50))?.id).toBe(recent);
    expect((await repo.findCaseFileToJoin('barnehageplass', '01017012345', 5))?.id).toBe(recent);
    expect(await repo.findCaseFileToJoin('barnehageplass', '01017012345', 101)).toBeUndefined();
    expect(await repo.findCaseFileToJoin('sfo-plass', '01017012345', 0)).toBeUndefined();
    expect((await repo.caseFile(old))!.screening).toMatchObject({ tilgangsrestriksjon: 'UO' });

    const sha = await repo.putBlob(new TextEncoder().encode('%PDF'));
    expect(await repo.putBlob(new TextEncoder().encode('%PDF'))).toBe(sha);
    expect(new TextDecoder().decode(await repo.blob(sha))).toBe('%PDF');
    const id = await repo.insertEntry(incoming(recent, subId, sha));
    expect(await repo.counts()).toEqual({ pending: 1, 'awaiting-receipt': 0, archived: 0, failed: 0 });
    await repo.markEntryFailed(id, 'tittel mangler', 6);
    expect(await repo.entry(id)).toMatchObject({ status: 'failed', lastError: 'tittel mangler' });
    await repo.markEntryAwaitingReceipt(id, 'arkivmelding', 'msg-1', 7);
    expect(await repo.entryByKey('jp-1')).toMatchObject({ status: 'awaiting-receipt', receiptRef: 'msg-1', lastError: null });
    await repo.markCaseFileArchived(recent, 'arkivmelding', { archiveSystemId: 'a', saksaar: 2026, sakssekvensnummer: 3 }, 8);
    // numbers once given are kept
    await repo.markCaseFileArchived(recent, 'arkivmelding', { archiveSystemId: 'b', saksaar: 2026, sakssekvensnummer: 99 }, 9);
    expect((await repo.caseFile(recent))!.archived).toEqual({ archiveSystemId: 'a', saksaar: 2026, sakssekvensnummer: 3 });
    await repo.markEntryArchived(id, 'arkivmelding', { archiveSystemId: 'j', journalaar: 2026, journalsekvensnummer: 12, journalpostnummer: 1, documents: [{ number: 1, archiveSystemId: 'd1' }] }, 10);
    // an archived entry does not go back to failed
    await repo.markEntryFailed(id, 'late', 11);
    const e = (await repo.incomingEntryOf(subId))!;
    expect(e).toMatchObject({ status: 'archived', archived: { journalsekvensnummer: 12, journalpostnummer: 1 }, documentIds: [{ number: 1, archiveSystemId: 'd1' }], archivedAt: 10 });
    expect(e.correspondents[0]!.address).toEqual({ street: 'Gata 1', postalCode: '0155', postalPlace: 'OSLO' });
    expect(await repo.unfinished(10)).toEqual([]);
    expect(await repo.entriesOfSubmission(subId)).toHaveLength(1);
  });
});
