import type { ArchiveExtractReader, DateRange, JournalQuery, JournalRow } from '../ports/archive-extract.port';
import type { ArchivistWriters, ExtractionMeta } from '../ports/archive-extraction.port';
import type { ArchivistStore, DeliveryRow } from '../ports/archivist-store.port';
import type { ArchiveEntryStatus } from '../ports/archive-store.port';
import type { ArchiveTransport } from '../archive/archive-record';
import type { AuditEntry, AuditLog } from '../ports/audit-log.port';
import type { Clock } from '../ports/clock.port';
import type { Logger } from '../ports/logger.port';
import type { Outbox } from '../ports/outbox.port';
import type { UnitOfWork } from '../ports/unit-of-work.port';

/** Delivery state as the desk shows it: the entry's archive status, or handled by an archivist. */
export type DeliveryState = ArchiveEntryStatus | 'handled';

/** Who acts: the account (audit actor, handled.by, requestedBy); hosts show it by personName. */
export interface ArchivistActor {
  account: string;
}

export interface DeliveryView extends DeliveryRow {
  state: DeliveryState;
  can: { retry: boolean; recreateCaseFile: boolean; markHandled: boolean };
}

export interface DeliveriesResult {
  counts: { transport: ArchiveTransport | null; state: DeliveryState; count: number }[];
  rows: DeliveryView[];
  total: number;
}

export interface JournalView {
  row: JournalRow;
  state: DeliveryState;
  /** «Ikke avskrevet», «Mangler journalpostnummer», … */
  missing: string[];
}

export interface ArchivistJournalQuery extends JournalQuery {
  onlyMissing?: boolean;
  limit: number;
}

export type ExportStart =
  | (DateRange & { kind: 'noark5'; arkivdel: string; pack: boolean })
  | (DateRange & { kind: 'noark4'; arkivdel: string })
  | (DateRange & { kind: 'public-journal' });

export type ExportFileKind = 'report-html' | 'report-pdf' | 'report-json' | 'journal-pdf' | 'journal-xml';

export interface AuditQuery {
  subject?: string;
  publicId?: string;
  /** ISO dates (Europe/Oslo), both included. */
  from?: string;
  to?: string;
  limit: number;
}

/** What the audit view asks the audit store for; [fromMs, toMs) in epoch ms, newest first. */
export interface AuditSearch {
  subject?: string;
  publicId?: string;
  fromMs?: number;
  toMs?: number;
  limit: number;
}

export interface ArchivistDeps {
  reader: ArchiveExtractReader;
  store: ArchivistStore;
  writers: ArchivistWriters;
  outbox: Outbox;
  uow: UnitOfWork;
  audit: AuditLog;
  /** Audit rows for the audit view, newest first (subject exact; publicId: rows whose subject or details name the application). */
  auditSearch(q: AuditSearch): Promise<AuditEntry[]>;
  clock: Clock;
  /** IANA zone of every date (config timezone, Europe/Oslo). */
  timezone: string;
  meta(): Omit<ExtractionMeta, 'scope' | 'producedAt' | 'producedBy'>;
  /** Folder the exports are written under; paths are joined with '/'. */
  exportRoot: string;
  readFile(path: string): Promise<Uint8Array>;
  /** A person's display name by account (for «produsert av», handled by). */
  personName(account: string): string | Promise<string>;
  logger?: Logger;
  /** Days an incoming entry may stay unanswered before the journal flags «Ikke avskrevet» (default 0). */
  unansweredDays?: number;
}
