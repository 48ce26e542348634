import { z } from 'zod';
import type { RulesDecision } from '../desk/desk.service';
import type { Outbox } from '../ports/outbox.port';
import type { SubmissionDetail } from '../ports/submission-store.port';
import type { ServiceProfile } from '../profiles/profile.schema';
import type { ActiveRules, RulesService } from './rules.service';

/**
 * Automatic decisions (#15 item 6): a profile whose ACTIVE rules say mode «automatic» and state
 * their legal basis lets Postmottak decide the outcomes listed in automaticOutcomes alone. The rest
 * (manuell, or an outcome not listed) waits for a person, with the rules' advice on the case.
 *
 * When: after the application is archived (the hook in the archive's transaction), so the letter
 * carries the case number as a caseworker's would; where no archive is configured, at ingest.
 * The job holds the submission id only (no personal data in job payloads).
 */

/** Durable job type (stored in users' databases, so never renamed without a migration). */
export const RULES_DECIDE_JOB = 'rules.decide';
export const rulesDecidePayload = z.object({ submissionId: z.number().int().positive() }).strict();
export type RulesDecidePayload = z.infer<typeof rulesDecidePayload>;
export const rulesDecideJobKey = (submissionId: number): string => `${RULES_DECIDE_JOB}:${submissionId}`;

/** Whether these rules may decide alone: automatic mode and a legal basis (the schema refuses the one without the other; checked again here). */
export const decidesAlone = (a: ActiveRules | null): a is ActiveRules => !!a && a.rules.mode === 'automatic' && !!a.rules.legalBasis?.trim();

/** The grounds of an automatic decision: the rules' reasons, and that it was made automatically, with its legal basis. */
export const automaticGrounds = (reasons: readonly string[], legalBasis: string): string =>
  [...reasons, `Vedtaket er fattet automatisk etter kommunens regler for denne tjenesten, med hjemmel i ${legalBasis}.`].join('\n');

export type AutomaticResult = 'decided' | 'manual' | 'not-automatic' | 'not-found';

export interface AutomaticDecisionDeps {
  rules: Pick<RulesService, 'active' | 'evaluate'>;
  profile(id: string): ServiceProfile | undefined;
  submission(id: number): Promise<SubmissionDetail | undefined>;
  desk: { decideByRules(publicId: string, r: RulesDecision): Promise<unknown>; finishByRules(publicId: string): Promise<unknown> };
  outbox: Outbox;
}

export function createAutomaticDecisions(d: AutomaticDecisionDeps) {
  return {
    /** In the transaction that archived the application (or stored it, without an archive): the decision job, when the profile's rules decide alone. */
    async enqueue(submissionId: number, profileId: string | null): Promise<boolean> {
      if (!profileId || !decidesAlone(await d.rules.active(profileId))) return false;
      await d.outbox.enqueue(RULES_DECIDE_JOB, { submissionId } satisfies RulesDecidePayload, rulesDecideJobKey(submissionId));
      return true;
    },
    /** The job: the active rules (checked again: they may have changed since), the recommendation, and the decision when the rules may make it alone. */
    async decide(submissionId: number): Promise<AutomaticResult> {
      const s = await d.submission(submissionId);
      const profile = s?.profileId ? d.profile(s.profileId) : undefined;
      if (!s || !profile || !s.form || s.status === 'quarantined') return 'not-found';
      // a retry after a crash between the decision and its approval: approve what was decided then, without judging again
      if (await d.desk.finishByRules(s.publicId)) return 'decided';
      const active = await d.rules.active(profile.id);
      if (!decidesAlone(active)) return 'not-automatic';
      const r = await d.rules.evaluate(profile, active.rules, submissionId, s.form);
      if (r.recommended === 'manuell' || !r.ruleId || !active.rules.automaticOutcomes.includes(r.recommended)) return 'manual';
      const legalBasis = active.rules.legalBasis!;
      await d.desk.decideByRules(s.publicId, {
        outcome: r.recommended,
        grounds: automaticGrounds(r.reasons.nb, legalBasis),
        ruleId: r.ruleId,
        details: { ruleId: r.ruleId, ruleVersion: active.version, legalBasis },
      });
      return 'decided';
    },
  };
}

export type AutomaticDecisions = ReturnType<typeof createAutomaticDecisions>;
