import type { JobRecord } from '../../core/ports/job-store.port';
import { redactText } from '../../core/redact';
import type { JobSummary } from '../../ipc';

/** A job as the UI sees it: no payload, the error text redacted. */
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
  // redacted as everywhere an error crosses to the UI (system.status too): no fødselsnummer, no credentials
  lastError: j.lastError === null ? null : redactText(j.lastError),
  lastErrorKind: j.lastErrorKind,
  abandoned: j.abandoned,
});
