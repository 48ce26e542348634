import { DeskError } from '../desk/case-access';
import type { DeskUser } from '../desk/desk.types';
import type { AuditLog } from '../ports/audit-log.port';
import type { Clock } from '../ports/clock.port';
import { PROFILE_AUTHOR, type DesignRef, type DesignStore, type StoredDesign } from '../ports/design-store.port';
import type { MappingProblem, MappingTarget, PayloadFormat, PayloadMapper } from '../ports/payload-mapper.port';
import type { UnitOfWork } from '../ports/unit-of-work.port';
import type { LoadedProfile } from '../profiles/profile.types';
import type { HandoverDocument } from '../routing/handover-document';
import { designVersionOf, type DesignVersion } from './design-version';
import { maskHandoverDocument } from './masked-document';
import { sampleHandoverDocument } from './sample-document';

/**
 * The mapping designer (#15 items 2 and 7): IT staff edit a route's mapping as a draft, preview
 * it over a sample application or a real one, and activate it; every version is kept with who
 * changed it and when. A draft may hold syntax errors (work in progress); an active mapping may
 * not, and must give a payload the target's schema accepts for the sample application.
 */

export type TargetTransport = 'rest' | 'soap' | 'file' | 'manual' | 'unconfigured';

export interface MappingDesignerDeps {
  designs: DesignStore;
  mapper: PayloadMapper;
  profiles(): LoadedProfile[];
  /** The configured target (integrations.internal.targets), undefined when it is not configured. */
  target(id: string): { name: string; transport: Exclude<TargetTransport, 'unconfigured'> } | undefined;
  /** Format and schema of a target's payload; JSON without a schema for one not configured. Throws when its schema file cannot be read. */
  mappingTarget(id: string): MappingTarget;
  /** A real application's service and hand-over document for a target (none when its profile is not loaded); undefined when there is no such case. */
  caseDocument(publicId: string, target: string): Promise<{ document?: HandoverDocument; profileId: string | null } | undefined>;
  /** Whether the user may see the case (the desk's rule). */
  maySee(user: DeskUser, publicId: string): Promise<boolean>;
  /** The display name of an account, for "changed by". */
  userName(account: string): string;
  municipality: { name: string; orgNumber: string | null };
  uow: UnitOfWork;
  audit: AuditLog;
  clock: Clock;
}

export interface MappingSummary {
  profileId: string;
  profileName: string;
  target: string;
  targetName: string;
  transport: TargetTransport;
  format: PayloadFormat;
  hasSchema: boolean;
  activeVersion: number | null;
  draftVersion: number | null;
}

export type { DesignVersion } from './design-version';

export interface MappingPreview {
  ok: boolean;
  text: string | null;
  problems: MappingProblem[];
  masked: boolean;
}

export type PreviewSource = { kind: 'sample' } | { kind: 'case'; publicId: string };

export interface MappingKey {
  profileId: string;
  target: string;
}

