import type { XmlElement } from '../../../electron/core/profiles/xml-tree';
import { parseXmlSafe } from '../../shared/xml/safe-xml';

/**
 * The simulator's side of the wire, written from the shipped WSDL with its own code (never the
 * `soap` package, never the adapter): a SOAP 1.1 request read and checked element by element
 * against the RegistrerSoknad sequence, the way the service's XML binding would, and the answers
 * and faults written out. Fault texts are Norwegian and never echo a value (fødselsnummer).
 */

export const SOAP11_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
const SOAP12_NS = 'http://www.w3.org/2003/05/soap-envelope';
export const VE_NS = 'urn:no:kommune:hrm:personalsoknad:v1';
export const VE_SOAP_ACTION = `${VE_NS}#RegistrerSoknad`;
const MAX_REQUEST_BYTES = 1_000_000;

/** One application as the simulated HRM system registered it. */
export interface RegistrerSoknad {
  ansatt: { ansattnummer: string | null; fodselsnummer: string; navn: string };
  soknadstype: string;
  permisjonskode: string;
  periode: { fra: string; til: string };
  prosent: number;
  begrunnelse: string;
  saksnummer: string | null;
  externalId: string;
}

export type SoapRequest = { ok: true; handoverKey: string | null; soknad: RegistrerSoknad } | { ok: false; fault: SoapFaultSpec };

export interface SoapFaultSpec {
  /** soap:Client (the request is wrong), soap:Server, soap:VersionMismatch, soap:MustUnderstand. */
  code: 'Client' | 'Server' | 'VersionMismatch' | 'MustUnderstand';
  message: string;
  /** PersonalSoknadFeil/Feilkode, for faults the service itself raises. */
  feilkode?: string;
}

class Refused extends Error {
  constructor(
    message: string,
    readonly code: SoapFaultSpec['code'] = 'Client',
    readonly feilkode = 'VALIDERING',
  ) {
    super(message);
  }
}

// --- reading -----------------------------------------------------------------------------------

export function readRequest(body: Buffer): SoapRequest {
  try {
    return { ok: true, ...readEnvelope(body) };
  } catch (e) {
    if (e instanceof Refused) return { ok: false, fault: { code: e.code, message: e.message, feilkode: e.feilkode } };
    throw e;
  }
}

function readEnvelope(body: Buffer): { handoverKey: string | null; soknad: RegistrerSoknad } {
  const parsed = parseXmlSafe(body, { maxBytes: MAX_REQUEST_BYTES });
  if (!parsed.ok) throw new Refused(`Forespørselen er ikke gyldig XML (${parsed.code}).`, 'Client', 'XML');
  const env = parsed.root;
  if (env.name !== 'Envelope' || env.namespace === SOAP12_NS) throw new Refused('Tjenesten tar bare imot SOAP 1.1.', 'VersionMismatch', 'SOAP');
  if (env.namespace !== SOAP11_NS) throw new Refused('Rotelementet er ikke en SOAP 1.1-konvolutt.', 'VersionMismatch', 'SOAP');
  const header = env.children.find((c) => c.name === 'Header' && c.namespace === SOAP11_NS);
  let handoverKey: string | null = null;
  for (const h of header?.children ?? []) {
    if (h.name === 'HandoverKey' && h.namespace === VE_NS) handoverKey = h.text.trim() || null;
    else if (mustUnderstand(h)) throw new Refused(`SOAP-hodet «${h.name}» er ikke forstått.`, 'MustUnderstand', 'SOAP');
  }
  if (handoverKey !== null && handoverKey.length > 100) throw new Refused('HandoverKey er lengre enn 100 tegn.');
  const soapBody = env.children.find((c) => c.name === 'Body' && c.namespace === SOAP11_NS);
  const ops = soapBody?.children ?? [];
  if (ops.length !== 1) throw new Refused('SOAP-kroppen må inneholde nøyaktig ett element.');
  const op = ops[0]!;
  if (op.name !== 'RegistrerSoknad' || op.namespace !== VE_NS) throw new Refused(`Ukjent operasjon «${op.name}».`);
  return { handoverKey, soknad: readSoknad(op) };
}

const mustUnderstand = (h: XmlElement) => Object.entries(h.attributes).some(([k, v]) => (k === 'mustUnderstand' || k.endsWith(':mustUnderstand')) && (v === '1' || v === 'true'));

type Spec = { name: string; optional?: boolean; children?: Spec[] };
const SEQUENCE: Spec[] = [
  { name: 'Ansatt', children: [{ name: 'Ansattnummer', optional: true }, { name: 'Fodselsnummer' }, { name: 'Navn' }] },
  { name: 'Soknadstype' },
  { name: 'Permisjonskode' },
  { name: 'Periode', children: [{ name: 'FraDato' }, { name: 'TilDato' }] },
  { name: 'Prosent' },
  { name: 'Begrunnelse' },
  { name: 'Saksnummer', optional: true },
  { name: 'ExternalId' },
];

