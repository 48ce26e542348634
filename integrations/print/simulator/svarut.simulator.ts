import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { FaultInjector, type FaultConfig } from '../../shared/simulator/faults';
import { findRoute, serveSimLoop, type SimRoute } from '../../shared/simulator/request-loop';
import type { SimResponse } from '../../shared/simulator/sim-response';

/**
 * KS Fiks SvarUt v2 on 127.0.0.1, written from specs/svarut (forsendelse-send, -eksternref,
 * -status, -hendelser, -lest, -typer api v2): multipart send with the Forsendelse JSON in part
 * `forsendelse` and the files as `filer_<n>`, validated against the spec's rules (tittel and
 * mottaker.navn required, postnummer/poststed unless digital only, only application/pdf can be
 * printed unless excluded, filnavn characters and uniqueness, max lengths); eksternRef lookup,
 * status-sok, hendelser, lest, forsendelsestyper. Auth: `Authorization: Bearer`, `IntegrasjonId`
 * and `IntegrasjonPassord` (401 otherwise); a kontoId other than the simulator's is 403.
 *
 * A letter without digitalId goes to print: MOTTATT → SENDT_PRINT → PRINTET, one step per
 * advance() (or at once with `autoPrint`). One with digitalId goes MOTTATT → SENDT_DIGITALT.
 */

export interface SvarUtSimulatorOptions {
  /** Default 0: any free port. Always 127.0.0.1. */
  port?: number;
  kontoId: string;
  integrasjonId: string;
  integrasjonPassord: string;
  /** The bearer token demanded; absent = any non-empty bearer token. */
  bearer?: string;
  faults?: FaultConfig;
  faultSeed?: number;
  now?: () => number;
  /** Move every new forsendelse to its last status at once (default false: advance() steps it). */
  autoPrint?: boolean;
}

export const SVARUT_SIM_OPERATIONS = ['send', 'eksternref', 'eksternref.metadata', 'status', 'hendelser', 'signeringshendelser', 'lest', 'typer'] as const;
export type SvarUtSimOperation = (typeof SVARUT_SIM_OPERATIONS)[number];

export type SvarUtSimStatus = 'MOTTATT' | 'SENDT_PRINT' | 'PRINTET' | 'SENDT_DIGITALT' | 'LEST';

export interface SvarUtSimFile {
  /** The part's name, `filer_<n>`. */
  part: string;
  filename: string;
  contentType: string;
  bytes: Uint8Array;
}

export interface SvarUtSimForsendelse {
  id: string;
  /** The Forsendelse JSON as received. */
  forsendelse: Record<string, unknown> & {
    tittel: string;
    mottaker: Record<string, unknown> & { navn: string; digitalId?: string };
    eksternReferanse?: string;
    dokumenter?: Record<string, unknown>[];
  };
  files: SvarUtSimFile[];
  channel: 'print' | 'digital';
  status: SvarUtSimStatus;
  /** ISO 8601. */
  mottatt: string;
  sisteStatusEndring: string;
  hendelser: { tidspunkt: string; hendelse: string }[];
  lest: boolean;
}

export interface SvarUtSimulator {
  /** `${origin}/api`: the base URL a client is configured with. */
  readonly url: string;
  readonly origin: string;
  readonly faults: FaultInjector;
  /** Every accepted forsendelse, in arrival order. */
  forsendelser(): SvarUtSimForsendelse[];
  forsendelse(id: string): SvarUtSimForsendelse | undefined;
  /** How many forsendelser carry this eksternReferanse. */
  countByEksternReferanse(ref: string): number;
  /** Sends refused with 400 and their messages. */
  rejected(): { status: number; message: string }[];
  /** Moves one forsendelse (or all) one status on; returns how many moved. */
  advance(id?: string): number;
  requests(): number;
  requestsByOperation(): Record<string, number>;
  close(): Promise<void>;
}

