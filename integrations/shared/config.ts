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

/** This machine: 127.0.0.0/8, ::1 and localhost (the simulators and tests). */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h.endsWith('.localhost') || h === '::1') return true;
  const v4 = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  return !!v4 && v4.slice(1).every((n) => Number(n) <= 255);
}

/** The message a plain-http address gets, naming the exception. */
export const HTTPS_REQUIRED = 'må bruke https:// (http:// er bare tillatt mot denne maskinen: 127.0.0.0/8, ::1 eller localhost)';

/**
 * A service address: https://, or http:// to this machine only (#12 item 12). Credentials and
 * personal data never cross the network in clear text; the simulators run on 127.0.0.1.
 */
export const httpUrl = z.url({ protocol: /^https?$/ }).refine(
  (u) => {
    try {
      const url = new URL(u);
      return url.protocol === 'https:' || isLoopbackHost(url.hostname);
    } catch {
      return true; // z.url() has said what is wrong with it
    }
  },
  { message: HTTPS_REQUIRED },
);

/** A secret the configuration names is not in the store: typed, so a caller can tell it from other failures without reading the message. */
export class MissingSecretError extends Error {
  override readonly name = 'MissingSecretError';
  constructor(
    readonly secretName: string,
    message = `Hemmeligheten «${secretName}» finnes ikke`,
  ) {
    super(message);
  }
}

/** The value behind a reference; a missing one names the secret, the store and what it was for. */
export async function resolveSecret(secrets: SecretStore, ref: SecretRef, what: string): Promise<string> {
  const v = await secrets.get(ref.secret);
  if (!v) throw new MissingSecretError(ref.secret, `Hemmeligheten «${ref.secret}» (${what}) finnes ikke i hemmelighetslageret (${secrets.kind}).`);
  return v;
}
