import type { DateRange, JournalRow } from '../ports/archive-extract.port';
import type { PublicJournalRow } from '../ports/archive-extraction.port';
import type { DeliveryRow, ExportKind, ExportRecord } from '../ports/archivist-store.port';
import type { AuditEntry, AuditVerification } from '../ports/audit-log.port';
import { ARCHIVE_JOB, archiveJobKey } from '../archive/archive.jobs';
import { localMidnight } from '../local-time';
import { redact, redactText } from '../redact';
import { ArchivistError } from './archivist.errors';
import { EXPORT_JOB, exportJobKey } from './archivist.jobs';
import type {
  ArchivistActor,
  ArchivistDeps,
  ArchivistJournalQuery,
  AuditQuery,
  DeliveriesResult,
  DeliveryState,
  DeliveryView,
  ExportFileKind,
  ExportStart,
  JournalView,
} from './archivist.types';
import { ARCHIVIST_ACTIONS } from './change-log';
import { createExportRunner } from './export-run';
import { addDays, missingOf } from './journal-check';
import { publicJournalRows } from './public-journal';

export type * from './archivist.types';
export { ArchivistError } from './archivist.errors';

const FILE_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  json: 'application/json',
  xml: 'application/xml',
};

const basename = (path: string): string => path.split(/[/\\]/).pop() ?? path;

/**
 * The archivist's desk (#16): deliveries to sak/arkiv and what to do when the archive refuses one,
 * the løpende journal with what is missing, exports (as jobs), the public journal and the audit trail.
 */
