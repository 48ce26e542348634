// #16: the local archive record read back for extractions and journals, in keyset pages, on both engines.
import { describe, expect, it } from 'vitest';
import type { ExtractCaseFile, ExtractScope, JournalRow } from '../../electron/core/ports/archive-extract.port';
import { storeKinds, testStoresOf } from '../helpers/test-store';
import { mixedSpecs, SCREENED, seedArchive, type CaseSpec } from './archivist-seed';

const collect = async <T>(it: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};

/** What the reader must yield for a scope: the specs in it, by ordningsprinsipp, ordningsverdi, then id (= insertion order), bytewise. */
const expectedOrder = (specs: CaseSpec[], ids: number[], s: ExtractScope) =>
  specs
    .map((spec, i) => ({ spec, id: ids[i]! }))
    .filter(({ spec }) => spec.arkivdel === s.arkivdel && spec.saksdato >= s.from && spec.saksdato <= s.to)
    .sort((a, b) => cmp(a.spec.ordningsprinsipp, b.spec.ordningsprinsipp) || cmp(a.spec.ordningsverdi, b.spec.ordningsverdi) || a.id - b.id)
    .map((x) => x.id);
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe.each(storeKinds())('#16: archive extract reader (%s)', (kind) => {
  const open = testStoresOf(kind);

  it('pages through the scope’s case files: each once, by classification then id, whatever the page size', async () => {
    const { repos } = await open();
    const specs = mixedSpecs();
    const seeded = await seedArchive(repos, specs);
    const ids = seeded.map((s) => s.caseFileId);
    // both ends of the period included; other arkivdeler and dates outside left out
    const scope = { arkivdel: 'BARNEHAGE', from: '2026-01-08', to: '2026-03-22' };
    const want = expectedOrder(specs, ids, scope);
    expect(want.length).toBeGreaterThan(10);
    expect(want.length).toBeLessThan(specs.length);
    expect(specs.some((s) => s.saksdato === scope.from && s.arkivdel === 'BARNEHAGE')).toBe(true);
    for (const size of [1, 3, 7, want.length, want.length + 1, undefined]) {
      const got = await collect(repos.archiveExtract.caseFiles(scope, size));
      expect(got.map((c) => c.id), `page size ${size}`).toEqual(want);
    }
    const all = await collect(repos.archiveExtract.caseFiles({ arkivdel: 'BARNEHAGE', from: '2000-01-01', to: '2099-12-31' }, 4));
    expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
    expect(all).toHaveLength(specs.filter((s) => s.arkivdel === 'BARNEHAGE').length);
    expect(await collect(repos.archiveExtract.caseFiles({ arkivdel: 'UKJENT', from: '2000-01-01', to: '2099-12-31' }))).toEqual([]);
    // a page holds each case file with all of its entries, also where a page boundary falls between case files
    for (const c of all) expect(c.entries.length).toBe(specs[ids.indexOf(c.id)]!.reply ? 2 : 1);
  });

  it('gives a case file its entries oldest first, with correspondents, documents and the archive’s numbers', async () => {
    const { repos } = await open();
    const [s] = await seedArchive(repos, [
      { arkivdel: 'BARNEHAGE', ordningsprinsipp: 'KK', ordningsverdi: 'A10', saksdato: '2026-02-03', archived: { saksaar: 2026, sakssekvensnummer: 77 }, screened: true, reply: { journaldato: '2026-02-10', saksbehandler: 'Sara Saksbehandler', sentAt: Date.UTC(2026, 1, 11, 9, 30) } },
    ]);
    const [cf] = await collect(repos.archiveExtract.caseFiles({ arkivdel: 'BARNEHAGE', from: '2026-02-03', to: '2026-02-03' }));
    expect(cf).toMatchObject<Partial<ExtractCaseFile>>({
      id: s!.caseFileId,
      externalKey: 'sak-k-1',
      systemId: 'sak-sys-k-1',
      profileId: 'barnehageplass',
      arkivdel: 'BARNEHAGE',
      classification: { ordningsprinsipp: 'KK', ordningsverdi: 'A10' },
      screening: SCREENED,
      saksdato: '2026-02-03',
      saksaar: 2026,
      sakssekvensnummer: 77,
      transport: 'noark5-rest',
      titlePublic: 'Barnehageplass - *****',
    });
    expect(cf!.archivedAt).toEqual(expect.any(Number));
    const [i, u] = cf!.entries;
    expect(i).toMatchObject({
      journalposttype: 'I',
      systemId: 'i-k-1',
      status: 'archived',
      journalaar: 2026,
      journalsekvensnummer: 100,
      journalpostnummer: 1,
      correspondents: [{ role: 'avsender', name: 'Kari Nordmann 1', personNumber: '01017010000', organisationNumber: null, address: { street: 'Storgata 1', postalCode: '0155', postalPlace: 'OSLO' } }],
      closesSystemId: null,
      sentAt: null,
    });
    expect(i!.documents.map((d) => [d.number, d.role, d.filename, d.size])).toEqual([
      [1, 'hoveddokument', 'soknad.pdf', 13],
      [2, 'vedlegg', 'vedlegg.pdf', 14],
    ]);
    expect(u).toMatchObject({ journalposttype: 'U', status: 'pending', journalpostnummer: null, correspondents: [{ role: 'mottaker', address: null }], avskrevetAv: null });
    expect(new TextDecoder().decode(await repos.archiveExtract.blob(i!.documents[0]!.sha256))).toBe('%PDF-soknad-k-1');
    expect(await repos.archiveExtract.blob('0'.repeat(64))).toBeUndefined();
  });

  it('a U avskriver its I: by whom and when, and on the U the I it closes and when the reply left', async () => {
    const { repos } = await open();
    const base = { arkivdel: 'BARNEHAGE', ordningsprinsipp: 'KK', ordningsverdi: 'A10', saksdato: '2026-02-03' };
    const seeded = await seedArchive(repos, [
      { ...base, reply: { journaldato: '2026-02-10', saksbehandler: 'Sara Saksbehandler', sentAt: Date.UTC(2026, 1, 11, 9, 30) } },
      { ...base, reply: { journaldato: '2026-02-12', saksbehandler: null, printedAt: Date.UTC(2026, 1, 20, 7, 0) } },
      { ...base, reply: { journaldato: '2026-02-13', saksbehandler: 'Per', sentAt: Date.UTC(2026, 1, 14, 8, 0), printedAt: Date.UTC(2026, 1, 25, 7, 0) } },
      { ...base, reply: { journaldato: '2026-02-14', saksbehandler: 'Per' } },
      base,
    ]);
    const cfs = await collect(repos.archiveExtract.caseFiles({ arkivdel: 'BARNEHAGE', from: '2026-01-01', to: '2026-12-31' }, 2));
    const view = cfs.map((c) => c.entries.map((e) => ({ t: e.journalposttype, av: e.avskrevetAv, closes: e.closesSystemId, sent: e.sentAt })));
    expect(view).toEqual([
      [
        { t: 'I', av: { bySystemId: 'u-k-1', date: '2026-02-10', avskrivningsmaate: 'BU', by: 'Sara Saksbehandler' }, closes: null, sent: null },
        { t: 'U', av: null, closes: 'i-k-1', sent: '2026-02-11T09:30:00.000Z' },
      ],
      [
        // the system registered the reply: no saksbehandler; printed without being sent through Altinn
        { t: 'I', av: { bySystemId: 'u-k-2', date: '2026-02-12', avskrivningsmaate: 'BU', by: 'Postmottak' }, closes: null, sent: null },
        { t: 'U', av: null, closes: 'i-k-2', sent: '2026-02-20T07:00:00.000Z' },
      ],
      [
        // sent through Altinn, printed later when unread: it left when it was sent
        { t: 'I', av: { bySystemId: 'u-k-3', date: '2026-02-13', avskrivningsmaate: 'BU', by: 'Per' }, closes: null, sent: null },
        { t: 'U', av: null, closes: 'i-k-3', sent: '2026-02-14T08:00:00.000Z' },
      ],
      [
        // registered, not yet sent
        { t: 'I', av: { bySystemId: 'u-k-4', date: '2026-02-14', avskrivningsmaate: 'BU', by: 'Per' }, closes: null, sent: null },
        { t: 'U', av: null, closes: 'i-k-4', sent: null },
      ],
      [{ t: 'I', av: null, closes: null, sent: null }],
    ]);
    expect(seeded.map((s) => s.reply?.systemId ?? null)).toEqual(['u-k-1', 'u-k-2', 'u-k-3', 'u-k-4', null]);
  });

  it('counts what caseFiles() will yield: case files, their entries and documents', async () => {
    const { repos } = await open();
    const specs = mixedSpecs();
    await seedArchive(repos, specs);
    for (const scope of [
      { arkivdel: 'BARNEHAGE', from: '2026-01-08', to: '2026-03-22' },
      { arkivdel: 'SFO', from: '2026-01-01', to: '2026-12-31' },
      { arkivdel: 'BARNEHAGE', from: '2027-01-01', to: '2027-12-31' },
    ]) {
      const cfs = await collect(repos.archiveExtract.caseFiles(scope, 5));
      const entries = cfs.flatMap((c) => c.entries);
      expect(await repos.archiveExtract.countScope(scope)).toEqual({
        caseFiles: cfs.length,
        entries: entries.length,
        documents: entries.reduce((n, e) => n + e.documents.length, 0),
      });
    }
    expect((await repos.archiveExtract.countScope({ arkivdel: 'SFO', from: '2026-01-01', to: '2026-12-31' })).caseFiles).toBe(3);
  });

  it('lists the journal by journaldato then id, in pages, with its filters and each entry’s case file', async () => {
    const { repos } = await open();
    const specs = mixedSpecs();
    const seeded = await seedArchive(repos, specs);
    const period = { from: '2026-01-15', to: '2026-02-28' };
    const every = (rows: JournalRow[]) => rows.map((r) => [r.journaldato, r.id] as const);
    const want = seeded
      .flatMap((s) => [
        { d: s.spec.saksdato, id: s.incoming.id, t: 'I', s },
        ...(s.reply ? [{ d: s.spec.reply!.journaldato, id: s.reply.id, t: 'U', s }] : []),
      ])
      .filter((e) => e.d >= period.from && e.d <= period.to)
      .sort((a, b) => cmp(a.d, b.d) || a.id - b.id);
    expect(want.length).toBeGreaterThan(10);
    for (const size of [1, 4, undefined]) {
      expect(every(await collect(repos.archiveExtract.journal(period, size))), `page size ${size}`).toEqual(want.map((e) => [e.d, e.id]));
    }
    const rows = await collect(repos.archiveExtract.journal(period, 3));
    const one = rows.find((r) => r.journalposttype === 'U' && r.caseFile.saksaar !== null)!;
    const src = want.find((e) => e.id === one.id)!.s;
    expect(one.caseFile).toEqual({
      id: src.caseFileId,
      systemId: `sak-sys-${src.incoming.key.slice(3)}`,
      title: expect.stringContaining('Barnehageplass - Kari Nordmann'),
      titlePublic: expect.any(String),
      saksaar: 2026,
      sakssekvensnummer: src.spec.archived!.sakssekvensnummer,
      arkivdel: src.spec.arkivdel,
      classification: { ordningsprinsipp: src.spec.ordningsprinsipp, ordningsverdi: src.spec.ordningsverdi },
      screening: src.spec.screened ? SCREENED : null,
      saksansvarlig: seeded.indexOf(src) % 2 ? 'Sara Saksbehandler' : null,
      administrativEnhet: src.spec.enhet,
    });
    expect(one.closesSystemId).toBe(src.incoming.systemId);
    expect(one.publicId, 'the application the row links to').toBe(src.publicId);
    const filtered = async (q: object) => (await collect(repos.archiveExtract.journal({ ...period, ...q }, 2))).map((r) => r.id);
    expect(await filtered({ journalposttype: 'U' })).toEqual(want.filter((e) => e.t === 'U').map((e) => e.id));
    expect(await filtered({ administrativEnhet: 'SFO-ENH' })).toEqual(want.filter((e) => e.s.spec.enhet === 'SFO-ENH').map((e) => e.id));
    expect(await filtered({ screened: true })).toEqual(want.filter((e) => e.s.spec.screened).map((e) => e.id));
    expect(await filtered({ screened: false })).toEqual(want.filter((e) => !e.s.spec.screened).map((e) => e.id));
    expect(await filtered({ screened: true, journalposttype: 'I' })).toEqual(want.filter((e) => e.s.spec.screened && e.t === 'I').map((e) => e.id));
  });

  it('reads the audit log in [from, to), oldest first, in pages', async () => {
    const { repos } = await open();
    for (let i = 0; i < 12; i++) await repos.audit.append({ actor: 'kari', action: `a${i}`, subject: `entry:jp-${i}`, details: { i } }, 1000 + i * 10);
    const got = await collect(repos.archiveExtract.auditEntries(1020, 1100, 3));
    expect(got.map((e) => e.action)).toEqual(['a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8', 'a9']);
    expect(got[0]).toMatchObject({ seq: 3, at: 1020, actor: 'kari', subject: 'entry:jp-2', details: { i: 2 } });
    expect(got[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(got[1]!.prevHash).toBe(got[0]!.hash);
    expect(await collect(repos.archiveExtract.auditEntries(2000, 3000))).toEqual([]);
    expect((await collect(repos.archiveExtract.auditEntries(0, 2000, 4))).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('finds a systemID by external key, for case files and entries, and groups case files by arkivdel', async () => {
    const { repos } = await open();
    const specs = mixedSpecs();
    const seeded = await seedArchive(repos, specs);
    expect(await repos.archiveExtract.systemIdOf('sak-k-3')).toBe('sak-sys-k-3');
    expect(await repos.archiveExtract.systemIdOf(seeded[2]!.incoming.key)).toBe(seeded[2]!.incoming.systemId);
    expect(await repos.archiveExtract.systemIdOf(seeded[2]!.reply!.key)).toBe(seeded[2]!.reply!.systemId);
    expect(await repos.archiveExtract.systemIdOf('ukjent')).toBeUndefined();
    const dates = (a: string) => specs.filter((s) => s.arkivdel === a).map((s) => s.saksdato).sort();
    expect(await repos.archiveExtract.arkivdeler()).toEqual([
      { arkivdel: 'BARNEHAGE', caseFiles: 27, firstSaksdato: dates('BARNEHAGE')[0], lastSaksdato: dates('BARNEHAGE').at(-1) },
      { arkivdel: 'SFO', caseFiles: 3, firstSaksdato: dates('SFO')[0], lastSaksdato: dates('SFO').at(-1) },
    ]);
  });
});

describe('#16: archive extract reader, SQLite and PostgreSQL alike', () => {
  const sqlite = testStoresOf('sqlite');
  const postgres = testStoresOf('postgres');

  it('reads the same record back from both engines', async () => {
    const stores = [await sqlite(), await postgres()];
    const specs = mixedSpecs();
    const outs = [];
    for (const { repos } of stores) {
      await seedArchive(repos, specs);
      for (let i = 0; i < 5; i++) await repos.audit.append({ actor: 'kari', action: 'archive.marked-sent', subject: `entry:jp-k-${i + 1}`, details: { i } }, 5000 + i);
      const r = repos.archiveExtract;
      // createdAt/openedAt/archivedAt are the same clock values on both; the whole objects must agree
      outs.push({
        caseFiles: await collect(r.caseFiles({ arkivdel: 'BARNEHAGE', from: '2026-01-01', to: '2026-12-31' }, 4)),
        sfo: await collect(r.caseFiles({ arkivdel: 'SFO', from: '2026-01-01', to: '2026-12-31' }, 1)),
        count: await r.countScope({ arkivdel: 'BARNEHAGE', from: '2026-01-01', to: '2026-12-31' }),
        // the applications' publicIds are random UUIDs, new in each store
        journal: (await collect(r.journal({ from: '2026-01-01', to: '2026-12-31' }, 7))).map(({ publicId: _p, ...rest }) => rest),
        screenedU: (await collect(r.journal({ from: '2026-01-01', to: '2026-12-31', screened: true, journalposttype: 'U' }))).map(({ publicId: _p, ...rest }) => rest),
        audit: (await collect(r.auditEntries(0, 10_000, 2))).map(({ hash: _h, prevHash: _p, ...rest }) => rest),
        arkivdeler: await r.arkivdeler(),
        sys: await r.systemIdOf('jp-svar-k-1'),
      });
    }
    expect(outs[0]!.caseFiles).toHaveLength(27);
    expect(outs[0]!.journal.length).toBe(45);
    expect(outs[1]).toEqual(outs[0]);
  });
});
