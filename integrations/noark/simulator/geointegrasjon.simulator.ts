/**
 * GeoIntegrasjon Arkiv 1.1 simulator: both SOAP services (SakArkivOppdatering and ArkivInnsyn)
 * from the official WSDLs on one 127.0.0.1 server, `soap` doing endpoints, SOAPAction dispatch,
 * envelopes and WSDL serving.
 *
 * Every received body payload (the operation element) is validated against the WSDL's types
 * schema and the eleven GI XSDs with xmllint (xmllint-wasm); an invalid one is answered with a
 * ValidationFault carrying xmllint's own message. A valid one is then checked the way an archive
 * checks it against its configured code lists and required values (ValidationFault too), and
 * handled in ArchiveSimState, which assigns the numbers. Answers are written here, namespace by
 * namespace, in the shape of the GI example responses (ks-no/svarut-sak-mottak).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { listen, type IServices, type Server as SoapServer } from 'soap';
import type { XmlElement } from '../../../electron/core/profiles/xml-tree';
import { FaultInjector, type FaultConfig } from '../../shared/simulator/faults';
import { beforeHandling } from '../../shared/simulator/request-loop';
import { listenSimServer } from '../../shared/simulator/sim-server';
import { parseXmlSafe } from '../../shared/xml/safe-xml';
import { createXsdValidator, type SchemaSet } from '../../shared/xml/xsd-validator';
import { GI_NS, GI_PREFIXES, type GiOperation } from '../geointegrasjon.protocol';
import { ArchiveSimState, type ArchiveSimulator, type SimCaseFile, type SimCorrespondent, type SimDocument, type SimEntry } from './archive-sim-state';

export interface GeoIntegrasjonSimulatorOptions {
  /** resources/wsdl/geointegrasjon: the two WSDLs and the eleven XSDs. */
  wsdlDir: string;
  port?: number;
  faults?: FaultConfig;
  now?: () => number;
  /** When set, HTTP Basic credentials are required (401 otherwise). */
  username?: string;
  password?: string;
}

export interface GeoIntegrasjonSimulator extends ArchiveSimulator {
  /** SakArkivOppdatering endpoint. */
  readonly oppdateringUrl: string;
  /** ArkivInnsyn endpoint. */
  readonly innsynUrl: string;
  readonly faults: FaultInjector;
  /** The last body payload (operation element, namespaces in scope declared on it) received for an operation. */
  lastRequestXml(op: string): string | undefined;
  /** Every payload received for an operation, oldest first. */
  requestsOf(op: string): string[];
  close(): Promise<void>;
}

const MAX_KEPT_REQUESTS = 500;

export const GI_OPPDATERING_PATH = '/gi/arkiv/oppdatering';
export const GI_INNSYN_PATH = '/gi/arkiv/innsyn';
export const GI_WSDL_FILES = { oppdatering: 'giArkivOppdatering20120131.wsdl', innsyn: 'giArkivInnsyn20120131.wsdl' } as const;

const NS = { ...GI_PREFIXES, soap: GI_NS.soap, oppdatering: GI_NS.oppdatering, innsyn: GI_NS.innsyn } as const;

/**
 * The simulated installation's code lists. GI 1.1 defines none (HentKodeliste serves each
 * archive's own); these are the KS Fiks Arkiv v2 code lists (GI Arkiv's successor,
 * specs/noark/arkivmelding/fiks-arkiv-v2/kodelister), plus the korrespondanseparttype texts the
 * GI sample client sends, and offentleglova's §§ 5–26 / UO / P / XX as tilgangsrestriksjon.
 */
export const GI_SIM_CODES = {
  journalposttype: ['I', 'U', 'N', 'X', 'S'],
  journalstatus: ['J', 'F', 'G', 'E', 'A', 'U', 'M', 'S', 'R'],
  korrespondanseparttype: ['EA', 'EM', 'EK', 'GM', 'IA', 'IM', 'IK', 'Avsender', 'Mottaker', 'Kopimottaker'],
  saksstatus: ['B', 'A', 'U', 'R', 'S', 'P', 'F'],
  klassifikasjonssystem: ['GBN', 'FH', 'EH', 'E1', 'KK', 'MF', 'UO', 'PNR'],
  tilknyttetRegistreringSom: ['H', 'V'],
  dokumentstatus: ['B', 'F'],
  variantformat: ['P', 'A', 'O', 'S'],
  avskrivningsmaate: ['BU', 'BE', 'TLF', 'TE', 'TO'],
  tilgangsrestriksjon: ['UO', 'P', 'XX', '5', '5a', ...Array.from({ length: 21 }, (_, i) => String(i + 6))],
  personidentifikatorType: ['F', 'D'],
} as const;

// --- schemas ---------------------------------------------------------------------------------------

