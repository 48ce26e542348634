import type { SubmissionStatus } from './submission-store.port';
import type { MappedForm } from '../profiles/profile.types';

/** What a caseworker or archivist did with a quarantined submission; each one is on the case's timeline. */
export const QUARANTINE_ACTION_KINDS = ['quarantine-revalidated', 'quarantine-registered', 'quarantine-duplicate', 'quarantine-rejected', 'duplicate-linked'] as const;
export type QuarantineActionKind = (typeof QUARANTINE_ACTION_KINDS)[number];

export interface QuarantineAction {
  kind: QuarantineActionKind;
  at: number;
  /** The user's name, as the timeline shows it. */
  actor: string;
  actorAccount: string;
  text: string | null;
  relatedId: number | null;
}

export type QuarantineOutcome = 'case' | 'duplicate' | 'rejected';

export interface QuarantineResolution {
  outcome: QuarantineOutcome;
  duplicateOf: number | null;
  reason: string | null;
  resolvedAt: number;
  resolvedBy: string;
}

/** Another submission from the same person to the same service, close in time. */
export interface DuplicateCandidate {
  id: number;
  publicId: string;
  status: SubmissionStatus;
  applicantName: string | null;
  title: string | null;
  submittedAt: number;
  receivedAt: number;
}

/** The form a quarantined submission gets when it becomes a case (re-validated, or typed from the PDF). */
export interface AcceptedForm {
  profileId: string;
  profileVersion: number;
  form: MappedForm;
}

/** Persistence of quarantine's way out. Calls join the caller's UnitOfWork when one is open. */
export interface QuarantineStore {
  addAction(submissionId: number, a: QuarantineAction): Promise<void>;
  actions(submissionId: number): Promise<QuarantineAction[]>;
  resolution(submissionId: number): Promise<QuarantineResolution | undefined>;
  resolve(submissionId: number, r: QuarantineResolution): Promise<void>;
  /** The submission leaves quarantine with its form, and its case opens with these deadlines. */
  accept(submissionId: number, f: AcceptedForm, c: { deadlineAt: number | null; preliminaryReplyAt: number | null; at: number }): Promise<void>;
  /** Re-validation failed again: the new reason replaces the old one. */
  requarantine(submissionId: number, q: { code: string; reason: string }): Promise<void>;
  /** The same person's submissions to the same service (profile or service key) submitted between from and to, the submission itself left out. */
  candidates(q: { submissionId: number; personNumber: string; profileId: string | null; serviceKey: string; from: number; to: number; limit: number }): Promise<DuplicateCandidate[]>;
}
