import { IntegrationError } from '../../../electron/core/errors';
import type { SecretStore } from '../../../electron/core/ports/secret-store.port';
import { resolveSecret, type SecretRef } from '../config';
import { errorForStatus, httpRequest, readBytes } from '../http';
import { refreshMarginMs } from './token-margin';

/**
 * OAuth2 client credentials (RFC 6749 §4.4) for APIs that take a bearer token from their own
 * token endpoint (Visma, IST …). The token is kept until shortly before it expires; concurrent
 * callers share one fetch in flight; a 401 from the API drops that token (invalidate), so the
 * next call fetches a new one. The client secret is read from the secret store at the first fetch
 * and kept in memory, read again only after the token endpoint refused the client (a rotated secret).
 */

export interface OAuth2ClientConfig {
  tokenUrl: string;
  clientId: string;
  clientSecret: SecretRef;
  scope?: string;
  /** client_secret_basic (RFC 6749 §2.3.1, the default every server must accept) or client_secret_post. */
  clientAuth?: 'basic' | 'body';
  timeoutMs: number;
  /** IntegrationError.integration of the errors, e.g. the target's id. */
  integration: string;
  /** What the errors and a missing secret name, e.g. «Visma Flyt Skole». */
  what: string;
}

export interface OAuth2TokenClient {
  /** A valid access token: the cached one, or a new one (one fetch shared by concurrent callers). */
  token(): Promise<string>;
  /** The API refused `token` (401): forget it, unless a newer one has replaced it already. */
  invalidate(token: string): void;
}

/** Cap on the token endpoint's answer: a token response is a few kB. */
const MAX_TOKEN_RESPONSE = 64 * 1024;
/** expires_in when the server leaves it out (RFC 6749 makes it only RECOMMENDED): the 401 renews earlier if need be. */
const DEFAULT_LIFETIME_MS = 300_000;

interface TokenAnswer {
  access_token?: unknown;
  token_type?: unknown;
  expires_in?: unknown;
  error?: unknown;
}

function parseTokenAnswer(bytes: Uint8Array): TokenAnswer | null {
  try {
    const v = JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown;
    return v !== null && typeof v === 'object' ? (v as TokenAnswer) : null;
  } catch {
    return null;
  }
}

/** The form encoding RFC 6749 §2.3.1 asks for before the id and secret go into Basic. */
const formEncode = (s: string): string => encodeURIComponent(s).replace(/%20/g, '+');

export function createOAuth2Client(c: OAuth2ClientConfig, deps: { secrets: SecretStore; now?: () => number }): OAuth2TokenClient {
  const now = deps.now ?? Date.now;
  const what = `${c.what}: OAuth2-token`;
  let secret: Promise<string> | null = null;
  let cached: { token: string; renewAt: number } | null = null;
  let pending: Promise<string> | null = null;

  function clientSecret(): Promise<string> {
    if (!secret) {
      const p = resolveSecret(deps.secrets, c.clientSecret, `${c.what}: OAuth2-klienthemmelighet`).catch((e: unknown) => {
        secret = null; // a secret added later is found at the next call
        throw new IntegrationError('auth', (e as Error).message, { integration: c.integration });
      });
      secret = p;
    }
    return secret;
  }

  async function fetchToken(): Promise<string> {
    const value = await clientSecret();
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    if (c.scope) form.set('scope', c.scope);
    const headers: Record<string, string> = { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' };
    if (c.clientAuth === 'body') {
      form.set('client_id', c.clientId);
      form.set('client_secret', value);
    } else headers.authorization = `Basic ${Buffer.from(`${formEncode(c.clientId)}:${formEncode(value)}`).toString('base64')}`;
    // not the caller's signal: the fetch serves every caller waiting for it
    const res = await httpRequest(c.tokenUrl, { method: 'POST', headers, body: form.toString() }, what, { integration: c.integration, timeoutMs: c.timeoutMs });
    const bytes = await readBytes(res, what, c.integration, MAX_TOKEN_RESPONSE);
    const json = parseTokenAnswer(bytes);
    const refused = errorForStatus(res, what, c.integration);
    if (refused) {
      // 400/401 from a token endpoint: the client, its secret or the scope is wrong (§5.2); not something to hammer
      if (res.status === 400 || res.status === 401) {
        secret = null;
        const code = typeof json?.error === 'string' && /^[\w.-]{1,64}$/.test(json.error) ? ` (${json.error})` : '';
        throw new IntegrationError('auth', `${what}: klienten ble avvist${code}; sjekk klient-id, klienthemmelighet og scope`, { integration: c.integration });
      }
      throw refused;
    }
    if (!json || typeof json.access_token !== 'string' || json.access_token === '') {
      throw new IntegrationError('transient', `${what}: svaret mangler access_token`, { integration: c.integration });
    }
    if (typeof json.token_type === 'string' && json.token_type.toLowerCase() !== 'bearer') {
      throw new IntegrationError('permanent', `${what}: tokentypen «${json.token_type.slice(0, 32)}» støttes ikke (bare Bearer)`, { integration: c.integration });
    }
    const secs = Number(json.expires_in);
    const lifetime = Number.isFinite(secs) && secs > 0 ? secs * 1000 : DEFAULT_LIFETIME_MS;
    // short-lived tokens (tests, strict servers) are still reused
    cached = { token: json.access_token, renewAt: now() + lifetime - refreshMarginMs(lifetime) };
    return json.access_token;
  }

  return {
    token() {
      if (cached && now() < cached.renewAt) return Promise.resolve(cached.token);
      pending ??= fetchToken().finally(() => (pending = null));
      return pending;
    },
    invalidate(token) {
      if (cached?.token === token) cached = null;
    },
  };
}
