import { IntegrationError } from '../../../electron/core/errors';
import type { AltinnTokenProvider } from '../../shared/auth/maskinporten.client';
import { createOAuth2Client } from '../../shared/auth/oauth2-client';
import { resolveSecret } from '../../shared/config';
import type { InternalDeps } from '../internal.config';
import type { RestTargetConfig } from './rest.config';

/**
 * The Authorization header of a REST target, per `rest.auth`: an OAuth2 client-credentials
 * token, a Maskinporten token as is, or Basic. Secrets are read once and kept in memory, not
 * per hand-over; a 401 drops what the target refused (the token, or the password, which is then
 * read again: it may have been rotated).
 */
export interface RestAuthorizer {
  /** The header for the next call. */
  header(): Promise<string>;
  /** The target answered 401 to `header`. True when asking again with fresh credentials may help (once per hand-over). */
  refused(header: string): boolean;
}

const BEARER = 'Bearer ';

export function createRestAuthorizer(id: string, name: string, rest: RestTargetConfig, deps: InternalDeps): RestAuthorizer {
  const auth = rest.auth;
  if (auth.kind === 'oauth2') {
    const client = createOAuth2Client(
      { tokenUrl: auth.tokenUrl, clientId: auth.clientId, clientSecret: auth.clientSecret, scope: auth.scope, clientAuth: auth.clientAuth, timeoutMs: rest.timeoutMs, integration: id, what: name },
      { secrets: deps.secrets, now: deps.now },
    );
    return {
      header: async () => `${BEARER}${await client.token()}`,
      refused(header) {
        client.invalidate(header.slice(BEARER.length));
        return true;
      },
    };
  }
  if (auth.kind === 'maskinporten') {
    let provider: Promise<AltinnTokenProvider> | null = null;
    let ready: AltinnTokenProvider | null = null;
    const get = () =>
      (provider ??= deps.maskinporten.provider(auth.maskinporten, { timeoutMs: rest.timeoutMs, what: `${name}: Maskinporten-nøkkel` }).then(
        (p) => (ready = p),
        (e: unknown) => {
          provider = null;
          throw e instanceof IntegrationError ? e : new IntegrationError('auth', (e as Error).message, { integration: id });
        },
      ));
    return {
      header: async () => `${BEARER}${await (await get()).token()}`,
      refused() {
        ready?.invalidate();
        return true;
      },
    };
  }
  let header: Promise<string> | null = null;
  let ready: string | null = null;
  const basic = () =>
    (header ??= resolveSecret(deps.secrets, auth.password, `${name}: passord`).then(
      (password) => (ready = `Basic ${Buffer.from(`${auth.username}:${password}`, 'utf8').toString('base64')}`),
      (e: unknown) => {
        header = null;
        throw new IntegrationError('auth', (e as Error).message, { integration: id });
      },
    ));
  return {
    header: basic,
    refused(refusedHeader) {
      if (ready === refusedHeader) header = ready = null;
      return false;
    },
  };
}