export function createMappingDesigner(d: MappingDesignerDeps) {
  const ref = (k: MappingKey): DesignRef => ({ kind: 'mapping', profileId: k.profileId, target: k.target });
  const toVersion = (s: StoredDesign): DesignVersion => designVersionOf(s, d.userName);

  /** A profile file whose mapping differs from every stored version: offered as a draft, unless IT has one open. */
  async function offerFileVersion(r: DesignRef, body: string, now: number): Promise<void> {
    const versions = await d.designs.versions(r);
    if (versions.some((v) => v.body === body || v.status === 'draft')) return;
    await d.designs.saveDraft(r, body, PROFILE_AUTHOR, 'Ny versjon i profilfilen (oppdatert eller importert tjenesteprofil)', now);
  }

  /** The profile and its route to the target; not found when the profile does not route there. */
  function routeOf(k: MappingKey) {
    const loaded = d.profiles().find((p) => p.id === k.profileId);
    const route = loaded?.profile.routing.targets.find((r) => r.target === k.target);
    if (!loaded || !route) throw new DeskError('not-found', `Tjenesten «${k.profileId}» overfører ikke til «${k.target}».`);
    return { loaded, route };
  }

  function targetOf(id: string): MappingTarget {
    try {
      return d.mappingTarget(id);
    } catch (e) {
      throw new DeskError('conflict', (e as Error).message);
    }
  }

  /** The payload as text (pretty JSON, or the XML/CSV), with the schema's problems: run once without the schema so the text shows even when the schema says no. */
  async function runPreview(body: string, target: MappingTarget, doc: HandoverDocument): Promise<Omit<MappingPreview, 'masked'>> {
    const plain = await d.mapper.run(body, { ...target, schema: null }, doc);
    if (!plain.ok) return { ok: false, text: null, problems: plain.problems };
    const text = plain.text ?? JSON.stringify(plain.payload, null, 2);
    if (!target.schema) return { ok: true, text, problems: [] };
    try {
      const checked = await d.mapper.run(body, target, doc);
      return checked.ok ? { ok: true, text, problems: [] } : { ok: false, text, problems: checked.problems };
    } catch (e) {
      // the schema check could not run (a validator timeout): said so, the payload still shown
      return { ok: false, text, problems: [{ stage: 'schema', message: `${(e as Error).message}; prøv igjen.` }] };
    }
  }

  const sampleOf = (k: MappingKey) => {
    const { loaded, route } = routeOf(k);
    return sampleHandoverDocument(loaded.profile, k.target, { decided: route.after === 'decided', municipality: d.municipality });
  };

  async function version(k: MappingKey, v: number): Promise<StoredDesign> {
    const found = (await d.designs.versions(ref(k))).find((s) => s.version === v);
    if (!found) throw new DeskError('not-found', `Versjon ${v} av mappingen finnes ikke.`);
    return found;
  }

  return {
    /** Every route of every profile, with its target as configured and the versions in force. */
    async list(): Promise<MappingSummary[]> {
      const out: MappingSummary[] = [];
      for (const loaded of d.profiles()) {
        for (const route of loaded.profile.routing.targets) {
          const t = d.target(route.target);
          let format: PayloadFormat = 'json';
          let hasSchema: boolean;
          try {
            const mt = d.mappingTarget(route.target);
            format = mt.format;
            hasSchema = mt.schema !== null;
          } catch {
            // a schema file that cannot be read shows as one; the preview names the problem
            hasSchema = true;
          }
          const r = ref({ profileId: loaded.id, target: route.target });
          const [active, draft] = [await d.designs.active(r), await d.designs.draft(r)];
          out.push({
            profileId: loaded.id,
            profileName: loaded.profile.name.nb,
            target: route.target,
            targetName: t?.name ?? route.target,
            transport: t?.transport ?? 'unconfigured',
            format,
            hasSchema,
            activeVersion: active?.version ?? null,
            draftVersion: draft?.version ?? null,
          });
        }
      }
      return out;
    },

    async versions(k: MappingKey): Promise<DesignVersion[]> {
      routeOf(k);
      return (await d.designs.versions(ref(k))).map(toVersion);
    },

    /** Saves the draft, syntax errors and all: half-written work is kept; activating checks it. */
    async saveDraft(user: DeskUser, k: MappingKey, body: string, note: string | null): Promise<DesignVersion> {
      routeOf(k);
      const now = d.clock.now();
      const saved = await d.uow.run(async () => {
        const s = await d.designs.saveDraft(ref(k), body, user.account, note, now);
        const syntaxErrors = d.mapper.check(body).length;
        await d.audit.append({ actor: user.account, action: 'design.mapping.draft-saved', subject: `mapping:${k.profileId}/${k.target}`, details: { version: s.version, syntaxErrors } }, now);
        return s;
      });
      return toVersion(saved);
    },

    /**
     * The payload `body` gives for a sample application, or for a real case: with its personal
     * data only for a user who may see that case, masked otherwise. A real case is audited.
     */
    async preview(user: DeskUser, k: MappingKey, body: string, source: PreviewSource): Promise<MappingPreview> {
      routeOf(k);
      const syntax = d.mapper.check(body);
      if (syntax.length) return { ok: false, text: null, problems: syntax, masked: false };
      const target = targetOf(k.target);
      if (source.kind === 'sample') return { ...(await runPreview(body, target, sampleOf(k))), masked: false };
      const found = await d.caseDocument(source.publicId, k.target);
      if (!found) throw new DeskError('not-found', 'Fant ingen sak med denne referansen.');
      const { loaded } = routeOf(k);
      if (found.profileId !== k.profileId || !found.document) throw new DeskError('conflict', `Saken gjelder en annen tjeneste enn «${loaded.profile.name.nb}».`);
      const masked = !(await d.maySee(user, source.publicId));
      const doc = masked ? maskHandoverDocument(found.document, loaded.profile) : found.document;
      const now = d.clock.now();
      await d.uow.run(() =>
        d.audit.append({ actor: user.account, action: 'design.mapping.previewed', subject: `submission:${source.publicId}`, details: { profile: k.profileId, target: k.target, masked } }, now),
      );
      return { ...(await runPreview(body, target, doc)), masked };
    },

    /** Puts a version in force. Refused while it has syntax errors or the sample application does not give a payload the target accepts. */
    async activate(user: DeskUser, k: MappingKey, v: number): Promise<DesignVersion> {
      routeOf(k);
      const chosen = await version(k, v);
      const syntax = d.mapper.check(chosen.body);
      if (syntax.length) throw new DeskError('conflict', `Versjon ${v} har syntaksfeil og kan ikke tas i bruk: ${syntax.map(problemText).join('; ')}`);
      const sample = await d.mapper.run(chosen.body, targetOf(k.target), sampleOf(k)).catch((e: unknown) => {
        throw new DeskError('conflict', `Versjon ${v} kunne ikke sjekkes mot skjemaet (${(e as Error).message}); prøv igjen.`);
      });
      if (!sample.ok) throw new DeskError('conflict', `Versjon ${v} gir ikke et gyldig resultat for eksempelsøknaden: ${sample.problems.slice(0, 5).map(problemText).join('; ')}`);
      const now = d.clock.now();
      const active = await d.uow.run(async () => {
        const a = await d.designs.activate(ref(k), v, user.account, now);
        await d.audit.append({ actor: user.account, action: 'design.mapping.activated', subject: `mapping:${k.profileId}/${k.target}`, details: { version: a.version, from: v } }, now);
        return a;
      });
      return toVersion(active);
    },

    /** The two bodies to compare, older first as asked. */
    async bodies(k: MappingKey, from: number, to: number): Promise<[string, string]> {
      routeOf(k);
      return [(await version(k, from)).body, (await version(k, to)).body];
    },

    /**
     * Version 1 of each route's mapping, from the profile's file, where the design has no versions yet.
     * A file that differs from every stored version (an updated or imported profile) becomes a draft
     * for IT to review: what is active keeps running until someone activates the new one.
     */
    async seed(): Promise<number> {
      let seeded = 0;
      const now = d.clock.now();
      for (const loaded of d.profiles()) {
        for (const [target, body] of Object.entries(loaded.mappings ?? {})) {
          const r = ref({ profileId: loaded.id, target });
          if (await d.designs.seed(r, body, PROFILE_AUTHOR, now)) seeded++;
          else await offerFileVersion(r, body, now);
        }
      }
      return seeded;
    },
  };
}

const problemText = (p: MappingProblem): string => `${p.message}${p.at ? ` (${p.at})` : ''}`;

export type MappingDesigner = ReturnType<typeof createMappingDesigner>;
