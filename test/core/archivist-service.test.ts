import { describe, expect, it } from 'vitest';
import { ARCHIVE_JOB, archiveJobKey } from '../../electron/core/archive/archive.jobs';
import { EXPORT_JOB, exportJobKey, exportPayload } from '../../electron/core/archivist/archivist.jobs';
import { ArchivistError, createArchivistService, type ArchivistDeps, type AuditSearch } from '../../electron/core/archivist/archivist.service';
import { LEFT_OUT_CAP } from '../../electron/core/archivist/export-run';
import type { ChangeLogEntry, ClosedCaseFile, ExtractionResult, Noark5ExtractionInput, PreCheckReport, PublicJournalInput, PublicJournalRow } from '../../electron/core/ports/archive-extraction.port';
import type { AuditEntry } from '../../electron/core/ports/audit-log.port';
import { FakeClock } from '../helpers/fake-clock';
import { answeredPair, auditEntry, caseFile, delivery, entry, FakeArchivistStore, FakeAudit, FakeReader, FakeUow, screening } from './archivist-fixtures';

const ARKIVAR = { account: 'siri' };

async function drain<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

const result = (dir: string, n: { mappe: number; endringer: number }): ExtractionResult => ({ dir, tarPath: null, infoXmlPath: null, files: [], counts: { mappe: n.mappe, registrering: 0, dokumentfiler: 0, endringer: n.endringer, converted: 0 } });

class FakeWriters {
  noark5Input: Noark5ExtractionInput | null = null;
  written: ClosedCaseFile[] = [];
  changes: ChangeLogEntry[] = [];
  leftOutSeen = 0;
  /** Read the change log before the case files (a writer may). */
  changesFirst = false;
  fail: Error | null = null;
  progressEvents = 0;
  checked: string | null = null;
  report: PreCheckReport = { packageDir: '', checkedAt: 0, passed: false, results: [
    { id: 'N5.01', name: 'Antall arkiver', kind: 'structure', passed: true, errors: [], errorCount: 0, counts: {} },
    { id: 'N5.47', name: 'Sjekksummer', kind: 'structure', passed: false, errors: [{ message: 'Feil sjekksum', location: 'dokumenter/1.pdf' }], errorCount: 1, counts: {} },
  ] };
  publicInput: PublicJournalInput | null = null;
  publicRows: PublicJournalRow[] = [];
  noark4Called = false;

  readonly writers: ArchivistDeps['writers'] = {
    noark5: {
      write: async (input) => {
        this.noark5Input = input;
        if (this.changesFirst) this.changes = await drain(input.changes);
        for await (const c of input.caseFiles) {
          this.written.push(c);
          for (let i = 0; i < 1000; i++) {
            this.progressEvents++;
            input.onProgress?.({ phase: 'documents', done: this.progressEvents, total: 100_000 });
          }
          if (this.fail) throw this.fail;
        }
        this.leftOutSeen = input.leftOut.length;
        if (!this.changesFirst) this.changes = await drain(input.changes);
        return result(`${input.outDir}/avleveringspakke`, { mappe: this.written.length, endringer: this.changes.length });
      },
    },
    noark4: {
      write: async (input) => {
        this.noark4Called = true;
        for await (const c of input.caseFiles) this.written.push(c);
        return result(input.outDir, { mappe: this.written.length, endringer: 0 });
      },
    },
    preCheck: {
      run: async (dir) => {
        this.checked = dir;
        return { ...this.report, packageDir: dir };
      },
      writeReport: async (_r, outDir) => ({ html: `${outDir}/kontroll.html`, pdf: `${outDir}/kontroll.pdf`, json: `${outDir}/kontroll.json` }),
    },
    publicJournal: {
      write: async (input) => {
        this.publicInput = input;
        this.publicRows = await drain(input.rows);
        return { xml: `${input.outDir}/offentligJournal.xml`, pdf: `${input.outDir}/offentlig-journal.pdf`, rows: this.publicRows.length };
      },
    },
  };
}

