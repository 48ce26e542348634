/**
 * The hand-overs of applications to internal systems (#15): one row per application and target,
 * written in the transaction of the step that triggers it (archived, or the final decision).
 */

export type HandoverStatus =
  /** The target is not configured (or switched off): waits for IT, like an archive entry without an archive. */
  | 'waiting'
  /** A job is queued or running. */
  | 'pending'
  /** Handed over to a folder; the target's receipt is awaited. */
  | 'awaiting-receipt'
  | 'delivered'
  /** The target refused it (its message in lastError); retried after the mapping is fixed. */
  | 'failed'
  /** A person is to enter it in the target (manual task open). */
  | 'manual'
  /** A person has entered it (manual task done). */
  | 'done';

export interface NewHandover {
  submissionId: number;
  target: string;
  /** Sent to the target as its idempotency key: random per installation, never personal data. */
  key: string;
  mode: 'automatic' | 'manual';
  status: HandoverStatus;
  after: 'archived' | 'decided';
}

export interface StoredHandover extends NewHandover {
  id: number;
  reference: string | null;
  receiptToken: string | null;
  /** The mapping version the last attempt used. */
  mappingVersion: number | null;
  lastError: string | null;
  /** The person who completed a manual hand-over (account). */
  doneBy: string | null;
  createdAt: number;
  updatedAt: number;
  deliveredAt: number | null;
}

export type HandoverPatch = Partial<Pick<StoredHandover, 'status' | 'mode' | 'reference' | 'receiptToken' | 'mappingVersion' | 'lastError' | 'doneBy' | 'deliveredAt'>>;

export interface HandoverStore {
  /** Inserts unless the application already has a hand-over to this target; returns the row either way. */
  insert(h: NewHandover, now: number): Promise<StoredHandover>;
  byKey(key: string): Promise<StoredHandover | undefined>;
  get(submissionId: number, target: string): Promise<StoredHandover | undefined>;
  forSubmission(submissionId: number): Promise<StoredHandover[]>;
  /** Locks the row for the rest of the transaction (PostgreSQL: FOR UPDATE; SQLite: the write lock). */
  lock(key: string): Promise<StoredHandover | undefined>;
  update(key: string, patch: HandoverPatch, now: number): Promise<void>;
  /** Hand-overs in these states, oldest first (start-up: jobs for the waiting ones). */
  withStatus(statuses: readonly HandoverStatus[], limit: number): Promise<StoredHandover[]>;
  /** Counts per target and status (the status screen). */
  counts(): Promise<{ target: string; status: HandoverStatus; count: number }[]>;
}
