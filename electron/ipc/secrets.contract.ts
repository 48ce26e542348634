import { z } from 'zod';
import { OPERATORS, type ChannelAccess } from './roles';

/**
 * Nøkler og sertifikater (#17 item 2): IT imports certificates and keys (PKCS#12 or PEM) and sets
 * passwords into the secret store under the names the configuration references. Values and
 * passphrases go in and never come out: only public facts (subject, issuer, validity, fingerprint).
 */

/** What a config reference accepts ({"secret": NAME}), at most 100 characters. */
const secretName = z
  .string()
  .regex(/^[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}$/, 'bare bokstaver (a–z), tall, punktum, bindestrek og understrek, høyst 100 tegn')
  .describe('Navnet konfigurasjonen bruker: {"secret": "NAVN"}');

export const SECRET_KINDS = ['pkcs12', 'pem-certificate', 'private-key', 'secret'] as const;
export const EXPIRY_STATES = ['ok', 'warning', 'expired'] as const;
/** 64 KB of file as base64 (4 characters per 3 bytes). */
export const MAX_IMPORT_BASE64 = Math.ceil((64 * 1024) / 3) * 4;

const versionSchema = z.object({
  kind: z.enum(SECRET_KINDS),
  subject: z.string().nullable(),
  issuer: z.string().nullable(),
  notBefore: z.number().nullable(),
  notAfter: z.number().nullable(),
  /** Whole days until notAfter (negative when expired). */
  daysLeft: z.number().int().nullable(),
  /** warning: fewer than 30 days left. */
  expiry: z.enum(EXPIRY_STATES).nullable(),
  fingerprint: z.string().nullable(),
  importedAt: z.number().nullable(),
  importedBy: z.string().nullable(),
});
export type SecretVersionDto = z.infer<typeof versionSchema>;

export const secretRowSchema = versionSchema.extend({
  name: z.string(),
  /** store: set here; read-only: from an environment variable or the demo; missing: referenced by the config but not set. */
  source: z.enum(['store', 'read-only', 'missing']),
  /** A rotation under way: the value before it, kept until the new one has worked. */
  previous: versionSchema.nullable(),
  /** Config paths that reference the name. */
  refs: z.array(z.string()),
});
export type SecretRowDto = z.infer<typeof secretRowSchema>;

export const secretsListSchema = z.object({
  /** How the store keeps secrets at rest. */
  store: z.object({
    kind: z.string(),
    /** plain: an owner-only file without encryption (the headless host without POSTMOTTAK_SECRETS_KEY). */
    protection: z.enum(['encrypted', 'keychain', 'plain', 'memory', 'environment']),
    /** Whether values can be set here (an environment-only store cannot). */
    writable: z.boolean(),
  }),
  warningDays: z.number().int(),
  rows: z.array(secretRowSchema),
});
export type SecretsListDto = z.infer<typeof secretsListSchema>;

export const secretsChannels = {
  'secrets.list': { input: z.object({}).strict(), output: secretsListSchema, roles: OPERATORS },
  /** A PKCS#12 (.p12/.pfx) or PEM file (certificate and/or key). An expired certificate is accepted with a warning. */
  'secrets.import': {
    input: z
      .object({
        name: secretName,
        fileName: z.string().min(1).max(255),
        base64: z.string().min(1).max(MAX_IMPORT_BASE64, 'filen er større enn 64 KB'),
        passphrase: z.string().max(1024).optional(),
      })
      .strict(),
    /** applied: the integrations that use the name were connected again with the new value (else it takes effect at the next start). */
    output: z.object({ name: z.string(), kind: z.enum(SECRET_KINDS), rotation: z.boolean(), applied: z.boolean(), warnings: z.array(z.string()), row: versionSchema }),
    roles: OPERATORS,
  },
  /** A password or client secret; write-only. */
  'secrets.set': {
    input: z.object({ name: secretName, value: z.string().min(1).max(16_384) }).strict(),
    output: z.object({ name: z.string(), rotation: z.boolean(), applied: z.boolean() }),
    roles: OPERATORS,
  },
  /** «Den nye virker – fjern den gamle»: ends a rotation by removing the previous value. */
  'secrets.confirmRotation': { input: z.object({ name: secretName }).strict(), output: z.object({ name: z.string() }), roles: OPERATORS },
  /** The new value did not work: the previous one is put back. */
  'secrets.rollback': { input: z.object({ name: secretName }).strict(), output: z.object({ name: z.string() }), roles: OPERATORS },
  /** Refused while the configuration references the name. */
  'secrets.delete': { input: z.object({ name: secretName }).strict(), output: z.object({ name: z.string() }), roles: OPERATORS },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType; roles: ChannelAccess }>;