function setup(files = [caseFile()]) {
  const uow = new FakeUow();
  const store = new FakeArchivistStore(uow);
  const audit = new FakeAudit(uow);
  const reader = new FakeReader(files);
  const w = new FakeWriters();
  const clock = new FakeClock(Date.UTC(2026, 5, 1, 10));
  const jobs: { type: string; payload: unknown; key: string; inUow: boolean }[] = [];
  const searches: AuditSearch[] = [];
  const auditRows: AuditEntry[] = [];
  const read: string[] = [];
  const service = createArchivistService({
    reader,
    store,
    writers: w.writers,
    outbox: { enqueue: async (type, payload, key) => void jobs.push({ type, payload, key, inUow: uow.inside }) },
    uow,
    audit,
    auditSearch: async (q) => {
      searches.push(q);
      return auditRows;
    },
    clock,
    timezone: 'Europe/Oslo',
    meta: () => ({ arkivskaper: { id: '0301', name: 'Oslo kommune' }, archiveTitle: 'Postmottak', systemName: 'Postmottak', systemVersion: '0.1.0', timezone: 'Europe/Oslo' }),
    exportRoot: '/data/uttrekk/',
    readFile: async (p) => {
      read.push(p);
      return new TextEncoder().encode(`innhold av ${p}`);
    },
    personName: (a) => (a === 'siri' ? 'Siri Arkivar' : a),
  });
  return { uow, store, audit, reader, w, clock, jobs, searches, auditRows, read, service };
}

describe('archivist service: deliveries', () => {
  it('lists deliveries with their state, what may be done, and counts per transport and state', async () => {
    const s = setup();
    s.store.rows = [delivery(), delivery({ status: 'archived', lastError: null }), delivery({ status: 'failed', handled: { by: 'Siri', note: 'ok', at: 1 } }), delivery({ status: 'failed', saksaar: null, sakssekvensnummer: null })];
    const r = await s.service.deliveries({ limit: 10 });
    expect(r.total).toBe(4);
    expect(r.rows.map((x) => [x.state, x.can.retry, x.can.recreateCaseFile, x.can.markHandled])).toEqual([
      ['failed', true, true, true],
      ['archived', false, false, false],
      ['handled', false, false, false],
      ['failed', true, false, true],
    ]);
    expect(r.counts).toEqual(expect.arrayContaining([{ transport: 'noark5-rest', state: 'failed', count: 2 }, { transport: 'noark5-rest', state: 'handled', count: 1 }]));
    expect((await s.service.deliveries({ state: 'handled', limit: 10 })).rows).toHaveLength(1);
  });

  it('retry: a refused entry back to pending with a new delivery job, audited, all in one unit of work', async () => {
    const s = setup();
    const d = delivery();
    s.store.rows = [d];
    const out = await s.service.retry(d.entryKey, ARKIVAR);
    expect(out.state).toBe('pending');
    expect(s.store.calls).toEqual([{ op: 'resetEntryToPending', inUow: true }]);
    expect(s.jobs).toEqual([{ type: ARCHIVE_JOB, payload: { entryKey: d.entryKey }, key: `${archiveJobKey(d.entryKey)}:retry:${s.clock.now()}`, inUow: true }]);
    const a = s.audit.rows.at(-1)!;
    expect(a).toMatchObject({ actor: 'siri', action: 'archivist.retry', subject: `entry:${d.entryKey}`, inUow: true });
    expect(JSON.stringify(a.details)).not.toContain('01017012345');
    await expect(s.service.retry(d.entryKey, ARKIVAR)).rejects.toMatchObject({ code: 'conflict' });
    await expect(s.service.retry('nope', ARKIVAR)).rejects.toBeInstanceOf(ArchivistError);
    await expect(s.service.retry('nope', ARKIVAR)).rejects.toMatchObject({ code: 'not-found', message: 'Fant ikke journalposten.' });
  });

  it('recreateCaseFile: forgets the case file and delivers every entry of it again, audited with the reason and the old numbers', async () => {
    const s = setup();
    const a = delivery({ caseFileId: 9 });
    const b = delivery({ caseFileId: 9, status: 'archived', lastError: null });
    s.store.rows = [a, b, delivery({ caseFileId: 10 })];
    const out = await s.service.recreateCaseFile(a.entryKey, 'Arkivet har mistet saksmappen', ARKIVAR);
    expect(out).toMatchObject({ state: 'pending', saksaar: null });
    expect(s.jobs.map((j) => [j.payload, j.inUow])).toEqual([[{ entryKey: a.entryKey }, true], [{ entryKey: b.entryKey }, true]]);
    expect(s.jobs.every((j) => j.type === ARCHIVE_JOB && j.key.includes(':recreate:'))).toBe(true);
    expect(s.audit.rows.at(-1)).toMatchObject({ action: 'archivist.recreate-case-file', inUow: true, details: { caseFileId: 9, saksaar: 2026, sakssekvensnummer: 12, reason: 'Arkivet har mistet saksmappen', entries: 2 } });
    // the case file has no number any more: nothing to recreate
    await expect(s.service.recreateCaseFile(a.entryKey, 'igjen', ARKIVAR)).rejects.toMatchObject({ code: 'conflict' });
  });

  it('markHandled: no more deliveries, by the archivist (account), note kept and audited', async () => {
    const s = setup();
    const d = delivery();
    s.store.rows = [d, delivery({ status: 'archived' })];
    const out = await s.service.markHandled(d.entryKey, 'Registrert for hånd, fnr 01017012345', ARKIVAR);
    expect(out.state).toBe('handled');
    expect(out.handled).toEqual({ by: 'siri', note: 'Registrert for hånd, fnr 010170*****', at: s.clock.now() });
    expect(s.store.calls).toEqual([{ op: 'markHandled', inUow: true }]);
    expect(s.audit.rows.at(-1)).toMatchObject({ actor: 'siri', action: 'archivist.mark-handled', inUow: true, details: { previousStatus: 'failed' } });
    await expect(s.service.markHandled(d.entryKey, 'igjen', ARKIVAR)).rejects.toThrow('allerede');
    await expect(s.service.markHandled(s.store.rows[1]!.entryKey, 'nei', ARKIVAR)).rejects.toThrow('arkivert');
  });
});

