import { randomUUID } from 'node:crypto';
import { decodeJwt, importPKCS8, SignJWT } from 'jose';
import { IntegrationError } from '../../../electron/core/errors';
import { errorForStatus, httpRequest, readJson } from '../http';
import { refreshMarginMs } from './token-margin';

export interface MaskinportenConfig {
  tokenUrl: string;
  /** The Maskinporten audience, e.g. https://maskinporten.no/ */
  audience: string;
  clientId: string;
  kid: string;
  scope: string;
  /** PKCS#8 PEM of the client's key (from the SecretStore, never from the config file). */
  privateKeyPem: string;
  timeoutMs: number;
}

const INTEGRATION = 'altinn';


/**
 * Maskinporten JWT-bearer grant, then the Altinn exchange; caches the Altinn token until shortly
 * before it expires (refreshMarginMs). invalidate() after a 401 forces a new one.
 */
export function createAltinnTokenProvider(mp: MaskinportenConfig, exchangeUrl: string | null, now: () => number = Date.now) {
  /** `until`: our clock's time to stop using it (expiry less the margin). */
  let cached: { token: string; until: number } | null = null;
  let pending: Promise<string> | null = null;
  let key: Awaited<ReturnType<typeof importPKCS8>> | null = null;

  async function maskinportenToken(signal?: AbortSignal): Promise<string> {
    key ??= await importPKCS8(mp.privateKeyPem, 'RS256').catch(() => {
      throw new IntegrationError('auth', 'Maskinporten-nøkkelen kan ikke leses (forventer PKCS#8 PEM).', { integration: INTEGRATION });
    });
    const iat = Math.floor(now() / 1000);
    const assertion = await new SignJWT({ scope: mp.scope })
      .setProtectedHeader({ alg: 'RS256', kid: mp.kid })
      .setAudience(mp.audience)
      .setIssuer(mp.clientId)
      .setIssuedAt(iat)
      .setExpirationTime(iat + 60)
      .setJti(randomUUID())
      .sign(key);
    const body = new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion });
    const res = await httpRequest(mp.tokenUrl, { method: 'POST', body, headers: { accept: 'application/json' } }, 'Maskinporten token', {
      integration: INTEGRATION,
      timeoutMs: mp.timeoutMs,
      signal,
    });
    const e = errorForStatus(res, 'Maskinporten token', INTEGRATION);
    if (e) {
      // a refused grant is a configuration problem (key, client, scope), not something to hammer
      throw res.status === 400 ? new IntegrationError('auth', `${e.message} (ugyldig grant: sjekk klient-id, nøkkel og scope)`, { integration: INTEGRATION }) : e;
    }
    const json = await readJson<{ access_token?: string }>(res, 'Maskinporten token', INTEGRATION);
    if (!json.access_token) throw new IntegrationError('transient', 'Maskinporten token: mangler access_token', { integration: INTEGRATION });
    return json.access_token;
  }

  async function fetchToken(signal?: AbortSignal): Promise<string> {
    const mpToken = await maskinportenToken(signal);
    // APIs that take the Maskinporten token itself (Folkeregisteret, KRR) skip the exchange
    if (exchangeUrl === null) return remember(mpToken);
    const res = await httpRequest(exchangeUrl, { headers: { authorization: `Bearer ${mpToken}` } }, 'Altinn token-veksling', {
      integration: INTEGRATION,
      timeoutMs: mp.timeoutMs,
      signal,
    });
    const e = errorForStatus(res, 'Altinn token-veksling', INTEGRATION);
    if (e) throw e;
    // Altinn answers with the raw JWT, some versions JSON-quote it
    return remember((await res.text()).trim().replace(/^"|"$/g, ''));
  }

  function remember(token: string): string {
    let claims: ReturnType<typeof decodeJwt>;
    try {
      claims = decodeJwt(token);
    } catch {
      throw new IntegrationError('transient', 'Tokenet er ikke et JWT', { integration: INTEGRATION });
    }
    const received = now();
    const exp = (claims.exp ?? 0) * 1000;
    // The lifetime (exp - iat) counted from when it arrived, so a clock apart from the issuer's
    // neither keeps an expired token nor throws away a fresh one; without iat, exp as it stands.
    const expiresAt = typeof claims.iat === 'number' && claims.exp !== undefined ? received + exp - claims.iat * 1000 : exp;
    cached = { token, until: expiresAt - refreshMarginMs(expiresAt - received) };
    return token;
  }

  return {
    async token(signal?: AbortSignal): Promise<string> {
      if (cached && cached.until > now()) return cached.token;
      // one fetch at a time: concurrent downloads share the same new token
      pending ??= fetchToken(signal).finally(() => (pending = null));
      return pending;
    },
    invalidate(): void {
      cached = null;
    },
  };
}

export type AltinnTokenProvider = ReturnType<typeof createAltinnTokenProvider>;
