import { IntegrationError } from '../../electron/core/errors';
import type { ContactFacts } from '../../electron/core/ports/register.port';
import { redactText } from '../../electron/core/redact';
import { errorForStatus, httpRequest, readJson } from '../shared/http';
import { isPersonNumber, mapKrrPerson, maskPersonNumber, notRegistered, type KrrResponse } from './register.mapper';

/**
 * KRR Oppslagstjenesten REST: `POST {url}/rest/v1/personer` with `{"personidentifikatorer":[…]}`
 * (1–1000 per call) and a Maskinporten token (scope krr:global/kontaktinformasjon.read). Longer
 * lists go in consecutive calls of up to 1000: one large call is what Digdir asks for, and one at
 * a time keeps the load on KRR flat.
 */

export interface KrrConfig {
  /** The environment's origin, e.g. https://kontaktregisteret.no */
  url: string;
  timeoutMs: number;
}

export interface KrrDeps {
  token(): Promise<string>;
  /** For the 18-month rule. */
  now: () => number;
  signal?: AbortSignal;
}

export interface KrrClient {
  contacts(personNumbers: string[]): Promise<ContactFacts[]>;
}

export const KRR_PERSONER_PATH = '/rest/v1/personer';
export const KRR_MAX_PER_CALL = 1000;
const INTEGRATION = 'krr';
const WHAT = 'KRR: kontaktoppslag';

export function createKrrAdapter(config: KrrConfig, deps: KrrDeps): KrrClient {
  const url = `${config.url.replace(/\/+$/, '')}${KRR_PERSONER_PATH}`;

  async function batch(numbers: string[]): Promise<ContactFacts[]> {
    const what = `${WHAT} (${numbers.length} personer)`;
    try {
      const token = await deps.token();
      const res = await httpRequest(
        url,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ personidentifikatorer: numbers }),
        },
        what,
        { integration: INTEGRATION, timeoutMs: config.timeoutMs, signal: deps.signal },
      );
      const err = errorForStatus(res, what, INTEGRATION);
      if (err) {
        await res.body?.cancel();
        throw err;
      }
      const body = await readJson<KrrResponse>(res, what, INTEGRATION);
      if (!body || !Array.isArray(body.personer)) throw new IntegrationError('transient', `${what}: svaret mangler personer`, { integration: INTEGRATION });
      const now = deps.now();
      const asked = new Set(numbers);
      const byNumber = new Map<string, ContactFacts>();
      for (const p of body.personer) {
        const id = p?.personidentifikator;
        // only the numbers asked for, once each
        if (id && asked.has(id) && !byNumber.has(id)) byNumber.set(id, mapKrrPerson(p, now));
      }
      // KRR answers unknown numbers with IKKE_REGISTRERT; one left out altogether is taken the same way
      return numbers.map((n) => byNumber.get(n) ?? notRegistered(n));
    } catch (e) {
      if (e instanceof IntegrationError) {
        throw new IntegrationError(e.kind, redactText(e.message), { integration: INTEGRATION, retryAfterMs: e.retryAfterMs, cause: e.options.cause instanceof Error ? new Error(redactText(e.options.cause.message)) : undefined });
      }
      throw new IntegrationError('transient', redactText(`${what}: ${e instanceof Error ? e.message : String(e)}`), { integration: INTEGRATION });
    }
  }

  return {
    async contacts(personNumbers) {
      const bad = personNumbers.find((n) => !isPersonNumber(n));
      if (bad !== undefined) throw new IntegrationError('validation', `${WHAT}: ${maskPersonNumber(bad)} er ikke et fødsels- eller D-nummer`, { integration: INTEGRATION });
      const unique = [...new Set(personNumbers)];
      const out: ContactFacts[] = [];
      for (let i = 0; i < unique.length; i += KRR_MAX_PER_CALL) out.push(...(await batch(unique.slice(i, i + KRR_MAX_PER_CALL))));
      return out;
    },
  };
}
