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
}

export interface NewJob {
  type: string;
  payload: string;
  idempotencyKey: string;
  integration: string | null;
  maxAttempts: number;
  runAfter: number;
}

export interface JobCounts {
  queued: number;
  running: number;
  done: number;
  dead: number;
  deadUnresolved: number;
}

export interface IntegrationPause {
  integration: string;
  until: number;
  reason: string;
}

/** Persistence of the durable job queue. Implemented in electron/store; synchronous (SQLite). */
export interface JobStore {
  /** Inserts unless the idempotency key exists; returns the job that holds the key either way. */
  enqueue(job: NewJob, now: number): { job: JobRecord; created: boolean };
  /** Claims the oldest due queued job whose integration is not paused: status running, attempts + 1. */
  claimNext(now: number, types: readonly string[]): JobRecord | undefined;
  markDone(id: number, now: number): JobRecord;
  reschedule(id: number, runAfter: number, error: { message: string; kind: string }, now: number, countAttempt: boolean): JobRecord;
  markDead(id: number, error: { message: string; kind: string }, now: number): JobRecord;
  /** Crash recovery: every job left running by a dead process returns to the queue. */
  resetRunning(now: number): number;
  retryDead(id: number, now: number): JobRecord | undefined;
  abandonDead(id: number, now: number): JobRecord | undefined;
  get(id: number): JobRecord | undefined;
  list(filter: { status?: JobStatus; limit: number }): JobRecord[];
  counts(): JobCounts;
  /** Outbound jobs not yet done, per integration: how many, since when, and whether they are failing (the link is down). */
  waiting(): { integration: string; count: number; since: number; failing: boolean; lastError: string | null }[];
  nextRunAfter(types: readonly string[]): number | undefined;
  pause(pause: IntegrationPause): void;
  activePauses(now: number): IntegrationPause[];
  /** Deletes done jobs of these types last changed before `before`; returns how many. */
  pruneDone(before: number, types: readonly string[]): number;
}

export interface ScheduleRecord {
  name: string;
  /** When the scheduler last looked; missed slots are counted from here. */
  lastRunAt: number | null;
  /** When it last enqueued a job. */
  lastEnqueuedAt: number | null;
}

export interface ScheduleStore {
  get(name: string): ScheduleRecord | undefined;
  setLastRun(name: string, at: number, enqueued?: boolean): void;
  all(): ScheduleRecord[];
}
