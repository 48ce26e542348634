/**
 * Noark 4 web service (Noark4WS, ns http://www.arkivverket.no/Noark4WS/types) payloads.
 *
 * Built from resources/wsdl/noark4/noark4ws-types.xsd and the Noark 4 DTDs: every complex type
 * is an xs:sequence, so elements are written in the schema's order; children are unqualified
 * (elementFormDefault="unqualified"), only the message root is in the types namespace. Optional
 * values that are empty are left out; required ones are never invented, so a record that lacks
 * one is refused by the archive's schema check with the archive's own message.
 *
 * Field meanings (DTD name in brackets): sak SA.*, journalpost JP.*, avsender/mottaker AM.*
 * (AVSMOT), documents DL.* (DOKLINK) / DB.* (DOKBESKRIV) / VE.* (DOKVERSJON), KL.* (KLASSERING).
 */
import type { ArchiveDocument, CaseFileRecord, Correspondent, EntryRecord } from '../../electron/core/archive/archive-record';
import type { XmlElement } from '../../electron/core/profiles/xml-tree';
import { DOKUMENTSTATUS, FAGSYSTEM, JOURNALSTATUS, SAKSSTATUS, TILKNYTTET_REGISTRERING_SOM, VARIANTFORMAT } from './noark-codes';

export const N4_TYPES_NS = 'http://www.arkivverket.no/Noark4WS/types';
export const N4_SOAP_NS = 'http://schemas.xmlsoap.org/soap/envelope/';

/**
 * AM.IHTYPE seen from the journalpost: 0 = avsender, 1 = mottaker (as the Noark4 mappings in
 * felleslosninger/efm-integrasjonspunkt read and write it).
 */
export const N4_IHTYPE: Record<Correspondent['role'], string> = { avsender: '0', mottaker: '1' };
/** Noark 4 yes/no flags (SA.U1, JP.U1, AM.U1, KL.U1, AM.BEHANSV). */
const YES = '1';
const NO = '0';

// --- writing ----------------------------------------------------------------------------------

export const escapeXml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\r/g, '&#xD;');

type Child = string | null | undefined | false;
/** An element from children already written (in schema order); empty children are dropped. */
export const el = (name: string, children: Child[]): string => `<${name}>${children.filter((c): c is string => !!c).join('')}</${name}>`;
/** A simple element, left out when the value is null/undefined/empty. */
export const opt = (name: string, value: string | number | null | undefined): string | null =>
  value === null || value === undefined || value === '' ? null : `<${name}>${escapeXml(String(value))}</${name}>`;

export const eksternNokkel = (name: string, nokkel: string): string => el(name, [opt('eksternSystem', FAGSYSTEM), opt('nokkel', nokkel)]);

/** The message root, in the types namespace and declaring it itself, so the payload stands alone. */
export const message = (name: string, children: Child[]): string =>
  `<types:${name} xmlns:types="${N4_TYPES_NS}">${children.filter((c): c is string => !!c).join('')}</types:${name}>`;