const MAX_PRINT_BYTES = 350 * 1024 * 1024;
const FORBIDDEN_FILENAME = /[*:"\\/<>|?]/;
const PRINT_STEPS: SvarUtSimStatus[] = ['MOTTATT', 'SENDT_PRINT', 'PRINTET'];
const DIGITAL_STEPS: SvarUtSimStatus[] = ['MOTTATT', 'SENDT_DIGITALT'];
const HENDELSE: Record<SvarUtSimStatus, string> = {
  MOTTATT: 'Forsendelse mottatt',
  SENDT_PRINT: 'Sendt til print',
  PRINTET: 'Printet og sendt med post',
  SENDT_DIGITALT: 'Sendt digitalt',
  LEST: 'Lest av mottaker',
};
const FORSENDELSESTYPER = ['Byggesak', 'Skole', 'Barnehage', 'Helse og omsorg', 'Vedtak'];

class BadRequest extends Error {}

const isStr = (v: unknown): v is string => typeof v === 'string';
const nonEmpty = (v: unknown): v is string => isStr(v) && v.trim() !== '';

/** The Forsendelse rules of forsendelse-send-api-v2, on a parsed body and its files. Throws BadRequest. */
function validate(f: unknown, files: SvarUtSimFile[]): asserts f is SvarUtSimForsendelse['forsendelse'] {
  if (!f || typeof f !== 'object' || Array.isArray(f)) throw new BadRequest('forsendelse mangler eller er ikke et JSON-objekt');
  const o = f as Record<string, unknown>;
  if (!nonEmpty(o.tittel)) throw new BadRequest('tittel er påkrevd');
  if (o.tittel.length > 1000) throw new BadRequest('tittel kan ikke være lengre enn 1000 tegn');
  const m = o.mottaker as Record<string, unknown> | undefined;
  if (!m || typeof m !== 'object') throw new BadRequest('mottaker er påkrevd');
  if (!nonEmpty(m.navn)) throw new BadRequest('mottaker.navn er påkrevd');
  for (const k of ['digitalId', 'adresselinje1', 'adresselinje2', 'adresselinje3', 'postnummer', 'poststed', 'land'] as const) {
    if (m[k] !== undefined && m[k] !== null && !isStr(m[k])) throw new BadRequest(`mottaker.${k} må være tekst`);
  }
  const digitalOnly = o.kunDigitalLevering === true;
  if (digitalOnly && !nonEmpty(m.digitalId)) throw new BadRequest('mottaker.digitalId er påkrevd ved kun digital levering');
  if (!digitalOnly) {
    if (!nonEmpty(m.poststed)) throw new BadRequest('mottaker.poststed er påkrevd når forsendelsen ikke er kun digital');
    const norwegian = !nonEmpty(m.land) || /^(norge|noreg|norway|no)$/i.test(m.land.trim());
    if (norwegian && !nonEmpty(m.postnummer)) throw new BadRequest('mottaker.postnummer er påkrevd for norsk adresse når forsendelsen ikke er kun digital');
    if (norwegian && !/^\d{4}$/.test(String(m.postnummer).trim())) throw new BadRequest('mottaker.postnummer må være fire siffer for norsk adresse');
  }
  for (const [k, max] of [['eksternReferanse', 100], ['korrelasjonsid', 100], ['forsendelsestype', 100], ['avgivendeSystem', 100]] as const) {
    if (o[k] !== undefined && o[k] !== null && (!isStr(o[k]) || o[k].length > max)) throw new BadRequest(`${k} må være tekst på høyst ${max} tegn`);
  }
  if (Array.isArray(o.lenker) && o.lenker.length > 5) throw new BadRequest('lenker kan ha høyst 5 elementer');
  const u = o.utskriftskonfigurasjon as Record<string, unknown> | undefined;
  if (u !== undefined && u !== null) {
    if (typeof u !== 'object') throw new BadRequest('utskriftskonfigurasjon må være et objekt');
    for (const k of ['utskriftMedFarger', 'tosidig']) if (u[k] !== undefined && typeof u[k] !== 'boolean') throw new BadRequest(`utskriftskonfigurasjon.${k} må være boolsk`);
  }
  const docs = o.dokumenter;
  if (!Array.isArray(docs) || docs.length === 0) throw new BadRequest('forsendelsen må ha minst ett dokument');
  if (docs.length !== files.length) throw new BadRequest(`dokumenter har ${docs.length} element, men ${files.length} filer ble sendt`);
  const seen = new Set<string>();
  let printBytes = 0;
  docs.forEach((d: unknown, i) => {
    const doc = d as Record<string, unknown>;
    if (!doc || typeof doc !== 'object') throw new BadRequest(`dokumenter[${i}] må være et objekt`);
    if (!nonEmpty(doc.filnavn)) throw new BadRequest(`dokumenter[${i}].filnavn er påkrevd`);
    if (!nonEmpty(doc.mimeType)) throw new BadRequest(`dokumenter[${i}].mimeType er påkrevd`);
    if (doc.filnavn.length > 226) throw new BadRequest(`dokumenter[${i}].filnavn er lengre enn 226 tegn`);
    if (FORBIDDEN_FILENAME.test(doc.filnavn)) throw new BadRequest(`dokumenter[${i}].filnavn inneholder ulovlige tegn`);
    if (seen.has(doc.filnavn)) throw new BadRequest(`dokumenter[${i}].filnavn er ikke unikt`);
    seen.add(doc.filnavn);
    const file = files.find((f) => f.part === `filer_${i}`);
    if (!file) throw new BadRequest(`filen filer_${i} mangler`);
    if (file.filename && file.filename !== doc.filnavn) throw new BadRequest(`filer_${i} har filnavn «${file.filename}», men dokumenter[${i}].filnavn er «${doc.filnavn}»`);
    const excluded = doc.skalEkskluderesFraUtskrift === true;
    if (doc.mimeType === 'application/pdf') {
      if (Buffer.from(file.bytes.subarray(0, 5)).toString('latin1') !== '%PDF-') throw new BadRequest(`dokumenter[${i}] er ikke en PDF`);
    } else if (!digitalOnly && !excluded) {
      throw new BadRequest(`dokumenter[${i}]: kun application/pdf kan printes; marker dokumentet skalEkskluderesFraUtskrift eller forsendelsen kunDigitalLevering`);
    }
    if (!excluded) printBytes += file.bytes.byteLength;
  });
  if (!digitalOnly && printBytes > MAX_PRINT_BYTES) throw new BadRequest('forsendelser som kan gå til print kan være høyst 350 MB');
}

export async function startSvarUtSimulator(o: SvarUtSimulatorOptions): Promise<SvarUtSimulator> {
  const now = o.now ?? Date.now;
  const faults = new FaultInjector(o.faults ?? {}, o.faultSeed ?? 1);
  const all: SvarUtSimForsendelse[] = [];
  const byId = new Map<string, SvarUtSimForsendelse>();
  const byRef = new Map<string, SvarUtSimForsendelse[]>();
  const rejected: { status: number; message: string }[] = [];
  const perOp: Record<string, number> = {};
  let total = 0;

  const iso = () => new Date(now()).toISOString();
  const json = (status: number, body: unknown): SimResponse => ({ status, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const errorMessage = (status: number, error: string, message: string, path: string): SimResponse =>
    json(status, { timestamp: now(), status, error, errorId: randomUUID(), path, originalPath: path, message, errorCode: status === 400 ? 'VALIDERINGSFEIL' : error.toUpperCase().replace(/ /g, '_') });

  function setStatus(f: SvarUtSimForsendelse, s: SvarUtSimStatus): void {
    f.status = s;
    f.sisteStatusEndring = iso();
    f.hendelser.push({ tidspunkt: f.sisteStatusEndring, hendelse: HENDELSE[s] });
  }

  function step(f: SvarUtSimForsendelse): boolean {
    const steps = f.channel === 'print' ? PRINT_STEPS : DIGITAL_STEPS;
    const i = steps.indexOf(f.status);
    if (i < 0 || i >= steps.length - 1) return false;
    setStatus(f, steps[i + 1]!);
    return true;
  }

  async function parseMultipart(req: http.IncomingMessage, body: Buffer): Promise<{ forsendelse: unknown; files: SvarUtSimFile[] }> {
    const ct = req.headers['content-type'] ?? '';
    if (!/^multipart\/form-data/i.test(ct)) throw new BadRequest('forventet multipart/form-data');
    let form: FormData;
    try {
      form = await new Request('http://svarut.sim/', { method: 'POST', headers: { 'content-type': ct }, body: new Uint8Array(body) }).formData();
    } catch {
      throw new BadRequest('multipart-innholdet kan ikke leses');
    }
    const part = form.get('forsendelse');
    if (part === null) throw new BadRequest('delen «forsendelse» mangler');
    const text = typeof part === 'string' ? part : await part.text();
    let forsendelse: unknown;
    try {
      forsendelse = JSON.parse(text);
    } catch {
      throw new BadRequest('forsendelse er ikke gyldig JSON');
    }
    const files: SvarUtSimFile[] = [];
    for (const [name, value] of form.entries()) {
      if (!/^filer_\d+$/.test(name)) continue;
      if (typeof value === 'string') throw new BadRequest(`${name} er ikke en fil`);
      files.push({ part: name, filename: value.name, contentType: value.type, bytes: new Uint8Array(await value.arrayBuffer()) });
    }
    return { forsendelse, files };
  }

  async function send(req: http.IncomingMessage, body: Buffer, path: string): Promise<SimResponse> {
    let parsed: { forsendelse: unknown; files: SvarUtSimFile[] };
    try {
      parsed = await parseMultipart(req, body);
      validate(parsed.forsendelse, parsed.files);
    } catch (e) {
      if (e instanceof BadRequest) {
        rejected.push({ status: 400, message: e.message });
        return errorMessage(400, 'Bad Request', e.message, path);
      }
      throw e;
    }
    const forsendelse = parsed.forsendelse as SvarUtSimForsendelse['forsendelse'];
    const at = iso();
    const f: SvarUtSimForsendelse = {
      id: randomUUID(),
      forsendelse,
      files: parsed.files,
      channel: nonEmpty(forsendelse.mottaker.digitalId) ? 'digital' : 'print',
      status: 'MOTTATT',
      mottatt: at,
      sisteStatusEndring: at,
      hendelser: [{ tidspunkt: at, hendelse: HENDELSE.MOTTATT }],
      lest: false,
    };
    all.push(f);
    byId.set(f.id, f);
    if (isStr(forsendelse.eksternReferanse)) {
      const list = byRef.get(forsendelse.eksternReferanse) ?? [];
      list.push(f);
      byRef.set(forsendelse.eksternReferanse, list);
    }
    if (o.autoPrint) while (step(f));
    return json(200, { id: f.id });
  }

  type Route = SimRoute<SvarUtSimOperation, (m: string[], url: URL, body: Buffer, req: http.IncomingMessage) => Promise<SimResponse> | SimResponse> & { konto: boolean };
  const routes: Route[] = [
    { method: 'POST', path: /^\/api\/v2\/kontoer\/([^/]+)\/forsendelser\/status-sok$/, op: 'status', konto: true, handle: (_m, url, body) => statusSok(body, url.pathname) },
    {
      method: 'GET',
      path: /^\/api\/v2\/kontoer\/([^/]+)\/forsendelser\/metadata$/,
      op: 'eksternref.metadata',
      konto: true,
      handle: (_m, url) => {
        const ref = url.searchParams.get('eksternRef');
        if (ref === null) return errorMessage(400, 'Bad Request', 'eksternRef er påkrevd', url.pathname);
        return json(200, { forsendelser: (byRef.get(ref) ?? []).map((f) => ({ id: f.id, dato: f.mottatt, avgivendeSystem: f.forsendelse.avgivendeSystem })) });
      },
    },
    {
      method: 'GET',
      path: /^\/api\/v2\/kontoer\/([^/]+)\/forsendelser$/,
      op: 'eksternref',
      konto: true,
      handle: (_m, url) => {
        const ref = url.searchParams.get('eksternRef');
        if (ref === null) return errorMessage(400, 'Bad Request', 'eksternRef er påkrevd', url.pathname);
        return json(200, { forsendelseIds: (byRef.get(ref) ?? []).map((f) => f.id) });
      },
    },
    { method: 'POST', path: /^\/api\/v2\/kontoer\/([^/]+)\/forsendelser$/, op: 'send', konto: true, handle: (_m, url, body, req) => send(req, body, url.pathname) },
    {
      method: 'GET',
      path: /^\/api\/v2\/forsendelser\/([^/]+)\/hendelser$/,
      op: 'hendelser',
      konto: false,
      handle: (m, url) => {
        const f = byId.get(m[0]!);
        return f ? json(200, { hendelser: f.hendelser }) : errorMessage(404, 'Not Found', 'Fant ikke forsendelsen', url.pathname);
      },
    },
    {
      method: 'GET',
      path: /^\/api\/v2\/forsendelser\/([^/]+)\/signeringshendelser$/,
      op: 'signeringshendelser',
      konto: false,
      handle: (m, url) => (byId.has(m[0]!) ? json(200, { hendelser: [] }) : errorMessage(404, 'Not Found', 'Fant ikke forsendelsen', url.pathname)),
    },
    {
      method: 'POST',
      path: /^\/api\/v2\/forsendelser\/([^/]+)\/lest$/,
      op: 'lest',
      konto: false,
      handle: (m, url) => {
        const f = byId.get(m[0]!);
        if (!f) return errorMessage(404, 'Not Found', 'Fant ikke forsendelsen', url.pathname);
        f.lest = true;
        f.hendelser.push({ tidspunkt: iso(), hendelse: 'Satt som lest av eksternt system' });
        return { status: 204 };
      },
    },
    { method: 'GET', path: /^\/api\/v2\/forsendelsestyper$/, op: 'typer', konto: false, handle: () => json(200, FORSENDELSESTYPER) },
  ];

  function statusSok(body: Buffer, path: string): SimResponse {
    let ids: unknown;
    try {
      ids = (JSON.parse(body.toString('utf8')) as { forsendelseIds?: unknown }).forsendelseIds;
    } catch {
      return errorMessage(400, 'Bad Request', 'StatusSok er ikke gyldig JSON', path);
    }
    if (!Array.isArray(ids) || !ids.every(isStr)) return errorMessage(400, 'Bad Request', 'forsendelseIds er påkrevd', path);
    const statuser = ids.flatMap((id) => {
      const f = byId.get(id);
      return f ? [{ id: f.id, sisteStatusEndring: f.sisteStatusEndring, status: f.status }] : [];
    });
    return json(200, { statuser });
  }

  function authorized(req: http.IncomingMessage): boolean {
    const auth = req.headers.authorization ?? '';
    const m = /^Bearer (.+)$/.exec(auth);
    if (!m || (o.bearer !== undefined && m[1] !== o.bearer)) return false;
    return req.headers['integrasjonid'] === o.integrasjonId && req.headers['integrasjonpassord'] === o.integrasjonPassord;
  }

  const listening = await serveSimLoop(
    {
      faults,
      route({ req, url }) {
        total++;
        const found = findRoute(routes, req.method, url.pathname);
        if (!('route' in found)) return found.allowed.length ? errorMessage(405, 'Method Not Allowed', 'Metoden støttes ikke', url.pathname) : errorMessage(404, 'Not Found', 'Ukjent sti', url.pathname);
        const { route, groups } = found;
        perOp[route.op] = (perOp[route.op] ?? 0) + 1;
        return {
          op: route.op,
          handle: (body) =>
            route.konto && decodeURIComponent(groups[0]!) !== o.kontoId
              ? errorMessage(403, 'Forbidden', 'Integrasjonen har ikke tilgang til kontoen', url.pathname)
              : route.handle(groups, url, body, req),
        };
      },
      serverError: (_op, when, { url }) =>
        when === 'before' ? errorMessage(503, 'Service Unavailable', 'SvarUt er midlertidig utilgjengelig', url.pathname) : errorMessage(500, 'Internal Server Error', 'Simulert feil', url.pathname),
      auth: (_op, { req, url }) =>
        authorized(req) ? null : { ...errorMessage(401, 'Unauthorized', 'Ugyldig token eller integrasjon', url.pathname), headers: { 'Content-Type': 'application/json', 'WWW-Authenticate': 'Bearer' } },
      internalError: (_op, e, { url }) => errorMessage(500, 'Internal Server Error', e instanceof Error ? e.message : String(e), url.pathname),
    },
    { port: o.port ?? 0 },
  );

  return {
    url: `${listening.origin}/api`,
    origin: listening.origin,
    faults,
    forsendelser: () => [...all],
    forsendelse: (id) => byId.get(id),
    countByEksternReferanse: (ref) => byRef.get(ref)?.length ?? 0,
    rejected: () => [...rejected],
    advance(id) {
      const targets = id === undefined ? all : all.filter((f) => f.id === id);
      return targets.filter(step).length;
    },
    requests: () => total,
    requestsByOperation: () => ({ ...perOp }),
    close: () => listening.close(),
  };
}
