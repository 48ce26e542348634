import { z } from 'zod';
import type { SecretStore } from '../../../electron/core/ports/secret-store.port';
import { httpUrl, resolveSecret, secretRefSchema } from '../config';
import { createAltinnTokenProvider, type AltinnTokenProvider } from './maskinporten.client';

/**
 * Maskinporten serves Altinn (through the Altinn exchange), Folkeregisteret and KRR (its token
 * as is). One client per configuration is built once and shared by every integration that asks
 * with the same client, scope and exchange: the key is read from the secret store once, and a
 * token fetched for one caller serves the others.
 */

export const maskinportenSchema = z
  .object({
    tokenUrl: httpUrl.describe('https://maskinporten.no/token'),
    audience: z.string().min(1).describe('https://maskinporten.no/'),
    clientId: z.string().min(1),
    kid: z.string().min(1),
    scope: z.string().min(1),
    privateKey: secretRefSchema.describe('PKCS#8 PEM-nøkkel i hemmelighetslageret'),
  })
  .strict();
export type MaskinportenSection = z.infer<typeof maskinportenSchema>;

export interface Maskinporten {
  /**
   * The token provider for a client and scope; `altinnPlatformUrl` exchanges the token for an
   * Altinn token, without it the Maskinporten token is used as is (Folkeregisteret, KRR).
   */
  provider(mp: MaskinportenSection, o: { timeoutMs: number; altinnPlatformUrl?: string; what?: string }): Promise<AltinnTokenProvider>;
}

export const altinnExchangeUrl = (platformUrl: string) => `${platformUrl.replace(/\/$/, '')}/authentication/api/v1/exchange/maskinporten`;

export function createMaskinporten(deps: { secrets: SecretStore; now?: () => number }): Maskinporten {
  const built = new Map<string, Promise<AltinnTokenProvider>>();
  return {
    provider(mp, o) {
      const exchangeUrl = o.altinnPlatformUrl === undefined ? null : altinnExchangeUrl(o.altinnPlatformUrl);
      const key = JSON.stringify([mp.tokenUrl, mp.audience, mp.clientId, mp.kid, mp.scope, mp.privateKey.secret, o.timeoutMs, exchangeUrl]);
      let p = built.get(key);
      if (!p) {
        p = resolveSecret(deps.secrets, mp.privateKey, o.what ?? 'Maskinporten').then((privateKeyPem) =>
          createAltinnTokenProvider({ ...mp, privateKeyPem, timeoutMs: o.timeoutMs }, exchangeUrl, deps.now),
        );
        // a missing secret is reported to every caller, not remembered
        p.catch(() => built.delete(key));
        built.set(key, p);
      }
      return p;
    },
  };
}
