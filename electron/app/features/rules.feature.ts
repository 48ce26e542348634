import type { RulesDecision } from '../../core/desk/desk.service';
import { createAutomaticDecisions, RULES_DECIDE_JOB, rulesDecidePayload, type AutomaticDecisions } from '../../core/rules/automatic-decision';
import { createRulesDesigner, type RulesDesigner } from '../../core/rules/rules-designer.service';
import { activeRulesFrom, createRulesService, type RulesService } from '../../core/rules/rules.service';
import type { designerChannels } from '../../ipc';
import { designAuthorName } from '../../core/ports/design-store.port';
import { job, type Feature, type FeatureDeps, type StoredSubmission } from '../feature';
import { designDiff } from '../views/design-diff';

type RulesChannel = Extract<keyof typeof designerChannels, `rules.${string}`>;

export interface RulesFeature extends Feature<RulesChannel> {
  service: RulesService;
  designer: RulesDesigner;
  automatic: AutomaticDecisions;
  /** In the archive's transaction (ArchiveServiceDeps.onArchived): an archived application of an automatic profile gets its decision job. */
  onArchived(e: { submissionId: number; journalposttype: string; at: number }): Promise<void>;
  /** At ingest, in its transaction: the same, where no archive is configured (nothing would be archived to wait for). */
  onStored(s: StoredSubmission): Promise<void>;
}


/**
 * Rules (#15 item 6 and 7): the `rules.*` designer channels over the versioned rules, the
 * automatic-decision job, and at start version 1 of each profile's rules from its file.
 */
export function wireRules(
  d: Pick<FeatureDeps, 'repos' | 'store' | 'clock' | 'links' | 'users' | 'outbox' | 'logger'> & {
    /** The desk's service: an automatic decision goes its normal path (decide, letter, approve). */
    desk: { decideByRules(publicId: string, r: RulesDecision): Promise<unknown>; finishByRules(publicId: string): Promise<unknown> };
  },
): RulesFeature {
  const { intake } = d.links;
  const profile = (id: string) => intake.profiles.byId(id)?.profile;
  const service = createRulesService({ profile, activeDesign: activeRulesFrom(d.repos.designs), history: d.repos.desk });
  const designer = createRulesDesigner({
    designs: d.repos.designs,
    rules: service,
    profile,
    profiles: () => intake.profiles.all().map((p) => p.profile),
    userName: (account) => designAuthorName(account, (a) => d.users.byAccount(a)),
    uow: d.store.uow,
    audit: d.repos.audit,
    clock: d.clock,
  });
  const automatic = createAutomaticDecisions({ rules: service, profile, submission: (id) => d.repos.submissions.getById(id), desk: d.desk, outbox: d.outbox });
  const me = () => d.users.current();

  return {
    service,
    designer,
    automatic,
    jobs: [
      job({
        type: RULES_DECIDE_JOB,
        schema: rulesDecidePayload,
        handle: async ({ submissionId }) => {
          const result = await automatic.decide(submissionId);
          d.logger.log('info', 'rules decision', { submissionId, result });
        },
      }),
    ],
    schedules: [],
    handlers: {
      'rules.versions': ({ profileId }) => designer.versions(profileId),
      // the problems travel with the saved draft (the contract's output keeps what it declares)
      'rules.saveDraft': ({ profileId, body, note }) => designer.saveDraft(me(), profileId, body, note ?? null),
      'rules.activate': ({ profileId, version }) => designer.activate(me(), profileId, version),
      'rules.diff': async ({ profileId, from, to }) => {
        const [a, b] = await designer.bodies(profileId, from, to);
        return designDiff(a, b);
      },
      'rules.testRun': ({ profileId, body, last }) => designer.testRun(profileId, body, last),
    },
    async onArchived(e) {
      if (e.journalposttype !== 'I') return;
      const c = await d.repos.desk.getById(e.submissionId);
      await automatic.enqueue(e.submissionId, c?.profileId ?? null);
    },
    async onStored(s) {
      if (intake.archive || s.quarantined) return;
      await automatic.enqueue(s.id, s.profileId);
    },
    async onStart() {
      const seeded = await designer.seed();
      if (seeded) d.logger.log('info', 'rules seeded from the profiles', { count: seeded });
    },
  };
}
