import { z } from 'zod';
import { checkRules, rulesSchemaOf } from '../rules/rules.schema';
import { hasScreenedField, parseTemplate } from './merge-template';

/**
 * A service profile: one Altinn service described as data (form mapping, archive, routing,
 * replies, rules), versioned and shareable between municipalities. Structure here; the
 * cross-references (roles → fields, merge fields → known values) are checked in refine().
 */

/** The profile file format; bumped only when old files can no longer be read as they are. */
export const PROFILE_SCHEMA_VERSION = 1;

const localized = z.strictObject({
  nb: z.string().min(1),
  nn: z.string().min(1),
  en: z.string().min(1),
});

const NAME = String.raw`(?:[\p{L}_][\p{L}\p{N}_.\-]*:)?[\p{L}_][\p{L}\p{N}_.\-]*`;
/** Slash-separated element path under the root (or under a list item); prefixes are ignored. */
const elementPath = z
  .string()
  .regex(new RegExp(`^${NAME}(?:/${NAME})*$`, 'u'), 'elementsti som «Innsender/Navn» (elementnavn skilt med /)');

const key = z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'navn i camelCase, f.eks. «periodFrom»');
const template = z.string().min(1);

export const FIELD_TYPES = ['text', 'multiline', 'date', 'fnr', 'email', 'phone', 'boolean', 'number'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const fieldSchema = z.strictObject({
  path: elementPath,
  label: localized,
  type: z.enum(FIELD_TYPES),
  /** Identifies or describes a person: never logged, redacted in exports for support. */
  personalData: z.boolean().optional(),
  /** Typical values: documentation, input hints, and the demo data generator. */
  examples: z.array(z.string().min(1)).min(1).optional(),
});
export type FieldDef = z.infer<typeof fieldSchema>;

export const listSchema = z.strictObject({
  /** Path to the repeated element; the list's field paths are relative to it. */
  path: elementPath,
  label: localized,
  fields: z.record(key, fieldSchema),
});
export type ListDef = z.infer<typeof listSchema>;

const ageRange = z.strictObject({ min: z.number().int().min(0).max(130), max: z.number().int().min(0).max(130) });

export const DECISIONS = ['innvilget', 'avslått', 'delvis-innvilget'] as const;
export type Decision = (typeof DECISIONS)[number];

const letter = z.strictObject({ title: template, body: template });

const CONDITION_OPS = ['present', 'absent', 'eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in'] as const;
export const conditionSchema = z.strictObject({
  /** A field key, "<list>.count", "subjects.count", "period.days" or "period.schoolDays". */
  fact: z.string().min(1),
  op: z.enum(CONDITION_OPS),
  value: z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]).optional(),
});
export type RuleCondition = z.infer<typeof conditionSchema>;

const kebab = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'kebab-case, f.eks. «ist-barnehage»');

/** One internal system an application is handed to (#15 item 5), and when. */
export const routeSchema = z.strictObject({
  /** A target in the configuration (integrations.internal.targets), e.g. «ist-barnehage»; one that is not configured becomes a manual task. */
  target: kebab,
  /** After archiving (default), or after the decision: a place is made in IST only when granted. */
  after: z.enum(['archived', 'decided']).default('archived'),
  /** With after «decided»: only for these outcomes (default innvilget and delvis innvilget). */
  outcomes: z.array(z.enum(DECISIONS)).min(1).optional(),
  /** All must hold (the facts rules may test), e.g. only applications for a child under three. */
  when: z.array(conditionSchema).optional(),
  /** The mapping shipped with the profile: a JSONata file in the profile folder. Without one the hand-over is a manual task. */
  mapping: z
    .string()
    .regex(/^mappings\/[\w.-]+\.jsonata$/, 'en fil i profilmappen, f.eks. «mappings/ist-barnehage.jsonata»')
    .optional(),
  /** A person enters the application in the target, even where the target has an interface. */
  manual: z.boolean().default(false),
});
export type RouteDef = z.output<typeof routeSchema>;

/** Profiles written before #15 named one target ({target, params}): read as one route, "none" as no route. */
function legacyRouting(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw) || !('target' in raw)) return raw;
  const { target, params: _params, ...rest } = raw as { target: unknown; params?: unknown };
  if (target === 'none') return { ...rest, targets: [] };
  if (target === 'manual') return { ...rest, targets: [{ target: 'manual', manual: true }] };
  return { ...rest, targets: [{ target }] };
}

/** The profile's rules (#15 item 6): recommendations as data for json-rules-engine, suggest or automatic mode. */
export const rulesSchema = rulesSchemaOf(conditionSchema);
export type RulesDef = z.output<typeof rulesSchema>;
export type RecommendationDef = RulesDef['recommendations'][number];

