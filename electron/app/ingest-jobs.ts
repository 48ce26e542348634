import { z } from 'zod';
import { CONFIRM_JOB, createIngestService, type IngestService } from '../core/ingest/ingest.service';
import type { SourceKind } from '../core/ingest/submission';
import type { AuditLog } from '../core/ports/audit-log.port';
import type { Clock } from '../core/ports/clock.port';
import type { FormReaderPort, ProfileLookup } from '../core/ports/form-reader.port';
import type { UnitOfWork } from '../core/ports/job-store.port';
import type { Logger } from '../core/ports/logger.port';
import type { SubmissionStore } from '../core/ports/submission-store.port';
import type { SubmissionSource } from '../core/ports/submission-source.port';
import type { JobRunner, ScheduleDefinition } from '../jobs';
import type { AppConfig } from './config/config.schema';

export const POLL_JOB = 'ingest.poll';

const sourceSchema = z.enum(['altinn3', 'altinn2']);
const refSchema = z.object({
  source: sourceSchema,
  sourceId: z.string().min(1),
  serviceKey: z.string(),
  a2ArchiveRef: z.string().nullable(),
  lastChanged: z.number(),
});

export interface IngestWiring {
  service: IngestService;
  schedules: ScheduleDefinition[];
  sources: SourceKind[];
  /** Enqueues a poll of each (or one) source now. */
  pollNow(source?: SourceKind): number[];
}

/** The ingest jobs: a poll per configured source on its schedule, and a confirm job per stored item. */
export function wireIngest(d: {
  runner: JobRunner;
  store: SubmissionStore;
  uow: UnitOfWork;
  audit: AuditLog;
  clock: Clock;
  logger: Logger;
  config: AppConfig;
  sources: ReadonlyMap<SourceKind, SubmissionSource>;
  schedules: ReadonlyMap<SourceKind, string>;
  profiles: ProfileLookup;
  forms: FormReaderPort;
  onPolled?: () => void;
  afterStore?: (stored: { id: number; publicId: string; quarantined: boolean; profileId: string | null; receivedAt: number }) => void;
}): IngestWiring {
  const service = createIngestService({
    sources: d.sources,
    store: d.store,
    uow: d.uow,
    outbox: { enqueue: (type, payload, key, options) => void d.runner.enqueue(type, payload, key, options) },
    audit: d.audit,
    clock: d.clock,
    logger: d.logger,
    profiles: d.profiles,
    forms: d.forms,
    limits: { maxPartBytes: d.config.ingest.maxPartBytes, maxParts: d.config.ingest.maxParts },
    concurrency: d.config.ingest.concurrency,
    afterStore: d.afterStore,
  });
  // one poll per source at a time: a schedule firing during a long poll has nothing to add
  const polling = new Set<SourceKind>();
  d.runner.define({
    type: POLL_JOB,
    schema: z.object({ source: sourceSchema }),
    integration: 'altinn',
    handle: async ({ source }) => {
      if (polling.has(source)) return;
      polling.add(source);
      try {
        const r = await service.poll(source);
        d.logger.log('info', 'ingest poll done', { source, ...r });
      } finally {
        polling.delete(source);
        d.onPolled?.();
      }
    },
  });
  d.runner.define({ type: CONFIRM_JOB, schema: refSchema, integration: 'altinn', untilDelivered: true, handle: (ref) => service.confirm(ref) });

  const sources = [...d.sources.keys()];
  return {
    service,
    sources,
    schedules: sources.map((source) => ({ name: `ingest.${source}`, cron: d.schedules.get(source) ?? '*/5 * * * *', jobType: POLL_JOB, payload: { source }, enabled: true })),
    pollNow(source) {
      const now = d.clock.now();
      return (source ? [source] : sources).map((s) => d.runner.enqueue(POLL_JOB, { source: s }, `${POLL_JOB}:${s}:manual:${now}`).job.id);
    },
  };
}