export function createArchivistService(d: ArchivistDeps) {
  const now = (): number => d.clock.now();
  const { runExport } = createExportRunner(d);

  function view(r: DeliveryRow): DeliveryView {
    const state: DeliveryState = r.handled ? 'handled' : r.status;
    return {
      ...r,
      state,
      can: {
        retry: state === 'failed',
        // only a case file the archive numbered can be lost by it
        recreateCaseFile: state === 'failed' && r.saksaar !== null,
        markHandled: state === 'failed' || state === 'pending' || state === 'awaiting-receipt',
      },
    };
  }

  async function delivery(entryKey: string): Promise<DeliveryView> {
    const r = await d.store.deliveryByKey(entryKey);
    if (!r) throw new ArchivistError('not-found', 'Fant ikke journalposten.');
    return view(r);
  }

  async function deliveries(filter: { state?: DeliveryState; transport?: string; limit: number }): Promise<DeliveriesResult> {
    const [counts, page] = await Promise.all([d.store.deliveryCounts(), d.store.deliveries({ status: filter.state, transport: filter.transport, limit: filter.limit })]);
    return { counts: counts.map((c) => ({ transport: c.transport, state: c.status, count: c.count })), rows: page.rows.map(view), total: page.total };
  }

  /** A refused entry back to pending and its delivery job, in one unit of work. */
  async function retry(entryKey: string, actor: ArchivistActor): Promise<DeliveryView> {
    await d.uow.run(async () => {
      const r = await delivery(entryKey);
      if (!r.can.retry) throw new ArchivistError('conflict', 'Bare journalposter som arkivet har avvist, kan sendes på nytt.');
      const at = now();
      await d.store.resetEntryToPending(r.entryId, at);
      // the first job's key is taken (it ended failed): each retry has its own
      await d.outbox.enqueue(ARCHIVE_JOB, { entryKey }, `${archiveJobKey(entryKey)}:retry:${at}`);
      await d.audit.append({ actor: actor.account, action: ARCHIVIST_ACTIONS.retry, subject: `entry:${entryKey}`, details: { caseFileId: r.caseFileId, lastError: r.lastError === null ? null : redactText(r.lastError) } }, at);
    });
    return delivery(entryKey);
  }

  /** The archive lost the case file: forget its numbers, deliver it and all its entries again. */
  async function recreateCaseFile(entryKey: string, reason: string, actor: ArchivistActor): Promise<DeliveryView> {
    await d.uow.run(async () => {
      const r = await delivery(entryKey);
      if (!r.can.recreateCaseFile) throw new ArchivistError('conflict', 'Saksmappen kan bare opprettes på nytt når arkivet har avvist en journalpost i en saksmappe det har gitt saksnummer.');
      const at = now();
      const keys = await d.store.forgetCaseFile(r.caseFileId, at);
      for (const k of keys) await d.outbox.enqueue(ARCHIVE_JOB, { entryKey: k }, `${archiveJobKey(k)}:recreate:${at}`);
      await d.audit.append(
        {
          actor: actor.account,
          action: ARCHIVIST_ACTIONS.recreateCaseFile,
          subject: `entry:${entryKey}`,
          details: { caseFileId: r.caseFileId, saksaar: r.saksaar, sakssekvensnummer: r.sakssekvensnummer, reason: redactText(reason), entries: keys.length },
        },
        at,
      );
    });
    return delivery(entryKey);
  }

  /** Fixed by hand in the archive: no more deliveries of it (handled.by is the account). */
  async function markHandled(entryKey: string, note: string, actor: ArchivistActor): Promise<DeliveryView> {
    await d.uow.run(async () => {
      const r = await delivery(entryKey);
      if (!r.can.markHandled) throw new ArchivistError('conflict', r.state === 'handled' ? 'Journalposten er allerede merket som håndtert.' : 'Journalposten er arkivert og trenger ingen håndtering.');
      const at = now();
      const clean = redactText(note);
      // the account, as requestedBy: hosts show it by personName
      await d.store.markHandled(r.entryId, actor.account, clean, at);
      await d.audit.append({ actor: actor.account, action: ARCHIVIST_ACTIONS.markHandled, subject: `entry:${entryKey}`, details: { note: clean, previousStatus: r.status } }, at);
    });
    return delivery(entryKey);
  }

  /** Whether an archivist marked the entry handled (only asked for entries not archived: few). */
  async function isHandled(row: JournalRow): Promise<boolean> {
    if (row.status === 'archived') return false;
    return (await d.store.deliveryByKey(row.externalKey))?.handled != null;
  }

  async function journal(q: ArchivistJournalQuery): Promise<{ rows: JournalView[]; total: number; missing: number }> {
    const { onlyMissing, limit, ...query } = q;
    const rows: JournalView[] = [];
    let total = 0;
    let missingCount = 0;
    const at = now();
    for await (const row of d.reader.journal(query)) {
      const handled = await isHandled(row);
      const missing = missingOf(row, { now: at, timezone: d.timezone, unansweredDays: d.unansweredDays ?? 0, handled });
      if (missing.length > 0) missingCount++;
      if (onlyMissing && missing.length === 0) continue;
      total++;
      if (rows.length < limit) rows.push({ row, state: handled ? 'handled' : row.status, missing });
    }
    return { rows, total, missing: missingCount };
  }

  async function startExport(req: ExportStart, actor: ArchivistActor): Promise<ExportRecord> {
    if (req.from > req.to) throw new ArchivistError('conflict', 'Fra-datoen må være før eller lik til-datoen.');
    const id = await d.uow.run(async () => {
      const at = now();
      const arkivdel = req.kind === 'public-journal' ? null : req.arkivdel;
      const pack = req.kind === 'noark5' ? req.pack : false;
      const exportId = await d.store.insertExport({ kind: req.kind, arkivdel, from: req.from, to: req.to, pack, requestedBy: actor.account }, at);
      await d.outbox.enqueue(EXPORT_JOB, { exportId }, exportJobKey(exportId));
      await d.audit.append({ actor: actor.account, action: ARCHIVIST_ACTIONS.exportStarted, subject: `export:${exportId}`, details: { kind: req.kind, arkivdel, from: req.from, to: req.to, pack } }, at);
      return exportId;
    });
    return exportGet(id);
  }

  async function exportGet(id: number): Promise<ExportRecord> {
    const r = await d.store.exportById(id);
    if (!r) throw new ArchivistError('not-found', 'Fant ikke uttrekket.');
    return r;
  }

  /** Writes progress at most every PROGRESS_MS, or at once when the phase changes or 1 % more is done; writes are serialised. */

  async function exportFile(id: number, file: ExportFileKind): Promise<{ filename: string; contentType: string; bytes: Uint8Array }> {
    const rec = await exportGet(id);
    if (rec.state !== 'done') throw new ArchivistError('conflict', 'Uttrekket er ikke ferdig.');
    const path = rec.files[file];
    if (!path) throw new ArchivistError('not-found', 'Uttrekket har ikke denne filen.');
    const filename = basename(path);
    const ext = filename.slice(filename.lastIndexOf('.') + 1).toLowerCase();
    return { filename, contentType: FILE_TYPES[ext] ?? 'application/octet-stream', bytes: await d.readFile(path) };
  }

  async function publicJournalPreview(range: DateRange, limit: number): Promise<{ rows: PublicJournalRow[]; total: number }> {
    const rows: PublicJournalRow[] = [];
    let total = 0;
    // exactly what the export publishes: the numbered rows, screened
    for await (const r of publicJournalRows(d.reader.journal({ from: range.from, to: range.to }))) {
      total++;
      if (rows.length < limit) rows.push(r);
    }
    return { rows, total };
  }

  /** The audit trail for a case or period, personal numbers masked, with the hash chain checked. */
  async function audit(q: AuditQuery): Promise<{ rows: AuditEntry[]; chain: AuditVerification }> {
    const ms = (iso: string): number => Date.parse(localMidnight(iso, d.timezone));
    const rows = await d.auditSearch({
      subject: q.subject,
      publicId: q.publicId,
      fromMs: q.from ? ms(q.from) : undefined,
      toMs: q.to ? ms(addDays(q.to, 1)) : undefined,
      limit: q.limit,
    });
    const chain = await d.audit.verify();
    return {
      rows: rows.map((r) => ({ ...r, subject: r.subject === null ? null : redactText(r.subject), details: redact(r.details) as Record<string, unknown> })),
      chain,
    };
  }

  return {
    deliveries,
    retry,
    recreateCaseFile,
    markHandled,
    journal,
    arkivdeler: () => d.reader.arkivdeler(),
    startExport,
    /** The `archivist.export` job handler. */
    runExport,
    exportGet,
    exports: (limit: number): Promise<ExportRecord[]> => d.store.exports(limit),
    exportFile,
    publicJournalPreview,
    audit,
  };
}

export type ArchivistService = ReturnType<typeof createArchivistService>;
export type { ExportKind };
