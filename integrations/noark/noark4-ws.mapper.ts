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
import { dokumenttypeIn } from './dokumenttype-map';
import type { ArchiveDocument, CaseFileRecord, Correspondent, EntryRecord, SentInfo } from '../../electron/core/archive/archive-record';
import type { XmlElement } from '../../electron/core/profiles/xml-tree';
import { child, childrenOf, textOf as textOfTree } from '../shared/xml/xml-tree';
import { DOKUMENTSTATUS, FAGSYSTEM, JOURNALSTATUS, registeredStatus, SAKSSTATUS, sentNote, TILKNYTTET_REGISTRERING_SOM, VARIANTFORMAT } from './noark-codes';

export { bodyPayload, N4_SOAP_NS, N4_TYPES_NS } from './noark4-ws.protocol';
import { N4_TYPES_NS } from './noark4-ws.protocol';
export { escapeXml, el, opt, optAll } from '../shared/xml/xml-text';
import { el, opt, optAll, type Child } from '../shared/xml/xml-text';

/**
 * AM.IHTYPE seen from the journalpost: 0 = avsender, 1 = mottaker (as the Noark4 mappings in
 * felleslosninger/efm-integrasjonspunkt read and write it).
 */
export const N4_IHTYPE: Record<Correspondent['role'], string> = { avsender: '0', mottaker: '1' };
/** Noark 4 yes/no flags (SA.U1, JP.U1, AM.U1, KL.U1, AM.BEHANSV). */
const YES = '1';
const NO = '0';

// --- writing ----------------------------------------------------------------------------------

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
    ...optAll({ saDato: c.saksdato, saTittel: c.title, saU1: flag(!!s?.screenTitle), saStatus: SAKSSTATUS.underBehandling.code, saArkdel: c.arkivdel }),
    ...optAll({ saTgkode: s?.tilgangsrestriksjon, saUoff: s?.skjermingshjemmel, saOfftittel: s ? c.titlePublic : null }),
    ...optAll({ saAdmkort: c.administrativEnhet, saAnsvnavn: c.saksansvarlig }),
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
    ...optAll({ dlRnr: doc.number, dlType: TILKNYTTET_REGISTRERING_SOM[doc.role].code, dbKategori: dokumenttypeIn('noark4-ws', doc.dokumenttype).code, dbTittel: doc.title }),
    ...optAll({ dbStatus: DOKUMENTSTATUS.ferdigstilt.code, veVariant: VARIANTFORMAT.arkivformat.code, veDokformat: dokformat(doc.contentType) }),
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

/** AVSMOT's simple fields in the type's order (AvsmotRow names them alike). */
const AVSMOT_FIELDS = ['amId', 'amIhtype', 'amBehansv', 'amNavn', 'amU1', 'amAdresse', 'amPostnr', 'amPoststed', 'amAvskm', 'amAvskdato', 'amAdmkort', 'amSbhnavn', 'amAvsavdok'] as const;

