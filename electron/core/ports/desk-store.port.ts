import type { CaseEvent, CaseStatus, Outcome, Role, TimelineEvent } from '../desk/desk.types';
import type { MappedForm } from '../profiles/profile.types';

/** One case (one application) as the desk keeps it, beside the submission itself. */
export interface CaseRecord {
  submissionId: number;
  publicId: string;
  profileId: string | null;
  status: CaseStatus;
  assignee: { account: string; name: string } | null;
  deadlineAt: number | null;
  preliminaryReplyAt: number | null;
  updatedAt: number;
}

/** A row of the case list, with what the list shows. Contains personal data (the fødselsnummer is masked by the caller). */
export interface CaseListRow {
  submissionId: number;
  publicId: string;
  profileId: string | null;
  applicantName: string | null;
  personNumber: string | null;
  title: string | null;
  receivedAt: number;
  status: CaseStatus;
  assignee: { account: string; name: string } | null;
  /** "2026/123" once the archive numbered the case file. */
  caseNumber: string | null;
  deadlineAt: number | null;
  preliminaryReplyAt: number | null;
}

export interface CaseQuery {
  status?: CaseStatus;
  profileId?: string;
  /** Screened services the user is not allowed to see: never listed, never found. */
  hiddenProfileIds: readonly string[];
  /** An account, or null for unassigned. */
  assignee?: string | null;
  /** Only cases whose deadline is before this (ms). */
  deadlineBefore?: number;
  /** Only cases whose preliminary reply is due before this (ms) and not yet decided. */
  preliminaryBefore?: number;
  /** Full-text match over names, titles, case numbers and form text (the caller passes the user's words). */
  text?: string;
  /** An exact fødselsnummer: the applicant's or a subject's (a child's). */
  personNumber?: string;
  sort: 'received' | 'deadline' | 'applicant' | 'service' | 'status';
  dir: 'asc' | 'desc';
  limit: number;
  offset: number;
}

export interface NewCase {
  submissionId: number;
  status: CaseStatus;
  deadlineAt: number | null;
  preliminaryReplyAt: number | null;
  at: number;
}

export interface StoredDecision {
  outcome: Outcome;
  grounds: string;
  decidedAt: number;
  decidedBy: string;
  recommendation: string | null;
  /** Decided by the profile's rules alone (#15), not by a person. */
  automatic?: boolean;
  /** The legal basis the rules stated when they decided (automatic decisions only). */
  legalBasis?: string | null;
}

/** An earlier decided application, for the rules' history facts and test run (#15). Contains personal data (the form). */
export interface DecidedCase {
  submissionId: number;
  publicId: string;
  receivedAt: number;
  outcome: Outcome;
  decidedAt: number;
  automatic: boolean;
  form: MappedForm | null;
}

export interface StoredLetter {
  title: string;
  body: string;
  updatedAt: number;
  updatedBy: string;
}

/** Persistence of the desk's work (SQLite or PostgreSQL); writes that belong together run inside one UnitOfWork. */
export interface DeskStore {
  /** Creates the case for a stored submission (idempotent). */
  ensureCase(c: NewCase): Promise<void>;
  get(publicId: string): Promise<CaseRecord | undefined>;
  getById(submissionId: number): Promise<CaseRecord | undefined>;
  /**
   * Inside a unit of work: another hub node's change to this case waits until it ends (#19), so what
   * is read next is what the change is made on. SQLite's write transaction keeps them apart already.
   */
  lockCase(submissionId: number): Promise<void>;
  list(q: CaseQuery): Promise<{ rows: CaseListRow[]; total: number }>;
  /** Counts per status with the same visibility and filters, status filter ignored. */
  countsByStatus(q: Omit<CaseQuery, 'status' | 'sort' | 'dir' | 'limit' | 'offset'>): Promise<Record<string, number>>;
  setStatus(submissionId: number, status: CaseStatus, at: number): Promise<void>;
  setAssignee(submissionId: number, assignee: { account: string; name: string } | null, at: number): Promise<void>;
  addNote(submissionId: number, note: { author: string; text: string; at: number }): Promise<void>;
  notes(submissionId: number): Promise<{ at: number; author: string; text: string }[]>;
  saveDecision(submissionId: number, d: StoredDecision): Promise<void>;
  decision(submissionId: number): Promise<StoredDecision | undefined>;
  /**
   * The decided cases of a profile that name any of these persons (a fødselsnummer anywhere in the
   * application, through case_persons), other than `except`, decided before `decidedBefore` when given:
   * the rules' history (#15), e.g. the leave already granted a child this school year.
   */
  decidedNaming(q: { profileId: string; personNumbers: readonly string[]; except: number; decidedBefore?: number }): Promise<DecidedCase[]>;
  /** The last `limit` decided cases of a profile, the latest decision first: the rules' test run (#15). */
  lastDecided(profileId: string, limit: number): Promise<DecidedCase[]>;
  saveLetter(submissionId: number, l: StoredLetter): Promise<void>;
  letter(submissionId: number): Promise<StoredLetter | undefined>;
  addApproval(submissionId: number, a: { by: string; role: Role; at: number }): Promise<void>;
  approvals(submissionId: number): Promise<{ at: number; by: string; role: Role }[]>;
  /** #14: a leader sent the case back or rejected the letter: the approvals so far no longer count (the timeline keeps them). */
  clearApprovals(submissionId: number): Promise<void>;
  /** #14: a leader rejected the letter: the decision and its letter are gone; the caseworker decides again (the timeline and audit keep what was). */
  clearDecision(submissionId: number): Promise<void>;
  /** Only the case's own kinds: quarantine actions are written by the quarantine store. */
  addEvent(submissionId: number, e: CaseEvent): Promise<void>;
  events(submissionId: number): Promise<TimelineEvent[]>;
}
