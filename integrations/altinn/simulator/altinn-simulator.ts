import http from 'node:http';
import { listenSimServer, readBody, writeSimResponse as write } from '../../shared/simulator/sim-server';
import { AuthenticationSimulator } from './authentication.simulator';
import { createSimClock, type SimClock } from './correspondence-sim-state';
import { CORRESPONDENCE_BASE, CorrespondenceSimulator, simControl } from './correspondence.simulator';
import { EventsSimulator } from './events.simulator';
import { AFTER_ERROR_BODY, FaultInjector, type FaultConfig, type SimEndpoint } from './faults';
import { MaskinportenSimulator, type MaskinportenClient } from './maskinporten.simulator';
import { SimState } from './sim-state';
import { text, type SimResponse } from './sim-http';
import { StorageSimulator } from './storage.simulator';
import { TokenIssuer } from './token-issuer';

export type { FaultConfig, EndpointFaults, PageChurn, SimEndpoint } from './faults';
export type { MaskinportenClient } from './maskinporten.simulator';
export { createSimClock, CorrespondenceSimState, type SimClock, type SimCorrespondence, type SimCorrespondenceEvent, NEVER_READ_EVENT } from './correspondence-sim-state';
export { SimState, deterministicUuid, type SimInstance, type SimDataElement, type SimConfirmation, type SimEvent, type PurgeResult } from './sim-state';

export interface AltinnSimulatorOptions {
  /** Default 0 (any free port); always 127.0.0.1. */
  port?: number;
  /** Service owner short name, e.g. 'kommune'. */
  org: string;
  /** 9 digits. */
  orgNumber: string;
  /** Maskinporten clients allowed to get tokens. */
  clients: MaskinportenClient[];
  faults?: FaultConfig;
  /** Seed for the fault and churn dice (default 1), so runs repeat. */
  faultSeed?: number;
  /** Base clock, ms (default Date.now). The simulator runs on an offset clock over it (see `clock`). */
  now?: () => number;
  /** The offset clock to run on (default createSimClock(now)); tests and /_sim/clock move it. */
  clock?: SimClock;
  /** Mount the test-control routes under /_sim/ (clock, mark read, set status, reserve). Default false. */
  control?: boolean;
  /** Days from publish to the Correspondence reminder (default 7, as in production). */
  reminderDelayDays?: number;
  /** Altinn token lifetime, default 1800 s. Maskinporten tokens live 120 s. */
  tokenLifetimeSec?: number;
  /**
   * Other simulators on the same server (e.g. the SOAP DownloadQueue). A 'request' listener added
   * synchronously is called only for paths the REST side does not own (so a catch-all 404 is
   * safe). A listener that takes over later and chains the existing ones (node-soap's listen())
   * wraps the REST handler, which then answers 404 for paths nobody owns.
   */
  extensions?: ((server: http.Server, state: SimState) => void)[];
}

export interface AltinnSimulator {
  /** http://127.0.0.1:PORT (no trailing slash). Maskinporten `aud` is `${url}/`. */
  url: string;
  state: SimState;
  /** The simulator's clock: advance() it to make publish, notifications, reminders and due dates happen. */
  clock: SimClock;
  setFaults(f: FaultConfig): void;
  /** Every token issued so far (Maskinporten and Altinn) is invalid from now on. */
  expireTokens(): void;
  close(): Promise<void>;
}

type RequestListener = (req: http.IncomingMessage, res: http.ServerResponse) => void;
type Handler = (req: http.IncomingMessage, url: URL, groups: string[], body: Buffer) => Promise<SimResponse>;

interface Route {
  endpoint: SimEndpoint;
  method: 'GET' | 'POST';
  path: RegExp;
  handle: Handler;
}

