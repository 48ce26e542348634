import http from 'node:http';
import { findRoute, serveSimLoop, takeOverListeners, type SimRoute } from '../../shared/simulator/request-loop';
import { AuthenticationSimulator } from './authentication.simulator';
import { createSimClock, type SimClock } from './correspondence-sim-state';
import { CORRESPONDENCE_BASE, CorrespondenceSimulator, simControl } from './correspondence.simulator';
import { EventsSimulator } from './events.simulator';
import { MaskinportenSimulator, type MaskinportenClient } from './maskinporten.simulator';
import { SimState } from './sim-state';
import { altinnFaults, type FaultConfig, type SimEndpoint } from './sim-types';
import { text, type SimResponse } from '../../shared/simulator/sim-response';
import { StorageSimulator } from './storage.simulator';
import { TokenIssuer } from './token-issuer';

export type { FaultConfig, EndpointFaults, PageChurn, SimEndpoint } from './sim-types';
export { oneInFaults } from './sim-types';
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
  /** Altinn token lifetime, default 1800 s. */
  tokenLifetimeSec?: number;
  /** Maskinporten access token lifetime, default 120 s (as Maskinporten's). */
  maskinportenTokenLifetimeSec?: number;
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

type Handler = (req: http.IncomingMessage, url: URL, groups: string[], body: Buffer) => Promise<SimResponse>;
type Route = SimRoute<SimEndpoint, Handler> & { method: 'GET' | 'POST' };

const GUID = '([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})';
const PARTY = '(-?\\d+)';
const INSTANCE = `/storage/api/v1/instances/${PARTY}/${GUID}`;
const CORR = CORRESPONDENCE_BASE.replace(/\//g, '\\/');

export async function startAltinnSimulator(opts: AltinnSimulatorOptions): Promise<AltinnSimulator> {
  const clock = opts.clock ?? createSimClock(opts.now ?? Date.now);
  const now = () => clock.now();
  const faults = altinnFaults(opts.faults ?? {}, opts.faultSeed ?? 1);
  const state = new SimState(opts.org, opts.orgNumber, now, faults);
  const issuer = await TokenIssuer.create(now);
  const maskinporten = new MaskinportenSimulator(opts.clients, opts.orgNumber, state, issuer, opts.maskinportenTokenLifetimeSec);
  const auth = new AuthenticationSimulator(state, issuer, opts.tokenLifetimeSec ?? 1800);
  const storage = new StorageSimulator(state, auth);
  const events = new EventsSimulator(state, auth);
  if (opts.reminderDelayDays !== undefined) state.correspondence.reminderDelayDays = opts.reminderDelayDays;
  const correspondence = new CorrespondenceSimulator(state.correspondence, auth);

  const routes: Route[] = [
    { op: 'token', method: 'POST', path: /^\/token$/, handle: (_r, _u, _g, body) => maskinporten.grant(body) },
    { op: 'exchange', method: 'GET', path: /^\/authentication\/api\/v1\/exchange\/([^/]+)$/, handle: (r, _u, g) => auth.exchange(r, g[0] ?? '') },
    { op: 'list', method: 'GET', path: /^\/storage\/api\/v1\/instances$/, handle: (r, u) => storage.list(r, u) },
    { op: 'instance', method: 'GET', path: new RegExp(`^${INSTANCE}$`), handle: (r, _u, g) => storage.instance(r, g[0] ?? '', g[1] ?? '') },
    { op: 'data', method: 'GET', path: new RegExp(`^${INSTANCE}/data/${GUID}$`), handle: (r, _u, g) => storage.data(r, g[0] ?? '', g[1] ?? '', g[2] ?? '') },
    { op: 'complete', method: 'POST', path: new RegExp(`^${INSTANCE}/complete$`), handle: (r, _u, g) => storage.complete(r, g[0] ?? '', g[1] ?? '') },
    {
      op: 'complete',
      method: 'POST',
      path: new RegExp(`^/([^/]+)/([^/]+)/instances/${PARTY}/${GUID}/complete$`),
      handle: (r, _u, g) => storage.complete(r, g[2] ?? '', g[3] ?? '', `${g[0]}/${g[1]}`),
    },
    { op: 'events', method: 'GET', path: /^\/events\/api\/v1\/events$/, handle: (r, u) => events.list(r, u) },
    { op: 'correspondence', method: 'POST', path: new RegExp(`^${CORR}$`), handle: (r, _u, _g, body) => correspondence.create(r, body, false) },
    { op: 'correspondence', method: 'POST', path: new RegExp(`^${CORR}/upload$`), handle: (r, _u, _g, body) => correspondence.create(r, body, true) },
    { op: 'correspondence-search', method: 'GET', path: new RegExp(`^${CORR}$`), handle: (r, u) => correspondence.search(r, u) },
    { op: 'correspondence-status', method: 'GET', path: new RegExp(`^${CORR}/${GUID}$`), handle: (r, _u, g) => correspondence.overview(r, g[0] ?? '') },
    { op: 'correspondence-status', method: 'GET', path: new RegExp(`^${CORR}/${GUID}/details$`), handle: (r, _u, g) => correspondence.details(r, g[0] ?? '') },
    { op: 'correspondence-recipient', method: 'POST', path: new RegExp(`^${CORR}/${GUID}/markasread$`), handle: (r, _u, g) => correspondence.markAsRead(r, g[0] ?? '') },
    { op: 'correspondence-recipient', method: 'GET', path: new RegExp(`^${CORR}/${GUID}/content$`), handle: (r, _u, g) => correspondence.content(r, g[0] ?? '') },
  ];

  // Extensions attach 'request' listeners; we take them over so they only ever see the
  // paths the REST side does not own, and a catch-all 404 of theirs cannot race our routes.
  const server = http.createServer();
  for (const ext of opts.extensions ?? []) ext(server, state);
  const extensions = server.listeners('request').length;
  const passOn = takeOverListeners(server);

  const listening = await serveSimLoop(
    {
      faults,
      async route({ req, url, body }) {
        if (opts.control && url.pathname.startsWith('/_sim/')) {
          // test control: no faults, not counted
          const out = simControl(req.method ?? 'GET', url, (await body()) ?? Buffer.alloc(0), clock, state.correspondence);
          if (out) return out;
        }
        const found = findRoute(routes, req.method, url.pathname);
        if (!('route' in found)) {
          if (found.allowed.length) return { ...text(405, 'Method Not Allowed'), headers: { Allow: [...new Set(found.allowed)].join(', ') } };
          // Paths the REST side does not know belong to the extensions (e.g. the SOAP DownloadQueue).
          return extensions === 0 ? text(404, 'Not Found') : null;
        }
        const { route, groups } = found;
        state.countRequest(route.op);
        return { op: route.op, handle: (b) => route.handle(req, url, groups, b) };
      },
      serverError: (_op, when) => faults.serverError(when),
      internalError: (_op, e) => text(500, `Simulator error: ${e instanceof Error ? e.message : String(e)}`),
      pass: passOn,
    },
    { server, port: opts.port },
  );
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
