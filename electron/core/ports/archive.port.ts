import type { ArchivedCaseFile, ArchivedEntry, ArchiveTransport, CaseFileRecord, EntryRecord, SentInfo } from '../archive/archive-record';

export interface ArchiveDelivery {
  caseFile: CaseFileRecord;
  entry: EntryRecord;
  /** The case file's numbers when an earlier delivery already made it (a later entry in the same case). */
  knownCaseFile: ArchivedCaseFile | null;
  /** The bytes of a document, by its sha256 (from the local store). */
  loadDocument(sha256: string): Promise<Uint8Array>;
}

export type DeliveryResult =
  | { state: 'archived'; caseFile: ArchivedCaseFile; entry: ArchivedEntry }
  /** Handed over; the archive answers later (drop folder receipt). Ask again with checkReceipt. */
  | { state: 'awaiting-receipt'; reference: string };

/** A reply the archive already has, now sent (#13 item 7). */
export interface SentDelivery {
  caseFile: CaseFileRecord;
  entry: EntryRecord;
  archivedCaseFile: ArchivedCaseFile;
  archived: Omit<ArchivedEntry, 'documents'>;
  sent: SentInfo;
}

export type ReceiptResult =
  | { state: 'archived'; caseFile: ArchivedCaseFile; entry: ArchivedEntry }
  | { state: 'awaiting-receipt' }
  /** The archive refused it; its own message. */
  | { state: 'rejected'; message: string };

/**
 * The municipality's case/archive system (Noark 5 REST, GeoIntegrasjon SOAP, Noark 4 WS or
 * an arkivmelding drop folder).
 *
 * deliver() is idempotent by the external keys: it looks up the case file and the entry by
 * eksternID / EksternNoekkel before it creates anything, and completes what a crashed earlier
 * call left half done (documents, correspondents, avskrivning), so a retry never makes a second
 * entry. Errors are IntegrationError: a schema rejection is 'validation' with the archive's own
 * message, a timeout 'transient'. Each call tries once; the job manager owns retries.
 */
export interface ArchivePort {
  readonly transport: ArchiveTransport;
  deliver(d: ArchiveDelivery): Promise<DeliveryResult>;
  /**
   * A registered reply (U, journalstatus ferdigstilt) has left: mark it ekspedert with the real send
   * date, and note paper where it went on paper. Idempotent: a repeat changes nothing more.
   */
  markSent(d: SentDelivery): Promise<void>;
  /**
   * For transports that answer later; the others never return 'awaiting-receipt'. The delivery is
   * given again so a transport whose entry takes a second message (eFormidling: the application's
   * avskrivning after the reply, #13 item 2) can write it once the first is answered.
   */
  checkReceipt?(reference: string, d?: ArchiveDelivery): Promise<ReceiptResult>;
  close?(): Promise<void>;
}
