import { z } from 'zod';
import { maskinportenSchema } from '../../shared/auth/maskinporten';
import { httpUrl, secretRefSchema } from '../../shared/config';

/** A target that offers REST/JSON: the mapped payload is POSTed (or PUT) as JSON. */

export const restAuthSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('oauth2'),
      tokenUrl: httpUrl.describe('OAuth2 token-endepunkt (client credentials)'),
      clientId: z.string().min(1),
      clientSecret: secretRefSchema,
      scope: z.string().min(1).optional(),
      /** How the client id and secret reach the token endpoint: HTTP Basic (client_secret_basic) or the form (client_secret_post). */
      clientAuth: z.enum(['basic', 'body']).default('basic').describe('basic: HTTP Basic (standard); body: client_id og client_secret i skjemaet'),
    })
    .strict(),
  z.object({ kind: z.literal('maskinporten'), maskinporten: maskinportenSchema }).strict(),
  z.object({ kind: z.literal('basic'), username: z.string().min(1), password: secretRefSchema }).strict(),
]);
export type RestAuth = z.infer<typeof restAuthSchema>;

export const restTargetSchema = z
  .object({
    url: httpUrl.describe('Adressen søknaden sendes til'),
    method: z.enum(['POST', 'PUT']).default('POST'),
    auth: restAuthSchema,
    /** Where the target's reference is in its answer: a field name, or a JSON Pointer (/data/id). */
    referenceField: z.string().min(1).default('id'),
    timeoutMs: z.number().int().min(1000).max(600_000).default(30_000),
  })
  .strict();
export type RestTargetConfig = z.output<typeof restTargetSchema>;
