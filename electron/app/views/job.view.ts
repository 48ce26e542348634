import type { JobCase, JobCaseRef, JobRecord, JobStore } from '../../core/ports/job-store.port';
import { redactText } from '../../core/redact';
import type { JobSummary } from '../../ipc';

/** A job as the UI sees it: no payload, the error text redacted, the case it concerns when the hub found one. */
export const toJobSummary = (j: JobRecord, c: JobCase | null = null): JobSummary => ({
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
  // the archive's case number when there is one, else the public title (what the public journal may show): never personal data
  case: c ? { publicId: c.publicId, label: c.caseNumber ?? redactText(c.title ?? c.publicId.slice(0, 8)) } : null,
});

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

/**
 * How a job's payload points at its case, by the keys the job types carry (#14): a submission id
 * (registers.enrich, rules.decide), an archive entry (noark.*), a reply (correspondence.send, print.send),
 * a hand-over (routing.*) or an Altinn item (ingest.confirm). System jobs have none.
 */
export function jobCaseRef(j: Pick<JobRecord, 'payload'>): JobCaseRef | null {
  let p: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(j.payload);
    if (!parsed || typeof parsed !== 'object') return null;
    p = parsed as Record<string, unknown>;
  } catch {
    return null;
  }
  if (typeof p.submissionId === 'number') return { kind: 'submission', id: p.submissionId };
  const entry = str(p.entryKey);
  if (entry) return { kind: 'entry', key: entry };
  const reply = str(p.replyKey);
  if (reply) return { kind: 'reply', key: reply };
  const source = str(p.source);
  const sourceId = str(p.sourceId);
  if (source && sourceId) return { kind: 'source', source, key: sourceId };
  const key = str(p.key);
  if (key) return { kind: 'handover', key };
  return null;
}

/** Summaries of these jobs with their cases resolved in one pass. */
export async function toJobSummaries(store: Pick<JobStore, 'caseRefs'>, jobs: JobRecord[]): Promise<JobSummary[]> {
  const refs = jobs.map(jobCaseRef);
  const wanted = refs.filter((r): r is JobCaseRef => r !== null);
  const found = wanted.length ? await store.caseRefs(wanted) : [];
  let next = 0;
  return jobs.map((j, i) => toJobSummary(j, refs[i] ? (found[next++] ?? null) : null));
}
