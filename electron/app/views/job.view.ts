import type { JobRecord } from '../../core/ports/job-store.port';
import type { JobSummary } from '../../ipc';

export const toJobSummary = (j: JobRecord): JobSummary => ({
  id: j.id,
  type: j.type,
  status: j.status,
  attempts: j.attempts,
  maxAttempts: j.maxAttempts,
  integration: j.integration,
  runAfter: j.runAfter,
  createdAt: j.createdAt,
  updatedAt: j.updatedAt,
  lastError: j.lastError,
  lastErrorKind: j.lastErrorKind,
  abandoned: j.abandoned,
});
