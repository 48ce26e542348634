import { z } from 'zod';
import { OPERATORS } from './roles';

/**
 * The Integrasjoner screen (#17 item 1), for IT: one card per configured integration; a section
 * read as written in the config file (secret references by name, never a secret), validated
 * with the file's own schema, saved back to the file (audited, applied without a restart), and
 * "Test tilkobling" against the saved or the unsaved values.
 */

/** 'altinn' | 'altinn2' | 'archive' | 'correspondence' | 'registers' | 'print' | 'internal:<id>' */
export const INTEGRATION_KINDS = ['altinn', 'altinn2', 'archive', 'correspondence', 'registers', 'print'] as const;
export const integrationKeySchema = z.union([z.enum(INTEGRATION_KINDS), z.string().regex(/^internal:[a-z0-9]+(-[a-z0-9]+)*$/).max(80)]);
export type IntegrationKeyDto = z.infer<typeof integrationKeySchema>;

/** A config problem: the full key (`integrations.archive.noark5.url`), the field inside the section (`noark5.url`), and what is wrong. */
export const configProblemSchema = z.object({ key: z.string(), field: z.string(), message: z.string() });
export type ConfigProblemDto = z.infer<typeof configProblemSchema>;

export const integrationCardSchema = z.object({
  key: z.string(),
  /** The section in the file, dotted (`integrations.archive`). */
  section: z.string(),
  title: z.string(),
  enabled: z.boolean(),
  /** Transport or kind when the section has one (noark5-rest, hot-folder, rest …). */
  kind: z.string().nullable(),
  /** URLs and folders the integration reaches, by the key they sit under. */
  endpoints: z.array(z.object({ field: z.string(), value: z.string() })),
  /** Secret references by name, and whether the secret store holds them (the value is never read). */
  credentials: z.array(z.object({ field: z.string(), secret: z.string(), exists: z.boolean() })),
  /** Cron schedules with their next three runs (ms since epoch; shown in the config's time zone). */
  schedules: z.array(z.object({ field: z.string(), cron: z.string(), nextRuns: z.array(z.number()) })),
  /** Numbers that bound the work: concurrency, page sizes, timeouts. */
  limits: z.array(z.object({ field: z.string(), value: z.number() })),
  /** The health entry's name (jobs' `integration`), to match `health.get`. */
  healthKey: z.string(),
});
export type IntegrationCardDto = z.infer<typeof integrationCardSchema>;

export const integrationListSchema = z.object({
  /** Saving is possible (a config file is in use). */
  editable: z.boolean(),
  /** Why not, in words (the demo has no file). */
  readOnlyReason: z.string().nullable(),
  file: z.string().nullable(),
  timezone: z.string(),
  cards: z.array(integrationCardSchema),
  /** Integrations not configured yet, offered under "Legg til". */
  available: z.array(z.object({ key: z.string(), title: z.string() })),
});
export type IntegrationListDto = z.infer<typeof integrationListSchema>;

const sectionValues = z.record(z.string(), z.unknown());

export const integrationSectionSchema = z.object({
  key: z.string(),
  section: z.string(),
  title: z.string(),
  /** The section as written (defaults not filled in); empty for an integration being added. */
  values: sectionValues,
  /** The section's JSON Schema (input side), for the form. */
  schema: sectionValues,
  /** Names in the secret store, for the secret-reference selects. */
  secretNames: z.array(z.string()),
  /** The file's hash when read; a save names it so a concurrent change is refused. Null without a file. */
  hash: z.string().nullable(),
  editable: z.boolean(),
  readOnlyReason: z.string().nullable(),
});
export type IntegrationSectionDto = z.infer<typeof integrationSectionSchema>;

export const validateResultSchema = z.object({ ok: z.boolean(), problems: z.array(configProblemSchema) });

export const configChangeSchema = z.object({ key: z.string(), before: z.unknown(), after: z.unknown() });

export const saveResultSchema = z.object({
  saved: z.boolean(),
  /** What happened, in words (saved and in use; refused and why). */
  message: z.string(),
  problems: z.array(configProblemSchema),
  /** The keys changed, values shown as the audit trail has them («skjult» for secrets). */
  changes: z.array(configChangeSchema),
  /** The file's new hash, for the next save. */
  hash: z.string().nullable(),
  /** Whether the running app took the new settings (false: saved, in use after a restart, or rolled back). */
  applied: z.boolean(),
});
export type SaveResultDto = z.infer<typeof saveResultSchema>;

export const probeResultSchema = z.object({
  ok: z.boolean(),
  steps: z.array(z.object({ step: z.string(), ok: z.boolean(), detail: z.string(), ms: z.number() })),
  /** The unsaved values did not pass the schema: nothing was called. */
  problems: z.array(configProblemSchema),
});
export type ProbeResultDto = z.infer<typeof probeResultSchema>;

const keyInput = z.object({ key: integrationKeySchema }).strict();

export const integrationsAdminChannels = {
  'integrationsAdmin.list': { input: z.object({}).strict(), output: integrationListSchema, roles: OPERATORS },
  'integrationsAdmin.get': { input: keyInput, output: integrationSectionSchema, roles: OPERATORS },
  'integrationsAdmin.validate': { input: z.object({ key: integrationKeySchema, values: sectionValues }).strict(), output: validateResultSchema, roles: OPERATORS },
  'integrationsAdmin.save': {
    input: z.object({ key: integrationKeySchema, values: sectionValues, hash: z.string().max(128) }).strict(),
    output: saveResultSchema,
    roles: OPERATORS,
  },
  /** Without values: the saved config; with: the form's unsaved values. */
  'integrationsAdmin.test': { input: z.object({ key: integrationKeySchema, values: sectionValues.optional() }).strict(), output: probeResultSchema, roles: OPERATORS },
} as const;
