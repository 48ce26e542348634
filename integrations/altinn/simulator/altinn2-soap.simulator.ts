/**
 * What the Altinn 2 SOAP simulators share. `soap` does the endpoint, SOAPAction dispatch and
 * envelopes; requests are re-read here namespace-aware from the raw body (as WCF does, while
 * `soap`'s parsed args lose namespaces and order), faults are written as WCF writes them, and
 * bodies in WCF DataContract style (prefixed item namespaces, i:nil for nulls).
 */
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { XMLParser } from 'fast-xml-parser';
import { listen, type IServices } from 'soap';
import type { FaultInjector, Faults } from '../../shared/simulator/faults';
import { takeOverListeners, withSimFaults } from '../../shared/simulator/request-loop';
import type { SimResponse } from '../../shared/simulator/sim-response';

export const A2_NS = {
  soap: 'http://schemas.xmlsoap.org/soap/envelope/',
  fault: 'http://www.altinn.no/services/common/fault/2009/10',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
} as const;

/**
 * The AltinnFault ErrorIDs Altinn 2 gave for a bad system name / failed system authentication
 * (felleslosninger/docs, eFormidling "Kjente feil"), in every service.
 */
export const A2_AUTH_FAULT = { invalidSystem: 5, authenticationFailed: 6 } as const;

export interface Altinn2SoapRequests {
  /** The request's operation element; a ContractFilter fault (as WCF's) unless it is `op` in `ns`. */
  operation(req: http.IncomingMessage, op: string, ns: string): XEl;
}

/** Injected faults for the operations named (by SOAPAction) in `ops`: the shared fault step in front of `soap`. */
export interface Altinn2SoapFaults {
  injector: FaultInjector<{ '*'?: Faults }>;
  ops: readonly string[];
}

/**
 * Mounts the service on `server`; it takes over the 'request' listeners on the next tick, so attach
 * REST handlers first. With `faults`, the shared fault step (faults before handling, then the
 * answer lost, replaced or garbled) runs in front of it for the operations named there.
 */
export function listenAltinn2Soap(server: http.Server, o: { path: string; wsdl: string; services: (requests: Altinn2SoapRequests) => IServices; faults?: Altinn2SoapFaults }): void {
  const raw = new WeakMap<object, string>();
  const requests: Altinn2SoapRequests = {
    operation(req, op, ns) {
      const el = operationElement(raw.get(req) ?? '');
      if (!el || el.ns !== ns || el.name !== op) {
        const action = String(req.headers.soapaction ?? '').replace(/^"|"$/g, '');
        throw soapFault(`The message with Action '${action}' cannot be processed at the receiver, due to a ContractFilter mismatch at the EndpointDispatcher.`);
      }
      return el;
    },
  };
  const faults = o.faults;
  const inFront = faults && (() => server.on('request', withSimFaults(faults.injector, { op: (req) => faultOp(req, o.path, faults.ops), serverError: soapServerError }, takeOverListeners(server))));
  const soapServer = listen(server, { path: o.path, services: o.services(requests), xml: o.wsdl, suppressStack: true, callback: inFront });
  soapServer.log = (type, data, req) => {
    if (type === 'received' && typeof data === 'string') raw.set(req, data);
  };
}

/** A POST to the service whose SOAPAction ends in one of `ops` is that operation. */
function faultOp(req: http.IncomingMessage, path: string, ops: readonly string[]): string | null {
  if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://127.0.0.1').pathname.replace(/\/$/, '') !== path.replace(/\/$/, '')) return null;
  const op = String(req.headers.soapaction ?? '').replace(/^"|"$/g, '').split('/').pop() ?? '';
  return ops.includes(op) ? op : null;
}

/** WCF's answer to an unhandled exception (an injected server error): a Server fault, 500. */
const soapServerError = (): SimResponse => ({
  status: 500,
  headers: { 'Content-Type': 'text/xml; charset=utf-8' },
  body: `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${A2_NS.soap}"><soap:Body><soap:Fault>${text('faultcode', 's:Server')}${text('faultstring', 'The server was unable to process the request due to an internal error.')}</soap:Fault></soap:Body></soap:Envelope>`,
});

