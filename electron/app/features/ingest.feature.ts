import { CONFIRM_JOB, confirmPayload, INGEST_POLL_JOB, ingestPollPayload, manualPollKey } from '../../core/ingest/ingest.jobs';
import { createIngestService, type IngestService } from '../../core/ingest/ingest.service';
import type { SourceKind } from '../../core/ingest/submission';
import { NotFound } from '../invoke';
import { job, type Feature, type FeatureDeps, type StoredSubmission } from '../feature';
import { archiveRecordOf, toDetailDto, toSummaryDto } from '../views/submission.view';

export interface IngestFeature extends Feature<'submissions.list' | 'submissions.get' | 'ingest.pollNow'> {
  service: IngestService;
  sources: SourceKind[];
  /** Enqueues a poll of each (or one) source now. */
  pollNow(source?: SourceKind): number[];
}

/** Ingest: a poll per configured source on its schedule, a confirm job per stored item, and the submission views. */
export function wireIngest(
  d: Pick<FeatureDeps, 'config' | 'store' | 'repos' | 'runner' | 'outbox' | 'clock' | 'logger' | 'links' | 'users' | 'labels' | 'cases' | 'emit'> & {
    /** Run in the transaction that stores a submission, in order: the follow-up work it needs is committed with it. */
    onStored: ((s: StoredSubmission) => void)[];
  },
): IngestFeature {
  const { intake, config: links } = d.links;
  const submissions = d.repos.submissions;
  const service = createIngestService({
    sources: intake.sources,
    store: submissions,
    uow: d.store,
    outbox: d.outbox,
    audit: d.repos.audit,
    clock: d.clock,
    logger: d.logger,
    profiles: intake.profiles,
    forms: intake.forms,
    limits: { maxPartBytes: d.config.ingest.maxPartBytes, maxParts: d.config.ingest.maxParts },
    concurrency: d.config.ingest.concurrency,
    afterStore: (s) => d.onStored.forEach((hook) => hook(s)),
  });
  const me = () => d.users.current();
  // the counts the UI gets are the current user's: screened services outside their groups are left out
  const visibleCounts = () => submissions.counts(d.cases.hiddenProfileIds(me()));
  const onPolled = () => {
    const c = visibleCounts();
    d.emit('submissions.changed', { received: c.received, quarantined: c.quarantined });
  };
  // one poll per source at a time: a schedule firing during a long poll has nothing to add
  const polling = new Set<SourceKind>();
  const sources = [...intake.sources.keys()];
  const cron: Record<SourceKind, string | undefined> = { altinn3: links.altinn?.schedule, altinn2: links.altinn2?.schedule };
  const pollNow = (source?: SourceKind) => {
    const now = d.clock.now();
    return (source ? [source] : sources).map((s) => d.runner.enqueue(INGEST_POLL_JOB, { source: s }, manualPollKey(s, now)).job.id);
  };

  return {
    service,
    sources,
    pollNow,
    jobs: [
      job({
        type: INGEST_POLL_JOB,
        schema: ingestPollPayload,
        integration: 'altinn',
        handle: async ({ source }) => {
          if (polling.has(source)) return;
          polling.add(source);
          try {
            const r = await service.poll(source);
            d.logger.log('info', 'ingest poll done', { source, ...r });
          } finally {
            polling.delete(source);
            onPolled();
          }
        },
      }),
      job({ type: CONFIRM_JOB, schema: confirmPayload, integration: 'altinn', untilDelivered: true, handle: (ref) => service.confirm(ref) }),
    ],
    schedules: sources.map((source) => ({ name: `ingest.${source}`, cron: cron[source] ?? '*/5 * * * *', jobType: INGEST_POLL_JOB, payload: { source }, enabled: true })),
    handlers: {
      'submissions.list': (input) => ({
        items: submissions
          .list({ status: input.status, limit: input.limit, offset: input.offset, hiddenProfileIds: d.cases.hiddenProfileIds(me()) })
          .map((x) => toSummaryDto(x, d.labels(x.profileId))),
        counts: visibleCounts(),
      }),
      'submissions.get': (input) => {
        // through the case gate: a screened case the user may not see is "not found", and the refusal is audited
        const s = d.cases.visible(me(), input.publicId).submission;
        return toDetailDto(s, d.labels(s.profileId), archiveRecordOf(d.repos.archive, s.id));
      },
      'ingest.pollNow': (input) => {
        if (input.source && !sources.includes(input.source)) throw new NotFound(`Kilden ${input.source} er ikke satt opp.`);
        const jobIds = d.store.transaction(() => pollNow(input.source));
        return { jobIds };
      },
    },
    onStart() {
      // fetch at once on start rather than waiting for the first slot
      if (sources.length) d.store.transaction(() => pollNow());
    },
  };
}
