import { designVersionOf, type DesignVersion } from '../designer/design-version';
import { DeskError } from '../desk/case-access';
import type { DeskUser } from '../desk/desk.types';
import type { AuditLog } from '../ports/audit-log.port';
import type { Clock } from '../ports/clock.port';
import { PROFILE_AUTHOR, type DesignRef, type DesignStore, type StoredDesign } from '../ports/design-store.port';
import type { UnitOfWork } from '../ports/unit-of-work.port';
import type { ServiceProfile } from '../profiles/profile.schema';
import { parseRulesBody, type RulesService } from './rules.service';

/**
 * The rule editor's backend for IT staff (#15 item 7): a profile's rules as versioned JSON text,
 * draft → active with who changed what and when. A draft is saved even with problems (the editor
 * keeps the work), and they come back as data; only rules that pass the profile schema's rules
 * part are activated, so automatic mode without its legal basis never becomes active.
 */

export type RulesVersion = DesignVersion;

export interface RulesDesignerDeps {
  designs: DesignStore;
  rules: Pick<RulesService, 'testRun'>;
  profile(id: string): ServiceProfile | undefined;
  profiles(): ServiceProfile[];
  /** A stored account as the person's name. */
  userName(account: string): string;
  uow: UnitOfWork;
  audit: AuditLog;
  clock: Clock;
}

const refOf = (profileId: string): DesignRef => ({ kind: 'rules', profileId, target: '' });

/** The rules as the design store keeps them: the profile's rules section as JSON. */
export const rulesBodyOf = (rules: NonNullable<ServiceProfile['rules']>): string => `${JSON.stringify(rules, null, 2)}\n`;

export function createRulesDesigner(d: RulesDesignerDeps) {
  const toVersion = (s: StoredDesign): RulesVersion => designVersionOf(s, d.userName);
  const profileOf = (profileId: string): ServiceProfile => {
    const p = d.profile(profileId);
    if (!p) throw new DeskError('not-found', `Fant ingen tjenesteprofil «${profileId}».`);
    return p;
  };
  const body = async (profileId: string, version: number): Promise<string> => {
    const found = (await d.designs.versions(refOf(profileId))).find((s) => s.version === version);
    if (!found) throw new DeskError('not-found', `Regelsettet for «${profileId}» har ingen versjon ${version}.`);
    return found.body;
  };

  return {
    async versions(profileId: string): Promise<RulesVersion[]> {
      profileOf(profileId);
      return (await d.designs.versions(refOf(profileId))).map(toVersion);
    },
    /** Saves the one draft; the problems the profile schema finds come back with it. */
    async saveDraft(user: DeskUser, profileId: string, text: string, note: string | null): Promise<RulesVersion & { problems: string[] }> {
      const parsed = parseRulesBody(profileOf(profileId), text);
      const problems = parsed.ok ? [] : parsed.problems;
      const now = d.clock.now();
      const saved = await d.uow.run(async () => {
        const s = await d.designs.saveDraft(refOf(profileId), text, user.account, note, now);
        await d.audit.append({ actor: user.account, action: 'design.rules.draft-saved', subject: `rules:${profileId}`, details: { version: s.version, problems: problems.length } }, now);
        return s;
      });
      return { ...toVersion(saved), problems };
    },
    /** A version becomes the active rules; refused (with the problems) when it does not pass the profile schema. */
    async activate(user: DeskUser, profileId: string, version: number): Promise<RulesVersion> {
      const parsed = parseRulesBody(profileOf(profileId), await body(profileId, version));
      if (!parsed.ok) throw new DeskError('conflict', `Versjon ${version} kan ikke tas i bruk: ${parsed.problems.join('; ')}`);
      const now = d.clock.now();
      return d.uow.run(async () => {
        const s = await d.designs.activate(refOf(profileId), version, user.account, now);
        const { mode, legalBasis } = parsed.rules;
        await d.audit.append(
          { actor: user.account, action: 'design.rules.activated', subject: `rules:${profileId}`, details: { version: s.version, from: version, mode, legalBasis: legalBasis ?? null } },
          now,
        );
        return toVersion(s);
      });
    },
    /** The texts of two versions, for the diff. */
    bodies: async (profileId: string, from: number, to: number): Promise<[string, string]> => [await body(profileId, from), await body(profileId, to)],
    testRun(profileId: string, text: string, last: number) {
      profileOf(profileId);
      return d.rules.testRun(profileId, text, last);
    },
    /** Version 1 of each profile's rules from its file (a profile whose rules have versions keeps them). */
    async seed(): Promise<number> {
      let seeded = 0;
      for (const p of d.profiles()) {
        if (p.rules && (await d.designs.seed(refOf(p.id), rulesBodyOf(p.rules), PROFILE_AUTHOR, d.clock.now()))) seeded++;
      }
      return seeded;
    },
  };
}

export type RulesDesigner = ReturnType<typeof createRulesDesigner>;
