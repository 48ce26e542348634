import { randomUUID } from 'node:crypto';
import { dokumentnummerText, saksnummer } from '../../core/archive/archive-record';
import { createMappingDesigner, type DesignVersion, type MappingDesigner } from '../../core/designer/mapping-designer.service';
import { buildHandoverDocument } from '../../core/routing/handover-document.builder';
import type { designerChannels } from '../../ipc';
import { designAuthorName } from '../../core/ports/design-store.port';
import type { Feature, FeatureDeps } from '../feature';
import { designDiff } from '../views/design-diff';

type MappingChannel = Extract<keyof typeof designerChannels, `mappings.${string}`>;

export interface DesignerFeature extends Feature<MappingChannel> {
  mappings: MappingDesigner;
}


/**
 * The mapping designer for IT staff (#15 item 7): the `mappings.*` channels over the versioned
 * designs, previews through the hub's payload mapper, and at start version 1 of each route's
 * mapping from the profile's file (a design that has versions keeps them).
 */
export function wireDesigner(d: Pick<FeatureDeps, 'repos' | 'store' | 'clock' | 'links' | 'config' | 'users' | 'cases' | 'host'>): DesignerFeature {
  const { internal, intake } = d.links;
  const municipality = { name: d.config.municipality?.name ?? (d.host.demo ? 'Demo kommune' : 'Kommunen'), orgNumber: d.config.municipality?.orgNumber ?? null };
  const userName = (account: string) => designAuthorName(account, (a) => d.users.byAccount(a));

  /** The archive's numbers of the incoming entry, once archived. */
  async function archived(submissionId: number) {
    const entry = await d.repos.archive.incomingEntryOf(submissionId);
    const caseFile = entry ? await d.repos.archive.caseFile(entry.caseFileId) : undefined;
    if (!entry || !caseFile?.archived) return null;
    return { caseNumber: saksnummer(caseFile.archived), journalpost: entry.archived ? dokumentnummerText(caseFile.archived, entry.archived) : null };
  }

  const mappings = createMappingDesigner({
    designs: d.repos.designs,
    mapper: internal.mapper,
    profiles: () => intake.profiles.all(),
    target: (id) => {
      const t = internal.targets[id];
      return t && { name: t.name, transport: t.transport };
    },
    // a target not configured yet is designed as JSON without a schema
    mappingTarget: (id) => (internal.targets[id] ? internal.mappingTarget(id) : { format: 'json', schema: null }),
    async caseDocument(publicId, target) {
      const sub = await d.repos.submissions.get(publicId);
      const loaded = sub?.profileId ? intake.profiles.byId(sub.profileId) : undefined;
      if (!sub) return undefined;
      if (!loaded) return { profileId: sub.profileId };
      const decision = await d.repos.desk.decision(sub.id);
      const personNumber = sub.form?.applicant.personNumber ?? sub.reportee.personNumber;
      const document = buildHandoverDocument({
        // a preview's key: never the key of a real hand-over
        key: `forhandsvisning-${randomUUID()}`,
        target,
        submission: sub,
        profile: loaded.profile,
        archived: await archived(sub.id),
        // the register's answer as cached at the desk; a preview never looks a person up
        register: personNumber ? ((await d.repos.registerCache.person(personNumber, Number.MIN_SAFE_INTEGER))?.facts ?? null) : null,
        decision: decision ? { ...decision, decidedBy: userName(decision.decidedBy) } : null,
        municipality,
        timeZone: d.config.timezone,
      });
      return { document, profileId: sub.profileId };
    },
    maySee: (user, publicId) => d.cases.maySee(user, publicId),
    userName,
    municipality,
    uow: d.store.uow,
    audit: d.repos.audit,
    clock: d.clock,
  });
  const me = () => d.users.current();
  const dto = (v: DesignVersion) => v;
  return {
    mappings,
    jobs: [],
    schedules: [],
    handlers: {
      'mappings.list': () => mappings.list(),
      'mappings.versions': (k) => mappings.versions(k),
      'mappings.saveDraft': async ({ body, note, ...k }) => dto(await mappings.saveDraft(me(), k, body, note ?? null)),
      'mappings.preview': ({ body, source, ...k }) => mappings.preview(me(), k, body, source),
      'mappings.activate': async ({ version, ...k }) => dto(await mappings.activate(me(), k, version)),
      'mappings.diff': async ({ from, to, ...k }) => {
        const [a, b] = await mappings.bodies(k, from, to);
        return designDiff(a, b);
      },
    },
    async onStart() {
      await mappings.seed();
    },
  };
}
