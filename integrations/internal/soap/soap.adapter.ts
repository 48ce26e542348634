/**
 * InternalSystemPort over SOAP, from the WSDL IT supplies (#15 item 1): the `soap` package reads
 * the WSDL, writes the envelope from the mapped payload (the operation's arguments), sends it with
 * the SOAPAction, HTTP Basic auth and a timeout, and parses the answer or the Fault. Nothing is
 * written by hand but the key header's value.
 *
 * The client is built once per target (the WSDL parsed once) and shared by concurrent hand-overs;
 * sockets are kept alive. The idempotency key travels in a SOAP header (`keyHeader`, default
 * HandoverKey, in the WSDL's namespace): the header is a function `soap` calls while it writes
 * each envelope, and it reads the key of the call it is writing from an AsyncLocalStorage, so
 * two hand-overs in flight on one client never swap keys. One try per call.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { BasicAuthSecurity, createClientAsync, type Client } from 'soap';
import { IntegrationError } from '../../../electron/core/errors';
import type { Handover, HandoverResult, InternalSystemPort } from '../../../electron/core/ports/internal-system.port';
import { resolveSecret } from '../../shared/config';
import type { InternalDeps, InternalTargetConfig } from '../internal.config';
import type { SoapTargetConfig } from './soap.config';
import { redact, soapFailure } from './soap-failure';

/** Idle sockets are closed by us well before servers close theirs (IIS 120 s, Node 5 s): no request goes out on a closing one. */
const IDLE_SOCKET_MS = 2_000;

type SoapAsync = (args: unknown, options: Record<string, unknown>) => Promise<[unknown, string, unknown, string]>;

export async function createSoapTarget(id: string, t: InternalTargetConfig, deps: InternalDeps): Promise<InternalSystemPort> {
  const soap = t.soap;
  if (!soap) throw new IntegrationError('permanent', `${t.name}: seksjonen «soap» mangler i oppsettet.`, { integration: id });
  const label = t.name;
  const integration = id;
  const agents = {
    httpAgent: new http.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS }),
    httpsAgent: new https.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS }),
  };
  const keyOfCall = new AsyncLocalStorage<string>();
  let client: Promise<Client> | null = null;
  let password: string | null = null;
  let closed = false;

  const fail = (kind: 'permanent' | 'auth' | 'validation', message: string, cause?: unknown) =>
    new IntegrationError(kind, redact(`${label}: ${message}`, password), { integration, cause });

  const build = async (): Promise<Client> => {
    if (soap.auth) {
      try {
        password = await resolveSecret(deps.secrets, soap.auth.password, label);
      } catch (e) {
        throw fail('auth', e instanceof Error ? e.message : String(e));
      }
    }
    let c: Client;
    try {
      c = await createClientAsync(wsdlLocation(soap, deps.resourcesDir), {
        disableCache: true, // options live on the parsed WSDL; one target's must not leak into another's
        wsdl_options: { ...agents },
      });
    } catch (e) {
      throw fail('permanent', `kan ikke lese WSDL-en «${soap.wsdl}» (${e instanceof Error ? e.message : String(e)})`);
    }
    if (typeof (c as unknown as Record<string, unknown>)[`${soap.operation}Async`] !== 'function') {
      throw fail('permanent', `WSDL-en «${soap.wsdl}» har ikke operasjonen «${soap.operation}»`);
    }
    if (soap.endpoint) c.setEndpoint(soap.endpoint);
    if (soap.auth && password !== null) c.setSecurity(new BasicAuthSecurity(soap.auth.username, password));
    if (soap.keyHeader) {
      const ns = (c.wsdl.definitions as { $targetNamespace?: string }).$targetNamespace;
      c.addSoapHeader(() => ({ [soap.keyHeader!]: keyOfCall.getStore() ?? '' }), soap.keyHeader, 'tns', ns);
    }
    return c;
  };

  const clientOnce = (): Promise<Client> => {
    client ??= build().catch((e: unknown) => {
      client = null; // a fixed WSDL or a secret set later is picked up on the next try
      throw e;
    });
    return client;
  };

  return {
    target: id,
    transport: 'soap',

    async handOver(h: Handover): Promise<HandoverResult> {
      if (closed) throw fail('permanent', 'forbindelsen er lukket');
      if (!h.payload || typeof h.payload !== 'object' || Array.isArray(h.payload)) {
        throw fail('validation', `tilordningen må gi et objekt med argumentene til «${soap.operation}»`);
      }
      const c = await clientOnce();
      const method = (c as unknown as Record<string, SoapAsync>)[`${soap.operation}Async`]!;
      let result: unknown;
      try {
        // the deadline covers the whole call; axios's own timeout only idle sockets
        const options = { timeout: soap.timeoutMs, signal: AbortSignal.timeout(soap.timeoutMs), ...agents };
        [result] = await keyOfCall.run(h.key, () => method.call(c, h.payload, options));
      } catch (e) {
        throw soapFailure(e, { label, integration, timeoutMs: soap.timeoutMs, password, now: deps.now });
      }
      return { state: 'delivered', reference: referenceIn(result, soap.referenceField) };
    },

    async close() {
      closed = true;
      client = null;
      agents.httpAgent.destroy();
      agents.httpsAgent.destroy();
    },
  };
}

/** A URL as it is; a path relative to the resources folder (where the shipped WSDLs are). */
function wsdlLocation(soap: SoapTargetConfig, resourcesDir: string): string {
  return /^https?:\/\//i.test(soap.wsdl) ? soap.wsdl : path.resolve(resourcesDir, soap.wsdl);
}

/** The answer's `field` (a dotted path for a nested one); null when the target gives none. */
export function referenceIn(result: unknown, field: string): string | null {
  let v: unknown = result;
  for (const part of field.split('.')) {
    if (!v || typeof v !== 'object') return null;
    v = (v as Record<string, unknown>)[part];
  }
  if (v && typeof v === 'object' && '$value' in v) v = (v as { $value: unknown }).$value;
  if (typeof v === 'number') return String(v);
  return typeof v === 'string' && v.trim() ? v.trim() : null;
}
