import type { ExtractScope } from '../ports/archive-extract.port';
import { localMidnight } from '../local-time';
import type { ClosedCaseFile, ExtractionMeta, ExtractionProgress, LeftOutCaseFile } from '../ports/archive-extraction.port';
import type { ExportRecord } from '../ports/archivist-store.port';
import { classify } from '../errors';
import { redactText } from '../redact';
import type { ArchivistDeps } from './archivist.types';
import { closeCaseFile } from './case-file-closure';
import { ARCHIVIST_ACTIONS, changeLog } from './change-log';
import { publicJournalRows } from './public-journal';

/** The left-out list kept on the export record is capped; counts.utelatt has the total. */
export const LEFT_OUT_CAP = 1000;
/** Progress is written to the store at most this often (or when a phase changes / 1 % more is done). */
const PROGRESS_MS = 250;

/**
 * The `archivist.export` job (#16): Noark 5 arkivuttrekk with its pre-check, Noark 4 deposit, or the
 * public journal. Everything streams: case files and journal rows come from the reader page by page
 * and go straight to the writer; only the keys and systemIDs written (for the endringslogg) and a capped
 * left-out list are kept.
 */
export function createExportRunner(d: ArchivistDeps) {
  const now = (): number => d.clock.now();
  const exportGet = async (id: number): Promise<ExportRecord> => (await d.store.exportById(id))!;

  function progressWriter(id: number) {
    let last = { phase: '', done: -1, total: 0, at: 0 };
    let chain: Promise<void> = Promise.resolve();
    const write = (p: ExtractionProgress, force = false): void => {
      const at = now();
      const step = Math.max(1, Math.floor(p.total / 100));
      if (!force && p.phase === last.phase && at - last.at < PROGRESS_MS && p.done - last.done < step) return;
      last = { phase: p.phase, done: p.done, total: p.total, at };
      chain = chain
        .then(() => d.store.updateExport(id, { phase: p.phase, done: p.done, total: p.total }, at))
        .catch((e: unknown) => d.logger?.log('warn', 'Kunne ikke lagre framdrift for uttrekket.', { exportId: id, error: redactText(classify(e).message) }));
    };
    return { write, flush: () => chain };
  }

  async function handledEntryIds(): Promise<Set<number>> {
    // handled entries are the archivist's rare exceptions: kept in memory for the export
    const { rows } = await d.store.deliveries({ status: 'handled', limit: 1_000_000 });
    return new Set(rows.map((r) => r.entryId));
  }

  /** Case files of the scope through the closure rule: closed ones yielded, the rest noted (capped) with why. */
  function closurePass(scope: ExtractScope, handled: Set<number>, onCaseFile: (seen: number) => void) {
    const leftOut: LeftOutCaseFile[] = [];
    let leftOutCount = 0;
    let closedCount = 0;
    // what the package holds, for the endringslogg: systemIDs (UUIDs) of case files and entries, and case file ids
    // external key → systemID: the audit trail names arkivenheter by key, and what resolves here is in the package (no query per audit row)
    const written = new Map<string, string>();
    const caseFileIds = new Map<number, string>();
    let complete = false;
    const note = (c: ClosedCaseFile): void => {
      written.set(c.externalKey, c.systemId);
      caseFileIds.set(c.id, c.systemId);
      for (const e of c.entries) written.set(e.externalKey, e.systemId);
    };
    async function* caseFiles(): AsyncIterable<ClosedCaseFile> {
      let seen = 0;
      for await (const c of d.reader.caseFiles(scope)) {
        onCaseFile(++seen);
        const r = closeCaseFile(c, (id) => handled.has(id));
        if (r.closed) {
          closedCount++;
          note(r.caseFile);
          yield r.caseFile;
        } else {
          leftOutCount++;
          if (leftOut.length < LEFT_OUT_CAP) leftOut.push(r.leftOut);
        }
      }
      complete = true;
    }
    /** The set of what is written; when the writer asks for the change log before it has read every case file, a pass of its own fills it. */
    async function ensureWritten(): Promise<void> {
      if (complete) return;
      for await (const c of d.reader.caseFiles(scope)) {
        const r = closeCaseFile(c, (id) => handled.has(id));
        if (r.closed) note(r.caseFile);
      }
      complete = true;
    }
    return { caseFiles, leftOut, written, caseFileIds, ensureWritten, counts: () => ({ closed: closedCount, leftOut: leftOutCount }) };
  }

  async function extractionMeta(rec: ExportRecord, scope: ExtractScope, producedAt: number): Promise<ExtractionMeta> {
    return { ...d.meta(), timezone: d.timezone, scope, producedAt, producedBy: await d.personName(rec.requestedBy) };
  }

  /** A running export whose progress has not moved for this long lost its process. */
  const STALE_MS = 120_000;
  const outDirOf = (rec: ExportRecord): string => `${d.exportRoot.replace(/[/\\]+$/, '')}/${rec.kind}-${rec.id}-${rec.from}_${rec.to}`;

  async function runCaseFileExport(rec: ExportRecord, outDir: string, progress: ReturnType<typeof progressWriter>): Promise<void> {
    const scope: ExtractScope = { arkivdel: rec.arkivdel ?? '', from: rec.from, to: rec.to };
    progress.write({ phase: 'counting', done: 0, total: 0 }, true);
    const total = (await d.reader.countScope(scope)).caseFiles;
    if (total === 0) throw new Error(`Arkivdelen «${scope.arkivdel}» har ingen saksmapper opprettet i perioden ${rec.from}–${rec.to}.`);
    const handled = await handledEntryIds();
    // the case files read are the 'writing' progress; the writer's own reports count for its later phases
    const pass = closurePass(scope, handled, (seen) => progress.write({ phase: 'writing', done: seen, total }));
    const started = now();
    const meta = await extractionMeta(rec, scope, started);
    const blob = (sha: string) => d.reader.blob(sha);
    const onProgress = (p: ExtractionProgress): void => {
      if (p.phase !== 'writing') progress.write(p);
    };
    let result;
    if (rec.kind === 'noark5') {
      const ctx = { timezone: d.timezone, systemIdOf: async (k: string) => pass.written.get(k), caseFileSystemId: (id: number) => pass.caseFileIds.get(id), actorName: (a: string) => d.personName(a) };
      async function* changes() {
        await pass.ensureWritten();
        // a case file opened in the period changes only after it was opened: the audit trail from the period's first local midnight
        yield* changeLog(d.reader.auditEntries(Date.parse(localMidnight(scope.from, d.timezone)), started + 1), ctx);
      }
      // leftOut fills while caseFiles is read (capped at LEFT_OUT_CAP): complete once the writer has read them all
      result = await d.writers.noark5.write({ meta, outDir, caseFiles: pass.caseFiles(), total, changes: changes(), leftOut: pass.leftOut, blob, pack: rec.pack, onProgress });
    } else {
      result = await d.writers.noark4.write({ meta, outDir, caseFiles: pass.caseFiles(), total, leftOut: pass.leftOut, blob, onProgress });
    }
    const { closed, leftOut } = pass.counts();
    await progress.flush();
    await d.store.updateExport(
      rec.id,
      {
        outDir: result.dir,
        tarPath: result.tarPath,
        leftOut: pass.leftOut.map((l) => ({ saksnummer: l.saksnummer, title: l.titlePublic, reason: l.reason })),
        counts: { ...result.counts, saksmapper: closed, utelatt: leftOut },
      },
      now(),
    );
    if (rec.kind !== 'noark5') return;
    // the built-in pre-check (Arkade 5's pass/fail controls) on the package just written
    progress.write({ phase: 'checking', done: 0, total: 0 }, true);
    const report = await d.writers.preCheck.run(result.dir, (p) => progress.write(p));
    const paths = await d.writers.preCheck.writeReport(report, outDir);
    await progress.flush();
    await d.store.updateExport(
      rec.id,
      {
        files: { 'report-html': paths.html, 'report-pdf': paths.pdf, 'report-json': paths.json },
        checkPassed: report.passed,
        failedChecks: report.results.filter((r) => !r.passed).map((r) => r.id),
      },
      now(),
    );
  }

  async function runPublicJournal(rec: ExportRecord, outDir: string, progress: ReturnType<typeof progressWriter>): Promise<void> {
    const producedAt = now();
    const { scope: _s, ...meta } = await extractionMeta(rec, { arkivdel: '', from: rec.from, to: rec.to }, producedAt);
    let n = 0;
    let waiting = 0;
    const source = publicJournalRows(d.reader.journal({ from: rec.from, to: rec.to }), () => waiting++)[Symbol.asyncIterator]();
    // offentligJournal.xsd v5.0 requires at least one journalregistrering: an empty period is refused before anything is written
    const first = await source.next();
    if (first.done) throw new Error(`Ingen arkiverte journalposter i perioden ${rec.from}–${rec.to}, så det er ingen offentlig journal å lage.`);
    async function* rows() {
      for (let r = first; !r.done; r = await source.next()) {
        progress.write({ phase: 'writing', done: ++n, total: 0 });
        yield r.value;
      }
    }
    const out = await d.writers.publicJournal.write({ meta: { ...meta, range: { from: rec.from, to: rec.to } }, rows: rows(), outDir });
    await progress.flush();
    await d.store.updateExport(rec.id, { outDir, files: { 'journal-xml': out.xml, 'journal-pdf': out.pdf }, counts: { journalposter: out.rows, ikkeArkivert: waiting } }, now());
  }

  /** The `archivist.export` job: writes the package, records progress and the outcome on the export. A failure is recorded, not retried. */
  async function runExport(exportId: number): Promise<void> {
    const rec = await d.store.exportById(exportId);
    if (!rec) return;
    const at0 = now();
    // one run per export: the CLI and a running hub may both be handed it; a run whose process died
    // (no progress for STALE_MS) is started again in a folder of its own, since the writers refuse a used one
    const claim = await d.store.claimExport(exportId, at0, at0 - STALE_MS);
    if (!claim) return;
    const outDir = claim === 'restarted' ? `${outDirOf(rec)}-${at0}` : outDirOf(rec);
    await d.store.updateExport(exportId, { state: 'running', phase: 'counting', done: 0, total: 0, outDir, error: null, finishedAt: null }, now());
    const progress = progressWriter(exportId);
    try {
      if (rec.kind === 'public-journal') await runPublicJournal(rec, outDir, progress);
      else await runCaseFileExport(rec, outDir, progress);
      await progress.flush();
      const at = now();
      const done = await exportGet(exportId);
      const finished = Math.max(done.total, done.done);
      await d.store.updateExport(exportId, { state: 'done', phase: 'done', done: finished, total: finished, finishedAt: at }, at);
      await d.uow.run(() => d.audit.append({ actor: 'system', action: ARCHIVIST_ACTIONS.exportDone, subject: `export:${exportId}`, details: { kind: rec.kind, counts: done.counts, checkPassed: done.checkPassed } }, at));
    } catch (e) {
      await progress.flush();
      const at = now();
      const error = `Uttrekket feilet: ${redactText(classify(e).message)}`;
      d.logger?.log('error', 'Uttrekket feilet.', { exportId, error });
      await d.store.updateExport(exportId, { state: 'failed', error, finishedAt: at }, at);
      await d.uow.run(() => d.audit.append({ actor: 'system', action: ARCHIVIST_ACTIONS.exportFailed, subject: `export:${exportId}`, details: { kind: rec.kind, error } }, at));
    }
  }

  return { runExport };
}
