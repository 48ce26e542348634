import type { ArchiveDocument, ArchiveTransport, Classification, Correspondent, Journalposttype, Screening } from '../archive/archive-record';
import type { AuditEntry } from './audit-log.port';

/**
 * The archivist's desk (#16): Postmottak's own archive record read back for an arkivuttrekk
 * (Noark 5), a Noark 4 deposit, the løpende and offentlig journal. The store streams it in
 * keyset pages, so memory does not grow with the number of records.
 */

/** ISO dates (YYYY-MM-DD, Europe/Oslo), both ends included. */
export interface DateRange {
  from: string;
  to: string;
}

export interface ExtractScope extends DateRange {
  /** The arkivdel the case files are filed in (archive_case_files.arkivdel). */
  arkivdel: string;
}

/** A document of an entry, as registered (archive_documents). */
export type ExtractDocument = ArchiveDocument;

/** The avskrivning of an incoming entry by the reply that answered it. */
export interface ExtractAvskrivning {
  /** systemID (Postmottak's UUID) of the U that closes this I. */
  bySystemId: string;
  /** ISO date the U was registered. */
  date: string;
  avskrivningsmaate: 'BU';
  /** Who registered the U (its saksbehandler, else the system). */
  by: string;
}

export interface ExtractEntry {
  id: number;
  systemId: string;
  externalKey: string;
  journalposttype: Journalposttype;
  title: string;
  titlePublic: string;
  /** ISO date of registration. */
  journaldato: string;
  /** ISO date-time received (I) or sent (U). */
  dokumentetsDato: string;
  administrativEnhet: string;
  saksbehandler: string | null;
  screening: Screening | null;
  status: 'pending' | 'awaiting-receipt' | 'archived' | 'failed';
  /** The archive's numbers, once archived. */
  journalaar: number | null;
  journalsekvensnummer: number | null;
  journalpostnummer: number | null;
  correspondents: Correspondent[];
  documents: ExtractDocument[];
  /** On an I: the U that answered it. */
  avskrevetAv: ExtractAvskrivning | null;
  /** On a U: the systemID of the I it closes. */
  closesSystemId: string | null;
  /** On a U: when it left (Altinn or paper), ISO date-time, once it did. */
  sentAt: string | null;
  createdAt: number;
  archivedAt: number | null;
}

export interface ExtractCaseFile {
  id: number;
  systemId: string;
  externalKey: string;
  profileId: string;
  title: string;
  titlePublic: string;
  arkivdel: string;
  classification: Classification;
  administrativEnhet: string;
  saksansvarlig: string | null;
  screening: Screening | null;
  /** ISO date opened. */
  saksdato: string;
  saksaar: number | null;
  sakssekvensnummer: number | null;
  transport: ArchiveTransport | null;
  openedAt: number;
  archivedAt: number | null;
  /** Oldest first (I before the U that answers it). */
  entries: ExtractEntry[];
}

/** One row of the løpende journal: the entry with its case file's numbers and title. */
export interface JournalRow extends ExtractEntry {
  /** The application the entry belongs to (the case's link). */
  publicId: string;
  caseFile: Pick<ExtractCaseFile, 'id' | 'systemId' | 'title' | 'titlePublic' | 'saksaar' | 'sakssekvensnummer' | 'arkivdel' | 'classification' | 'screening' | 'saksansvarlig' | 'administrativEnhet'>;
}

export interface JournalQuery extends DateRange {
  journalposttype?: Journalposttype;
  administrativEnhet?: string;
  /** true: screened entries only; false: unscreened only. */
  screened?: boolean;
}

/** Read side of the local archive record, for extractions and journals. */
export interface ArchiveExtractReader {
  /** Every case file of the arkivdel opened (saksdato) in the period, ordered by classification (ordningsprinsipp, ordningsverdi) then id. */
  caseFiles(scope: ExtractScope, pageSize?: number): AsyncIterable<ExtractCaseFile>;
  /** How many case files caseFiles() will yield, and how many entries they hold (for progress and ADDML). */
  countScope(scope: ExtractScope): Promise<{ caseFiles: number; entries: number; documents: number }>;
  /** Registry entries by journaldato in the period, ordered by journaldato then id. */
  journal(query: JournalQuery, pageSize?: number): AsyncIterable<JournalRow>;
  /** Audit entries in [fromMs, toMs), oldest first (the endringslogg's source). */
  auditEntries(fromMs: number, toMs: number, pageSize?: number): AsyncIterable<AuditEntry>;
  /** systemID of a case file or entry by its external key (audit subjects name external keys). */
  systemIdOf(externalKey: string): Promise<string | undefined>;
  /** The arkivdeler that hold case files, with counts (the export form's choices). */
  arkivdeler(): Promise<{ arkivdel: string; caseFiles: number; firstSaksdato: string | null; lastSaksdato: string | null }[]>;
  blob(sha256: string): Promise<Uint8Array | undefined>;
}