export const serviceProfileSchema = z.strictObject({
  $schema: z.string().optional(),
  schemaVersion: z.literal(PROFILE_SCHEMA_VERSION),
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'kebab-case, f.eks. «permisjon-skole»'),
  version: z.number().int().min(1),
  name: localized,
  basedOn: z.strictObject({ id: z.string().min(1), version: z.number().int().min(1) }).optional(),
  sources: z
    .strictObject({
      /** org defaults to the municipality's own Altinn org code (config altinn.org), so a shared profile fits as it is. */
      altinn3: z
        .strictObject({
          app: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'appnavnet uten org, f.eks. «permisjon-skole»'),
          org: z.string().regex(/^[a-z0-9]{2,10}$/).optional(),
        })
        .optional(),
      altinn2: z.strictObject({ serviceCode: z.string().regex(/^\d+$/), serviceEditionCode: z.number().int().min(1) }).optional(),
    })
    .refine((s) => s.altinn3 || s.altinn2, 'minst én kilde (altinn3 eller altinn2)'),
  form: z.strictObject({
    xsd: z.string().regex(/^[\w.-]+\.xsd$/, 'filnavn i profilmappen, f.eks. «form.xsd»'),
    rootElement: z.string().regex(new RegExp(`^${NAME}$`, 'u')),
    namespace: z.string().min(1).optional(),
  }),
  fields: z.record(key, fieldSchema),
  lists: z.record(key, listSchema).default({}),
  roles: z.strictObject({
    applicant: z.strictObject({
      name: key,
      personNumber: key,
      address: z.strictObject({ street: key, postalCode: key, postalPlace: key }).optional(),
      email: key.optional(),
      phone: key.optional(),
    }),
    /** The persons the application is about (children, the patient); one application may cover several. */
    subjects: z.strictObject({ list: key, name: key, personNumber: key.optional() }).optional(),
    period: z.strictObject({ from: key, to: key.optional() }).optional(),
    title: template,
    /** Title for the public journal; without it, the title with {x|screened} parts masked. */
    titlePublic: template.optional(),
  }),
  /** Who the service is for: plausibility checks and demo data. */
  audience: z.strictObject({ applicantAge: ageRange.optional(), subjectAge: ageRange.optional() }).optional(),
  attachments: z
    .array(
      z.strictObject({
        dataType: z.string().regex(/^[A-Za-z0-9_.-]+$/),
        label: localized,
        required: z.boolean(),
        maxBytes: z.number().int().min(1),
        maxCount: z.number().int().min(1).default(1),
        contentTypes: z.array(z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/)).min(1),
      }),
    )
    .default([]),
  processing: z.strictObject({
    /** Target time from receipt to decision, calendar days. */
    deadlineDays: z.number().int().min(1).max(365),
    /** Send a preliminary reply (fvl. § 11 a) when undecided after this many days. */
    preliminaryReplyAfterDays: z.number().int().min(1).max(365).optional(),
  }),
  archive: z.strictObject({
    arkivdel: z.string().min(1),
    /** Classification system code, e.g. KK (K-koder), PNR (fødselsnummer), FE. */
    ordningsprinsipp: z.string().min(1),
    /** Class value; merge fields allowed, e.g. "{applicant.personNumber}" under PNR. */
    ordningsverdi: template,
    dokumenttype: z.string().min(1),
    saksbehandlerEnhet: z.string().min(1),
    screening: z
      .strictObject({
        /** Noark tilgangsrestriksjon code as the archive knows it, e.g. UO, P, 13. */
        tilgangsrestriksjon: z.string().min(1).max(10),
        skjermingshjemmel: z.string().min(1),
        /** Publish the title with screened parts masked (offentligTittel). */
        screenTitle: z.boolean(),
        /** Hide the correspondent (the citizen) in the public journal. */
        screenCorrespondent: z.boolean().default(true),
        /** Screen the documents themselves, not only metadata. */
        screenDocuments: z.boolean().default(true),
      })
      .optional(),
    caseGrouping: z.strictObject({
      /** Register in the applicant's open case of the same service if one was opened this recently; 0 = always a new case. */
      joinExistingWithinDays: z.number().int().min(0).max(3650),
    }),
  }),
  routing: z.preprocess(
    legacyRouting,
    z
      .strictObject({
        targets: z.array(routeSchema).default([]),
        /** What a person needs to know to enter an application by hand (manual routes, and targets without an interface). */
        manualTask: z.strictObject({ assignTo: z.string().min(1).optional(), instructions: z.string().min(1) }).optional(),
      })
      .prefault({}),
  ),
  access: z.strictObject({ group: z.string().min(1).optional() }).default({}),
  reply: z.strictObject({
    templates: z.strictObject({ innvilget: letter, avslått: letter, 'delvis-innvilget': letter }),
    notification: z.strictObject({ emailSubject: template, emailBody: template, sms: template.max(480) }),
    fallback: z.strictObject({ deadlineDays: z.number().int().min(1).max(60).default(10), businessDays: z.boolean().default(false) }),
    /** A leader approves the letter after the caseworker, before it is archived and sent. */
    secondApproval: z.boolean().default(false),
  }),
  rules: rulesSchema.optional(),
});

