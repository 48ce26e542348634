import type { JobRecord } from '../core/ports/job-store.port';

/**
 * How one run of a job ended: 'done', 'failed' (back in the queue for another attempt, or paused
 * by a rate limit) or 'dead'. Health (#17 item 3) counts these per integration.
 */
export interface JobOutcome {
  /** The job as it stands after the run. */
  job: JobRecord;
  outcome: 'done' | 'failed' | 'dead';
  /** The error as the runner recorded it (kind and message as classified); null when done. */
  error: { kind: string; message: string } | null;
  at: number;
  /** A polling job's transient failure: "not yet" (the receipt has not come), not the integration failing. */
  notYet: boolean;
}

/** Awaited before the run's job.updated goes out, so what it records is there when a screen refetches; a failure is logged, never fails the job. */
export type JobOutcomeListener = (outcome: JobOutcome) => void | Promise<void>;

/** The outcome of a run, read off the job as the run left it. */
export function outcomeOf(job: JobRecord, at: number, polls: boolean): JobOutcome {
  const outcome = job.status === 'done' ? 'done' : job.status === 'dead' ? 'dead' : 'failed';
  const error = outcome === 'done' ? null : { kind: job.lastErrorKind ?? 'transient', message: job.lastError ?? '' };
  return { job, outcome, error, at, notYet: polls && outcome === 'failed' && error?.kind === 'transient' };
}
