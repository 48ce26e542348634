import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { InternalTargetConfig } from '../internal.config';
import { findRoute, serveSimLoop, type SimRoute } from '../../shared/simulator/request-loop';
import { openSimJournal, type SimJournal } from '../../shared/simulator/sim-journal';
import type { SimResponse } from '../../shared/simulator/sim-response';
import { VISMA_SIM_CREATE, VismaFaultInjector, type VismaSimFaults } from './visma-sim-faults';
import { SimTokens } from './visma-sim-oauth';

/**
 * Visma Flyt Skole as the demo and the tests meet it: leave of absence (permisjon) registered over
 * REST/JSON with OAuth2 client credentials. The format is ours (resources/internal/
 * visma-flyt-skole.schema.json), in Visma's style; the real API is licensed. Real HTTP on
 * 127.0.0.1, its own parsing and its own Ajv, nothing from the adapter.
 *
 * - `POST /oauth2/token`: client_credentials → opaque bearer tokens (visma-sim-oauth.ts).
 * - `POST /api/v1/permisjoner`: bearer (or Basic when `basic` is set), JSON checked against the
 *   schema, stored by `Idempotency-Key`: 201 `{id, status}`, a repeat 200 with the same id.
 * - `GET /api/v1/permisjoner/{id}`: the stored registration.
 */

export interface VismaFlytSkoleSimulatorOptions {
  clientId: string;
  clientSecret: string;
  /** Lifetime of the tokens issued; default 3600. */
  tokenTtlSeconds?: number;
  /** Also take HTTP Basic with these credentials on the API (the basic-auth variant of the transport). */
  basic?: { username: string; password: string };
  /** Where resources/internal/visma-flyt-skole.schema.json is found; default the repository's resources/. */
  resourcesDir?: string;
  /** Keeps the registrations across restarts (the demo). */
  stateFile?: string;
  port?: number;
  now?: () => number;
  faultSeed?: number;
}

export interface VismaSimItem {
  id: string;
  status: string;
  /** The Idempotency-Key it was registered under. */
  key: string;
  receivedAt: string;
  body: Record<string, unknown>;
}

export interface VismaFlytSkoleSimulator {
  /** http://127.0.0.1:<port> */
  origin: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
  /** The stored registrations, oldest first. */
  items(): VismaSimItem[];
  tokensIssued(): number;
  /** API calls refused for a missing, unknown or expired token. */
  tokensRefused(): number;
  faults: VismaSimFaults;
}

export const VISMA_SIM_TOKEN_PATH = '/oauth2/token';
export const VISMA_SIM_API_PATH = '/api/v1/permisjoner';
/** The secret the demo target's client secret is read from: put `sim.clientSecret` under this name. */
export const VISMA_FLYT_SKOLE_SECRET = 'visma-flyt-skole.client-secret';

const MAX_BODY = 256 * 1024;
const DEFAULT_RESOURCES = path.resolve(__dirname, '../../../resources');

type Op = 'token' | typeof VISMA_SIM_CREATE | 'permisjoner.get';
type Handler = (r: { req: http.IncomingMessage; body: Buffer; groups: string[] }) => SimResponse;

const problem = (status: number, title: string, detail?: string, extra: Record<string, unknown> = {}): SimResponse => ({
  status,
  headers: { 'Content-Type': 'application/problem+json; charset=utf-8' },
  body: JSON.stringify({ type: 'about:blank', title, status, ...(detail === undefined ? {} : { detail }), ...extra }),
});
const json = (status: number, value: unknown, headers: Record<string, string> = {}): SimResponse => ({ status, headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(value) });

/** Ajv's errors as the API words them: the field (a JSON Pointer) and what is wrong, never the value. */
function schemaErrors(errors: ErrorObject[]): { pointer: string; detail: string }[] {
  return errors.map((e) => {
    const extra = e.keyword === 'additionalProperties' ? ` (${String((e.params as { additionalProperty?: unknown }).additionalProperty)})` : '';
    return { pointer: e.instancePath || '/', detail: `${e.message ?? 'ugyldig'}${extra}` };
  });
}

