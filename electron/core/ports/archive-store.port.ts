import type { ArchivedCaseFile, ArchivedEntry, ArchiveTransport, CaseFileRecord, EntryRecord } from '../archive/archive-record';

export type ArchiveEntryStatus = 'pending' | 'awaiting-receipt' | 'archived' | 'failed';

export interface NewCaseFile extends CaseFileRecord {
  profileId: string;
  /** Fødselsnummer or organisation number of the applicant; joins later applications. */
  applicantKey: string | null;
  openedAt: number;
}

export interface StoredCaseFile extends NewCaseFile {
  id: number;
  transport: ArchiveTransport | null;
  archived: ArchivedCaseFile | null;
  archivedAt: number | null;
}

export interface NewEntry extends Omit<EntryRecord, 'closes'> {
  caseFileId: number;
  submissionId: number;
  /** The incoming entry a reply closes. */
  closesEntryId: number | null;
  avskrivningsmaate: 'BU' | null;
  createdAt: number;
}

export interface StoredEntry extends NewEntry {
  id: number;
  status: ArchiveEntryStatus;
  transport: ArchiveTransport | null;
  receiptRef: string | null;
  archived: Omit<ArchivedEntry, 'documents'> | null;
  documentIds: { number: number; archiveSystemId: string | null }[];
  lastError: string | null;
  archivedAt: number | null;
  updatedAt: number;
}

/** Persistence of the local archive record. Writes that belong to a domain change run inside its UnitOfWork. */
export interface ArchiveStore {
  /** The applicant's most recent case file of this service opened at or after `since`. */
  findCaseFileToJoin(profileId: string, applicantKey: string, since: number): Promise<StoredCaseFile | undefined>;
  insertCaseFile(c: NewCaseFile): Promise<number>;
  insertEntry(e: NewEntry): Promise<number>;
  caseFile(id: number): Promise<StoredCaseFile | undefined>;
  entry(id: number): Promise<StoredEntry | undefined>;
  entryByKey(externalKey: string): Promise<StoredEntry | undefined>;
  incomingEntryOf(submissionId: number): Promise<StoredEntry | undefined>;
  entriesOfSubmission(submissionId: number): Promise<StoredEntry[]>;
  markCaseFileArchived(id: number, transport: ArchiveTransport, numbers: ArchivedCaseFile, at: number): Promise<void>;
  markEntryArchived(id: number, transport: ArchiveTransport, numbers: ArchivedEntry, at: number): Promise<void>;
  markEntryAwaitingReceipt(id: number, transport: ArchiveTransport, receiptRef: string, at: number): Promise<void>;
  markEntryFailed(id: number, message: string, at: number): Promise<void>;
  /** Entries not yet archived (pending, awaiting a receipt or failed), oldest first. */
  unfinished(limit: number): Promise<StoredEntry[]>;
  counts(): Promise<Record<ArchiveEntryStatus, number>>;
  /** File bytes by content address (the blobs submissions and letters are stored as). */
  blob(sha256: string): Promise<Uint8Array | undefined>;
  /** Stores bytes by content address (letters); returns the sha256. */
  putBlob(bytes: Uint8Array): Promise<string>;
}
