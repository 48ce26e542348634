import { randomUUID } from 'node:crypto';
import { ARCHIVE_JOB, entryPayload, MARK_SENT_JOB, markSentPayload, RECEIPT_JOB } from '../../core/archive/archive.jobs';
import { createArchiveService, type ArchiveService, type ArchiveServiceDeps } from '../../core/archive/archive.service';
import type { ArchivePort } from '../../core/ports/archive.port';
import { job, type Feature, type FeatureDeps, type StoredSubmission } from '../feature';

export interface ArchiveFeature extends Feature {
  service: ArchiveService;
  transport: ArchivePort['transport'] | null;
  /** At ingest, in its transaction: register the application in the local archive record. */
  onStored(s: StoredSubmission): Promise<void>;
}

/** The archive: deliver an entry, and (drop folder) wait for the archive's receipt; entries waiting for a configured archive get their jobs at start. */
export function wireArchive(d: Pick<FeatureDeps, 'repos' | 'store' | 'outbox' | 'clock' | 'logger' | 'links' | 'config'> & Pick<ArchiveServiceDeps, 'onArchived'>): ArchiveFeature {
  const { intake } = d.links;
  const service = createArchiveService({
    store: d.repos.archive,
    submission: (id) => d.repos.submissions.getById(id),
    profile: (id) => intake.profiles.byId(id)?.profile,
    uow: d.store.uow,
    audit: d.repos.audit,
    clock: d.clock,
    logger: d.logger,
    archive: intake.archive,
    outbox: d.outbox,
    newId: randomUUID,
    defaultSaksbehandler: Object.keys(d.config.access.users).length ? null : (d.config.access.defaultSaksbehandler ?? null),
    timeZone: d.config.timezone,
    // what follows archiving (routing, #15), in the same transaction
    onArchived: d.onArchived,
  });
  return {
    service,
    transport: intake.archive?.transport ?? null,
    handlers: {},
    jobs: [
      job({ type: ARCHIVE_JOB, schema: entryPayload, integration: 'archive', untilDelivered: true, handle: ({ entryKey }) => service.deliver(entryKey) }),
      job({ type: RECEIPT_JOB, schema: entryPayload, integration: 'archive', untilDelivered: true, polls: true, handle: ({ entryKey }) => service.checkReceipt(entryKey) }),
      job({ type: MARK_SENT_JOB, schema: markSentPayload, integration: 'archive', untilDelivered: true, polls: true, handle: (p) => service.markSent(p) }),
    ],
    schedules: [],
    async onStored(s) {
      if (!s.quarantined) await service.registerIncoming(s.id);
    },
    async onStart() {
      // entries registered while no archive was configured get their jobs now
      const queued = await service.ensureJobs();
      if (queued) d.logger.log('info', 'archive jobs queued for waiting entries', { count: queued });
    },
  };
}