describe('archivist service: the journal', () => {
  it('lists entries with what they lack, counts the incomplete, filters onlyMissing and caps rows', async () => {
    const complete = caseFile();
    const refused = caseFile({ entries: [entry({ status: 'failed', journalpostnummer: null, journaldato: '2026-03-05' })] });
    const handledRow = entry({ status: 'failed', journalposttype: 'U', journalpostnummer: null, journaldato: '2026-03-06' });
    const handled = caseFile({ entries: [handledRow] });
    const s = setup([complete, refused, handled]);
    s.store.rows = [delivery({ entryKey: handledRow.externalKey, handled: { by: 'x', note: 'y', at: 1 } })];
    const all = await s.service.journal({ from: '2026-03-01', to: '2026-03-31', limit: 500 });
    expect(all.total).toBe(4);
    expect(all.missing).toBe(1);
    expect(all.rows.map((r) => [r.row.externalKey, r.state, r.missing])).toEqual([
      [complete.entries[0]!.externalKey, 'archived', []],
      [refused.entries[0]!.externalKey, 'failed', ['Ikke avskrevet', 'Mangler journalpostnummer', 'Avvist av arkivet']],
      [handledRow.externalKey, 'handled', []],
      [complete.entries[1]!.externalKey, 'archived', []],
    ]);
    const only = await s.service.journal({ from: '2026-03-01', to: '2026-03-31', onlyMissing: true, limit: 500 });
    expect(only.rows.map((r) => r.row.externalKey)).toEqual([refused.entries[0]!.externalKey]);
    expect(only.total).toBe(1);
    const capped = await s.service.journal({ from: '2026-03-01', to: '2026-03-31', limit: 2 });
    expect([capped.rows.length, capped.total]).toEqual([2, 4]);
  });

  it('the public journal preview shows the rows screened, with the total', async () => {
    const s = setup([caseFile({ screening: screening() }), caseFile(), caseFile({ entries: [entry({ status: 'failed', journalpostnummer: null })] })]);
    const r = await s.service.publicJournalPreview({ from: '2026-01-01', to: '2026-12-31' }, 3);
    // the refused entry has no numbers yet: not published, not previewed
    expect(r.total).toBe(4);
    expect(r.rows).toHaveLength(3);
    const screened = r.rows.filter((x) => x.skjermingshjemmel !== null);
    expect(screened.length).toBeGreaterThan(0);
    for (const x of screened) expect(JSON.stringify(x)).not.toContain('Kari');
  });
});