/** Altinn 2's system authentication: an unknown name is 5, a wrong password 6. */
export function authenticateSystem(expected: { systemUserName: string; systemPassword: string }, user: string | undefined, password: string | undefined): void {
  if (!user || user !== expected.systemUserName) throw altinnFault(A2_AUTH_FAULT.invalidSystem, 'InvalidSystemName/Id. Must be a number or valid username.');
  if (password !== expected.systemPassword) throw altinnFault(A2_AUTH_FAULT.authenticationFailed, 'An exception happened when trying to authenticate the system.');
}

// --- faults ----------------------------------------------------------------------------------

/** WCF FaultException<AltinnFault>: faultcode Client, no Reason; everything useful is in the detail. */
export function altinnFault(errorId: number, message: string): { Fault: object } {
  const detail = el(
    'AltinnFault',
    [
      text('AltinnErrorMessage', message),
      text('AltinnExtendedErrorMessage', 'No information available'),
      text('AltinnLocalizedErrorMessage', message),
      text('ErrorGuid', randomUUID()),
      text('ErrorID', String(errorId)),
      text('UserGuid', '-no value-'),
      text('UserId', '0'),
    ],
    ` xmlns="${A2_NS.fault}" xmlns:i="${A2_NS.xsi}"`,
  );
  return soapFault('The creator of this fault did not specify a Reason.', detail);
}

export function soapFault(reason: string, detailXml?: string, code = 'soap:Client'): { Fault: object } {
  return { Fault: { faultcode: code, faultstring: reason, ...(detailXml ? { detail: { $xml: detailXml } } : {}), statusCode: 500 } };
}

// --- response bodies -------------------------------------------------------------------------

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#xD;');
export const el = (name: string, children: string[], attrs = '') => `<${name}${attrs}>${children.join('')}</${name}>`;
export const text = (name: string, value: string) => `<${name}>${escapeXml(value)}</${name}>`;
export const nil = (name: string) => `<${name} i:nil="true"/>`;

/** Altinn 2 ran on Norwegian time; WCF writes a local DateTime with its offset. */
export function osloDateTime(ms: number): string {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Oslo', timeZoneName: 'longOffset' }).formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')?.value ?? '';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  const offsetMin = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  const local = new Date(ms + offsetMin * 60_000).toISOString().slice(0, 23);
  const abs = Math.abs(offsetMin);
  return `${local}${offsetMin < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

// --- namespace-aware request reading ---------------------------------------------------------

export interface XEl {
  ns: string;
  name: string;
  nil: boolean;
  attrs: Record<string, string>;
  /** Prefix → namespace in force here (to resolve QName attribute values). */
  scope: ReadonlyMap<string, string>;
  kids: XEl[];
  text: string;
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  commentPropName: '#comment',
});

export function parseXml(xml: string): XEl[] {
  return toElements(parser.parse(xml) as unknown[], new Map());
}

/** The first element in soap:Body, or undefined for anything that is not a SOAP 1.1 envelope. */
function operationElement(xml: string): XEl | undefined {
  if (/<!DOCTYPE/i.test(xml)) return undefined; // WCF refuses DTDs too
  const [env] = parseXml(xml);
  if (!env || env.ns !== A2_NS.soap || env.name !== 'Envelope') return undefined;
  return env.kids.find((k) => k.ns === A2_NS.soap && k.name === 'Body')?.kids[0];
}

function toElements(nodes: unknown[], scope: ReadonlyMap<string, string>): XEl[] {
  const out: XEl[] = [];
  for (const node of nodes as Record<string, unknown>[]) {
    const tag = Object.keys(node).find((k) => k !== ':@' && k !== '#text' && k !== '#comment');
    if (!tag) continue;
    const attrs = (node[':@'] ?? {}) as Record<string, string>;
    const local = new Map(scope);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === 'xmlns') local.set('', v);
      else if (k.startsWith('xmlns:')) local.set(k.slice(6), v);
    }
    const colon = tag.indexOf(':');
    const children = (node[tag] ?? []) as Record<string, unknown>[];
    out.push({
      ns: local.get(colon < 0 ? '' : tag.slice(0, colon)) ?? '',
      name: colon < 0 ? tag : tag.slice(colon + 1),
      nil: Object.entries(attrs).some(([k, v]) => k.endsWith(':nil') && local.get(k.slice(0, -4)) === A2_NS.xsi && v === 'true'),
      attrs,
      scope: local,
      kids: toElements(children, local),
      text: children.map((c) => (typeof c['#text'] === 'string' ? c['#text'] : '')).join(''),
    });
  }
  return out;
}
