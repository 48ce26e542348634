import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ARCHIVE_JOB, createArchiveService, RECEIPT_JOB, type ArchiveService } from '../core/archive/archive.service';
import type { ArchivePort } from '../core/ports/archive.port';
import type { ArchiveStore } from '../core/ports/archive-store.port';
import type { AuditLog } from '../core/ports/audit-log.port';
import type { Clock } from '../core/ports/clock.port';
import type { UnitOfWork } from '../core/ports/job-store.port';
import type { Logger } from '../core/ports/logger.port';
import type { SubmissionDetail } from '../core/ports/submission-store.port';
import type { ServiceProfile } from '../core/profiles/profile.schema';
import type { JobRunner } from '../jobs';

export interface ArchiveWiring {
  service: ArchiveService;
  transport: ArchivePort['transport'] | null;
}

/** The archive jobs: deliver an entry, and (drop folder) wait for the archive's receipt. */
export function wireArchive(d: {
  runner: JobRunner;
  store: ArchiveStore;
  submission(id: number): SubmissionDetail | undefined;
  profile(id: string): ServiceProfile | undefined;
  uow: UnitOfWork;
  audit: AuditLog;
  clock: Clock;
  logger: Logger;
  archive: ArchivePort | null;
  receiptDelayMs?: number;
}): ArchiveWiring {
  const service = createArchiveService({
    store: d.store,
    submission: d.submission,
    profile: d.profile,
    uow: d.uow,
    outbox: { enqueue: (type, payload, key, options) => void d.runner.enqueue(type, payload, key, options) },
    audit: d.audit,
    clock: d.clock,
    logger: d.logger,
    archive: d.archive,
    newId: randomUUID,
    receiptDelayMs: d.receiptDelayMs,
  });
  const payload = z.object({ entryKey: z.string().min(1) });
  d.runner.define({ type: ARCHIVE_JOB, schema: payload, integration: 'archive', handle: ({ entryKey }) => service.deliver(entryKey) });
  d.runner.define({ type: RECEIPT_JOB, schema: payload, integration: 'archive', handle: ({ entryKey }) => service.checkReceipt(entryKey) });
  return { service, transport: d.archive?.transport ?? null };
}
