import type { ArchiveTransport } from '../archive/archive-record';
import type { ArchiveEntryStatus } from './archive-store.port';

/** Persistence of the archivist's desk (#16): export runs, and entries an archivist marked as handled by hand. */

export type ExportKind = 'noark5' | 'noark4' | 'public-journal';
export type ExportState = 'queued' | 'running' | 'done' | 'failed';

export interface ExportRequest {
  kind: ExportKind;
  arkivdel: string | null;
  from: string;
  to: string;
  pack: boolean;
  requestedBy: string;
}

export interface ExportRecord extends ExportRequest {
  id: number;
  state: ExportState;
  phase: string | null;
  done: number;
  total: number;
  outDir: string | null;
  tarPath: string | null;
  /** Paths of the pre-check report (html/pdf/json) or the public journal (xml/pdf). */
  files: Record<string, string>;
  checkPassed: boolean | null;
  failedChecks: string[];
  leftOut: { saksnummer: string | null; title: string; reason: string }[];
  counts: Record<string, number>;
  error: string | null;
  createdAt: number;
  finishedAt: number | null;
}

export type ExportPatch = Partial<Pick<ExportRecord, 'state' | 'phase' | 'done' | 'total' | 'outDir' | 'tarPath' | 'files' | 'checkPassed' | 'failedChecks' | 'leftOut' | 'counts' | 'error' | 'finishedAt'>>;

/** A delivery as the Arkiv screen lists it. */
export interface DeliveryRow {
  entryId: number;
  entryKey: string;
  caseFileId: number;
  journalposttype: 'I' | 'U';
  status: ArchiveEntryStatus;
  /** Marked handled by an archivist (no more deliveries). */
  handled: { by: string; note: string; at: number } | null;
  transport: ArchiveTransport | null;
  publicId: string;
  saksaar: number | null;
  sakssekvensnummer: number | null;
  titlePublic: string;
  lastError: string | null;
  updatedAt: number;
}

export interface ArchivistStore {
  insertExport(r: ExportRequest, now: number): Promise<number>;
  updateExport(id: number, patch: ExportPatch, now: number): Promise<void>;
  exportById(id: number): Promise<ExportRecord | undefined>;
  /**
   * Takes an export run, atomically: a queued one, or a running one whose run stopped writing
   * progress before `staleBefore` (its process died). Returns how, or null when another run has it
   * or it is finished.
   */
  claimExport(id: number, now: number, staleBefore: number): Promise<'started' | 'restarted' | null>;
  exports(limit: number): Promise<ExportRecord[]>;
  /** Counts per transport (null: not yet tried) and status, handled counted apart. */
  deliveryCounts(): Promise<{ transport: ArchiveTransport | null; status: ArchiveEntryStatus | 'handled'; count: number }[]>;
  /** Failed (not handled) first, oldest failure first; then the rest, newest first. */
  deliveries(filter: { status?: ArchiveEntryStatus | 'handled'; transport?: string; limit: number }): Promise<{ rows: DeliveryRow[]; total: number }>;
  deliveryByKey(entryKey: string): Promise<DeliveryRow | undefined>;
  markHandled(entryId: number, by: string, note: string, at: number): Promise<void>;
  /** A failed entry back to pending (its job is enqueued by the caller, in the same unit of work). */
  resetEntryToPending(entryId: number, at: number): Promise<void>;
  /**
   * The archive lost the case file: its archive numbers are forgotten and every entry of it goes
   * back to pending, so the next delivery creates it again. Returns the entries' external keys.
   */
  forgetCaseFile(caseFileId: number, at: number): Promise<string[]>;
}
