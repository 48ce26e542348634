import type { Outcome } from '../desk/desk.types';
import type { DesignStore } from '../ports/design-store.port';
import type { DecidedCase, DeskStore } from '../ports/desk-store.port';
import { parseProfile, type RulesDef, type ServiceProfile } from '../profiles/profile.schema';
import type { MappedForm } from '../profiles/profile.types';
import { subjectNumbers } from './history-facts';
import { evaluateRules, type Recommended, type RuleOutcome } from './rules-engine';

/**
 * A profile's rules at work (#15 item 6): which version is active, the recommendation for an
 * application with its history, and a test run of a draft over decided applications.
 */

/** The rules that apply now, and their version in the design store (null: the profile file's, not yet seeded). */
export interface ActiveRules {
  rules: RulesDef;
  version: number | null;
}

export type RuleAdvice = RuleOutcome & { version: number | null; mode: RulesDef['mode']; legalBasis: string | null; automaticOutcomes: Outcome[] };

export type RulesParse = { ok: true; rules: RulesDef } | { ok: false; problems: string[] };

/** A rules body (JSON text) checked with the profile schema's rules part, against this profile's fields; problems as data, each naming its key. */
export function parseRulesBody(profile: ServiceProfile, body: string): RulesParse {
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch (e) {
    return { ok: false, problems: [`Ikke gyldig JSON: ${(e as Error).message}`] };
  }
  const r = parseProfile({ ...profile, rules: raw });
  if (r.ok) return r.profile.rules ? { ok: true, rules: r.profile.rules } : { ok: false, problems: ['rules: mangler'] };
  const problems = r.issues.filter((i) => i.key === 'rules' || i.key.startsWith('rules.')).map((i) => `${i.key}: ${i.message}`);
  return { ok: false, problems: problems.length ? problems : r.issues.map((i) => `${i.key}: ${i.message}`) };
}

/** The active rules version of a profile in the design store, as RulesServiceDeps.activeDesign (and DeskDeps.activeRules) take it. */
export const activeRulesFrom =
  (designs: Pick<DesignStore, 'active'>) =>
  async (profileId: string): Promise<{ body: string; version: number } | undefined> => {
    const a = await designs.active({ kind: 'rules', profileId, target: '' });
    return a && { body: a.body, version: a.version };
  };

export interface RulesServiceDeps {
  profile(id: string): ServiceProfile | undefined;
  /** The active version in the design store (rules as JSON text); undefined when none: the profile's own rules apply. */
  activeDesign?(profileId: string): Promise<{ body: string; version: number } | undefined>;
  history: Pick<DeskStore, 'decidedNaming' | 'lastDecided'>;
}

export interface RuleTestRow {
  publicId: string;
  receivedAt: number;
  recommended: Recommended;
  ruleId: string | null;
  reasons: string[];
  decided: Outcome | null;
  differs: boolean;
}

export function createRulesService(d: RulesServiceDeps) {
  // every case view asks for the active rules: the last body parsed per profile is kept (a new version is a new body)
  const parsedCache = new Map<string, { profile: ServiceProfile; body: string; parsed: RulesParse }>();
  const parseCached = (profile: ServiceProfile, body: string): RulesParse => {
    const hit = parsedCache.get(profile.id);
    if (hit && hit.profile === profile && hit.body === body) return hit.parsed;
    const parsed = parseRulesBody(profile, body);
    parsedCache.set(profile.id, { profile, body, parsed });
    return parsed;
  };

  async function active(profileId: string): Promise<ActiveRules | null> {
    const profile = d.profile(profileId);
    if (!profile) return null;
    const design = await d.activeDesign?.(profileId);
    if (design) {
      const parsed = parseCached(profile, design.body);
      // activation checks the body, so this is a profile changed under it: no advice rather than advice from rules that do not fit
      return parsed.ok ? { rules: parsed.rules, version: design.version } : null;
    }
    return profile.rules ? { rules: profile.rules, version: null } : null;
  }

  /** The history an application is judged with: the decided applications of the profile naming its subjects, optionally only those decided before a time. */
  async function historyOf(profile: ServiceProfile, submissionId: number, form: MappedForm, decidedBefore?: number): Promise<DecidedCase[]> {
    const personNumbers = subjectNumbers(profile, form);
    if (personNumbers.length === 0) return [];
    return d.history.decidedNaming({ profileId: profile.id, personNumbers, except: submissionId, ...(decidedBefore !== undefined ? { decidedBefore } : {}) });
  }

  async function evaluate(profile: ServiceProfile, rules: RulesDef, submissionId: number, form: MappedForm, decidedBefore?: number, mask = false): Promise<RuleOutcome> {
    return evaluateRules(profile, rules, form, await historyOf(profile, submissionId, form, decidedBefore), { mask });
  }

  return {
    active,
    evaluate,
    /** The active rules' advice for an application (null when the profile has no rules). For a decided one, pass its decision time: the advice as it was then. */
    async advise(profileId: string, submissionId: number, form: MappedForm, decidedBefore?: number): Promise<RuleAdvice | null> {
      const profile = d.profile(profileId);
      const current = await active(profileId);
      if (!profile || !current) return null;
      const outcome = await evaluate(profile, current.rules, submissionId, form, decidedBefore);
      const { mode, legalBasis, automaticOutcomes } = current.rules;
      return { ...outcome, version: current.version, mode, legalBasis: legalBasis ?? null, automaticOutcomes };
    },
    /**
     * A rules body over the last `last` decided applications of the profile: what it would have
     * recommended (each judged with the history before its own decision) beside the caseworker's
     * decision. No names or fødselsnummer in the rows: the public id, the dates, outcomes and reasons.
     */
    async testRun(profileId: string, body: string, last: number): Promise<{ problems: string[]; rows: RuleTestRow[] }> {
      const profile = d.profile(profileId);
      if (!profile) return { problems: [`Fant ingen tjenesteprofil «${profileId}».`], rows: [] };
      const parsed = parseRulesBody(profile, body);
      if (!parsed.ok) return { problems: parsed.problems, rows: [] };
      const rows: RuleTestRow[] = [];
      for (const c of await d.history.lastDecided(profileId, last)) {
        if (!c.form) continue;
        const r = await evaluate(profile, parsed.rules, c.submissionId, c.form, c.decidedAt, true);
        rows.push({ publicId: c.publicId, receivedAt: c.receivedAt, recommended: r.recommended, ruleId: r.ruleId, reasons: r.reasons.nb, decided: c.outcome, differs: r.recommended !== c.outcome });
      }
      return { problems: [], rows };
    },
  };
}

export type RulesService = ReturnType<typeof createRulesService>;
