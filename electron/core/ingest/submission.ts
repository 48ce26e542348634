/**
 * A submission as a source delivers it, before it is stored: the same shape whether it
 * came from Altinn 3 Storage (REST) or the Altinn 2 DownloadQueue (SOAP).
 */

export type SourceKind = 'altinn3' | 'altinn2';

export type PartRole = 'form' | 'receipt-pdf' | 'attachment';

export interface SubmissionPart {
  role: PartRole;
  /** Altinn dataType (A3) or AttachmentTypeName / 'form' (A2). */
  dataType: string;
  filename: string | null;
  contentType: string;
  bytes: Uint8Array;
}

export interface Reportee {
  partyId: string | null;
  /** Fødselsnummer of a person reportee; personal data, never logged. */
  personNumber: string | null;
  organisationNumber: string | null;
}

/** A reference to one pending item at a source, enough to fetch and to confirm it. */
export interface PendingRef {
  source: SourceKind;
  /** A3: "{partyId}/{instanceGuid}"; A2: the archive reference. */
  sourceId: string;
  /** A3 appId "{org}/{app}", or A2 "{serviceCode}:{serviceEditionCode}". */
  serviceKey: string;
  /** The Altinn 2 archive reference when the item is (or was migrated from) an Altinn 2 submission. */
  a2ArchiveRef: string | null;
  /** When the source last changed it (ms since epoch). */
  lastChanged: number;
}

export interface IncomingSubmission {
  ref: PendingRef;
  reportee: Reportee;
  /** When the citizen completed it (process.ended / ArchiveTimeStamp). */
  submittedAt: number;
  parts: SubmissionPart[];
}
