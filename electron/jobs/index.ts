export { createJobRunner, DEFAULT_LEASE_MS, type JobRunner, type JobDefinition, type JobContext, type JobRunnerOptions } from './job-runner';
export { createScheduler, validateCron, type Scheduler, type ScheduleDefinition } from './scheduler';
export { backoffDelay, defaultBackoff, type BackoffPolicy } from './backoff';
