import { IntegrationError } from '../../electron/core/errors';
import type { PersonFacts } from '../../electron/core/ports/register.port';
import { redactText } from '../../electron/core/redact';
import { errorForStatus, httpRequest, readJson } from '../shared/http';
import { FREG_PARTS, isPersonNumber, mapFregPerson, maskPersonNumber, type FregPerson } from './register.mapper';

/**
 * Folkeregisteret, rettighetspakke "offentlig med hjemmel": `GET {url}/folkeregisteret/
 * offentlig-med-hjemmel/api/v1/personer/{personidentifikator}?part=…` with a Maskinporten
 * token (scope folkeregister:deling/offentligmedhjemmel). The API puts the fødselsnummer in the
 * path, so the URL is never put into a message: every error text and cause is masked.
 */

export interface FolkeregisteretConfig {
  /** The environment's origin, e.g. https://folkeregisteret.api.skatteetaten.no */
  url: string;
  timeoutMs: number;
}

export interface FolkeregisteretDeps {
  /** A current bearer token (the app wires Maskinporten; tests a static one). */
  token(): Promise<string>;
  signal?: AbortSignal;
}

export interface FolkeregisteretClient {
  person(personNumber: string): Promise<PersonFacts | null>;
}

export const FREG_API_PATH = '/folkeregisteret/offentlig-med-hjemmel/api/v1';
const INTEGRATION = 'folkeregisteret';
const WHAT = 'Folkeregisteret: personoppslag';

/** The same error, its message and cause masked (fetch failures may carry the URL, and with it the number). */
function masked(e: IntegrationError): IntegrationError {
  const cause = e.options.cause;
  const why = cause instanceof Error ? `${cause.name}: ${cause.message}${cause.cause instanceof Error ? ` (${cause.cause.message})` : ''}` : cause === undefined ? undefined : String(cause);
  return new IntegrationError(e.kind, redactText(e.message), {
    integration: e.integration,
    retryAfterMs: e.retryAfterMs,
    cause: why === undefined ? undefined : new Error(redactText(why)),
  });
}

export function createFolkeregisteretAdapter(config: FolkeregisteretConfig, deps: FolkeregisteretDeps): FolkeregisteretClient {
  const base = `${config.url.replace(/\/+$/, '')}${FREG_API_PATH}/personer/`;
  const query = FREG_PARTS.map((p) => `part=${encodeURIComponent(p)}`).join('&');

  return {
    async person(personNumber) {
      if (!isPersonNumber(personNumber)) throw new IntegrationError('validation', `${WHAT}: ${maskPersonNumber(personNumber)} er ikke et fødsels- eller D-nummer`, { integration: INTEGRATION });
      const what = `${WHAT} ${maskPersonNumber(personNumber)}`;
      try {
        const token = await deps.token();
        const res = await httpRequest(
          `${base}${encodeURIComponent(personNumber)}?${query}`,
          { method: 'GET', headers: { authorization: `Bearer ${token}`, accept: 'application/json' } },
          what,
          { integration: INTEGRATION, timeoutMs: config.timeoutMs, signal: deps.signal },
        );
        if (res.status === 404) {
          await res.body?.cancel();
          return null;
        }
        if (res.status === 429) {
          await res.body?.cancel();
          // Freg gives Retry-After in milliseconds, not seconds (OpenAPI 429 text)
          const ms = Number(res.headers.get('retry-after'));
          throw new IntegrationError('rate-limited', `${what}: HTTP 429`, { integration: INTEGRATION, retryAfterMs: Number.isFinite(ms) && ms >= 0 ? ms : undefined });
        }
        const err = errorForStatus(res, what, INTEGRATION);
        if (err) {
          await res.body?.cancel();
          throw err;
        }
        const doc = await readJson<FregPerson>(res, what, INTEGRATION);
        if (!doc || typeof doc !== 'object') throw new IntegrationError('transient', `${what}: svaret er ikke et persondokument`, { integration: INTEGRATION });
        return mapFregPerson(doc, personNumber);
      } catch (e) {
        if (e instanceof IntegrationError) throw masked(e);
        // anything else (a token provider's own failure, a document the mapper chokes on): transient, masked
        throw new IntegrationError('transient', redactText(`${what}: ${e instanceof Error ? e.message : String(e)}`), { integration: INTEGRATION });
      }
    },
  };
}
