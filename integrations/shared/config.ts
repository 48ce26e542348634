import { z } from 'zod';
import type { SecretStore } from '../../electron/core/ports/secret-store.port';

/**
 * What every integration's config section is made of: secrets referenced by name (never
 * inline), http(s) URLs, and the one way a reference becomes its value.
 */

export const secretRefSchema = z
  .object({ secret: z.string().regex(/^[A-Za-z0-9._-]+$/, 'bare bokstaver, tall, punktum, bindestrek og understrek') })
  .strict()
  .describe('Referanse til en hemmelighet i hemmelighetslageret (aldri selve verdien)');
export type SecretRef = z.infer<typeof secretRefSchema>;

export const httpUrl = z.url({ protocol: /^https?$/ });

/** The value behind a reference; a missing one names the secret, the store and what it was for. */
export async function resolveSecret(secrets: SecretStore, ref: SecretRef, what: string): Promise<string> {
  const v = await secrets.get(ref.secret);
  if (!v) throw new Error(`Hemmeligheten «${ref.secret}» (${what}) finnes ikke i hemmelighetslageret (${secrets.kind}).`);
  return v;
}
