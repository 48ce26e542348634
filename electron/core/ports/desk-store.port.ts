import type { CaseEvent, CaseStatus, Outcome, Role, TimelineEvent } from '../desk/desk.types';

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
  /** FTS5 match over names, titles, case numbers and form text (the caller passes the user's words). */
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
}

export interface StoredLetter {
  title: string;
  body: string;
  updatedAt: number;
  updatedBy: string;
}

/** Persistence of the desk's work. Synchronous (SQLite); call inside a UnitOfWork. */
export interface DeskStore {
  /** Creates the case for a stored submission (idempotent). */
  ensureCase(c: NewCase): void;
  get(publicId: string): CaseRecord | undefined;
  getById(submissionId: number): CaseRecord | undefined;
  list(q: CaseQuery): { rows: CaseListRow[]; total: number };
  /** Counts per status with the same visibility and filters, status filter ignored. */
  countsByStatus(q: Omit<CaseQuery, 'status' | 'sort' | 'dir' | 'limit' | 'offset'>): Record<string, number>;
  setStatus(submissionId: number, status: CaseStatus, at: number): void;
  setAssignee(submissionId: number, assignee: { account: string; name: string } | null, at: number): void;
  addNote(submissionId: number, note: { author: string; text: string; at: number }): void;
  notes(submissionId: number): { at: number; author: string; text: string }[];
  saveDecision(submissionId: number, d: StoredDecision): void;
  decision(submissionId: number): StoredDecision | undefined;
  saveLetter(submissionId: number, l: StoredLetter): void;
  letter(submissionId: number): StoredLetter | undefined;
  addApproval(submissionId: number, a: { by: string; role: Role; at: number }): void;
  approvals(submissionId: number): { at: number; by: string; role: Role }[];
  /** Only the case's own kinds: quarantine actions are written by the quarantine store. */
  addEvent(submissionId: number, e: CaseEvent): void;
  events(submissionId: number): TimelineEvent[];
}