export type ServiceProfile = z.output<typeof serviceProfileSchema>;
/** As written in profile.json (defaults not yet filled in). */
export type ServiceProfileInput = z.input<typeof serviceProfileSchema>;

/** Merge fields every letter can use beyond the form's own (filled by the reply step). */
export const REPLY_MERGE_FIELDS = [
  'decision.outcome',
  'decision.grounds',
  'decision.date',
  'case.number',
  'municipality.name',
  'caseworker.name',
  'caseworker.unit',
] as const;

/** Namespaces a field or list key may not take, because merge fields use them. */
const RESERVED = new Set(['applicant', 'subjects', 'period', 'service', 'decision', 'case', 'municipality', 'caseworker']);

/** Merge fields a form-based template (title, ordningsverdi) may use. */
export function formMergeFields(p: Pick<ServiceProfile, 'fields' | 'lists' | 'roles'>): Set<string> {
  const refs = new Set<string>(Object.keys(p.fields));
  for (const [name, list] of Object.entries(p.lists)) {
    refs.add(`${name}.count`);
    for (const f of Object.keys(list.fields)) refs.add(`${name}.${f}`);
  }
  for (const r of ['name', 'personNumber', 'address'] as const) refs.add(`applicant.${r}`);
  if (p.roles.applicant.email) refs.add('applicant.email');
  if (p.roles.applicant.phone) refs.add('applicant.phone');
  if (p.roles.subjects) for (const r of ['count', 'names']) refs.add(`subjects.${r}`);
  if (p.roles.period) for (const r of ['from', 'to']) refs.add(`period.${r}`);
  refs.add('service.name');
  return refs;
}

/** Facts a rule condition may test. */
export function ruleFacts(p: Pick<ServiceProfile, 'fields' | 'lists' | 'roles'>): Set<string> {
  const facts = new Set<string>(Object.keys(p.fields));
  for (const name of Object.keys(p.lists)) facts.add(`${name}.count`);
  if (p.roles.subjects) facts.add('subjects.count');
  if (p.roles.period) for (const f of ['days', 'schoolDays']) facts.add(`period.${f}`);
  return facts;
}

type Ctx = z.core.$RefinementCtx<ServiceProfile>;