describe('archivist service: exports', () => {
  it('startExport: the export record and its job commit together, audited; the job payload parses', async () => {
    const s = setup();
    const rec = await s.service.startExport({ kind: 'noark5', arkivdel: 'Sakarkiv', from: '2026-01-01', to: '2026-12-31', pack: true }, ARKIVAR);
    expect(rec).toMatchObject({ id: 1, state: 'queued', kind: 'noark5', arkivdel: 'Sakarkiv', pack: true, requestedBy: 'siri' });
    expect(s.store.calls).toEqual([{ op: 'insertExport', inUow: true }]);
    expect(s.jobs).toEqual([{ type: EXPORT_JOB, payload: { exportId: 1 }, key: exportJobKey(1), inUow: true }]);
    expect(exportPayload.parse(s.jobs[0]!.payload)).toEqual({ exportId: 1 });
    expect(s.audit.rows.at(-1)).toMatchObject({ action: 'archivist.export-started', subject: 'export:1', inUow: true });
    const pj = await s.service.startExport({ kind: 'public-journal', from: '2026-03-01', to: '2026-03-01' }, ARKIVAR);
    expect(pj).toMatchObject({ arkivdel: null, pack: false });
    await expect(s.service.startExport({ kind: 'noark4', arkivdel: 'Sakarkiv', from: '2026-02-01', to: '2026-01-01' }, ARKIVAR)).rejects.toMatchObject({ code: 'conflict' });
    await expect(s.service.exportGet(99)).rejects.toMatchObject({ code: 'not-found' });
    expect((await s.service.exports(10)).map((e) => e.id)).toEqual([2, 1]);
  });

  it('runExport noark5: closed case files to the writer, the open ones listed with why, the change log limited to the package, then the pre-check', async () => {
    const closed = caseFile();
    const open = caseFile({ entries: [entry()] });
    const otherArkivdel = caseFile({ arkivdel: 'Annet' });
    const s = setup([closed, open, otherArkivdel]);
    const [i, u] = closed.entries;
    s.reader.audit = [
      auditEntry('archive.archived', `entry:${i!.externalKey}`, { journalpostnummer: 1 }, { at: Date.UTC(2026, 2, 3) }),
      auditEntry('archive.archived', `entry:${open.entries[0]!.externalKey}`, { journalpostnummer: 1 }, { at: Date.UTC(2026, 2, 3) }),
      auditEntry('archive.marked-sent', `entry:${u!.externalKey}`, { sentAt: '2026-03-11T08:00:00.000Z' }, { at: Date.UTC(2026, 2, 11) }),
      auditEntry('archivist.recreate-case-file', `entry:${u!.externalKey}`, { caseFileId: closed.id, saksaar: 2026, sakssekvensnummer: 3 }, { at: Date.UTC(2026, 2, 12), actor: 'siri' }),
    ];
    const rec = await s.service.startExport({ kind: 'noark5', arkivdel: 'Sakarkiv', from: '2026-01-01', to: '2026-12-31', pack: false }, ARKIVAR);
    await s.service.runExport(rec.id);
    const input = s.w.noark5Input!;
    expect(input.outDir).toBe('/data/uttrekk/noark5-1-2026-01-01_2026-12-31');
    expect(input.total).toBe(2);
    expect(input.pack).toBe(false);
    expect(input.meta).toMatchObject({ producedBy: 'Siri Arkivar', scope: { arkivdel: 'Sakarkiv', from: '2026-01-01', to: '2026-12-31' }, timezone: 'Europe/Oslo', arkivskaper: { id: '0301' } });
    expect(s.w.written.map((c) => [c.systemId, c.avsluttetDato])).toEqual([[closed.systemId, '2026-03-10']]);
    expect(s.w.leftOutSeen).toBe(1);
    const refs = new Set(s.w.changes.map((c) => c.referanseArkivenhet));
    expect(refs).toEqual(new Set([i!.systemId, u!.systemId, closed.systemId]));
    expect(s.w.changes.find((c) => c.referanseMetadata === 'saksaar')?.endretAv).toBe('Siri Arkivar');
    expect(s.w.checked).toBe('/data/uttrekk/noark5-1-2026-01-01_2026-12-31/avleveringspakke');
    const done = await s.service.exportGet(rec.id);
    expect(done).toMatchObject({
      state: 'done',
      phase: 'done',
      error: null,
      outDir: '/data/uttrekk/noark5-1-2026-01-01_2026-12-31/avleveringspakke',
      checkPassed: false,
      failedChecks: ['N5.47'],
      leftOut: [{ saksnummer: '2026/12', title: 'Barnehageplass – *****', reason: 'Søknaden er ikke besvart ennå' }],
      counts: expect.objectContaining({ mappe: 1, saksmapper: 1, utelatt: 1, endringer: 6 }),
      files: { 'report-html': '/data/uttrekk/noark5-1-2026-01-01_2026-12-31/kontroll.html', 'report-pdf': '/data/uttrekk/noark5-1-2026-01-01_2026-12-31/kontroll.pdf', 'report-json': '/data/uttrekk/noark5-1-2026-01-01_2026-12-31/kontroll.json' },
    });
    expect(done.finishedAt).toBe(s.clock.now());
    expect(s.audit.rows.at(-1)).toMatchObject({ action: 'archivist.export-done', subject: 'export:1', inUow: true });
    // a done export is not run again
    s.w.written = [];
    await s.service.runExport(rec.id);
    expect(s.w.written).toEqual([]);
  });

  it('a writer that reads the change log before the case files still gets exactly the package’s changes (its own pass over the scope)', async () => {
    const closed = caseFile();
    const s = setup([closed, caseFile({ entries: [entry()] })]);
    s.reader.audit = [auditEntry('archive.archived', `entry:${closed.entries[0]!.externalKey}`, { journalpostnummer: 1 })];
    s.w.changesFirst = true;
    const rec = await s.service.startExport({ kind: 'noark5', arkivdel: 'Sakarkiv', from: '2026-01-01', to: '2026-12-31', pack: false }, ARKIVAR);
    await s.service.runExport(rec.id);
    expect(s.w.changes.map((c) => c.referanseArkivenhet)).toEqual([closed.entries[0]!.systemId, closed.entries[0]!.systemId]);
    expect(s.reader.caseFilePasses).toBe(2);
    expect((await s.service.exportGet(rec.id)).state).toBe('done');
  });

  it('an archivist-handled entry lets its case file close; the left-out list is capped with the total counted', async () => {
    const [i, u] = answeredPair({ u: { status: 'failed', journalpostnummer: null } });
    const withHandled = caseFile({ entries: [i!, u!] });
    const open = Array.from({ length: LEFT_OUT_CAP + 5 }, () => caseFile({ entries: [entry()] }));
    const s = setup([withHandled, ...open]);
    s.store.rows = [delivery({ entryId: u!.id, entryKey: u!.externalKey, handled: { by: 'Siri', note: 'manuelt', at: 1 } })];
    const rec = await s.service.startExport({ kind: 'noark5', arkivdel: 'Sakarkiv', from: '2026-01-01', to: '2026-12-31', pack: false }, ARKIVAR);
    await s.service.runExport(rec.id);
    expect(s.w.written.map((c) => c.entries.length)).toEqual([1]);
    const done = await s.service.exportGet(rec.id);
    expect(done.leftOut).toHaveLength(LEFT_OUT_CAP);
    expect(done.counts.utelatt).toBe(LEFT_OUT_CAP + 5);
  });

  it('progress goes to the store throttled (by time and by 1 %), not per event', async () => {
    const s = setup([caseFile(), caseFile(), caseFile()]);
    const rec = await s.service.startExport({ kind: 'noark5', arkivdel: 'Sakarkiv', from: '2026-01-01', to: '2026-12-31', pack: false }, ARKIVAR);
    await s.service.runExport(rec.id);
    expect(s.w.progressEvents).toBe(3000);
    const progress = s.store.updates.filter((x) => x.patch.phase !== undefined && x.patch.state === undefined);
    // 3,000 events of 100,000 with the clock standing still: one write per 1,000 (1 %) at most, plus phase changes
    expect(progress.length).toBeLessThan(15);
    expect(progress.some((x) => x.patch.phase === 'documents')).toBe(true);
    expect(progress.some((x) => x.patch.phase === 'checking')).toBe(true);
  });

  it('a failing writer fails the export with a Norwegian error, no person number in it, and audits it', async () => {
    const s = setup();
    s.w.fail = new Error('Disken er full ved 01017012345');
    const rec = await s.service.startExport({ kind: 'noark5', arkivdel: 'Sakarkiv', from: '2026-01-01', to: '2026-12-31', pack: false }, ARKIVAR);
    await s.service.runExport(rec.id);
    const failed = await s.service.exportGet(rec.id);
    expect(failed.state).toBe('failed');
    expect(failed.error).toBe('Uttrekket feilet: Disken er full ved 010170*****');
    expect(failed.finishedAt).not.toBeNull();
    expect(s.audit.rows.at(-1)).toMatchObject({ action: 'archivist.export-failed' });
    await expect(s.service.exportFile(rec.id, 'report-html')).rejects.toMatchObject({ code: 'conflict' });
  });

  it('runExport noark4: the same closed case files, no change log and no pre-check', async () => {
    const s = setup([caseFile(), caseFile({ entries: [entry()] })]);
    const rec = await s.service.startExport({ kind: 'noark4', arkivdel: 'Sakarkiv', from: '2026-01-01', to: '2026-12-31' }, ARKIVAR);
    await s.service.runExport(rec.id);
    expect(s.w.noark4Called).toBe(true);
    expect(s.w.written).toHaveLength(1);
    expect(s.w.checked).toBeNull();
    expect(await s.service.exportGet(rec.id)).toMatchObject({ state: 'done', checkPassed: null, files: {}, counts: expect.objectContaining({ utelatt: 1 }) });
  });

  it('runExport public-journal: screened rows to the writer, its files kept and served', async () => {
    const s = setup([caseFile({ screening: screening() }), caseFile({ entries: [entry({ status: 'pending', journalpostnummer: null })] }), caseFile({ saksdato: '2026-04-01', entries: answeredPair({ i: { journaldato: '2026-04-01' }, u: { journaldato: '2026-04-02' } }) })]);
    const rec = await s.service.startExport({ kind: 'public-journal', from: '2026-03-01', to: '2026-03-31' }, ARKIVAR);
    await s.service.runExport(rec.id);
    expect(s.w.publicInput!.meta).toMatchObject({ range: { from: '2026-03-01', to: '2026-03-31' }, producedBy: 'Siri Arkivar' });
    expect(s.w.publicRows).toHaveLength(2);
    expect(JSON.stringify(s.w.publicRows)).not.toContain('Kari');
    const done = await s.service.exportGet(rec.id);
    expect(done).toMatchObject({ state: 'done', done: 2, total: 2, counts: { journalposter: 2, ikkeArkivert: 1 }, files: { 'journal-xml': '/data/uttrekk/public-journal-1-2026-03-01_2026-03-31/offentligJournal.xml' } });
    const f = await s.service.exportFile(rec.id, 'journal-pdf');
    expect(f).toMatchObject({ filename: 'offentlig-journal.pdf', contentType: 'application/pdf' });
    expect(new TextDecoder().decode(f.bytes)).toBe('innhold av /data/uttrekk/public-journal-1-2026-03-01_2026-03-31/offentlig-journal.pdf');
    expect((await s.service.exportFile(rec.id, 'journal-xml')).contentType).toBe('application/xml');
    await expect(s.service.exportFile(rec.id, 'report-html')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('refuses an empty period in Norwegian: no case files in the arkivdel, no archived entry for the public journal', async () => {
    const s = setup([caseFile({ entries: [entry({ status: 'pending', journalpostnummer: null })] })]);
    const n5 = await s.service.startExport({ kind: 'noark5', arkivdel: 'Sakarkiv', from: '2025-01-01', to: '2025-12-31', pack: false }, ARKIVAR);
    await s.service.runExport(n5.id);
    expect(await s.service.exportGet(n5.id)).toMatchObject({ state: 'failed', error: 'Uttrekket feilet: Arkivdelen «Sakarkiv» har ingen saksmapper opprettet i perioden 2025-01-01–2025-12-31.' });
    expect(s.w.noark5Input).toBeNull();
    const pj = await s.service.startExport({ kind: 'public-journal', from: '2026-03-01', to: '2026-03-31' }, ARKIVAR);
    await s.service.runExport(pj.id);
    expect((await s.service.exportGet(pj.id)).error).toBe('Uttrekket feilet: Ingen arkiverte journalposter i perioden 2026-03-01–2026-03-31, så det er ingen offentlig journal å lage.');
    expect(s.w.publicInput).toBeNull();
  });

  it('exportFile serves the pre-check report as HTML, PDF and JSON', async () => {
    const s = setup();
    const rec = await s.service.startExport({ kind: 'noark5', arkivdel: 'Sakarkiv', from: '2026-01-01', to: '2026-12-31', pack: false }, ARKIVAR);
    await s.service.runExport(rec.id);
    expect((await s.service.exportFile(rec.id, 'report-html')).contentType).toBe('text/html; charset=utf-8');
    expect(await s.service.exportFile(rec.id, 'report-json')).toMatchObject({ filename: 'kontroll.json', contentType: 'application/json' });
  });
});

describe('archivist service: audit trail and arkivdeler', () => {
  it('asks for the period from local midnight to the next local midnight, masks personal numbers, and checks the chain', async () => {
    const s = setup();
    s.auditRows.push(auditEntry('reply.confirm-recipient', 'person:01017012345', { registerName: 'Kari', fnr: '01017012345', text: 'gjelder 01017012345' }));
    s.audit.verification = { ok: false, checked: 0, problem: { seq: 4, reason: 'hash' } };
    const r = await s.service.audit({ from: '2026-03-29', to: '2026-03-29', publicId: '00000000-0000-4000-8000-000000000001', limit: 50 });
    // 29 March 2026: summer time begins in Oslo (midnight +01:00, next midnight +02:00)
    expect(s.searches).toEqual([{ subject: undefined, publicId: '00000000-0000-4000-8000-000000000001', fromMs: Date.UTC(2026, 2, 28, 23), toMs: Date.UTC(2026, 2, 29, 22), limit: 50 }]);
    const text = JSON.stringify(r.rows);
    expect(text).not.toContain('01017012345');
    expect(r.rows[0]!.details).toMatchObject({ fnr: '[skjult]', registerName: 'Kari' });
    expect(r.chain).toEqual({ ok: false, checked: 0, problem: { seq: 4, reason: 'hash' } });
  });

  it('lists the arkivdeler from the reader', async () => {
    const s = setup();
    expect(await s.service.arkivdeler()).toEqual([{ arkivdel: 'Sakarkiv', caseFiles: 1, firstSaksdato: '2026-03-02', lastSaksdato: '2026-03-02' }]);
  });
});