/** ISO date-time → the calendar date in Oslo (Noark 4 dates carry no time). */
export function osloDate(iso: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

/** VE.DOKFORMAT (LAGRFORMAT code) from a MIME type; unknown types keep the MIME type. */
export function dokformat(contentType: string): string {
  const t = contentType.toLowerCase().split(';')[0]!.trim();
  const known: Record<string, string> = { 'application/pdf': 'PDF', 'text/plain': 'TEKST', 'image/tiff': 'TIFF', 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'application/xml': 'XML', 'text/xml': 'XML' };
  return known[t] ?? t;
}

const flag = (b: boolean): string => (b ? YES : NO);

export function klasseringXml(c: CaseFileRecord): string {
  const { ordningsprinsipp, ordningsverdi } = c.classification;
  // A fødselsnummer as ordningsverdi (PNR) is always screened; so is any class of a screened title.
  const screened = ordningsprinsipp.toUpperCase() === 'PNR' || !!c.screening?.screenTitle;
  return el('klassering', [opt('klSort', 1), opt('klOrdnpri', ordningsprinsipp), opt('klOrdnver', ordningsverdi), opt('klU1', flag(screened))]);
}

/** NoarksakType (SA.*), optionally with journalposts nested (the type allows journpost*). */
export function noarksakXml(c: CaseFileRecord, journposts: string[] = []): string {
  const s = c.screening;
  return el('noarksak', [
    opt('saDato', c.saksdato),
    opt('saTittel', c.title),
    opt('saU1', flag(!!s?.screenTitle)),
    opt('saStatus', SAKSSTATUS.underBehandling.code),
    opt('saArkdel', c.arkivdel),
    opt('saTgkode', s?.tilgangsrestriksjon),
    opt('saUoff', s?.skjermingshjemmel),
    opt('saOfftittel', s ? c.titlePublic : null),
    opt('saAdmkort', c.administrativEnhet),
    opt('saAnsvnavn', c.saksansvarlig),
    eksternNokkel('saEksternNokkel', c.externalKey),
    klasseringXml(c),
    ...journposts,
  ]);
}

export interface DocumentPayload {
  doc: ArchiveDocument;
  bytes: Uint8Array;
}

export function dokumentXml(d: DocumentPayload): string {
  const { doc } = d;
  return el('dokument', [
    opt('dlRnr', doc.number),
    opt('dlType', TILKNYTTET_REGISTRERING_SOM[doc.role].code),
    opt('dbKategori', doc.dokumenttype),
    opt('dbTittel', doc.title),
    opt('dbStatus', DOKUMENTSTATUS.ferdigstilt.code),
    opt('veVariant', VARIANTFORMAT.arkivformat.code),
    opt('veDokformat', dokformat(doc.contentType)),
    el('fil', [opt('base64', Buffer.from(d.bytes).toString('base64'))]),
  ]);
}

export interface AvsmotRow {
  amId?: string | null;
  amIhtype: string;
  amBehansv?: string | null;
  amNavn?: string | null;
  amU1?: string | null;
  amAdresse?: string | null;
  amPostnr?: string | null;
  amPoststed?: string | null;
  amAvskm?: string | null;
  amAvskdato?: string | null;
  amAdmkort?: string | null;
  amSbhnavn?: string | null;
  amAvsavdok?: string | null;
  amAvsavEksternNokkel?: string | null;
}

export function avsmotXml(r: AvsmotRow): string {
  return el('avsmot', [
    opt('amId', r.amId),
    opt('amIhtype', r.amIhtype),
    opt('amBehansv', r.amBehansv),
    opt('amNavn', r.amNavn),
    opt('amU1', r.amU1),
    opt('amAdresse', r.amAdresse),
    opt('amPostnr', r.amPostnr),
    opt('amPoststed', r.amPoststed),
    opt('amAvskm', r.amAvskm),
    opt('amAvskdato', r.amAvskdato),
    opt('amAdmkort', r.amAdmkort),
    opt('amSbhnavn', r.amSbhnavn),
    opt('amAvsavdok', r.amAvsavdok),
    r.amAvsavEksternNokkel ? eksternNokkel('amAvsavEksternNokkel', r.amAvsavEksternNokkel) : null,
  ]);
}

/**
 * One AVSMOT row per correspondent. AM.ADMID/AM.SBHID are required on every row in the DTD:
 * the unit and caseworker go there (the journalpost has no field of its own for them). The
 * incoming entry's sender row is the one the caseworker must answer (AM.BEHANSV), so its
 * avskrivning lands there later. The fødselsnummer has no AVSMOT field in this schema.
 */
export function avsmotRows(e: EntryRecord): AvsmotRow[] {
  let behansvGiven = false;
  return e.correspondents.map((c) => {
    const behansv = e.journalposttype === 'I' && c.role === 'avsender' && !behansvGiven;
    if (behansv) behansvGiven = true;
    return {
      amIhtype: N4_IHTYPE[c.role],
      amBehansv: flag(behansv),
      amNavn: c.name,
      amU1: flag(!!e.screening?.screenCorrespondent),
      amAdresse: c.address?.street,
      amPostnr: c.address?.postalCode,
      amPoststed: c.address?.postalPlace,
      amAdmkort: e.administrativEnhet,
      amSbhnavn: e.saksbehandler,
    };
  });
}

export interface JournpostContext {
  caseKey: string;
  /** The case's numbers when known (JP.SAAR/SA.SEKNR as the type names them jpSaar/jpSaseknr). */
  sak: { saSaar: string; saSeknr: string } | null;
  documents: DocumentPayload[];
}

/** JournpostType for a new journalpost (JP.*), with its AVSMOT rows and documents inline. */
export function journpostXml(e: EntryRecord, ctx: JournpostContext): string {
  const s = e.screening;
  return el('journpost', [
    opt('jpJdato', e.journaldato),
    opt('jpNdoktype', e.journalposttype),
    opt('jpDokdato', osloDate(e.dokumentetsDato)),
    opt('jpStatus', JOURNALSTATUS.journalfoert.code),
    opt('jpInnhold', e.title),
    opt('jpU1', flag(!!s?.screenTitle)),
    opt('jpTgkode', s?.tilgangsrestriksjon),
    opt('jpUoff', s?.skjermingshjemmel),
    opt('jpAntved', e.documents.filter((d) => d.role === 'vedlegg').length),
    opt('jpSaar', ctx.sak?.saSaar),
    opt('jpSaseknr', ctx.sak?.saSeknr),
    opt('jpOffinnhold', s ? e.titlePublic : null),
    eksternNokkel('jpEksternNokkel', e.externalKey),
    eksternNokkel('jpSaEksternNokkel', ctx.caseKey),
    ...avsmotRows(e).map(avsmotXml),
    ...ctx.documents.map(dokumentXml),
  ]);
}

/**
 * A PutJournpost that completes an existing journalpost (JP.ID given): rows without AM.ID and
 * documents with a new DL.RNR are added, rows with AM.ID are updated (the avskrivning).
 * JP.INNHOLD is required by the type, so the archive's own value is sent back unchanged.
 */
export function journpostUpdateXml(existing: { jpId: string; jpInnhold: string; jpNdoktype: string | null; externalKey: string | null }, rows: AvsmotRow[], documents: DocumentPayload[]): string {
  return el('journpost', [
    opt('jpId', existing.jpId),
    opt('jpNdoktype', existing.jpNdoktype),
    opt('jpInnhold', existing.jpInnhold),
    existing.externalKey ? eksternNokkel('jpEksternNokkel', existing.externalKey) : null,
    ...rows.map(avsmotXml),
    ...documents.map(dokumentXml),
  ]);
}

const returnJournpost = (fil: boolean) =>
  el('returnJournpostRequests', [opt('returnAvmot', 'true'), opt('returnTilleggsinfo', 'false'), opt('returnDokument', 'true'), opt('returnFil', String(fil))]);

/** GetNoarksak by the case's ekstern nøkkel (or SA.ID), with its journalposts, rows and document list (no file bytes). */
export function getNoarksakRequest(by: { key: string } | { saId: string }): string {
  return message('GetNoarksakRequest', [
    'key' in by ? eksternNokkel('saEksternNokkel', by.key) : opt('saId', by.saId),
    el('returnNoarksakRequests', [opt('returnJposts', 'true'), opt('returnSakspart', 'false'), opt('returnKlassering', 'true'), opt('returnTilleggsinfo', 'false')]),
    returnJournpost(false),
  ]);
}

export function getJournpostRequest(by: { key: string } | { jpId: string }, withFiles = false): string {
  return message('GetJournpostRequest', ['key' in by ? eksternNokkel('jpEksternNokkel', by.key) : opt('jpId', by.jpId), returnJournpost(withFiles)]);
}

export const putNoarksakRequest = (noarksak: string): string => message('PutNoarksakRequest', [noarksak]);
export const putJournpostRequest = (journpost: string): string => message('PutJournpostRequest', [journpost]);

// --- reading ----------------------------------------------------------------------------------

export interface N4Status {
  type: 'OK' | 'WARNING' | 'ERROR' | string;
  messages: { code: string; text: string }[];
}

export interface N4Avsmot {
  amId: string | null;
  amIhtype: string | null;
  amBehansv: string | null;
  amNavn: string | null;
  amU1: string | null;
  amAvskm: string | null;
  amAvskdato: string | null;
  amAvsavdok: string | null;
  amAvsavKey: string | null;
}

export interface N4Dokument {
  dlRnr: string | null;
  dlType: string | null;
  dbTittel: string | null;
  dbKategori: string | null;
  veDokformat: string | null;
  base64: string | null;
}

export interface N4Journpost {
  jpId: string | null;
  jpJaar: string | null;
  jpSeknr: string | null;
  jpJpostnr: string | null;
  jpNdoktype: string | null;
  jpInnhold: string | null;
  jpSaar: string | null;
  jpSaseknr: string | null;
  jpTgkode: string | null;
  jpUoff: string | null;
  jpOffinnhold: string | null;
  key: string | null;
  keySystem: string | null;
  avsmot: N4Avsmot[];
  dokument: N4Dokument[];
}

export interface N4Noarksak {
  saId: string | null;
  saSaar: string | null;
  saSeknr: string | null;
  saTittel: string | null;
  key: string | null;
  keySystem: string | null;
  klassering: { klOrdnpri: string | null; klOrdnver: string | null; klU1: string | null }[];
  journpost: N4Journpost[];
}

const kids = (e: XmlElement | undefined, name: string): XmlElement[] => (e ? e.children.filter((c) => c.name === name) : []);
const kid = (e: XmlElement | undefined, name: string): XmlElement | undefined => e?.children.find((c) => c.name === name);
const txt = (e: XmlElement | undefined, name: string): string | null => {
  const c = kid(e, name);
  const t = c?.text.trim();
  return t ? t : null;
};

export function readStatus(e: XmlElement | undefined): N4Status {
  const s = kid(e, 'status');
  return { type: s?.attributes.type ?? 'OK', messages: kids(s, 'message').map((m) => ({ code: m.attributes.code ?? '', text: txt(m, 'text') ?? '' })) };
}

export function readAvsmot(a: XmlElement): N4Avsmot {
  return {
    amId: txt(a, 'amId'),
    amIhtype: txt(a, 'amIhtype'),
    amBehansv: txt(a, 'amBehansv'),
    amNavn: txt(a, 'amNavn'),
    amU1: txt(a, 'amU1'),
    amAvskm: txt(a, 'amAvskm'),
    amAvskdato: txt(a, 'amAvskdato'),
    amAvsavdok: txt(a, 'amAvsavdok'),
    amAvsavKey: txt(kid(a, 'amAvsavEksternNokkel'), 'nokkel'),
  };
}

export function readJournpost(j: XmlElement): N4Journpost {
  const key = kid(j, 'jpEksternNokkel');
  return {
    jpId: txt(j, 'jpId'),
    jpJaar: txt(j, 'jpJaar'),
    jpSeknr: txt(j, 'jpSeknr'),
    jpJpostnr: txt(j, 'jpJpostnr'),
    jpNdoktype: txt(j, 'jpNdoktype'),
    jpInnhold: txt(j, 'jpInnhold'),
    jpSaar: txt(j, 'jpSaar'),
    jpSaseknr: txt(j, 'jpSaseknr'),
    jpTgkode: txt(j, 'jpTgkode'),
    jpUoff: txt(j, 'jpUoff'),
    jpOffinnhold: txt(j, 'jpOffinnhold'),
    key: txt(key, 'nokkel'),
    keySystem: txt(key, 'eksternSystem'),
    avsmot: kids(j, 'avsmot').map(readAvsmot),
    dokument: kids(j, 'dokument').map((d) => ({
      dlRnr: txt(d, 'dlRnr'),
      dlType: txt(d, 'dlType'),
      dbTittel: txt(d, 'dbTittel'),
      dbKategori: txt(d, 'dbKategori'),
      veDokformat: txt(d, 'veDokformat'),
      base64: txt(kid(d, 'fil'), 'base64'),
    })),
  };
}

export function readNoarksak(s: XmlElement): N4Noarksak {
  const key = kid(s, 'saEksternNokkel');
  return {
    saId: txt(s, 'saId'),
    saSaar: txt(s, 'saSaar'),
    saSeknr: txt(s, 'saSeknr'),
    saTittel: txt(s, 'saTittel'),
    key: txt(key, 'nokkel'),
    keySystem: txt(key, 'eksternSystem'),
    klassering: kids(s, 'klassering').map((k) => ({ klOrdnpri: txt(k, 'klOrdnpri'), klOrdnver: txt(k, 'klOrdnver'), klU1: txt(k, 'klU1') })),
    journpost: kids(s, 'journpost').map(readJournpost),
  };
}

/** The first element inside soap:Body of a parsed SOAP 1.1 envelope. */
export function bodyPayload(root: XmlElement): XmlElement | undefined {
  if (root.name !== 'Envelope' || root.namespace !== N4_SOAP_NS) return undefined;
  return root.children.find((c) => c.name === 'Body' && c.namespace === N4_SOAP_NS)?.children[0];
}

export const kidsOf = kids;
export const textOf = txt;
export const childOf = kid;