const SCHEMA_URL = /schemaLocation="http:\/\/rep\.geointegrasjon\.no\/[^"]*\/([^"/]+\.xsd)"/g;

/** The WSDL's types schema as a standalone XSD, and the XSDs, imports pointing at bare file names. */
export function giSchemaSet(wsdlDir: string, wsdlFile: string): SchemaSet {
  const wsdl = fs.readFileSync(path.join(wsdlDir, wsdlFile), 'utf8');
  const m = /<xs:schema\b[\s\S]*?<\/xs:schema>/.exec(wsdl);
  if (!m) throw new Error(`${wsdlFile}: fant ikke wsdl:types/xs:schema`);
  const main = `<?xml version="1.0" encoding="UTF-8"?>\n${m[0].replace(SCHEMA_URL, 'schemaLocation="$1"')}`;
  const files = fs
    .readdirSync(wsdlDir)
    .filter((f) => /^gi.*\.xsd$/.test(f))
    .map((fileName) => ({ fileName, contents: fs.readFileSync(path.join(wsdlDir, fileName), 'utf8').replace(SCHEMA_URL, 'schemaLocation="$1"') }));
  return { main, files };
}

/**
 * Both services' types in one schema set: a main schema importing the two WSDL types schemas
 * (as files beside the eleven GI XSDs). xmllint parses its schema on every run and validates the
 * documents waiting for the same schema in that run, so with one set the Finn* and Ny* payloads
 * that arrive together share one parse instead of taking a run each (#18). Each payload is still
 * validated against its own element's declaration: the two types schemas have their own namespaces,
 * and an element of the other service is not routed to a handler here anyway.
 */
export function giCombinedSchemaSet(wsdlDir: string): SchemaSet {
  const sets = { oppdatering: giSchemaSet(wsdlDir, GI_WSDL_FILES.oppdatering), innsyn: giSchemaSet(wsdlDir, GI_WSDL_FILES.innsyn) };
  const namespaceOf = (main: string): string => /targetNamespace="([^"]+)"/.exec(main)![1]!;
  const typesFiles = (Object.keys(sets) as (keyof typeof sets)[]).map((k) => ({ fileName: `gi-${k}-types.xsd`, contents: sets[k].main, namespace: namespaceOf(sets[k].main) }));
  const main = `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
${typesFiles.map((f) => `  <xs:import namespace="${f.namespace}" schemaLocation="${f.fileName}"/>`).join('\n')}
</xs:schema>`;
  return { main, files: [...sets.oppdatering.files, ...typesFiles.map(({ fileName, contents }) => ({ fileName, contents }))] };
}

/** For `soap`: the XSDs' absolute rep.geointegrasjon.no URLs → the local files. Never the network. */
export function localGiImport(wsdlDir: string): (location: string) => string {
  return (location) => {
    const file = /\/([^/]+\.xsd)$/.exec(location)?.[1];
    const local = file && path.join(wsdlDir, file);
    if (!local || !fs.existsSync(local)) throw new Error(`GI-skjema ${location} finnes ikke lokalt i ${wsdlDir}`);
    return local;
  };
}

// --- faults ------------------------------------------------------------------------------------------

type GiFaultType = 'ValidationFault' | 'FinderFault' | 'ApplicationFault' | 'ImplementationFault' | 'SystemFault';

class GiFault extends Error {
  constructor(
    readonly type: GiFaultType,
    readonly feilKode: string,
    message: string,
    readonly details: string[] = [],
  ) {
    super(message);
  }
}

function soapFault(f: GiFault): { Fault: object } {
  const detail = el(
    `tek:${f.type}`,
    [text('tek:feilKode', f.feilKode), text('tek:feilBeskrivelse', f.message), f.details.length ? el('tek:feilDetaljer', f.details.map((d) => text('tek:liste', d))) : ''],
    ` xmlns:tek="${NS.tek}"`,
  );
  const client = f.type === 'ValidationFault' || f.type === 'FinderFault' || f.type === 'ApplicationFault';
  return { Fault: { faultcode: client ? 'soap:Client' : 'soap:Server', faultstring: f.message, detail: { $xml: detail }, statusCode: 500 } };
}

// --- start -----------------------------------------------------------------------------------------------