const GUID = '([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})';
const PARTY = '(-?\\d+)';
const INSTANCE = `/storage/api/v1/instances/${PARTY}/${GUID}`;
const CORR = CORRESPONDENCE_BASE.replace(/\//g, '\\/');

export async function startAltinnSimulator(opts: AltinnSimulatorOptions): Promise<AltinnSimulator> {
  const clock = opts.clock ?? createSimClock(opts.now ?? Date.now);
  const now = () => clock.now();
  const faults = new FaultInjector(opts.faults ?? {}, opts.faultSeed ?? 1);
  const state = new SimState(opts.org, opts.orgNumber, now, faults);
  const issuer = await TokenIssuer.create(now);
  const maskinporten = new MaskinportenSimulator(opts.clients, opts.orgNumber, state, issuer);
  const auth = new AuthenticationSimulator(state, issuer, opts.tokenLifetimeSec ?? 1800);
  const storage = new StorageSimulator(state, auth);
  const events = new EventsSimulator(state, auth);
  if (opts.reminderDelayDays !== undefined) state.correspondence.reminderDelayDays = opts.reminderDelayDays;
  const correspondence = new CorrespondenceSimulator(state.correspondence, auth);

  const routes: Route[] = [
    { endpoint: 'token', method: 'POST', path: /^\/token$/, handle: (_r, _u, _g, body) => maskinporten.grant(body) },
    { endpoint: 'exchange', method: 'GET', path: /^\/authentication\/api\/v1\/exchange\/([^/]+)$/, handle: (r, _u, g) => auth.exchange(r, g[0] ?? '') },
    { endpoint: 'list', method: 'GET', path: /^\/storage\/api\/v1\/instances$/, handle: (r, u) => storage.list(r, u) },
    { endpoint: 'instance', method: 'GET', path: new RegExp(`^${INSTANCE}$`), handle: (r, _u, g) => storage.instance(r, g[0] ?? '', g[1] ?? '') },
    { endpoint: 'data', method: 'GET', path: new RegExp(`^${INSTANCE}/data/${GUID}$`), handle: (r, _u, g) => storage.data(r, g[0] ?? '', g[1] ?? '', g[2] ?? '') },
    { endpoint: 'complete', method: 'POST', path: new RegExp(`^${INSTANCE}/complete$`), handle: (r, _u, g) => storage.complete(r, g[0] ?? '', g[1] ?? '') },
    {
      endpoint: 'complete',
      method: 'POST',
      path: new RegExp(`^/([^/]+)/([^/]+)/instances/${PARTY}/${GUID}/complete$`),
      handle: (r, _u, g) => storage.complete(r, g[2] ?? '', g[3] ?? '', `${g[0]}/${g[1]}`),
    },
    { endpoint: 'events', method: 'GET', path: /^\/events\/api\/v1\/events$/, handle: (r, u) => events.list(r, u) },
    { endpoint: 'correspondence', method: 'POST', path: new RegExp(`^${CORR}$`), handle: (r, _u, _g, body) => correspondence.create(r, body, false) },
    { endpoint: 'correspondence', method: 'POST', path: new RegExp(`^${CORR}/upload$`), handle: (r, _u, _g, body) => correspondence.create(r, body, true) },
    { endpoint: 'correspondence-search', method: 'GET', path: new RegExp(`^${CORR}$`), handle: (r, u) => correspondence.search(r, u) },
    { endpoint: 'correspondence-status', method: 'GET', path: new RegExp(`^${CORR}/${GUID}$`), handle: (r, _u, g) => correspondence.overview(r, g[0] ?? '') },
    { endpoint: 'correspondence-status', method: 'GET', path: new RegExp(`^${CORR}/${GUID}/details$`), handle: (r, _u, g) => correspondence.details(r, g[0] ?? '') },
    { endpoint: 'correspondence-recipient', method: 'POST', path: new RegExp(`^${CORR}/${GUID}/markasread$`), handle: (r, _u, g) => correspondence.markAsRead(r, g[0] ?? '') },
    { endpoint: 'correspondence-recipient', method: 'GET', path: new RegExp(`^${CORR}/${GUID}/content$`), handle: (r, _u, g) => correspondence.content(r, g[0] ?? '') },
  ];

  const server = http.createServer();

  async function dispatch(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', state.origin || 'http://127.0.0.1');
    if (opts.control && url.pathname.startsWith('/_sim/')) {
      // test control: no faults, not counted
      const out = simControl(req.method ?? 'GET', url, await readBody(req), clock, state.correspondence);
      if (out) return write(res, out);
    }
    const matching = routes.map((r) => ({ r, m: r.path.exec(url.pathname) })).filter((x) => x.m);
    if (matching.length === 0) {
      // Paths the REST side does not know belong to the extensions (e.g. the SOAP DownloadQueue).
      if (extensionListeners.length === 0) write(res, text(404, 'Not Found'));
      for (const l of extensionListeners) l.call(server, req, res);
      return;
    }
    const hit = matching.find((x) => x.r.method === req.method);
    if (!hit?.m) {
      write(res, { ...text(405, 'Method Not Allowed'), headers: { Allow: [...new Set(matching.map((x) => x.r.method))].join(', ') } });
      return;
    }
    const { endpoint } = hit.r;
    state.countRequest(endpoint);
    try {
      const body = await readBody(req);
      if ((await faults.beforeHandling(endpoint, req, res)) === 'handled') return;
      const out = await hit.r.handle(req, url, hit.m.slice(1), body);
      const bytes = typeof out.body === 'string' ? Buffer.from(out.body, 'utf8') : (out.body ?? Buffer.alloc(0));
      const after = faults.afterHandling(endpoint, out.status, bytes);
      if (after === 'drop') {
        req.socket.destroy();
        return;
      }
      if (after === 'error') {
        write(res, { status: 500, headers: { 'Content-Type': AFTER_ERROR_BODY.type }, body: AFTER_ERROR_BODY.body });
        return;
      }
      write(res, { ...out, body: after });
    } catch (e) {
      if (!res.headersSent) write(res, text(500, `Simulator error: ${e instanceof Error ? e.message : String(e)}`));
      else res.destroy();
    }
  }

  // Extensions attach 'request' listeners; we take them over so they only ever see the
  // paths the REST side does not own, and a catch-all 404 of theirs cannot race our routes.
  for (const ext of opts.extensions ?? []) ext(server, state);
  const extensionListeners = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', (req, res) => void dispatch(req, res));

  const listening = await listenSimServer(server, opts.port);
  state.origin = listening.origin;

  return {
    url: state.origin,
    state,
    clock,
    setFaults: (f) => faults.set(f),
    expireTokens: () => issuer.expireAll(),
    close: listening.close,
  };
}
