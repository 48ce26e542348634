import type http from 'node:http';
import type { AltinnPrincipal, AuthenticationSimulator } from './authentication.simulator';
import { decodeToken, nextLink, type KeysetPosition } from './continuation-token';
import { deterministicUuid, type SimInstance, type SimState } from './sim-state';
import { forbidden, json, problem, text, validationProblem, type SimResponse } from '../../shared/simulator/sim-response';
import { instanceJson } from './storage.mapper';

const READ_SCOPE = 'altinn:serviceowner/instances.read';
const WRITE_SCOPE = 'altinn:serviceowner/instances.write';
const DEFAULT_SIZE = 100;
const MAX_SIZE = 1000;

type DateOp = 'gt' | 'gte' | 'lt' | 'lte' | 'eq';
interface DateCond {
  op: DateOp;
  at: number;
}

interface ListQuery {
  org?: string;
  appId?: string;
  isComplete?: boolean;
  excludeConfirmedBy?: string;
  confirmed?: boolean;
  partyId?: number;
  a2ArchRef?: string;
  mainVersionInclude?: number;
  mainVersionExclude?: number;
  isArchived?: boolean;
  isSoftDeleted?: boolean;
  isHardDeleted?: boolean;
  lastChanged: DateCond[];
  created: DateCond[];
  ended: DateCond[];
  includeData: boolean;
  size: number;
  ascending: boolean;
  after?: KeysetPosition;
}

/** Storage's instance endpoints (RESEARCH-NOTES §1.1–1.4). */
export class StorageSimulator {
  constructor(
    private readonly state: SimState,
    private readonly auth: AuthenticationSimulator,
  ) {}

  async list(req: http.IncomingMessage, url: URL): Promise<SimResponse> {
    const caller = await this.auth.authorize(req, (c) => c.org !== null && c.scopes.includes(READ_SCOPE));
    if ('refused' in caller) return caller.refused;
    const parsed = parseListQuery(url.searchParams);
    if ('errors' in parsed) return parsed.errors;
    const q = parsed.query;
    if (!q.org && !q.appId) return text(400, 'Org or AppId must be defined.');
    // Cross-org reads go through a PDP check in Altinn; the simulator knows one org only.
    if ((q.org && q.org !== caller.org) || (q.appId && q.appId.split('/')[0] !== caller.org)) return forbidden();

    this.churn();
    const excludeBy = q.excludeConfirmedBy ?? (q.confirmed === false ? (caller.org ?? undefined) : undefined);
    const matches = this.state
      .instances()
      .filter((i) => matchesQuery(i, q, excludeBy, caller.org ?? ''))
      .sort((a, b) => (q.ascending ? -1 : 1) * comparePosition(position(b), position(a)));
    const start = q.after ? matches.findIndex((i) => (q.ascending ? -1 : 1) * comparePosition(position(i), q.after as KeysetPosition) < 0) : 0;
    const page = start < 0 ? [] : matches.slice(start, start + q.size);
    const last = page[page.length - 1];
    const more = start >= 0 && start + q.size < matches.length;

    const origin = this.state.origin;
    const body: Record<string, unknown> = { count: page.length, self: `${origin}${url.pathname}${url.search}` };
    if (more && last) body.next = nextLink(origin, url.pathname, url.searchParams, position(last));
    body.instances = page.map((i) => instanceJson(i, origin, q.includeData));
    return json(200, body);
  }

  async instance(req: http.IncomingMessage, partyId: string, guid: string): Promise<SimResponse> {
    const found = await this.authorizedInstance(req, partyId, guid, READ_SCOPE);
    if ('response' in found) return found.response;
    return json(200, instanceJson(found.inst, this.state.origin));
  }