export async function startVismaFlytSkoleSimulator(o: VismaFlytSkoleSimulatorOptions): Promise<VismaFlytSkoleSimulator> {
  const now = o.now ?? Date.now;
  const schemaFile = path.join(o.resourcesDir ?? DEFAULT_RESOURCES, 'internal', 'visma-flyt-skole.schema.json');
  const validate: ValidateFunction = new Ajv({ allErrors: true, strict: true }).compile(JSON.parse(fs.readFileSync(schemaFile, 'utf8')) as object);
  const tokens = new SimTokens({ clientId: o.clientId, clientSecret: o.clientSecret }, o.tokenTtlSeconds ?? 3600, now);
  const faults = new VismaFaultInjector({}, o.faultSeed ?? 1, () => tokens.expireAll());
  const byKey = new Map<string, VismaSimItem>();
  const byId = new Map<string, VismaSimItem>();
  const journal: SimJournal<VismaSimItem> | null = o.stateFile ? openSimJournal<VismaSimItem>(o.stateFile) : null;
  const remember = (item: VismaSimItem) => {
    byKey.set(item.key, item);
    byId.set(item.id, item);
  };
  journal?.entries.forEach(remember);
  const basicHeader = o.basic ? `Basic ${Buffer.from(`${o.basic.username}:${o.basic.password}`, 'utf8').toString('base64')}` : null;

  const create: Handler = ({ req, body }) => {
    const reject = faults.takeReject();
    if (reject !== null) return problem(422, 'Registreringen ble avvist', reject);
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string' || !/^[\x21-\x7e]{1,200}$/.test(key)) return problem(400, 'Ugyldig forespørsel', 'Idempotency-Key mangler eller er ugyldig');
    const seen = byKey.get(key);
    // a repeat (the answer was lost): the same registration, 200 instead of 201
    if (seen) return json(200, { id: seen.id, status: seen.status }, { Location: `${VISMA_SIM_API_PATH}/${seen.id}` });
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') return problem(415, 'Unsupported Media Type', 'Content-Type må være application/json');
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      return problem(400, 'Ugyldig forespørsel', 'Innholdet er ikke gyldig JSON');
    }
    if (!validate(parsed)) {
      const errors = schemaErrors(validate.errors ?? []);
      return problem(422, 'Ugyldig registrering', `Registreringen følger ikke skjemaet: ${errors.map((e) => `${e.pointer} ${e.detail}`).join('; ')}`, { errors });
    }
    const item: VismaSimItem = { id: `PERM-${String(byId.size + 1).padStart(6, '0')}`, status: 'registrert', key, receivedAt: new Date(now()).toISOString(), body: parsed as Record<string, unknown> };
    remember(item);
    journal?.append(item);
    return json(201, { id: item.id, status: item.status }, { Location: `${VISMA_SIM_API_PATH}/${item.id}` });
  };

  const routes: SimRoute<Op, Handler>[] = [
    { op: 'token', method: 'POST', path: /^\/oauth2\/token$/, handle: ({ req, body }) => tokens.handle(req, body) },
    { op: VISMA_SIM_CREATE, method: 'POST', path: /^\/api\/v1\/permisjoner$/, handle: create },
    {
      op: 'permisjoner.get',
      method: 'GET',
      path: /^\/api\/v1\/permisjoner\/([A-Za-z0-9-]{1,40})$/,
      handle: ({ groups }) => {
        const item = byId.get(groups[0]!);
        return item ? json(200, { id: item.id, status: item.status, receivedAt: item.receivedAt, ...item.body }) : problem(404, 'Not Found', 'Ingen permisjon med denne id-en');
      },
    },
  ];

  const listening = await serveSimLoop<Op>(
    {
      faults,
      async route(r) {
        const found = findRoute(routes, r.req.method, r.url.pathname);
        if (!('route' in found)) {
          return found.allowed.length ? { ...problem(405, 'Method Not Allowed'), headers: { 'Content-Type': 'application/problem+json', Allow: found.allowed.join(', ') } } : problem(404, 'Not Found');
        }
        const body = await r.body(MAX_BODY);
        if (body === null) return problem(413, 'Payload Too Large', `Innholdet er over ${MAX_BODY} byte`);
        const { route, groups } = found;
        return { op: route.op, handle: () => route.handle({ req: r.req, body, groups }) };
      },
      serverError: (_op, when) => (when === 'before' ? problem(503, 'Service Unavailable', 'Tjenesten er midlertidig utilgjengelig') : problem(500, 'Internal Server Error')),
      auth(op, { req }) {
        if (op === 'token') return null;
        if (tokens.valid(req.headers.authorization)) return null;
        if (basicHeader !== null && req.headers.authorization === basicHeader) return null;
        tokens.refused++;
        return { ...problem(401, 'Unauthorized', 'Mangler gyldig tilgangstoken'), headers: { 'Content-Type': 'application/problem+json', 'WWW-Authenticate': 'Bearer error="invalid_token"' } };
      },
      internalError: () => problem(500, 'Internal Server Error'),
    },
    { port: o.port, keepAliveTimeout: 30_000 },
  );

  return {
    origin: listening.origin,
    clientId: o.clientId,
    clientSecret: o.clientSecret,
    close: listening.close,
    items: () => [...byId.values()],
    tokensIssued: () => tokens.issued,
    tokensRefused: () => tokens.refused,
    faults: faults.switches,
  };
}

/**
 * The target block that points the app at this simulator (transport rest, OAuth2 client
 * credentials). The demo puts `sim.clientSecret` in its secret store under VISMA_FLYT_SKOLE_SECRET
 * (vismaFlytSkoleDemoSecrets gives exactly that).
 */
export function vismaFlytSkoleDemoTarget(sim: Pick<VismaFlytSkoleSimulator, 'origin' | 'clientId'>): InternalTargetConfig {
  return {
    name: 'Visma Flyt Skole',
    enabled: true,
    transport: 'rest',
    schema: 'internal/visma-flyt-skole.schema.json',
    rest: {
      url: `${sim.origin}${VISMA_SIM_API_PATH}`,
      method: 'POST',
      auth: { kind: 'oauth2', tokenUrl: `${sim.origin}${VISMA_SIM_TOKEN_PATH}`, clientId: sim.clientId, clientSecret: { secret: VISMA_FLYT_SKOLE_SECRET }, clientAuth: 'basic' },
      referenceField: 'id',
      timeoutMs: 10_000,
    },
    manualFallback: false,
  };
}

/** What the demo's secret store must hold for vismaFlytSkoleDemoTarget. */
export const vismaFlytSkoleDemoSecrets = (sim: Pick<VismaFlytSkoleSimulator, 'clientSecret'>): Record<string, string> => ({ [VISMA_FLYT_SKOLE_SECRET]: sim.clientSecret });
