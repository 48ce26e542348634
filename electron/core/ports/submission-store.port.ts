import type { PartRole, Reportee, SourceKind } from '../ingest/submission';
import type { MappedForm } from '../profiles/profile.types';

export type SubmissionStatus = 'received' | 'quarantined';

export interface Quarantine {
  code: string;
  reason: string;
}

export interface NewSubmissionPart {
  role: PartRole;
  dataType: string;
  filename: string | null;
  contentType: string;
  size: number;
  /** null when the part was refused (too large); the submission then carries the reason. */
  bytes: Uint8Array | null;
}

export interface NewSubmission {
  status: SubmissionStatus;
  serviceKey: string;
  profileId: string | null;
  profileVersion: number | null;
  a2ArchiveRef: string | null;
  reportee: Reportee;
  applicantName: string | null;
  title: string | null;
  titlePublic: string | null;
  /** The form as the profile mapped it, or null when the form could not be read. The store serialises it. */
  form: MappedForm | null;
  quarantine: Quarantine | null;
  submittedAt: number;
  receivedAt: number;
  parts: NewSubmissionPart[];
}

export interface SourceItem {
  source: SourceKind;
  sourceId: string;
  serviceKey: string;
  fetchedAt: number;
}

export interface SubmissionSummary {
  id: number;
  publicId: string;
  status: SubmissionStatus;
  serviceKey: string;
  profileId: string | null;
  applicantName: string | null;
  title: string | null;
  quarantineReason: string | null;
  submittedAt: number;
  receivedAt: number;
  sources: SourceKind[];
  confirmed: boolean;
}

export interface StoredPart {
  seq: number;
  role: PartRole;
  dataType: string;
  filename: string | null;
  contentType: string;
  size: number;
  sha256: string | null;
}

export interface SubmissionDetail extends SubmissionSummary {
  profileVersion: number | null;
  a2ArchiveRef: string | null;
  reportee: Reportee;
  titlePublic: string | null;
  form: MappedForm | null;
  quarantineCode: string | null;
  parts: StoredPart[];
  sourceItems: { source: SourceKind; sourceId: string; fetchedAt: number; confirmedAt: number | null }[];
}

/** Persistence of ingested submissions. Calls join the caller's UnitOfWork when one is open. */
export interface SubmissionStore {
  findSourceItem(source: SourceKind, sourceId: string): Promise<{ submissionId: number; confirmedAt: number | null } | undefined>;
  findByA2ArchiveRef(ref: string): Promise<number | undefined>;
  /**
   * Inside a unit of work, before looking the item up to store it: another hub node storing the same
   * source item waits until this unit of work ends, and then finds it stored (#19). SQLite's write
   * transaction keeps them apart already.
   */
  lockSourceItem(source: SourceKind, sourceId: string): Promise<void>;
  /** Inserts the submission, its parts (blobs by SHA-256) and the source item that delivered it; fails if the source item is stored already. */
  insert(submission: NewSubmission, item: SourceItem): Promise<{ id: number; publicId: string }>;
  /** Records another source item for an existing submission (the same Altinn 2 item seen through Altinn 3). */
  linkSourceItem(submissionId: number, item: SourceItem): Promise<void>;
  markConfirmed(source: SourceKind, sourceId: string, at: number): Promise<void>;
  list(filter: { status?: SubmissionStatus; limit: number; offset: number; hiddenProfileIds?: readonly string[] }): Promise<SubmissionSummary[]>;
  get(publicId: string): Promise<SubmissionDetail | undefined>;
  getById(id: number): Promise<SubmissionDetail | undefined>;
  partBytes(publicId: string, seq: number): Promise<{ contentType: string; filename: string | null; bytes: Uint8Array } | undefined>;
  /** Counts by status; the screened services a user may not see are left out. */
  counts(hiddenProfileIds?: readonly string[]): Promise<{ received: number; quarantined: number; unconfirmed: number }>;
}