export async function startGeoIntegrasjonSimulator(opts: GeoIntegrasjonSimulatorOptions): Promise<GeoIntegrasjonSimulator> {
  const state = new ArchiveSimState(opts.now);
  const now = opts.now ?? Date.now;
  const faults = new FaultInjector(opts.faults ?? {});
  const validator = createXsdValidator();
  // one set for both services, read once at start (see giCombinedSchemaSet)
  const combined = giCombinedSchemaSet(opts.wsdlDir);
  const schemas = { oppdatering: combined, innsyn: combined };
  const requests = new Map<string, string[]>();
  const raw = new WeakMap<object, string>();

  const server = http.createServer((_req, res) => {
    res.statusCode = 404;
    res.end();
  });
  // archives behind IIS keep idle connections for 120 s; Node's 5 s default would reset the
  // sockets of a client (in this process) whose event loop was busy for longer
  server.keepAliveTimeout = 120_000;

  /** Validates, records and parses a payload; throws the fault an archive would answer. */
  const receive = async (op: string, req: http.IncomingMessage, schema: SchemaSet): Promise<XmlElement> => {
    const payloadXml = operationPayload(raw.get(req) ?? '');
    if (!payloadXml) throw soapFault(reject(op, new GiFault('ValidationFault', 'UGYLDIG_MELDING', 'SOAP Body mangler operasjonselementet.')));
    // kept for inspection, newest last; bounded so a long run (the benchmark) neither copies nor hoards payloads
    const list = requests.get(op) ?? [];
    list.push(payloadXml);
    if (list.length > MAX_KEPT_REQUESTS) list.splice(0, list.length - MAX_KEPT_REQUESTS);
    requests.set(op, list);
    const v = await validator.validate(payloadXml, schema);
    if (!v.valid) {
      const msgs = v.errors.map((e) => e.message.trim()).filter(Boolean);
      throw soapFault(reject(op, new GiFault('ValidationFault', 'SKJEMAFEIL', msgs.join(' ') || 'Meldingen er ikke gyldig mot GI-skjemaene.', msgs)));
    }
    const parsed = parseXmlSafe(payloadXml, { maxBytes: 512 * 1024 * 1024, maxDepth: 64, maxElements: 1_000_000 });
    if (!parsed.ok) throw soapFault(reject(op, new GiFault('ValidationFault', 'UGYLDIG_MELDING', parsed.reason)));
    return parsed.root;
  };
  const reject = (op: string, f: GiFault): GiFault => {
    state.reject(op, f.message);
    return f;
  };
  const handle =
    (op: string, schema: SchemaSet, fn: (root: XmlElement) => string) =>
    async (_args: unknown, _cb: unknown, _headers: unknown, req: http.IncomingMessage): Promise<{ $xml: string }> => {
      const root = await receive(op, req, schema);
      try {
        return { $xml: fn(root) };
      } catch (e) {
        if (e instanceof GiFault) throw soapFault(reject(op, e));
        throw soapFault(reject(op, new GiFault('SystemFault', 'INTERN_FEIL', e instanceof Error ? e.message : String(e))));
      }
    };

  const ops = operations(state, now);
  const oppdatering: IServices = {
    OppdateringService: {
      SakArkivOppdatering: Object.fromEntries(
        (['NySaksmappe', 'NyJournalpost', 'NyDokument', 'NyAvskrivning', 'NyKorrespondansepart', 'OppdaterJournalpostStatus', 'NyJournalpostMerknad'] as const).map((op) => [op, handle(op, schemas.oppdatering, ops[op])]),
      ),
    },
  };
  const innsyn: IServices = {
    InnsynService: {
      ArkivInnsyn: Object.fromEntries(
        (['FinnSaksmapperGittNoekkel', 'FinnJournalposterGittNoekkel', 'FinnDokumenterGittJournalpostnoekkel'] as const).map((op) => [op, handle(op, schemas.innsyn, ops[op])]),
      ),
    },
  };

  const listening = await listenSimServer(server, opts.port);
  const wsdlOptions = { overrideImportLocation: localGiImport(opts.wsdlDir) };
  const attach = (p: string, file: string, services: IServices) =>
    new Promise<SoapServer>((resolve, reject) => {
      const wsdlPath = path.join(opts.wsdlDir, file);
      const s: SoapServer = listen(server, {
        path: p,
        services,
        xml: fs.readFileSync(wsdlPath, 'utf8'),
        uri: wsdlPath,
        suppressStack: true,
        enableChunkedEncoding: false,
        wsdl_options: wsdlOptions,
        callback: (err: unknown) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(s)),
      } as Parameters<typeof listen>[1]);
      s.log = (type, data, req) => {
        if (type === 'received' && typeof data === 'string') raw.set(req, data);
      };
    });
  await attach(GI_OPPDATERING_PATH, GI_WSDL_FILES.oppdatering, oppdatering);
  await attach(GI_INNSYN_PATH, GI_WSDL_FILES.innsyn, innsyn);

  // In front of soap: Basic auth and fault injection by operation (from the SOAPAction).
  const soapListeners = server.listeners('request').slice() as ((req: http.IncomingMessage, res: http.ServerResponse) => void)[];
  server.removeAllListeners('request');
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    void (async () => {
      const pass = () => soapListeners.forEach((l) => l.call(server, req, res));
      if (req.method !== 'POST') return pass();
      if (opts.username !== undefined && !authorized(req.headers.authorization, opts.username, opts.password ?? '')) {
        res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="GeoIntegrasjon"', 'Content-Type': 'text/plain; charset=utf-8' });
        return res.end('401 Unauthorized');
      }
      const op = String(req.headers.soapaction ?? '').replace(/^"|"$/g, '').split('#').pop() ?? '';
      const unavailable = { status: 503, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: '503 Service Unavailable' };
      if ((await beforeHandling(faults, op, req, res, () => unavailable)) === 'handled') return;
      const end = res.end.bind(res) as (...a: unknown[]) => http.ServerResponse;
      res.end = ((...a: unknown[]) => {
        if (res.statusCode < 300 && faults.dropAfter(op)) {
          req.socket.destroy();
          return res;
        }
        return end(...a);
      }) as typeof res.end;
      pass();
    })();
  });

  const base = listening.origin;
  return {
    url: base,
    oppdateringUrl: `${base}${GI_OPPDATERING_PATH}`,
    innsynUrl: `${base}${GI_INNSYN_PATH}`,
    state,
    faults,
    lastRequestXml: (op) => requests.get(op)?.at(-1),
    requestsOf: (op) => [...(requests.get(op) ?? [])],
    async close() {
      await listening.close();
      await validator.close();
    },
  };
}

function authorized(header: string | undefined, user: string, password: string): boolean {
  const m = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!m) return false;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  return decoded === `${user}:${password}`;
}

