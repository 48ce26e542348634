// #16: the archivist's desk in the store: export runs, the deliveries list, handled by hand, reset, and a case file the archive lost.
import { describe, expect, it } from 'vitest';
import type { ExportRequest } from '../../electron/core/ports/archivist-store.port';
import { copyStore, type Repos } from '../../electron/store';
import { storeKinds, testStoresOf } from '../helpers/test-store';
import { seedArchive, type CaseSpec } from './archivist-seed';

const request: ExportRequest = { kind: 'noark5', arkivdel: 'BARNEHAGE', from: '2026-01-01', to: '2026-12-31', pack: true, requestedBy: 'Arne Arkivar' };
const spec = (o: Partial<CaseSpec> = {}): CaseSpec => ({ arkivdel: 'BARNEHAGE', ordningsprinsipp: 'KK', ordningsverdi: 'A10', saksdato: '2026-02-03', ...o });

const caseNumberHits = async (repos: Repos, text: string) =>
  (await repos.desk.list({ hiddenProfileIds: [], text, sort: 'received', dir: 'asc', limit: 50, offset: 0 })).rows.map((r) => r.submissionId);

describe.each(storeKinds())('#16: archivist store (%s)', (kind) => {
  const open = testStoresOf(kind);

  it('records an export run and updates only the fields a patch names', async () => {
    const { repos } = await open();
    const a = repos.archivist;
    const id = await a.insertExport(request, 100);
    const pj = await a.insertExport({ ...request, kind: 'public-journal', arkivdel: null, pack: false }, 200);
    expect(await a.exportById(id)).toEqual({
      ...request,
      id,
      state: 'queued',
      phase: null,
      done: 0,
      total: 0,
      outDir: null,
      tarPath: null,
      files: {},
      checkPassed: null,
      failedChecks: [],
      leftOut: [],
      counts: {},
      error: null,
      createdAt: 100,
      finishedAt: null,
    });
    await a.updateExport(id, { state: 'running', phase: 'arkivstruktur.xml', done: 5, total: 40 }, 110);
    await a.updateExport(id, { done: 40 }, 120);
    await a.updateExport(
      id,
      {
        state: 'done',
        outDir: '/srv/uttrekk/1',
        tarPath: '/srv/uttrekk/1.tar',
        files: { html: '/srv/uttrekk/1/precheck.html', json: '/srv/uttrekk/1/precheck.json' },
        checkPassed: false,
        failedChecks: ['avsluttetDato'],
        leftOut: [{ saksnummer: '2026/12', title: 'Barnehageplass - *****', reason: 'Saken er ikke avsluttet' }],
        counts: { mappe: 39, registrering: 70 },
        finishedAt: 130,
      },
      130,
    );
    expect(await a.exportById(id)).toMatchObject({
      state: 'done',
      phase: 'arkivstruktur.xml',
      done: 40,
      total: 40,
      tarPath: '/srv/uttrekk/1.tar',
      files: { html: '/srv/uttrekk/1/precheck.html', json: '/srv/uttrekk/1/precheck.json' },
      checkPassed: false,
      failedChecks: ['avsluttetDato'],
      leftOut: [{ saksnummer: '2026/12', title: 'Barnehageplass - *****', reason: 'Saken er ikke avsluttet' }],
      counts: { mappe: 39, registrering: 70 },
      createdAt: 100,
      finishedAt: 130,
    });
    await a.updateExport(pj, { state: 'failed', error: 'Disken er full.', checkPassed: true }, 210);
    expect(await a.exportById(pj)).toMatchObject({ kind: 'public-journal', arkivdel: null, pack: false, state: 'failed', error: 'Disken er full.', checkPassed: true });
    expect((await a.exports(10)).map((e) => e.id)).toEqual([pj, id]);
    expect((await a.exports(1)).map((e) => e.id)).toEqual([pj]);
    expect(await a.exportById(999)).toBeUndefined();
    await expect(a.insertExport({ ...request, kind: 'noark3' as never }, 1)).rejects.toThrow(/CHECK|check constraint/);
    await expect(a.updateExport(id, { state: 'lost' as never }, 1)).rejects.toThrow(/CHECK|check constraint/);
  });

  it('an export run is taken once: queued by one caller only, running only when its run stopped writing progress', async () => {
    const { repos } = await open();
    const a = repos.archivist;
    const id = await a.insertExport(request, 100);
    const [first, second] = await Promise.all([a.claimExport(id, 200, 0), a.claimExport(id, 200, 0)]);
    expect([first, second].sort()).toEqual(['started', null].sort());
    expect((await a.exportById(id))!.state).toBe('running');
    // still writing progress (updated at 200): nobody else takes it
    expect(await a.claimExport(id, 300, 150)).toBeNull();
    // no progress since 200, the process is gone: it is taken again, once
    expect(await a.claimExport(id, 400, 250)).toBe('restarted');
    expect(await a.claimExport(id, 400, 250)).toBeNull();
    await a.updateExport(id, { state: 'done' }, 500);
    expect(await a.claimExport(id, 9_000, 8_000)).toBeNull();
  });

  it('lists deliveries: failed and not handled first, oldest failure first, then the rest newest first; with filters and counts', async () => {
    const { repos } = await open();
    // after the seed's registrations (January 2026), so the list's order is the test's
    const T = Date.UTC(2026, 5, 1);
    const seeded = await seedArchive(repos, [
      spec({ archived: { saksaar: 2026, sakssekvensnummer: 5 } }),
      spec(),
      spec(),
      spec(),
      spec({ reply: { journaldato: '2026-02-20', saksbehandler: 'Sara' } }),
    ]);
    const [archived, failedLate, failedEarly, handled, withReply] = seeded;
    await repos.archive.markEntryFailed(failedLate!.incoming.id, 'Arkivet svarte 500', T + 5_000);
    await repos.archive.markEntryFailed(failedEarly!.incoming.id, 'Ukjent arkivdel', T + 3_000);
    await repos.archive.markEntryFailed(handled!.incoming.id, 'Klassering mangler', T + 2_000);
    await repos.archivist.markHandled(handled!.incoming.id, 'Arne Arkivar', 'Journalført for hånd som 2026/99-1', T + 4_000);
    await repos.archive.markEntryAwaitingReceipt(withReply!.incoming.id, 'arkivmelding', 'mottak-1', T + 6_000);

    const { rows, total } = await repos.archivist.deliveries({ limit: 50 });
    expect(total).toBe(6);
    const keys = rows.map((r) => r.entryKey);
    expect(keys.slice(0, 2)).toEqual([failedEarly!.incoming.key, failedLate!.incoming.key]);
    // the rest by updated_at, newest first
    const rest = rows.slice(2);
    expect(rest.map((r) => r.updatedAt)).toEqual([...rest.map((r) => r.updatedAt)].sort((x, y) => y - x));
    expect(rest[0]!.entryKey).toBe(withReply!.incoming.key);
    expect(rest.find((r) => r.entryKey === handled!.incoming.key)).toMatchObject({ status: 'failed', handled: { by: 'Arne Arkivar', note: 'Journalført for hånd som 2026/99-1', at: T + 4_000 }, updatedAt: T + 4_000 });
    expect(rows.find((r) => r.entryKey === archived!.incoming.key)).toEqual({
      entryId: archived!.incoming.id,
      entryKey: archived!.incoming.key,
      caseFileId: archived!.caseFileId,
      journalposttype: 'I',
      status: 'archived',
      handled: null,
      transport: 'noark5-rest',
      publicId: archived!.publicId,
      saksaar: 2026,
      sakssekvensnummer: 5,
      titlePublic: 'Søknad om barnehageplass - Kari Nordmann 1',
      lastError: null,
      updatedAt: expect.any(Number),
    });
    expect(await repos.archivist.deliveryByKey(failedEarly!.incoming.key)).toMatchObject({ status: 'failed', lastError: 'Ukjent arkivdel', handled: null, publicId: failedEarly!.publicId, saksaar: null });
    expect(await repos.archivist.deliveryByKey('ukjent')).toBeUndefined();

    const only = async (f: Parameters<typeof repos.archivist.deliveries>[0]) => {
      const r = await repos.archivist.deliveries(f);
      return { keys: r.rows.map((x) => x.entryKey), total: r.total };
    };
    expect(await only({ status: 'failed', limit: 50 })).toEqual({ keys: [failedEarly!.incoming.key, failedLate!.incoming.key], total: 2 });
    expect(await only({ status: 'handled', limit: 50 })).toEqual({ keys: [handled!.incoming.key], total: 1 });
    expect(await only({ status: 'failed', limit: 1 })).toEqual({ keys: [failedEarly!.incoming.key], total: 2 });
    expect(await only({ transport: 'arkivmelding', limit: 50 })).toEqual({ keys: [withReply!.incoming.key], total: 1 });
    expect((await only({ status: 'pending', limit: 50 })).keys).toEqual([withReply!.reply!.key]);

    expect(await repos.archivist.deliveryCounts()).toEqual(
      expect.arrayContaining([
        { transport: 'noark5-rest', status: 'archived', count: 1 },
        { transport: 'arkivmelding', status: 'awaiting-receipt', count: 1 },
        { transport: null, status: 'failed', count: 2 },
        { transport: null, status: 'handled', count: 1 },
        { transport: null, status: 'pending', count: 1 },
      ]),
    );
    expect((await repos.archivist.deliveryCounts()).reduce((n, c) => n + c.count, 0)).toBe(6);
    // an archived entry is not marked handled: the archive has it
    await repos.archivist.markHandled(archived!.incoming.id, 'Arne Arkivar', 'x', T + 9_000);
    expect((await repos.archivist.deliveryByKey(archived!.incoming.key))!.handled).toBeNull();
  });

  it('puts a failed entry back to pending, keeping its last error until the next try; other states stay', async () => {
    const { repos } = await open();
    const [a, b, c] = await seedArchive(repos, [spec(), spec({ archived: { saksaar: 2026, sakssekvensnummer: 1 } }), spec()]);
    await repos.archive.markEntryFailed(a!.incoming.id, 'Arkivet svarte 500', 10);
    await repos.archive.markEntryFailed(c!.incoming.id, 'Ukjent arkivdel', 10);
    await repos.archivist.markHandled(c!.incoming.id, 'Arne', 'prøver igjen likevel', 11);
    await repos.archivist.resetEntryToPending(a!.incoming.id, 20);
    await repos.archivist.resetEntryToPending(b!.incoming.id, 20);
    await repos.archivist.resetEntryToPending(c!.incoming.id, 21);
    expect(await repos.archivist.deliveryByKey(a!.incoming.key)).toMatchObject({ status: 'pending', lastError: 'Arkivet svarte 500', handled: null, updatedAt: 20 });
    expect(await repos.archivist.deliveryByKey(b!.incoming.key)).toMatchObject({ status: 'archived' });
    // asking for a delivery again undoes "handled by hand"
    expect(await repos.archivist.deliveryByKey(c!.incoming.key)).toMatchObject({ status: 'pending', handled: null });
    expect((await repos.archive.unfinished(10)).map((e) => e.externalKey)).toEqual([a!.incoming.key, c!.incoming.key]);
  });

  it('forgets a case file the archive lost: numbers gone, every entry pending again, the desk search without the old case number', async () => {
    const { repos } = await open();
    const [lost, kept] = await seedArchive(repos, [
      spec({ archived: { saksaar: 2026, sakssekvensnummer: 77 }, reply: { journaldato: '2026-02-10', saksbehandler: 'Sara' } }),
      spec({ archived: { saksaar: 2026, sakssekvensnummer: 78 } }),
    ]);
    // the reply was archived too, then one more failed, handled by hand
    await repos.archive.markEntryArchived(lost!.reply!.id, 'noark5-rest', { archiveSystemId: 'arkiv-u', journalaar: 2026, journalsekvensnummer: 200, journalpostnummer: 2, documents: [{ number: 1, archiveSystemId: 'dok-u' }] }, 50);
    expect(await caseNumberHits(repos, '2026/77')).toEqual([lost!.submissionId]);

    const keys = await repos.archivist.forgetCaseFile(lost!.caseFileId, 100);
    expect(keys).toEqual([lost!.incoming.key, lost!.reply!.key]);
    const cf = await repos.archive.caseFile(lost!.caseFileId);
    expect(cf).toMatchObject({ transport: null, archived: null, archivedAt: null });
    for (const key of keys) {
      const e = (await repos.archive.entryByKey(key))!;
      expect(e).toMatchObject({ status: 'pending', transport: null, receiptRef: null, archived: null, archivedAt: null, lastError: null, updatedAt: 100 });
      expect(e.documentIds.every((d) => d.archiveSystemId === null)).toBe(true);
    }
    // the desk's search forgets the number, on both engines (0100's trigger); the other case keeps its own
    expect(await caseNumberHits(repos, '2026/77')).toEqual([]);
    expect(await caseNumberHits(repos, '2026/78')).toEqual([kept!.submissionId]);
    expect((await repos.desk.getById(lost!.submissionId))!).toBeDefined();
    expect((await repos.desk.list({ hiddenProfileIds: [], sort: 'received', dir: 'asc', limit: 10, offset: 0 })).rows.find((r) => r.submissionId === lost!.submissionId)?.caseNumber ?? null).toBeNull();
    // the next delivery numbers it again, and the search finds the new number
    await repos.archive.markCaseFileArchived(lost!.caseFileId, 'noark5-rest', { archiveSystemId: 'ny', saksaar: 2026, sakssekvensnummer: 301 }, 200);
    expect(await caseNumberHits(repos, '2026/301')).toEqual([lost!.submissionId]);
    expect(await repos.archivist.forgetCaseFile(999_999, 1)).toEqual([]);
  });
});

describe('#16: archivist store, copied between engines', () => {
  const sqlite = testStoresOf('sqlite');
  const postgres = testStoresOf('postgres');

  it('a store copy carries the export runs and the handled marks, and PostgreSQL hands out the next export id after them', async () => {
    const from = await sqlite();
    const to = await postgres();
    const [a] = await seedArchive(from.repos, [spec(), spec()]);
    await from.repos.archive.markEntryFailed(a!.incoming.id, 'Ukjent arkivdel', 10);
    await from.repos.archivist.markHandled(a!.incoming.id, 'Arne', 'Journalført for hånd', 11);
    const e1 = await from.repos.archivist.insertExport(request, 20);
    await from.repos.archivist.updateExport(e1, { state: 'done', files: { pdf: '/x.pdf' }, checkPassed: true, finishedAt: 30 }, 30);
    await copyStore(from.store, to.store);
    expect(await to.repos.archivist.exportById(e1)).toEqual(await from.repos.archivist.exportById(e1));
    expect(await to.repos.archivist.deliveryByKey(a!.incoming.key)).toEqual(await from.repos.archivist.deliveryByKey(a!.incoming.key));
    expect(await to.repos.archivist.insertExport(request, 40)).toBe(e1 + 1);
  });
});