function checkRefs(p: ServiceProfile, ctx: Ctx): void {
  const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const field = (path: PropertyKey[], k: string | undefined, types?: readonly string[]) => {
    if (k === undefined) return;
    const f = p.fields[k];
    if (!f) return issue(path, `feltet «${k}» finnes ikke i fields`);
    if (types && !types.includes(f.type)) issue(path, `feltet «${k}» har type ${f.type}, forventet ${types.join(' eller ')}`);
  };

  for (const k of [...Object.keys(p.fields), ...Object.keys(p.lists)]) {
    if (RESERVED.has(k)) issue([p.fields[k] ? 'fields' : 'lists', k], `«${k}» er reservert for flettefelt`);
    if (p.fields[k] && p.lists[k]) issue(['lists', k], `«${k}» er både et felt og en liste`);
  }

  const a = p.roles.applicant;
  field(['roles', 'applicant', 'name'], a.name, ['text']);
  field(['roles', 'applicant', 'personNumber'], a.personNumber, ['fnr']);
  field(['roles', 'applicant', 'email'], a.email, ['email']);
  field(['roles', 'applicant', 'phone'], a.phone, ['phone']);
  if (a.address) for (const part of ['street', 'postalCode', 'postalPlace'] as const) field(['roles', 'applicant', 'address', part], a.address[part]);
  if (p.roles.period) {
    field(['roles', 'period', 'from'], p.roles.period.from, ['date']);
    field(['roles', 'period', 'to'], p.roles.period.to, ['date']);
  }
  const s = p.roles.subjects;
  if (s) {
    const list = p.lists[s.list];
    if (!list) issue(['roles', 'subjects', 'list'], `listen «${s.list}» finnes ikke i lists`);
    else {
      if (!list.fields[s.name]) issue(['roles', 'subjects', 'name'], `feltet «${s.name}» finnes ikke i lists.${s.list}.fields`);
      if (s.personNumber && list.fields[s.personNumber]?.type !== 'fnr') {
        issue(['roles', 'subjects', 'personNumber'], `lists.${s.list}.fields.${s.personNumber} må finnes og ha type fnr`);
      }
    }
  }
  for (const [role, range] of Object.entries(p.audience ?? {})) {
    if (range && range.min > range.max) issue(['audience', role], 'min er større enn max');
  }

  const formRefs = formMergeFields(p);
  const facts = ruleFacts(p);
  // {subjects.child} / {subjects.Child}: "barnet" or "barna" as the application names one child or several (#13 item 12)
  const replyRefs = new Set([...formRefs, ...REPLY_MERGE_FIELDS, ...(p.roles.subjects ? ['subjects.child', 'subjects.Child'] : [])]);
  const tpl = (path: PropertyKey[], text: string | undefined, known: Set<string>) => {
    if (text === undefined) return;
    const parsed = parseTemplate(text);
    if (!parsed.ok) return issue(path, parsed.message);
    for (const part of parsed.parts) {
      if (part.kind === 'field' && !known.has(part.ref)) issue(path, `ukjent flettefelt {${part.ref}}`);
    }
  };
  tpl(['roles', 'title'], p.roles.title, formRefs);
  tpl(['roles', 'titlePublic'], p.roles.titlePublic, formRefs);
  tpl(['archive', 'ordningsverdi'], p.archive.ordningsverdi, formRefs);
  for (const d of DECISIONS) {
    tpl(['reply', 'templates', d, 'title'], p.reply.templates[d].title, replyRefs);
    tpl(['reply', 'templates', d, 'body'], p.reply.templates[d].body, replyRefs);
  }
  for (const n of ['emailSubject', 'emailBody', 'sms'] as const) tpl(['reply', 'notification', n], p.reply.notification[n], replyRefs);

  const sc = p.archive.screening;
  if (sc?.screenTitle && !p.roles.titlePublic && !hasScreenedField(p.roles.title)) {
    issue(['roles', 'title'], 'archive.screening.screenTitle er satt, men tittelen merker ingen flettefelt med |screened og titlePublic mangler');
  }

  const routeTargets = new Set<string>();
  p.routing.targets.forEach((r, i) => {
    if (routeTargets.has(r.target)) issue(['routing', 'targets', i, 'target'], `«${r.target}» er nevnt to ganger`);
    routeTargets.add(r.target);
    if (r.outcomes && r.after !== 'decided') issue(['routing', 'targets', i, 'outcomes'], 'bare med after «decided»');
    r.when?.forEach((c, j) => {
      if (!facts.has(c.fact)) issue(['routing', 'targets', i, 'when', j, 'fact'], `ukjent fakta «${c.fact}»`);
    });
  });
  if (p.routing.targets.some((r) => r.manual || !r.mapping) && !p.routing.manualTask) issue(['routing', 'manualTask'], 'påkrevd når en overføring er manuell');

  const seen = new Set<string>();
  p.attachments.forEach((att, i) => {
    if (seen.has(att.dataType)) issue(['attachments', i, 'dataType'], `dataType «${att.dataType}» er brukt to ganger`);
    seen.add(att.dataType);
  });

  if (p.rules) checkRules(p.rules, { issue, tpl, facts, formRefs, history: !!(p.roles.subjects?.personNumber && p.roles.period) });
}

/** The full schema: structure plus cross-references. */
export const checkedProfileSchema = serviceProfileSchema.superRefine(checkRefs);

export interface ProfileIssue {
  /** Dotted key in profile.json, e.g. "roles.applicant.personNumber". */
  key: string;
  message: string;
}

export type ProfileParse = { ok: true; profile: ServiceProfile } | { ok: false; issues: ProfileIssue[] };

const norwegian = z.locales.no().localeError;

/** Validates a parsed profile.json; every issue names its key. */
export function parseProfile(raw: unknown): ProfileParse {
  const r = checkedProfileSchema.safeParse(raw, { error: norwegian });
  if (r.success) return { ok: true, profile: r.data };
  const keyOf = (p: readonly PropertyKey[]) => (p.length === 0 ? '(rot)' : p.map(String).join('.'));
  return {
    ok: false,
    issues: r.error.issues.map((i) =>
      i.code === 'unrecognized_keys'
        ? { key: keyOf([...i.path, ...i.keys.slice(0, 1)]), message: `ukjent nøkkel: ${i.keys.join(', ')}` }
        : { key: keyOf(i.path), message: i.message },
    ),
  };
}
