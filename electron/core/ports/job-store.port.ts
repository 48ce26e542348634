export type JobStatus = 'queued' | 'running' | 'done' | 'dead';

export interface JobRecord {
  id: number;
  type: string;
  payload: string;
  idempotencyKey: string;
  integration: string | null;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  runAfter: number;
  lastError: string | null;
  lastErrorKind: string | null;
  abandoned: boolean;
  createdAt: number;
  updatedAt: number;
  /** The hub node that runs it while running (its lease), and until when the lease holds; null otherwise. */
  leaseOwner: string | null;
  leaseUntil: number | null;
}

export interface NewJob {
  type: string;
  payload: string;
  idempotencyKey: string;
  integration: string | null;
  maxAttempts: number;
  runAfter: number;
}

export interface JobListFilter {
  status?: JobStatus;
  /** With status 'dead': given up (true) or still waiting for someone (false). */
  abandoned?: boolean;
  integration?: string;
  createdAfter?: number;
  createdBefore?: number;
  ids?: readonly number[];
  /** The Jobber screen's search (#14): the job number, its type, or its case's number or public title. */
  q?: string;
  /** Types whose name in the user's language matches `q`: the UI's words, which the hub does not know. */
  qTypes?: readonly string[];
  limit: number;
}

/** How a job's payload names its case: the submission itself, an archive entry, a reply, a hand-over or an Altinn item. */
export type JobCaseRef =
  | { kind: 'submission'; id: number }
  | { kind: 'entry'; key: string }
  | { kind: 'reply'; key: string }
  | { kind: 'handover'; key: string }
  | { kind: 'source'; source: string; key: string };


/** A job's case as the Jobber screen names it: the public title and the archive's case number, never personal data. */
export interface JobCase {
  publicId: string;
  caseNumber: string | null;
  title: string | null;
}

export interface JobCounts {
  queued: number;
  running: number;
  done: number;
  dead: number;
  deadUnresolved: number;
}

/** Who holds a claimed job, and until when: a node that stops renewing loses its jobs to the others. */
export interface JobLease {
  owner: string;
  until: number;
}

export interface IntegrationPause {
  integration: string;
  until: number;
  reason: string;
}

/** Persistence of the durable job queue. Implemented in electron/store (SQLite, PostgreSQL). */
export interface JobStore {
  /** Inserts unless the idempotency key exists; returns the job that holds the key either way. */
  enqueue(job: NewJob, now: number): Promise<{ job: JobRecord; created: boolean }>;
  /**
   * Claims the oldest due queued job whose integration is not paused: status running, attempts + 1,
   * held by `lease` (safe against other nodes claiming at the same moment).
   */
  claimNext(now: number, types: readonly string[], lease: JobLease): Promise<JobRecord | undefined>;
  /** markDone, reschedule and markDead release the job's lease. */
  markDone(id: number, now: number): Promise<JobRecord>;
  reschedule(id: number, runAfter: number, error: { message: string; kind: string }, now: number, countAttempt: boolean): Promise<JobRecord>;
  markDead(id: number, error: { message: string; kind: string }, now: number): Promise<JobRecord>;
  /**
   * Crash recovery at start: every job left running by a dead process returns to the queue, or, on a
   * store shared with other nodes, only those leased by `owner` (this node's earlier life under the
   * same name). Returns how many.
   */
  resetRunning(now: number, owner?: string): Promise<number>;
  /** Extends the lease of every job this owner is running to `until`; returns how many. */
  renewLeases(owner: string, until: number): Promise<number>;
  /** Crash recovery while others run: running jobs whose lease ran out before `now` (or that have none) return to the queue. Returns how many. */
  requeueExpired(now: number): Promise<number>;
  retryDead(id: number, now: number): Promise<JobRecord | undefined>;
  abandonDead(id: number, now: number): Promise<JobRecord | undefined>;
  get(id: number): Promise<JobRecord | undefined>;
  list(filter: JobListFilter): Promise<JobRecord[]>;
  /** The case each reference points to, in the same order (#14: a job's case on the Jobber screen); null where none is found. */
  caseRefs(refs: readonly JobCaseRef[]): Promise<(JobCase | null)[]>;
  counts(): Promise<JobCounts>;
  /** Outbound jobs not yet done, per integration: how many, since when, and whether they are failing (the link is down). */
  waiting(): Promise<{ integration: string; count: number; since: number; failing: boolean; lastError: string | null }[]>;
  nextRunAfter(types: readonly string[]): Promise<number | undefined>;
  pause(pause: IntegrationPause): Promise<void>;
  activePauses(now: number): Promise<IntegrationPause[]>;
  /** Deletes done jobs of these types last changed before `before`; returns how many. */
  pruneDone(before: number, types: readonly string[]): Promise<number>;
}

export interface ScheduleRecord {
  name: string;
  /** When the scheduler last looked; missed slots are counted from here. */
  lastRunAt: number | null;
  /** When it last enqueued a job. */
  lastEnqueuedAt: number | null;
}

export interface ScheduleStore {
  get(name: string): Promise<ScheduleRecord | undefined>;
  setLastRun(name: string, at: number, enqueued?: boolean): Promise<void>;
  all(): Promise<ScheduleRecord[]>;
}
