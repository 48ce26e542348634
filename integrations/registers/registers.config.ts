import { z } from 'zod';
import { maskinportenSchema } from '../shared/auth/maskinporten';
import { httpUrl, secretRefSchema } from '../shared/config';

/** integrations.registers: Folkeregisteret and KRR, with Maskinporten (a scope each) or a fixed token. */

export const registersConfigSchema = z
  .object({
    enabled: z.boolean().default(true),
    folkeregisteret: z.object({ url: httpUrl, timeoutMs: z.number().int().min(1000).max(120_000).default(15_000) }).strict(),
    krr: z.object({ url: httpUrl, timeoutMs: z.number().int().min(1000).max(120_000).default(15_000) }).strict(),
    auth: z
      .discriminatedUnion('kind', [
        z.object({ kind: z.literal('maskinporten'), folkeregisteret: maskinportenSchema, krr: maskinportenSchema }).strict(),
        z.object({ kind: z.literal('bearer'), token: secretRefSchema }).strict(),
      ])
      .describe('Maskinporten (scope for Folkeregisteret og KRR) eller et fast token (test)'),
    cacheHours: z.number().min(0).max(720).default(24).describe('Hvor lenge et oppslag gjelder før det gjøres på nytt'),
  })
  .strict();
export type RegistersSection = z.output<typeof registersConfigSchema>;
/** What the registers factory reads (the cache is core's). */
export type RegistersConnection = Pick<RegistersSection, 'enabled' | 'folkeregisteret' | 'krr' | 'auth'>;
