import { createQuarantineService, type QuarantineService, type QuarantineView } from '../../core/quarantine/quarantine.service';
import type { ChannelOutput } from '../../ipc';
import type { Feature, FeatureDeps, StoredSubmission } from '../feature';

/** Days either side of a quarantined submission in which the same person's submission to the same service is shown as a possible original. */
export const DUPLICATE_WINDOW_DAYS = 14;

type QuarantineChannel = 'quarantine.view' | 'quarantine.revalidate' | 'quarantine.register' | 'quarantine.markDuplicate' | 'quarantine.reject';

export interface QuarantineFeature extends Feature<QuarantineChannel> {
  service: QuarantineService;
}

const toDto = (v: QuarantineView): ChannelOutput<'quarantine.view'> => ({
  publicId: v.publicId,
  open: v.open,
  code: v.code,
  raw: v.raw,
  explanation: v.explanation,
  resolution: v.resolution && { outcome: v.resolution.outcome, duplicateOfPublicId: v.resolution.duplicateOfPublicId, reason: v.resolution.reason, resolvedAt: v.resolution.resolvedAt },
  candidates: v.candidates.map((c) => ({ publicId: c.publicId, status: c.status, applicantName: c.applicantName, title: c.title, submittedAt: c.submittedAt })),
  duplicateWindowDays: DUPLICATE_WINDOW_DAYS,
  manual: v.manual && { fields: v.manual.fields, lists: v.manual.lists },
  can: v.can,
});

/**
 * Quarantine's way out (#13 item 13), acting as the directory's current user. A submission that
 * becomes a case runs the same hooks ingest runs when it stores an application (`onAccepted`:
 * the desk's, the archive's and the replies' onStored), in the accepting transaction.
 */
export function wireQuarantine(
  d: Pick<FeatureDeps, 'store' | 'repos' | 'clock' | 'links' | 'users' | 'cases' | 'emit'> & { onAccepted: ((s: StoredSubmission) => Promise<void>)[] },
): QuarantineFeature {
  const { intake } = d.links;
  const service = createQuarantineService({
    store: d.repos.quarantine,
    submissions: d.repos.submissions,
    cases: d.cases,
    profiles: intake.profiles,
    forms: intake.forms,
    onAccepted: async (s) => {
      // in order, each inside the accepting transaction
      for (const hook of d.onAccepted) await hook(s);
    },
    duplicateWindowDays: DUPLICATE_WINDOW_DAYS,
    uow: d.store.uow,
    audit: d.repos.audit,
    clock: d.clock,
  });
  const me = () => d.users.current();
  /** The inbox's counts change when a submission leaves quarantine. */
  const changed = async (v: QuarantineView) => {
    const c = await d.repos.submissions.counts(d.cases.hiddenProfileIds(me()));
    d.emit('submissions.changed', { received: c.received, quarantined: c.quarantined });
    return toDto(v);
  };
  return {
    service,
    jobs: [],
    schedules: [],
    handlers: {
      'quarantine.view': async ({ publicId }) => toDto(await service.view(me(), publicId)),
      'quarantine.revalidate': async ({ publicId }) => changed(await service.revalidate(me(), publicId)),
      'quarantine.register': async ({ publicId, fields, lists }) => changed(await service.register(me(), publicId, { fields, lists })),
      'quarantine.markDuplicate': async ({ publicId, of }) => changed(await service.markDuplicate(me(), publicId, of)),
      'quarantine.reject': async ({ publicId, reason }) => changed(await service.reject(me(), publicId, reason)),
    },
  };
}
