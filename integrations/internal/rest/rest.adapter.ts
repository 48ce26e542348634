import { IntegrationError } from '../../../electron/core/errors';
import type { Handover, HandoverResult, InternalSystemPort } from '../../../electron/core/ports/internal-system.port';
import { httpRequest, readBytes } from '../../shared/http';
import type { InternalDeps, InternalTargetConfig } from '../internal.config';
import { createRestAuthorizer } from './rest-auth';
import { referenceAt, refusal, targetMessage } from './rest-answer';

/**
 * An internal system that takes applications over REST/JSON: the mapped payload is POSTed (or
 * PUT) to `rest.url` once per call, with `Idempotency-Key: <key>` so a retry after a lost answer
 * finds the item the target already stored instead of making a second. The target's reference is
 * read from its answer (`referenceField`). Keep-alive comes from fetch's shared pool; credentials
 * are read once (rest-auth.ts). Errors are the fixed kinds; a refusal carries the target's own words.
 */

/** An answer is an id and a status; anything near this size is not one. */
const MAX_ANSWER_BYTES = 1024 * 1024;
/** A refusal's body: enough for a problem+json with a list of errors. */
const MAX_ERROR_BYTES = 64 * 1024;
/** What an HTTP header may carry (visible ASCII), and a length any server takes. */
const HEADER_SAFE = /^[\x21-\x7e]{1,200}$/;

export async function createRestTarget(id: string, t: InternalTargetConfig, deps: InternalDeps): Promise<InternalSystemPort> {
  const rest = t.rest;
  if (!rest) throw new Error(`Målsystemet «${id}» mangler seksjonen «rest».`);
  const { url, method } = rest;
  const name = t.name;
  const what = `${name}: overføring`;
  const http = { integration: id, timeoutMs: rest.timeoutMs };
  const auth = createRestAuthorizer(id, name, rest, deps);

  async function send(h: Handover, body: string): Promise<Response> {
    // a 401 may mean the cached token expired early or was revoked: one more try with a fresh one
    for (let attempt = 0; ; attempt++) {
      const authorization = await auth.header();
      const headers = {
        accept: 'application/json, application/problem+json',
        'content-type': 'application/json',
        'idempotency-key': h.key,
        authorization,
      };
      // redirect 'manual': a POST is never turned into a GET, nor our credentials sent elsewhere
      const res = await httpRequest(url, { method, headers, body, redirect: 'manual' }, what, http);
      if (res.status !== 401) return res;
      const retry = auth.refused(authorization) && attempt === 0;
      if (!retry) return res;
      await readBytes(res, what, id, MAX_ERROR_BYTES).catch(() => undefined); // drained, so the connection is reused
    }
  }

  return {
    target: id,
    transport: 'rest',
    async handOver(h: Handover): Promise<HandoverResult> {
      if (!HEADER_SAFE.test(h.key)) throw new IntegrationError('permanent', `${what}: nøkkelen kan ikke sendes som Idempotency-Key`, { integration: id });
      const body = h.payload === undefined ? undefined : JSON.stringify(h.payload);
      if (body === undefined) throw new IntegrationError('validation', `${what}: mappingen ga ingen data å sende`, { integration: id });
      const res = await send(h, body);
      if (!res.ok) {
        const bytes = await readBytes(res, what, id, MAX_ERROR_BYTES).catch(() => new Uint8Array());
        throw refusal(res.status, res.headers, targetMessage(bytes, res.headers.get('content-type')), name, id);
      }
      const bytes = await readBytes(res, what, id, MAX_ANSWER_BYTES);
      if (bytes.byteLength === 0) return { state: 'delivered', reference: null };
      let answer: unknown;
      try {
        answer = JSON.parse(Buffer.from(bytes).toString('utf8'));
      } catch {
        // the target stored it, but we cannot read its reference: the retry (same key) gets it again
        throw new IntegrationError('transient', `${what}: svaret er ikke gyldig JSON`, { integration: id });
      }
      return { state: 'delivered', reference: referenceAt(answer, rest.referenceField) };
    },
  };
}