/** The children of `e` in the sequence's order, by name; what is unknown, missing or out of place is refused. */
function inSequence(e: XmlElement, where: string, seq: Spec[]): Map<string, XmlElement> {
  const out = new Map<string, XmlElement>();
  const order = seq.map((s) => s.name).join(', ');
  const misplaced = (name: string) => new Refused(`Elementet «${where}/${name}» står på feil plass (rekkefølgen er ${order}).`);
  const missing = (j: number) => {
    const name = seq[j]!.name;
    return e.children.some((c) => c.name === name) ? misplaced(name) : new Refused(`Påkrevd element mangler: ${where}/${name}.`);
  };
  let at = 0;
  for (const c of e.children) {
    if (c.namespace !== VE_NS) throw new Refused(`Elementet «${where}/${c.name}» er i feil navnerom (forventet ${VE_NS}).`);
    const i = seq.findIndex((s) => s.name === c.name);
    if (i < 0) throw new Refused(`Ukjent element «${where}/${c.name}».`);
    if (i < at || out.has(c.name)) throw misplaced(c.name);
    for (let j = at; j < i; j++) if (!seq[j]!.optional) throw missing(j);
    out.set(c.name, c);
    at = i + 1;
  }
  for (let j = at; j < seq.length; j++) if (!seq[j]!.optional) throw missing(j);
  return out;
}

function text(e: XmlElement | undefined, where: string, max: number): string {
  const v = e?.text.trim() ?? '';
  if (!v) throw new Refused(`${where} er tom.`);
  if (v.length > max) throw new Refused(`${where} er lengre enn ${max} tegn.`);
  return v;
}

function readSoknad(op: XmlElement): RegistrerSoknad {
  const top = inSequence(op, 'RegistrerSoknad', SEQUENCE);
  const ansatt = inSequence(top.get('Ansatt')!, 'Ansatt', SEQUENCE[0]!.children!);
  const periode = inSequence(top.get('Periode')!, 'Periode', SEQUENCE[3]!.children!);

  const fnr = text(ansatt.get('Fodselsnummer'), 'Ansatt/Fodselsnummer', 11);
  if (!validFnr(fnr)) throw new Refused('Fødselsnummeret til den ansatte er ikke gyldig.');
  const soknadstype = text(top.get('Soknadstype'), 'Soknadstype', 50);
  if (soknadstype !== 'PERMISJON') throw new Refused('Soknadstype må være PERMISJON.');
  const permisjonskode = text(top.get('Permisjonskode'), 'Permisjonskode', 50);
  if (!['VELFERD', 'ULONNET', 'UTDANNING', 'OMSORG'].includes(permisjonskode)) throw new Refused('Ukjent permisjonskode (gyldige: VELFERD, ULONNET, UTDANNING, OMSORG).');
  const fra = date(periode.get('FraDato'), 'Periode/FraDato');
  const til = date(periode.get('TilDato'), 'Periode/TilDato');
  if (til < fra) throw new Refused('Periode/TilDato er før FraDato.');
  const prosentText = text(top.get('Prosent'), 'Prosent', 3);
  const prosent = Number(prosentText);
  if (!/^\d+$/.test(prosentText) || prosent < 1 || prosent > 100) throw new Refused('Prosent må være et heltall fra 1 til 100.');
  const ansattnummer = ansatt.has('Ansattnummer') ? text(ansatt.get('Ansattnummer'), 'Ansatt/Ansattnummer', 20) : null;
  const saksnummer = top.has('Saksnummer') ? text(top.get('Saksnummer'), 'Saksnummer', 50) : null;
  return {
    ansatt: { ansattnummer, fodselsnummer: fnr, navn: text(ansatt.get('Navn'), 'Ansatt/Navn', 200) },
    soknadstype,
    permisjonskode,
    periode: { fra, til },
    prosent,
    begrunnelse: text(top.get('Begrunnelse'), 'Begrunnelse', 2000),
    saksnummer,
    externalId: text(top.get('ExternalId'), 'ExternalId', 100),
  };
}

function date(e: XmlElement | undefined, where: string): string {
  const v = text(e, where, 10);
  const ok = /^\d{4}-\d{2}-\d{2}$/.test(v) && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v;
  if (!ok) throw new Refused(`${where} er ikke en dato (ÅÅÅÅ-MM-DD).`);
  return v;
}

/** Two mod-11 check digits (fødselsnummer and D-nummer alike). */
function validFnr(v: string): boolean {
  if (!/^\d{11}$/.test(v)) return false;
  const d = [...v].map(Number);
  const check = (w: number[]) => {
    const k = 11 - (w.reduce((s, x, i) => s + x * d[i]!, 0) % 11);
    return k === 11 ? 0 : k;
  };
  return check([3, 7, 6, 1, 8, 9, 4, 5, 2]) === d[9] && check([5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) === d[10];
}

// --- writing -----------------------------------------------------------------------------------

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const envelope = (body: string) =>
  `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${SOAP11_NS}"><soap:Body>${body}</soap:Body></soap:Envelope>`;

export function answerXml(referanse: string): string {
  return envelope(`<RegistrerSoknadResponse xmlns="${VE_NS}"><Referanse>${esc(referanse)}</Referanse></RegistrerSoknadResponse>`);
}

/** A SOAP 1.1 Fault; the service's own ones carry PersonalSoknadFeil as detail. */
export function faultXml(f: SoapFaultSpec): string {
  const detail = f.feilkode ? `<detail><PersonalSoknadFeil xmlns="${VE_NS}"><Feilkode>${esc(f.feilkode)}</Feilkode><Melding>${esc(f.message)}</Melding></PersonalSoknadFeil></detail>` : '';
  return envelope(`<soap:Fault><faultcode>soap:${f.code}</faultcode><faultstring xml:lang="nb">${esc(f.message)}</faultstring>${detail}</soap:Fault>`);
}
