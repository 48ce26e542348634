import { randomUUID } from 'node:crypto';
import { HANDOVER_JOB, HANDOVER_RECEIPT_JOB, handoverPayload } from '../../core/routing/routing.jobs';
import { createRoutingService, type RoutingService } from '../../core/routing/routing.service';
import type { routingChannels } from '../../ipc';
import { job, type Feature, type FeatureDeps } from '../feature';

type RoutingChannel = keyof typeof routingChannels;

export interface RoutingFeature extends Feature<RoutingChannel> {
  service: RoutingService;
}

/**
 * Routing (#15): hand-overs to the internal systems after archiving or the decision (the archive
 * and the desk call its hooks in their transactions), the jobs that hand over and read receipts,
 * and the manual task. Hand-overs that waited for a target get their jobs at start.
 */
export function wireRouting(d: Pick<FeatureDeps, 'repos' | 'store' | 'outbox' | 'clock' | 'logger' | 'links' | 'config' | 'users' | 'cases' | 'host'>): RoutingFeature {
  const { internal, intake } = d.links;
  const service = createRoutingService({
    store: d.repos.handovers,
    designs: d.repos.designs,
    desk: d.repos.desk,
    archive: d.repos.archive,
    cases: d.cases,
    submission: (id) => d.repos.submissions.getById(id),
    profile: (id) => intake.profiles.byId(id),
    // the register's answer as cached at the desk (expired too: better than none); never a lookup of its own
    registerPerson: async (personNumber) => (await d.repos.registerCache.person(personNumber, Number.MIN_SAFE_INTEGER))?.facts ?? null,
    targets: () => internal.targets,
    port: (target) => internal.ports.get(target),
    mapper: internal.mapper,
    mappingTarget: (target) => internal.mappingTarget(target),
    letters: d.links.letters,
    userName: (account) => d.users.byAccount(account)?.name ?? account,
    municipality: { name: d.config.municipality?.name ?? (d.host.demo ? 'Demo kommune' : 'Kommunen'), orgNumber: d.config.municipality?.orgNumber ?? null },
    uow: d.store.uow,
    outbox: d.outbox,
    audit: d.repos.audit,
    clock: d.clock,
    logger: d.logger,
    newKey: randomUUID,
    timeZone: d.config.timezone,
  });
  const me = () => d.users.current();
  return {
    service,
    handlers: {
      'handovers.forCase': ({ publicId }) => service.forCase(me(), publicId),
      'handovers.retry': ({ publicId, target }) => service.retry(me(), publicId, target),
      'handovers.task': ({ publicId, target }) => service.task(me(), publicId, target),
      'handovers.summaryPdf': async ({ publicId, target }) => {
        const pdf = await service.summaryPdf(me(), publicId, target);
        return { pdfBase64: Buffer.from(pdf.bytes).toString('base64'), pages: pdf.pages };
      },
      'handovers.complete': ({ publicId, target, reference }) => service.complete(me(), publicId, target, reference),
    },
    jobs: [
      job({ type: HANDOVER_JOB, schema: handoverPayload, integration: 'internal', untilDelivered: true, handle: ({ key }) => service.handOver(key) }),
      job({ type: HANDOVER_RECEIPT_JOB, schema: handoverPayload, integration: 'internal', untilDelivered: true, polls: true, handle: ({ key }) => service.checkReceipt(key) }),
    ],
    schedules: [],
    async onStart() {
      // hand-overs made while their target was not configured (or switched off) get their jobs now
      const queued = await service.ensureJobs();
      if (queued) d.logger.log('info', 'routing jobs queued for waiting hand-overs', { count: queued });
    },
  };
}