/**
 * The first element in soap:Body as text, with the namespace declarations of Envelope and Body
 * that it relies on copied onto it, so it can be validated and read on its own.
 */
export function operationPayload(envelope: string): string | undefined {
  if (/<!(DOCTYPE|ENTITY)/i.test(envelope)) return undefined;
  const open = /<((?:[A-Za-z_][\w.-]*:)?)Body\b([^>]*)>/.exec(envelope);
  if (!open) return undefined;
  const close = envelope.lastIndexOf(`</${open[1]}Body>`);
  if (close < 0) return undefined;
  const inner = envelope.slice(open.index + open[0].length, close).trim();
  const start = /^<([^\s/>]+)([^>]*?)(\/?)>/.exec(inner);
  if (!start) return undefined;
  const envOpen = /<(?:[A-Za-z_][\w.-]*:)?Envelope\b([^>]*)>/.exec(envelope)?.[1] ?? '';
  const declared = new Set([...start[2]!.matchAll(/\sxmlns(?::([\w.-]+))?=/g)].map((d) => d[1] ?? ''));
  const inherited: string[] = [];
  for (const d of [...open[2]!.matchAll(/\sxmlns(?::([\w.-]+))?=("[^"]*"|'[^']*')/g), ...envOpen.matchAll(/\sxmlns(?::([\w.-]+))?=("[^"]*"|'[^']*')/g)]) {
    const prefix = d[1] ?? '';
    if (declared.has(prefix)) continue;
    declared.add(prefix);
    inherited.push(prefix ? ` xmlns:${prefix}=${d[2]}` : ` xmlns=${d[2]}`);
  }
  return `<${start[1]}${inherited.join('')}${start[2]}${start[3]}>${inner.slice(start[0].length)}`;
}

// --- reading requests -------------------------------------------------------------------------------------

const kid = (e: XmlElement | undefined, name: string): XmlElement | undefined => e?.children.find((c) => c.name === name);
const kids = (e: XmlElement | undefined, name: string): XmlElement[] => (e ? e.children.filter((c) => c.name === name) : []);
const str = (e: XmlElement | undefined, name: string): string | undefined => {
  const k = kid(e, name);
  return k ? k.text.trim() : undefined;
};
const code = (e: XmlElement | undefined, name: string): string | undefined => str(kid(e, name), 'kodeverdi');
const bool = (e: XmlElement | undefined, name: string): boolean => ['true', '1'].includes(str(e, name) ?? '');
/** Local name of an element's xsi:type (the schema check has already resolved it). */
const xsiType = (e: XmlElement | undefined): string | undefined => {
  const attr = Object.entries(e?.attributes ?? {}).find(([k]) => k === 'type' || k.endsWith(':type'));
  return attr?.[1].split(':').pop();
};

function required(value: string | undefined, what: string): string {
  if (!value) throw new GiFault('ValidationFault', 'PAAKREVD', `${what} er påkrevd og kan ikke være tom.`);
  return value;
}

function checkCode(list: keyof typeof GI_SIM_CODES, value: string | undefined, what: string): void {
  if (value === undefined) return;
  if (!(GI_SIM_CODES[list] as readonly string[]).includes(value)) {
    throw new GiFault('ValidationFault', 'UGYLDIG_KODE', `Ugyldig kodeverdi «${value}» for ${what}. Gyldige verdier: ${GI_SIM_CODES[list].join(', ')}.`);
  }
}

function checkSkjerming(e: XmlElement | undefined): { tilgangsrestriksjon: string | null; skjermingshjemmel: string | null } {
  const s = kid(e, 'skjerming');
  const t = code(s, 'tilgangsrestriksjon');
  checkCode('tilgangsrestriksjon', t, 'tilgangsrestriksjon');
  const hjemmel = str(s, 'skjermingshjemmel') || null;
  if (t && !hjemmel) throw new GiFault('ValidationFault', 'PAAKREVD', 'skjermingshjemmel er påkrevd når tilgangsrestriksjon er satt.');
  return { tilgangsrestriksjon: t ?? null, skjermingshjemmel: hjemmel };
}

function eksternNoekkel(e: XmlElement | undefined): { fagsystem: string; noekkel: string } | undefined {
  const fagsystem = str(e, 'fagsystem');
  const noekkel = str(e, 'noekkel');
  return e && fagsystem ? { fagsystem, noekkel: noekkel ?? '' } : undefined;
}

// --- operations ------------------------------------------------------------------------------------------

type Ops = Record<GiOperation, (root: XmlElement) => string>;

function operations(state: ArchiveSimState, now: () => number): Ops {
  const caseOf = (j: XmlElement): SimCaseFile => {
    const bySystemId = str(kid(kid(j, 'referanseSakSystemID'), 'systemID'), 'id');
    const saksnr = kid(j, 'saksnr');
    const byKey = eksternNoekkel(kid(j, 'referanseMappeEksternNoekkel'));
    const c = bySystemId
      ? state.caseFile(bySystemId)
      : saksnr
        ? state.caseFileByNumber(Number(str(saksnr, 'saksaar')), Number(str(saksnr, 'sakssekvensnummer')))
        : byKey
          ? state.caseFiles().find((x) => x.fagsystem === byKey.fagsystem && x.externalKey === byKey.noekkel)
          : undefined;
    if (!c) throw new GiFault('FinderFault', 'IKKE_FUNNET', 'Fant ikke saksmappen journalposten skal ligge i.');
    return c;
  };

  /** Journpostnoekkel (JournpostSystemID, JournpostEksternNoekkel, Journalnummer, Dokumentnummer) → entries. */
  const entriesByKey = (k: XmlElement | undefined): SimEntry[] => {
    switch (xsiType(k)) {
      case 'JournpostSystemID': {
        const e = state.entry(str(kid(k, 'systemID'), 'id') ?? '');
        return e ? [e] : [];
      }
      case 'JournpostEksternNoekkel': {
        const n = eksternNoekkel(kid(k, 'eksternnoekkel'));
        return n ? state.entries().filter((e) => e.fagsystem === n.fagsystem && e.externalKey === n.noekkel) : [];
      }
      case 'Journalnummer': {
        const [aar, seq] = [Number(str(k, 'journalaar')), Number(str(k, 'journalsekvensnummer'))];
        return state.entries().filter((e) => e.journalaar === aar && e.journalsekvensnummer === seq);
      }
      case 'Dokumentnummer': {
        const c = state.caseFileByNumber(Number(str(k, 'saksaar')), Number(str(k, 'sakssekvensnummer')));
        const nr = Number(str(k, 'journalpostnummer'));
        return c ? state.entriesOf(c.systemId).filter((e) => e.journalpostnummer === nr) : [];
      }
      default:
        throw new GiFault('ValidationFault', 'UGYLDIG_NOKKEL', 'Journalpostnøkkelen må ha xsi:type JournpostSystemID, JournpostEksternNoekkel, Journalnummer eller Dokumentnummer.');
    }
  };
  const oneEntry = (k: XmlElement | undefined): SimEntry => {
    const e = entriesByKey(k)[0];
    if (!e) throw new GiFault('FinderFault', 'IKKE_FUNNET', 'Fant ikke journalposten.');
    return e;
  };

  const correspondentOf = (k: XmlElement): SimCorrespondent => {
    const type = required(code(k, 'korrespondanseparttype'), 'korrespondanseparttype');
    checkCode('korrespondanseparttype', type, 'korrespondanseparttype');
    const kontakt = kid(k, 'Kontakt');
    const kind = xsiType(kontakt);
    const pid = kid(kontakt, 'personid');
    checkCode('personidentifikatorType', code(pid, 'personidentifikatorType'), 'personidentifikatorType');
    return {
      type,
      name: required(str(kontakt, 'navn'), 'Kontakt.navn'),
      personNumber: kind === 'Person' ? str(pid, 'personidentifikatorNr') || null : null,
      organisationNumber: kind === 'Organisasjon' ? str(kontakt, 'organisasjonsnummer') || null : null,
      screened: bool(k, 'skjermetKorrespondansepart'),
    };
  };

  return {
    NySaksmappe(root) {
      const m = kid(root, 'mappe');
      if (!m) throw new GiFault('ValidationFault', 'PAAKREVD', 'mappe er påkrevd.');
      const title = required(str(m, 'tittel'), 'tittel');
      checkCode('saksstatus', code(m, 'saksstatus'), 'saksstatus');
      const klasser = kids(kid(m, 'klasse'), 'liste').map((k) => {
        const system = required(code(k, 'klassifikasjonssystem'), 'klassifikasjonssystem');
        checkCode('klassifikasjonssystem', system, 'klassifikasjonssystem');
        return { ordningsprinsipp: system, ordningsverdi: required(str(k, 'klasseID'), 'klasseID') };
      });
      const skj = checkSkjerming(m);
      const key = eksternNoekkel(kid(m, 'referanseEksternNoekkel'));
      const c = state.addCaseFile({
        externalKey: key?.noekkel ?? null,
        fagsystem: key?.fagsystem ?? null,
        title,
        titlePublic: str(m, 'offentligTittel') || null,
        arkivdel: code(m, 'referanseArkivdel') ?? null,
        classification: klasser,
        administrativEnhet: str(m, 'administrativEnhetInit') || str(m, 'administrativEnhet') || null,
        saksansvarlig: str(m, 'saksansvarlig') || str(m, 'saksansvarligInit') || null,
        ...skj,
        raw: m,
      });
      return returnXml(saksmappeXml(c, kids(kid(m, 'klasse'), 'liste').map((k) => bool(k, 'skjermetKlasse')), 'gi:return'));
    },

    NyJournalpost(root) {
      const j = kid(root, 'journalpost');
      if (!j) throw new GiFault('ValidationFault', 'PAAKREVD', 'journalpost er påkrevd.');
      const title = required(str(j, 'tittel'), 'tittel');
      const type = required(code(j, 'journalposttype'), 'journalposttype');
      checkCode('journalposttype', type, 'journalposttype');
      checkCode('journalstatus', code(j, 'journalstatus'), 'journalstatus');
      const skj = checkSkjerming(j);
      const correspondents = kids(kid(j, 'korrespondansepart'), 'liste').map(correspondentOf);
      const c = caseOf(j);
      const key = eksternNoekkel(kid(j, 'referanseEksternNoekkel'));
      const e = state.addEntry({
        externalKey: key?.noekkel ?? null,
        fagsystem: key?.fagsystem ?? null,
        caseFileSystemId: c.systemId,
        journalposttype: type,
        title,
        titlePublic: str(j, 'offentligTittel') || null,
        ...skj,
        correspondents,
        raw: j,
      });
      return returnXml(journalpostXml(state, e, { korrespondanse: true, avskrivning: false }, 'gi:return'));
    },

    // #13 item 7: the status of a registered journalpost changes (giArkivOppdatering20120131.wsdl OppdaterJournalpostStatus)
    OppdaterJournalpostStatus(root) {
      const status = required(code(root, 'journalstatus'), 'journalstatus');
      checkCode('journalstatus', status, 'journalstatus');
      const e = oneEntry(kid(root, 'journalpostnokkel'));
      state.recordUpdate(e.systemId, { operation: 'OppdaterJournalpostStatus', journalstatus: status });
      return '';
    },

    // Merknad (giArkivKjerne20120131.xsd): merknadstekst required, merknadstype, merknadsdato
    NyJournalpostMerknad(root) {
      const e = oneEntry(kid(root, 'journalnokkel'));
      const list = kids(kid(root, 'merknad'), 'liste');
      if (!list.length) throw new GiFault('ValidationFault', 'PAAKREVD', 'merknad er påkrevd.');
      for (const m of list) {
        const merknad = { merknadstekst: required(str(m, 'merknadstekst'), 'merknadstekst'), merknadstype: str(m, 'merknadstype') ?? null, merknadsdato: str(m, 'merknadsdato') ?? null };
        state.recordUpdate(e.systemId, { operation: 'NyJournalpostMerknad', ...merknad });
      }
      return '';
    },

    NyKorrespondansepart(root) {
      const parts = kids(kid(root, 'part'), 'liste').map(correspondentOf);
      const e = oneEntry(kid(root, 'journalpostnokkel'));
      parts.forEach((p) => state.addCorrespondent(e.systemId, p));
      return returnXml('');
    },

    NyDokument(root) {
      const d = kid(root, 'dokument');
      if (!d) throw new GiFault('ValidationFault', 'PAAKREVD', 'dokument er påkrevd.');
      const role = required(code(d, 'tilknyttetRegistreringSom'), 'tilknyttetRegistreringSom');
      checkCode('tilknyttetRegistreringSom', role, 'tilknyttetRegistreringSom');
      checkCode('dokumentstatus', code(d, 'dokumentstatus'), 'dokumentstatus');
      checkCode('variantformat', code(d, 'variantformat'), 'variantformat');
      const e = state.entry(required(str(d, 'referanseJournalpostSystemID'), 'referanseJournalpostSystemID'));
      if (!e) throw new GiFault('FinderFault', 'IKKE_FUNNET', 'Fant ikke journalposten dokumentet skal knyttes til.');
      const fil = kid(d, 'Fil');
      if (!fil) throw new GiFault('ValidationFault', 'PAAKREVD', 'Fil er påkrevd.');
      if (xsiType(fil) !== 'Filinnhold') throw new GiFault('ApplicationFault', 'IKKE_STOTTET', 'Arkivet tar bare imot filer som Filinnhold (base64).');
      const bytes = Buffer.from((str(fil, 'base64') ?? '').replace(/\s+/g, ''), 'base64');
      const nrText = str(d, 'dokumentnummer');
      const nr = nrText ? Number(nrText) : undefined;
      if (nr !== undefined && !(Number.isInteger(nr) && nr > 0)) throw new GiFault('ValidationFault', 'UGYLDIG_VERDI', `Ugyldig dokumentnummer «${nrText}».`);
      if (nr !== undefined && e.documents.some((x) => x.dokumentnummer === nr)) {
        throw new GiFault('ValidationFault', 'FINNES_ALLEREDE', `Journalposten har allerede dokumentnummer ${nr}.`);
      }
      const doc = state.addDocument(e.systemId, {
        dokumentnummer: nr,
        tilknyttetRegistreringSom: role,
        title: str(d, 'tittel') ?? '',
        dokumenttype: code(d, 'dokumenttype') ?? null,
        filename: required(str(fil, 'filnavn'), 'filnavn'),
        contentType: required(str(fil, 'mimeType'), 'mimeType'),
        size: bytes.byteLength,
        sha256: createHash('sha256').update(bytes).digest('hex'),
      });
      state.files.set(doc.systemId, bytes);
      return returnXml(dokumentXml(e, doc, 'gi:return', bool(root, 'returnerFil') ? bytes : null));
    },

    NyAvskrivning(root) {
      const target = oneEntry(kid(root, 'journalnokkel'));
      for (const a of kids(kid(root, 'avskrivning'), 'liste')) {
        const maate = required(code(a, 'avskrivningsmaate'), 'avskrivningsmaate');
        checkCode('avskrivningsmaate', maate, 'avskrivningsmaate');
        const nr = kid(a, 'referanseAvskrivesAvJournalnummer');
        const key = eksternNoekkel(kid(a, 'referanseAvskrivesAvEksternNoekkel'));
        const by = nr
          ? state.entries().find((e) => e.journalaar === Number(str(nr, 'journalaar')) && e.journalsekvensnummer === Number(str(nr, 'journalsekvensnummer')))
          : key
            ? state.entries().find((e) => e.fagsystem === key.fagsystem && e.externalKey === key.noekkel)
            : undefined;
        if ((nr || key) && !by) throw new GiFault('FinderFault', 'IKKE_FUNNET', 'Fant ikke journalposten som avskriver.');
        state.addAvskrivning({ entrySystemId: target.systemId, byEntrySystemId: by?.systemId ?? null, maate });
      }
      return returnXml('');
    },

    FinnSaksmapperGittNoekkel(root) {
      const k = kid(root, 'nokkel');
      let found: SimCaseFile[];
      switch (xsiType(k)) {
        case 'SakEksternNoekkel': {
          const n = eksternNoekkel(kid(k, 'eksternnoekkel'));
          found = n ? state.caseFiles().filter((c) => c.fagsystem === n.fagsystem && c.externalKey === n.noekkel) : [];
          break;
        }
        case 'SakSystemId': {
          const c = state.caseFile(str(kid(k, 'systemID'), 'id') ?? '');
          found = c ? [c] : [];
          break;
        }
        case 'Saksnummer': {
          const c = state.caseFileByNumber(Number(str(k, 'saksaar')), Number(str(k, 'sakssekvensnummer')));
          found = c ? [c] : [];
          break;
        }
        default:
          throw new GiFault('ValidationFault', 'UGYLDIG_NOKKEL', 'Saksnøkkelen må ha xsi:type SakEksternNoekkel, SakSystemId eller Saksnummer.');
      }
      return returnXml(el('gi:return', found.map((c) => saksmappeXml(c, null, 'kj:liste'))), 'innsyn');
    },

    FinnJournalposterGittNoekkel(root) {
      const found = entriesByKey(kid(root, 'nokkel'));
      const want = { korrespondanse: bool(root, 'returnerKorrespondansepart'), avskrivning: bool(root, 'returnerAvskrivning') };
      return returnXml(el('gi:return', found.map((e) => journalpostXml(state, e, want, 'kj:liste'))), 'innsyn');
    },

    FinnDokumenterGittJournalpostnoekkel(root) {
      const found = entriesByKey(kid(root, 'journpostnokkel'));
      const withFil = bool(root, 'returnerFil');
      return returnXml(
        el('gi:return', found.flatMap((e) => e.documents.map((d) => dokumentXml(e, d, 'dok:liste', withFil ? (state.files.get(d.systemId) ?? null) : null)))),
        'innsyn',
      );
    },
  };

  // now() is used for dates in answers
  function isoNow(): string {
    return new Date(now()).toISOString().slice(0, 19);
  }
  function saksmappeXml(c: SimCaseFile, skjermetKlasse: boolean[] | null, name: string): string {
    const raw = c.raw as XmlElement | undefined;
    return el(name, [
      text('kj:systemID', c.systemId),
      el('kj:saksnr', [text('af:saksaar', c.saksaar), text('af:sakssekvensnummer', c.sakssekvensnummer)]),
      text('kj:saksdato', str(raw, 'saksdato') || isoNow()),
      text('kj:tittel', c.title),
      c.titlePublic !== null ? text('kj:offentligTittel', c.titlePublic) : '',
      c.tilgangsrestriksjon ? el('kj:skjerming', [kode('kj:tilgangsrestriksjon', c.tilgangsrestriksjon), text('kj:skjermingshjemmel', c.skjermingshjemmel ?? '')]) : '',
      kode('kj:saksstatus', code(raw, 'saksstatus') ?? 'B'),
      c.arkivdel ? kode('kj:referanseArkivdel', c.arkivdel) : '',
      c.administrativEnhet ? text('kj:administrativEnhetInit', c.administrativEnhet) : '',
      c.saksansvarlig ? text('kj:saksansvarlig', c.saksansvarlig) : '',
      c.classification.length
        ? el(
            'kj:klasse',
            c.classification.map((k, i) =>
              el('kj:liste', [
                text('kj:rekkefoelge', i + 1),
                kode('kj:klassifikasjonssystem', k.ordningsprinsipp),
                text('kj:klasseID', k.ordningsverdi),
                skjermetKlasse?.[i] || k.ordningsprinsipp === 'PNR' ? text('kj:skjermetKlasse', true) : '',
              ]),
            ),
          )
        : '',
      c.fagsystem ? el('kj:referanseEksternNoekkel', [text('kj:fagsystem', c.fagsystem), text('kj:noekkel', c.externalKey ?? '')]) : '',
    ]);
  }
}

function journalpostXml(state: ArchiveSimState, e: SimEntry, want: { korrespondanse: boolean; avskrivning: boolean }, name: string): string {
  const c = state.caseFile(e.caseFileSystemId)!;
  const raw = e.raw as XmlElement | undefined;
  const avskrivninger = want.avskrivning ? state.avskrivninger().filter((a) => a.entrySystemId === e.systemId) : [];
  const updates = (e.updates ?? []) as { operation: string; journalstatus?: string; merknadstekst?: string; merknadstype?: string | null; merknadsdato?: string | null }[];
  const status = [...updates].reverse().find((u) => u.operation === 'OppdaterJournalpostStatus')?.journalstatus ?? code(raw, 'journalstatus');
  const merknader = updates.filter((u) => u.operation === 'NyJournalpostMerknad');
  return el(name, [
    text('kj:systemID', e.systemId),
    el('kj:journalnummer', [text('kj:journalaar', e.journalaar), text('kj:journalsekvensnummer', e.journalsekvensnummer)]),
    text('kj:journalpostnummer', e.journalpostnummer),
    str(raw, 'journaldato') ? text('kj:journaldato', str(raw, 'journaldato')!) : '',
    kode('kj:journalposttype', e.journalposttype),
    str(raw, 'dokumentetsDato') ? text('kj:dokumentetsDato', str(raw, 'dokumentetsDato')!) : '',
    status ? kode('kj:journalstatus', status) : '',
    text('kj:tittel', e.title),
    e.tilgangsrestriksjon ? el('kj:skjerming', [kode('kj:tilgangsrestriksjon', e.tilgangsrestriksjon), text('kj:skjermingshjemmel', e.skjermingshjemmel ?? '')]) : '',
    e.titlePublic !== null ? text('kj:offentligTittel', e.titlePublic) : '',
    el('kj:saksnr', [text('af:saksaar', c.saksaar), text('af:sakssekvensnummer', c.sakssekvensnummer)]),
    el('kj:referanseSakSystemID', [el('kj:systemID', [text('kj:id', c.systemId)])]),
    want.korrespondanse && e.correspondents.length
      ? el(
          'kj:korrespondansepart',
          e.correspondents.map((k) =>
            el('kj:liste', [
              kode('kj:korrespondanseparttype', k.type),
              text('kj:skjermetKorrespondansepart', k.screened),
              el(
                'kj:Kontakt',
                [
                  text('ko:navn', k.name),
                  k.personNumber ? el('ko:personid', [text('ko:personidentifikatorNr', k.personNumber), kode('ko:personidentifikatorType', 'F')]) : '',
                  k.organisationNumber ? text('ko:organisasjonsnummer', k.organisationNumber) : '',
                ],
                k.personNumber ? ' xsi:type="ko:Person"' : k.organisationNumber ? ' xsi:type="ko:Organisasjon"' : '',
              ),
            ]),
          ),
        )
      : '',
    e.fagsystem ? el('kj:referanseEksternNoekkel', [text('kj:fagsystem', e.fagsystem), text('kj:noekkel', e.externalKey ?? '')]) : '',
    avskrivninger.length
      ? el(
          'kj:referanseAvskrivninger',
          avskrivninger.map((a) => {
            const by = a.byEntrySystemId ? state.entry(a.byEntrySystemId) : undefined;
            return el('kj:liste', [
              kode('kj:avskrivningsmaate', a.maate),
              by ? el('kj:referanseAvskrivesAvJournalnummer', [text('kj:journalaar', by.journalaar), text('kj:journalsekvensnummer', by.journalsekvensnummer)]) : '',
              by?.fagsystem ? el('kj:referanseAvskrivesAvEksternNoekkel', [text('kj:fagsystem', by.fagsystem), text('kj:noekkel', by.externalKey ?? '')]) : '',
            ]);
          }),
        )
      : '',
    merknader.length
      ? el(
          'kj:merknader',
          merknader.map((m) => el('kj:liste', [text('kj:merknadstekst', m.merknadstekst ?? ''), m.merknadstype ? text('kj:merknadstype', m.merknadstype) : '', m.merknadsdato ? text('kj:merknadsdato', m.merknadsdato) : ''])),
        )
      : '',
  ]);
}

function dokumentXml(e: SimEntry, d: SimDocument, name: string, bytes: Buffer | null): string {
  return el(name, [
    text('dok:systemID', d.systemId),
    text('dok:dokumentnummer', d.dokumentnummer),
    kode('dok:tilknyttetRegistreringSom', d.tilknyttetRegistreringSom),
    d.dokumenttype ? kode('dok:dokumenttype', d.dokumenttype) : '',
    text('dok:tittel', d.title),
    text('dok:referanseJournalpostSystemID', e.systemId),
    d.filename
      ? el(
          'dok:Fil',
          [text('dok:filnavn', d.filename), text('dok:mimeType', d.contentType ?? 'application/octet-stream'), bytes ? text('dok:base64', bytes.toString('base64')) : ''],
          bytes ? ' xsi:type="dok:Filinnhold"' : '',
        )
      : '',
  ]);
}

// --- writing answers -----------------------------------------------------------------------------------------

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const el = (name: string, children: string[], attrs = '') => `<${name}${attrs}>${children.join('')}</${name}>`;
const text = (name: string, value: string | number | boolean) => `<${name}>${escapeXml(String(value))}</${name}>`;
const kode = (name: string, value: string) => el(name, [text('kl:kodeverdi', value)]);

/**
 * What `soap` puts inside <XResponse>: the return element with every prefix it uses declared
 * on it. (`soap` writes the response element itself in the WSDL namespace.)
 */
function returnXml(inner: string, service: 'oppdatering' | 'innsyn' = 'oppdatering'): string {
  if (!inner) return '';
  const decl = [
    ` xmlns:gi="${NS[service]}"`,
    ...(['kj', 'af', 'dok', 'kl', 'ko', 'xsi'] as const).map((p) => ` xmlns:${p}="${NS[p]}"`),
  ].join('');
  return inner.replace(/^<([^\s>]+)/, `<$1${decl}`);
}