  async data(req: http.IncomingMessage, partyId: string, guid: string, dataGuid: string): Promise<SimResponse> {
    const found = await this.authorizedInstance(req, partyId, guid, READ_SCOPE);
    if ('response' in found) return found.response;
    const el = found.inst.data.find((d) => d.id === dataGuid.toLowerCase());
    if (!el) return problem(404, `Unable to find any data element with id: ${dataGuid}.`);
    const headers: Record<string, string> = { 'Content-Type': el.contentType };
    if (el.filename) {
      const ascii = el.filename.replace(/[^\x20-\x7e]|"/g, '_');
      headers['Content-Disposition'] = `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(el.filename)}`;
    }
    return { status: 200, headers, body: el.bytes };
  }

  /** POST .../complete (Storage or app route; the body is ignored). `appId` is set for the app route. */
  async complete(req: http.IncomingMessage, partyId: string, guid: string, appId?: string): Promise<SimResponse> {
    const found = await this.authorizedInstance(req, partyId, guid, WRITE_SCOPE);
    if ('response' in found) return found.response;
    if (appId !== undefined && appId !== found.inst.seed.appId) return problem(404, `Unable to find any instances with id: ${partyId}/${guid}.`);
    this.state.confirm(found.inst, found.caller.org ?? '', this.state.orgNumber);
    return json(200, instanceJson(found.inst, this.state.origin));
  }

  private async authorizedInstance(
    req: http.IncomingMessage,
    partyId: string,
    guid: string,
    scope: string,
  ): Promise<{ inst: SimInstance; caller: AltinnPrincipal } | { response: SimResponse }> {
    const caller = await this.auth.authorize(req, (c) => c.scopes.includes(scope));
    if ('refused' in caller) return { response: caller.refused };
    if (Number(partyId) === 0) return { response: problem(400, 'Missing parameter value: instanceOwnerPartyId can not be 0') };
    const inst = this.state.instance(`${partyId}/${guid}`);
    if (!inst) return { response: problem(404, `Unable to find any instances with id: ${partyId}/${guid}.`) };
    if (inst.org !== caller.org) return { response: forbidden() };
    return { inst, caller };
  }

  /** pageChurn: between list calls, some instances change and new ones complete. */
  private churn(): void {
    const churn = this.state.faults.current.pageChurn;
    if (!churn) return;
    const dice = this.state.faults;
    const t = this.state.now();
    for (const inst of this.state.instances()) if (dice.roll(churn.touchRate)) inst.lastChanged = t;
    if (!dice.roll(churn.newRate)) return;
    const a3 = this.state.instances().filter((i) => i.mainVersion === 3);
    const base = a3[Math.floor(dice.random() * a3.length)]?.seed;
    if (!base) return;
    const instanceGuid = deterministicUuid('churn', base.instanceGuid, String(dice.random()));
    this.state.addSubmissions([{ ...base, instanceGuid, createdAt: t - 60_000, completedAt: t, altinn2: undefined }]);
  }
}

function position(i: SimInstance): KeysetPosition {
  return { lastChanged: i.lastChanged, id: i.guid };
}

/** Ascending order of (lastChanged, id). */
function comparePosition(a: KeysetPosition, b: KeysetPosition): number {
  return a.lastChanged - b.lastChanged || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function matchesQuery(i: SimInstance, q: ListQuery, excludeBy: string | undefined, callerOrg: string): boolean {
  const s = i.seed;
  if (q.appId && s.appId !== q.appId) return false;
  if (q.org && i.org !== q.org) return false;
  // Every seeded instance has ended; "not complete" means a current task, which none has.
  if (q.isComplete === false) return false;
  if (q.isArchived === false || q.isSoftDeleted === true || q.isHardDeleted === true) return false;
  if (excludeBy && i.completeConfirmations.some((c) => c.stakeholderId === excludeBy)) return false;
  if (q.confirmed === true && !i.completeConfirmations.some((c) => c.stakeholderId === callerOrg)) return false;
  if (q.partyId !== undefined && Number(s.partyId) !== q.partyId) return false;
  if (q.a2ArchRef !== undefined) {
    if (s.altinn2?.archiveReference !== q.a2ArchRef) return false;
  } else {
    if (q.mainVersionInclude !== undefined && i.mainVersion !== q.mainVersionInclude) return false;
    if (q.mainVersionExclude !== undefined && i.mainVersion === q.mainVersionExclude) return false;
  }
  return dateOk(i.lastChanged, q.lastChanged) && dateOk(s.createdAt, q.created) && dateOk(s.completedAt, q.ended);
}

function dateOk(t: number, conds: DateCond[]): boolean {
  return conds.every(({ op, at }) => (op === 'gt' ? t > at : op === 'gte' ? t >= at : op === 'lt' ? t < at : op === 'lte' ? t <= at : t === at));
}

const ISO = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2})(:\d{2})?(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/i;

/** "gte:2026-01-01T00:00:00Z" (no operator means eq). A zone-less time is UTC, as Storage reads it. */
function parseDate(raw: string): DateCond | null {
  const m = /^(gt|gte|lt|lte|eq):(.*)$/.exec(raw);
  const op = (m?.[1] ?? 'eq') as DateOp;
  const d = ISO.exec(m ? (m[2] ?? '') : raw);
  if (!d) return null;
  const frac = d[4] ? d[4].slice(0, 4).padEnd(4, '0') : '';
  const at = Date.parse(`${d[1]}T${d[2] ?? '00:00'}${d[3] ?? ':00'}${frac}${d[5]?.toUpperCase() ?? 'Z'}`);
  return Number.isNaN(at) ? null : { op, at };
}

/** ASP.NET-style binding: bad values give 400 ValidationProblemDetails naming the parameter. */
function parseListQuery(p: URLSearchParams): { query: ListQuery } | { errors: SimResponse } {
  const errors: Record<string, string[]> = {};
  const bad = (name: string, value: string): void => {
    (errors[name] ??= []).push(`The value '${value}' is not valid.`);
  };
  const bool = (name: string): boolean | undefined => {
    const v = p.get(name);
    if (v === null) return undefined;
    if (/^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
    bad(name, v);
    return undefined;
  };
  const int = (name: string): number | undefined => {
    const v = p.get(name);
    if (v === null) return undefined;
    if (/^-?\d{1,9}$/.test(v)) return Number(v);
    bad(name, v);
    return undefined;
  };
  const dates = (name: string): DateCond[] =>
    p.getAll(name).flatMap((v) => {
      const c = parseDate(v);
      if (!c) bad(name, v);
      return c ? [c] : [];
    });

  const size = int('size');
  if (size !== undefined && size < 1) bad('size', String(size));
  const order = p.get('order');
  if (order !== null && !/^(asc|desc):lastChanged$/i.test(order)) bad('order', order);
  const tokenRaw = p.get('continuationToken');
  const after = tokenRaw ? decodeToken(tokenRaw) : undefined;

  const query: ListQuery = {
    org: p.get('org') ?? undefined,
    appId: p.get('appId') ?? undefined,
    isComplete: bool('process.isComplete'),
    excludeConfirmedBy: p.get('excludeConfirmedBy') ?? undefined,
    confirmed: bool('confirmed'),
    partyId: int('instanceOwner.partyId'),
    a2ArchRef: p.get('dataValues.A2ArchRef') ?? undefined,
    mainVersionInclude: int('mainVersionInclude') ?? (p.has('mainVersionExclude') ? undefined : 3),
    mainVersionExclude: int('mainVersionExclude'),
    isArchived: bool('status.isArchived'),
    isSoftDeleted: bool('status.isSoftDeleted'),
    isHardDeleted: bool('status.isHardDeleted'),
    lastChanged: dates('lastChanged'),
    created: dates('created'),
    ended: dates('process.ended'),
    includeData: bool('includeDataElements') ?? true,
    size: Math.min(size ?? DEFAULT_SIZE, MAX_SIZE),
    ascending: order?.toLowerCase().startsWith('asc:') ?? false,
    after: after ?? undefined,
  };
  if (Object.keys(errors).length > 0) return { errors: validationProblem(errors) };
  if (after === null) return { errors: problem(400, 'Invalid continuationToken.') };
  return { query };
}