export function avsmotXml(r: AvsmotRow): string {
  return el('avsmot', [
    ...AVSMOT_FIELDS.map((n) => opt(n, r[n])),
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
    ...optAll({ jpJdato: e.journaldato, jpNdoktype: e.journalposttype, jpDokdato: osloDate(e.dokumentetsDato), jpStatus: registeredStatus(e.journalposttype).code }),
    ...optAll({ jpInnhold: e.title, jpU1: flag(!!s?.screenTitle), jpTgkode: s?.tilgangsrestriksjon, jpUoff: s?.skjermingshjemmel }),
    ...optAll({ jpAntved: e.documents.filter((d) => d.role === 'vedlegg').length, jpSaar: ctx.sak?.saSaar, jpSaseknr: ctx.sak?.saSeknr, jpOffinnhold: s ? e.titlePublic : null }),
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

/**
 * #13 item 7: the reply has left. A PutJournpost with JP.ID sets JP.STATUS E (ekspedert; the status the
 * archive's JOURNSTATUS table flags JS.EKSPEDERT, noark4/dtd/JOURNSTA.DTD) and adds a TILLEGGSINFO row
 * (TilleggsinfoType: tiItype, tiTekst) with the real send date and the channel: the WS type has no
 * JP.EKSPDATO (noark4ws-types.xsd JournpostType), and the paper route is recorded the same way.
 */
export function journpostSentXml(existing: { jpId: string; jpInnhold: string; jpNdoktype: string | null; externalKey: string | null }, sent: SentInfo | null): string {
  return el('journpost', [
    opt('jpId', existing.jpId),
    opt('jpNdoktype', existing.jpNdoktype),
    opt('jpStatus', JOURNALSTATUS.ekspedert.code),
    opt('jpInnhold', existing.jpInnhold),
    existing.externalKey ? eksternNokkel('jpEksternNokkel', existing.externalKey) : null,
    // M = merknad, the information type for a note in the archive's INFOTYPE table
    sent ? el('tilleggsinfo', [opt('tiItype', 'M'), opt('tiTekst', sentNote(sent))]) : null,
  ]);
}

/** GetJournpost by JP.ID with its TILLEGGSINFO rows: what markSent has already done. */
export function getJournpostSentRequest(jpId: string): string {
  return message('GetJournpostRequest', [opt('jpId', jpId), el('returnJournpostRequests', [opt('returnAvmot', 'false'), opt('returnTilleggsinfo', 'true'), opt('returnDokument', 'false'), opt('returnFil', 'false')])]);
}
export const readSentState = (j: XmlElement): { jpStatus: string | null; notes: string[] } => ({
  jpStatus: txt(j, 'jpStatus'),
  notes: kids(j, 'tilleggsinfo').map((t) => txt(t, 'tiTekst') ?? ''),
});

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

const kids = childrenOf;
const kid = child;
const txt = textOfTree;
/** The texts of simple child elements, by element name (null where absent or empty). */
const txts = <K extends string>(e: XmlElement | undefined, names: readonly K[]): Record<K, string | null> =>
  Object.fromEntries(names.map((n) => [n, txt(e, n)])) as Record<K, string | null>;
/** An EksternNokkel child: its nokkel and eksternSystem. */
const keyOf = (e: XmlElement, name: string): { key: string | null; keySystem: string | null } => {
  const k = kid(e, name);
  return { key: txt(k, 'nokkel'), keySystem: txt(k, 'eksternSystem') };
};

export function readStatus(e: XmlElement | undefined): N4Status {
  const s = kid(e, 'status');
  return { type: s?.attributes.type ?? 'OK', messages: kids(s, 'message').map((m) => ({ code: m.attributes.code ?? '', text: txt(m, 'text') ?? '' })) };
}

export function readAvsmot(a: XmlElement): N4Avsmot {
  return {
    ...txts(a, ['amId', 'amIhtype', 'amBehansv', 'amNavn', 'amU1', 'amAvskm', 'amAvskdato', 'amAvsavdok']),
    amAvsavKey: txt(kid(a, 'amAvsavEksternNokkel'), 'nokkel'),
  };
}

export function readJournpost(j: XmlElement): N4Journpost {
  return {
    ...txts(j, ['jpId', 'jpJaar', 'jpSeknr', 'jpJpostnr', 'jpNdoktype', 'jpInnhold', 'jpSaar', 'jpSaseknr', 'jpTgkode', 'jpUoff', 'jpOffinnhold']),
    ...keyOf(j, 'jpEksternNokkel'),
    avsmot: kids(j, 'avsmot').map(readAvsmot),
    dokument: kids(j, 'dokument').map((d) => ({ ...txts(d, ['dlRnr', 'dlType', 'dbTittel', 'dbKategori', 'veDokformat']), base64: txt(kid(d, 'fil'), 'base64') })),
  };
}

export function readNoarksak(s: XmlElement): N4Noarksak {
  return {
    ...txts(s, ['saId', 'saSaar', 'saSeknr', 'saTittel']),
    ...keyOf(s, 'saEksternNokkel'),
    klassering: kids(s, 'klassering').map((k) => txts(k, ['klOrdnpri', 'klOrdnver', 'klU1'])),
    journpost: kids(s, 'journpost').map(readJournpost),
  };
}

export const kidsOf = kids;
export const textOf = txt;
