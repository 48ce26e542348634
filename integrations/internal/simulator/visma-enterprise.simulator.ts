/**
 * Visma Enterprise HRM simulator (#15 item 3): the PersonalSoknadService from the WSDL we ship
 * (resources/internal/visma-enterprise.wsdl) as a real SOAP 1.1 server on 127.0.0.1. It serves the
 * WSDL at `?wsdl` (soap:address pointing at itself), reads requests with its own code
 * (visma-enterprise-wire.ts), checks HTTP Basic credentials when it has some, and registers each
 * application once: a repeat with the same HandoverKey header (or, without one, the same
 * ExternalId) answers with the original Referanse, so a retry after a lost answer keeps one item.
 *
 * Faults (visma-enterprise-faults.ts): a refusal with a message (soap:Client), a delay, a lost
 * answer after storing, a 500 soap:Server fault, and the shared injector's rates.
 */
import { timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { InternalTargetConfig } from '../internal.config';
import type { FaultConfig } from '../../shared/simulator/faults';
import { serveSimLoop, type SimLoop, type SimOperation, type SimRequest } from '../../shared/simulator/request-loop';
import { openSimJournal, type SimJournal } from '../../shared/simulator/sim-journal';
import { text, type SimResponse } from '../../shared/simulator/sim-response';
import { VE_OPERATION, VismaEnterpriseFaultInjector, type VismaEnterpriseFaults } from './visma-enterprise-faults';
import { answerXml, faultXml, readRequest, VE_SOAP_ACTION, type RegistrerSoknad, type SoapFaultSpec } from './visma-enterprise-wire';

export const VISMA_ENTERPRISE_PATH = '/hrm/PersonalSoknadService';
/** Where the demo keeps the simulator's password in the secret store. */
export const VISMA_ENTERPRISE_DEMO_SECRET = 'demo.visma-enterprise-password';
const WSDL_FILE = path.join('internal', 'visma-enterprise.wsdl');

export interface VismaEnterpriseSimulatorOptions {
  /** When both are set, HTTP Basic credentials are required (401 otherwise). */
  username?: string;
  password?: string;
  port?: number;
  now?: () => number;
  /** resources/ (where internal/visma-enterprise.wsdl is); found upwards from here by default. */
  resourcesDir?: string;
  /** Rates for the shared fault dice (chaos runs). */
  faults?: FaultConfig;
  seed?: number;
  /** A journal file: the registered applications survive a restart (the demo). */
  stateFile?: string;
}

/** One application as the HRM system registered it. */
export interface VismaEnterpriseItem extends RegistrerSoknad {
  referanse: string;
  handoverKey: string | null;
  receivedAt: number;
}

export interface VismaEnterpriseSimulator {
  /** http://127.0.0.1:<port> */
  origin: string;
  /** The service address (the WSDL's soap:address). */
  endpoint: string;
  /** `${endpoint}?wsdl` */
  wsdlUrl: string;
  username?: string;
  /** The secrets the demo target refers to (the Basic password), by name. */
  secrets: Record<string, string>;
  faults: VismaEnterpriseFaults;
  /** The registered applications, oldest first. */
  items(): VismaEnterpriseItem[];
  /** How many RegistrerSoknad requests were handled (repeats and refusals included). */
  received(): number;
  /** How many times the WSDL was fetched (`?wsdl`). */
  wsdlServed(): number;
  close(): Promise<void>;
}

export async function startVismaEnterpriseSimulator(opts: VismaEnterpriseSimulatorOptions = {}): Promise<VismaEnterpriseSimulator> {
  const now = opts.now ?? Date.now;
  const wsdl = fs.readFileSync(path.join(opts.resourcesDir ?? findResources(), WSDL_FILE), 'utf8');
  const injector = new VismaEnterpriseFaultInjector(opts.faults ?? {}, opts.seed ?? 1);
  const items: VismaEnterpriseItem[] = [];
  const byKey = new Map<string, VismaEnterpriseItem>();
  const byExternalId = new Map<string, VismaEnterpriseItem>();
  let received = 0;
  let wsdlServed = 0;

  const keep = (item: VismaEnterpriseItem) => {
    items.push(item);
    if (item.handoverKey) byKey.set(item.handoverKey, item);
    byExternalId.set(item.externalId, item);
  };
  const journal: SimJournal<VismaEnterpriseItem> | null = opts.stateFile ? openSimJournal(opts.stateFile) : null;
  journal?.entries.forEach(keep);

  const credentials = opts.username !== undefined && opts.password !== undefined ? Buffer.from(`${opts.username}:${opts.password}`) : null;
  let endpoint = '';

  const soapAnswer = (status: number, xml: string): SimResponse => ({ status, headers: { 'Content-Type': 'text/xml; charset=utf-8' }, body: xml });
  // SOAP 1.1 over HTTP: every fault is a 500 (WS-I Basic Profile R1126)
  const fault = (f: SoapFaultSpec) => soapAnswer(500, faultXml(f));

  function register(r: SimRequest, body: Buffer): SimResponse {
    received++;
    const action = String(r.req.headers.soapaction ?? '').replace(/^"|"$/g, '');
    if (action && action !== VE_SOAP_ACTION) return fault({ code: 'Client', message: `Ukjent SOAPAction «${action}».`, feilkode: 'SOAP' });
    const read = readRequest(body);
    if (!read.ok) return fault(read.fault);
    const refusal = injector.takeReject();
    if (refusal !== null) return fault({ code: 'Client', message: refusal, feilkode: 'AVVIST' });
    const { handoverKey, soknad } = read;
    const earlier = (handoverKey ? byKey.get(handoverKey) : undefined) ?? byExternalId.get(soknad.externalId);
    if (earlier) return soapAnswer(200, answerXml(earlier.referanse));
    const at = now();
    const item: VismaEnterpriseItem = { ...soknad, referanse: `HRM-${new Date(at).getUTCFullYear()}-${String(items.length + 1).padStart(6, '0')}`, handoverKey, receivedAt: at };
    journal?.append(item); // stored before the answer goes out: a lost answer leaves the item
    keep(item);
    return soapAnswer(200, answerXml(item.referanse));
  }

  const loop: SimLoop<typeof VE_OPERATION> = {
    faults: injector,
    route(r): SimOperation<typeof VE_OPERATION> | SimResponse {
      if (r.url.pathname !== VISMA_ENTERPRISE_PATH) return text(404, 'Not Found');
      if (r.req.method === 'GET' && /^wsdl$/i.test(r.url.search.slice(1))) {
        wsdlServed++;
        return { status: 200, headers: { 'Content-Type': 'text/xml; charset=utf-8' }, body: wsdl.replace(/(<soap:address location=")[^"]*"/, `$1${endpoint}"`) };
      }
      if (r.req.method !== 'POST') return { ...text(405, 'Method Not Allowed'), headers: { Allow: 'POST', 'Content-Type': 'text/plain; charset=utf-8' } };
      if (!/^text\/xml\b/i.test(r.req.headers['content-type'] ?? '')) return text(415, 'SOAP 1.1 requests take Content-Type: text/xml');
      return { op: VE_OPERATION, handle: (body) => register(r, body) };
    },
    auth(_op, r) {
      if (!credentials) return null;
      const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(r.req.headers.authorization ?? '');
      const given = m ? Buffer.from(m[1]!, 'base64') : Buffer.alloc(0);
      if (given.length === credentials.length && timingSafeEqual(given, credentials)) return null;
      return {
        status: 401,
        headers: { 'WWW-Authenticate': 'Basic realm="PersonalSoknadService"', 'Content-Type': 'text/html; charset=utf-8' },
        body: '<html><body><h1>401 - Unauthorized</h1></body></html>',
      };
    },
    serverError: () => fault({ code: 'Server', message: 'Intern feil i personalsystemet. Prøv igjen senere.' }),
    internalError: () => fault({ code: 'Server', message: 'Intern feil i personalsystemet.' }),
  };

  const server = await serveSimLoop(loop, { port: opts.port });
  endpoint = `${server.origin}${VISMA_ENTERPRISE_PATH}`;

  return {
    origin: server.origin,
    endpoint,
    wsdlUrl: `${endpoint}?wsdl`,
    username: credentials ? opts.username : undefined,
    secrets: credentials ? { [VISMA_ENTERPRISE_DEMO_SECRET]: opts.password! } : {},
    faults: injector.switches,
    items: () => items.map((i) => structuredClone(i)),
    received: () => received,
    wsdlServed: () => wsdlServed,
    close: () => server.close(),
  };
}

/**
 * The target configuration that points at the simulator (the demo, the benches, the tests):
 * the shipped WSDL with the simulator's address, and its password as a secret reference.
 */
export function vismaEnterpriseDemoTarget(sim: Pick<VismaEnterpriseSimulator, 'endpoint' | 'username' | 'secrets'>): InternalTargetConfig {
  const basic = sim.username !== undefined && VISMA_ENTERPRISE_DEMO_SECRET in sim.secrets;
  return {
    name: 'Visma Enterprise HRM',
    enabled: true,
    transport: 'soap',
    soap: {
      wsdl: 'internal/visma-enterprise.wsdl',
      endpoint: sim.endpoint,
      operation: 'RegistrerSoknad',
      ...(basic ? { auth: { kind: 'basic' as const, username: sim.username!, password: { secret: VISMA_ENTERPRISE_DEMO_SECRET } } } : {}),
      referenceField: 'Referanse',
      keyHeader: 'HandoverKey',
      timeoutMs: 30_000,
    },
    schema: 'internal/visma-enterprise.schema.json',
    manualFallback: false,
  };
}

/** resources/ upwards from here: the source tree or the bundle (out/main). */
function findResources(): string {
  for (let d = __dirname, i = 0; i < 8; i++, d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, 'resources', WSDL_FILE))) return path.join(d, 'resources');
  }
  throw new Error(`Finner ikke ${WSDL_FILE} i resources-mappen (lette oppover fra ${__dirname}).`);
}
