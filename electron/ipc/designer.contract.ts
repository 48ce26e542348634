import { z } from 'zod';
import { OUTCOMES } from './desk.contract';
import { DESIGNERS } from './roles';

/**
 * The designer screens for IT staff (#15 item 7): mappings per profile and target, and a
 * profile's rules, each versioned draft → active with who changed what, a live preview and a
 * test run. Personal data in a preview only for a user who may see the case it came from.
 */

const kebab = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);
const mappingRef = z.object({ profileId: kebab, target: kebab }).strict();
const profileRef = z.object({ profileId: kebab }).strict();

export const designVersionSchema = z.object({
  version: z.number().int(),
  status: z.enum(['draft', 'active', 'retired']),
  body: z.string(),
  /** The person's name. */
  changedBy: z.string(),
  changedAt: z.number(),
  note: z.string().nullable(),
});
export type DesignVersionDto = z.infer<typeof designVersionSchema>;

export const mappingSummarySchema = z.object({
  profileId: z.string(),
  profileName: z.string(),
  target: z.string(),
  targetName: z.string(),
  transport: z.enum(['rest', 'soap', 'file', 'manual', 'unconfigured']),
  format: z.enum(['json', 'xml', 'csv']),
  hasSchema: z.boolean(),
  activeVersion: z.number().int().nullable(),
  draftVersion: z.number().int().nullable(),
});
export type MappingSummaryDto = z.infer<typeof mappingSummarySchema>;

export const mappingProblemSchema = z.object({ stage: z.enum(['syntax', 'evaluate', 'schema', 'serialise']), message: z.string(), at: z.string().optional() });

/** What the preview runs on: a made-up application from the profile's examples, or a real case. */
export const previewSourceSchema = z.discriminatedUnion('kind', [z.object({ kind: z.literal('sample') }).strict(), z.object({ kind: z.literal('case'), publicId: z.string().uuid() }).strict()]);

export const previewSchema = z.object({
  ok: z.boolean(),
  /** The payload as the target would get it (pretty JSON, XML or CSV); personal data masked where the user may not see the case. */
  text: z.string().nullable(),
  problems: z.array(mappingProblemSchema),
  /** True when values were masked. */
  masked: z.boolean(),
});
export type PreviewDto = z.infer<typeof previewSchema>;

export const diffLineSchema = z.object({ kind: z.enum(['same', 'added', 'removed']), text: z.string() });

export const ruleTestRowSchema = z.object({
  publicId: z.string(),
  receivedAt: z.number(),
  /** What the rules would recommend: an outcome, or «manuell» (no rule holds). */
  recommended: z.union([z.enum(OUTCOMES), z.literal('manuell')]),
  ruleId: z.string().nullable(),
  reasons: z.array(z.string()),
  /** The caseworker's decision, when there is one. */
  decided: z.enum(OUTCOMES).nullable(),
  differs: z.boolean(),
});
export type RuleTestRowDto = z.infer<typeof ruleTestRowSchema>;

export const designerChannels = {
  'mappings.list': { input: z.object({}).strict(), output: z.array(mappingSummarySchema), roles: DESIGNERS },
  'mappings.versions': { input: mappingRef, output: z.array(designVersionSchema), roles: DESIGNERS },
  'mappings.saveDraft': { input: mappingRef.extend({ body: z.string().max(200_000), note: z.string().max(500).optional() }).strict(), output: designVersionSchema, roles: DESIGNERS },
  'mappings.preview': { input: mappingRef.extend({ body: z.string().max(200_000), source: previewSourceSchema }).strict(), output: previewSchema, roles: DESIGNERS },
  'mappings.activate': { input: mappingRef.extend({ version: z.number().int().min(1) }).strict(), output: designVersionSchema, roles: DESIGNERS },
  'mappings.diff': { input: mappingRef.extend({ from: z.number().int().min(1), to: z.number().int().min(1) }).strict(), output: z.array(diffLineSchema), roles: DESIGNERS },
  'rules.versions': { input: profileRef, output: z.array(designVersionSchema), roles: DESIGNERS },
  /** The draft is saved even with problems (the editor keeps the work); they come back with it, and such a version is not activated. */
  'rules.saveDraft': {
    input: profileRef.extend({ body: z.string().max(200_000), note: z.string().max(500).optional() }).strict(),
    output: designVersionSchema.extend({ problems: z.array(z.string()).optional() }),
    roles: DESIGNERS,
  },
  'rules.activate': { input: profileRef.extend({ version: z.number().int().min(1) }).strict(), output: designVersionSchema, roles: DESIGNERS },
  'rules.diff': { input: profileRef.extend({ from: z.number().int().min(1), to: z.number().int().min(1) }).strict(), output: z.array(diffLineSchema), roles: DESIGNERS },
  /** The rules in `body` over the last N decided applications of the profile: what each would have given. */
  'rules.testRun': {
    input: profileRef.extend({ body: z.string().max(200_000), last: z.number().int().min(1).max(500).default(50) }).strict(),
    output: z.object({ problems: z.array(z.string()), rows: z.array(ruleTestRowSchema) }),
    roles: DESIGNERS,
  },
} as const;
