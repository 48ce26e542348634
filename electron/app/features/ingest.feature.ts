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
  pollNow(source?: SourceKind): Promise<number[]>;
}

/** Submissions stored in one SQLite transaction at most. */
const GROUP_COMMIT = 16;

/** Ingest: a poll per configured source on its schedule, a confirm job per stored item, and the submission views. */
export function wireIngest(
  d: Pick<FeatureDeps, 'config' | 'store' | 'repos' | 'runner' | 'outbox' | 'clock' | 'logger' | 'links' | 'users' | 'labels' | 'cases' | 'emit' | 'leadership'> & {
    /** Run in the transaction that stores a submission, in order: the follow-up work it needs is committed with it. */
    onStored: ((s: StoredSubmission) => Promise<void>)[];
  },
): IngestFeature {
  const { intake, config: links } = d.links;
  const submissions = d.repos.submissions;
  const service = createIngestService({
    sources: intake.sources,
    store: submissions,
    uow: d.store.uow,
    outbox: d.outbox,
    audit: d.repos.audit,
    clock: d.clock,
    logger: d.logger,
    profiles: intake.profiles,
    forms: intake.forms,
    limits: { maxPartBytes: d.config.ingest.maxPartBytes, maxParts: d.config.ingest.maxParts },
    concurrency: d.config.ingest.concurrency,
    // SQLite serialises units on its one connection: several submissions per commit cost less than one each (#18)
    groupCommit: d.store.sql.dialect === 'sqlite' ? GROUP_COMMIT : 1,
    afterStore: async (s) => {
      // in order, each inside the storing transaction
      for (const hook of d.onStored) await hook(s);
    },
  });
  const me = () => d.users.current();
  // the counts the UI gets are the current user's: screened services outside their groups are left out
  const visibleCounts = () => submissions.counts(d.cases.hiddenProfileIds(me()));
  const onPolled = async () => {
    const c = await visibleCounts();
    d.emit('submissions.changed', { received: c.received, quarantined: c.quarantined });
  };
  const sources = [...intake.sources.keys()];
  const cron: Record<SourceKind, string | undefined> = { altinn3: links.altinn?.schedule, altinn2: links.altinn2?.schedule };
  const pollNow = async (source?: SourceKind): Promise<number[]> => {
    const now = d.clock.now();
    const ids: number[] = [];
    for (const s of source ? [source] : sources) ids.push((await d.runner.enqueue(INGEST_POLL_JOB, { source: s }, manualPollKey(s, now))).job.id);
    return ids;
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
          // one poll per source at a time, across every hub node on the store (a session advisory lock on
          // PostgreSQL, freed at once if the node dies): a poll firing during another has nothing to add
          let ran = false;
          try {
            await d.leadership.exclusive(`ingest.${source}`, async () => {
              ran = true;
              const r = await service.poll(source);
              d.logger.log('info', 'ingest poll done', { source, ...r });
            });
          } finally {
            // the counts go out after every poll this node ran, a failed one too
            if (ran) await onPolled();
          }
        },
      }),
      job({ type: CONFIRM_JOB, schema: confirmPayload, integration: 'altinn', untilDelivered: true, handle: (ref) => service.confirm(ref) }),
    ],
    schedules: sources.map((source) => ({ name: `ingest.${source}`, cron: cron[source] ?? '*/5 * * * *', jobType: INGEST_POLL_JOB, payload: { source }, enabled: true })),
    handlers: {
      'submissions.list': async (input) => ({
        items: (await submissions.list({ status: input.status, limit: input.limit, offset: input.offset, hiddenProfileIds: d.cases.hiddenProfileIds(me()) })).map((x) =>
          toSummaryDto(x, d.labels(x.profileId)),
        ),
        counts: await visibleCounts(),
      }),
      'submissions.get': async (input) => {
        // through the case gate: a screened case the user may not see is "not found", and the refusal is audited
        const s = (await d.cases.visible(me(), input.publicId)).submission;
        return toDetailDto(s, d.labels(s.profileId), await archiveRecordOf(d.repos.archive, s.id));
      },
      'ingest.pollNow': async (input) => {
        if (input.source && !sources.includes(input.source)) throw new NotFound(`Kilden ${input.source} er ikke satt opp.`);
        const jobIds = await d.store.uow.run(() => pollNow(input.source));
        return { jobIds };
      },
    },
    async onStart() {
      // fetch at once on start rather than waiting for the first slot
      if (sources.length) await d.store.uow.run(() => pollNow());
    },
  };
}
