import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ARCHIVE_JOB, createArchiveService, RECEIPT_JOB, type ArchiveService, type ArchiveServiceDeps } from '../core/archive/archive.service';
import type { ArchivePort } from '../core/ports/archive.port';
import type { JobRunner } from '../jobs';

export interface ArchiveWiring {
  service: ArchiveService;
  transport: ArchivePort['transport'] | null;
}

/** The archive jobs: deliver an entry, and (drop folder) wait for the archive's receipt. */
export function wireArchive(
  d: { runner: JobRunner } & Pick<ArchiveServiceDeps, 'store' | 'submission' | 'profile' | 'uow' | 'audit' | 'clock' | 'logger' | 'archive' | 'receiptDelayMs'>,
): ArchiveWiring {
  const { runner, ...deps } = d;
  const service = createArchiveService({
    ...deps,
    outbox: { enqueue: (type, payload, key, options) => void runner.enqueue(type, payload, key, options) },
    newId: randomUUID,
  });
  const payload = z.object({ entryKey: z.string().min(1) });
  runner.define({ type: ARCHIVE_JOB, schema: payload, integration: 'archive', untilDelivered: true, handle: ({ entryKey }) => service.deliver(entryKey) });
  runner.define({ type: RECEIPT_JOB, schema: payload, integration: 'archive', untilDelivered: true, handle: ({ entryKey }) => service.checkReceipt(entryKey) });
  return { service, transport: d.archive?.transport ?? null };
}
