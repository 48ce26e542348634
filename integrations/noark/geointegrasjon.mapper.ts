/**
 * GeoIntegrasjon (GI) Arkiv 1.1 (namespaces …/2012.01.31): the archive record → the SOAP body
 * payloads (the operation element, e.g. <NyJournalpost>), and the answers → numbers.
 *
 * The payloads are written here, not by `soap`, because GI types live in eleven namespaces and
 * lean on xsi:type (SakEksternNoekkel for a Saksnoekkel, JournpostSystemID for a Journpostnoekkel,
 * Person / Organisasjon for a Kontakt, Filinnhold for a Fil). Every payload declares all its
 * prefixes on its root, so it validates on its own against the WSDL's types schema and the XSDs.
 * Element order follows the xs:sequence of each type (giArkivKjerne20120131.xsd and friends).
 */
import type { ArchiveDocument, Avskrivningsmaate, CaseFileRecord, Correspondent, EntryRecord, Screening } from '../../electron/core/archive/archive-record';
import type { XmlElement } from '../../electron/core/profiles/xml-tree';
import { localMidnight } from '../../electron/core/local-time';
import { parseXmlSafe } from '../shared/xml/safe-xml';
import { dokumenttypeIn } from './dokumenttype-map';
import { AVSKRIVNINGSMAATE, DOKUMENTSTATUS, FAGSYSTEM, JOURNALPOSTTYPE, KORRESPONDANSEPARTTYPE, registeredStatus, PERSON_CLASS_TITLE, SAKSSTATUS, TILKNYTTET_REGISTRERING_SOM, VARIANTFORMAT } from './noark-codes';

export { GI_CODES, GI_NS, GI_PREFIXES, INNSYN_OPERATIONS, type GiOperation } from './geointegrasjon.protocol';
import { GI_CODES, GI_NS, GI_PREFIXES, INNSYN_OPERATIONS, type GiOperation } from './geointegrasjon.protocol';

// --- XML writing ---------------------------------------------------------------------------------

export const escapeXml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\r/g, '&#xD;');

type Part = string | null | undefined | false;
export const el = (name: string, children: Part[], attrs = ''): string => `<${name}${attrs}>${children.filter((c): c is string => typeof c === 'string').join('')}</${name}>`;
export const text = (name: string, value: string | number | boolean | null | undefined): string | null => (value === null || value === undefined ? null : `<${name}>${escapeXml(String(value))}</${name}>`);
const typed = (name: string, type: string, children: Part[]): string => el(name, children, ` xsi:type="${type}"`);
export const kode = (name: string, kodeverdi: string, kodebeskrivelse?: string | null): string =>
  el(name, [text('kl:kodeverdi', kodeverdi), kodebeskrivelse ? text('kl:kodebeskrivelse', kodebeskrivelse) : null]);

/** The operation element (in the Oppdatering or Innsyn WSDL namespace) with every prefix declared on it. */
export function payload(operation: GiOperation, children: Part[]): string {
  const opNs = INNSYN_OPERATIONS.has(operation) ? GI_NS.innsyn : GI_NS.oppdatering;
  const decl = [` xmlns:gi="${opNs}"`, ...Object.entries(GI_PREFIXES).map(([p, ns]) => ` xmlns:${p}="${ns}"`)].join('');
  return el(`gi:${operation}`, children, decl);
}

export const kontekst = (klientnavn: string): string => el('gi:kontekst', [text('tek:spraak', GI_CODES.spraak), text('tek:klientnavn', klientnavn)]);
const eksternNoekkel = (name: string, noekkel: string): string => el(name, [text('kj:fagsystem', FAGSYSTEM), text('kj:noekkel', noekkel)]);

/**
 * ISO date (YYYY-MM-DD) → xs:dateTime at local midnight with its offset (#13 item 1: a GI date-time
 * carries an offset, so the archive cannot read it as UTC and move it a day); date-times pass through.
 */
const dateTime = (isoDate: string, timeZone?: string): string =>
  isoDate.includes('T') ? isoDate : /^\d{4}-\d{2}-\d{2}$/.test(isoDate) ? localMidnight(isoDate, timeZone) : `${isoDate}T00:00:00`;

function skjerming(s: Screening | null): string | null {
  if (!s) return null;
  return el('kj:skjerming', [kode('kj:tilgangsrestriksjon', s.tilgangsrestriksjon), text('kj:skjermingshjemmel', s.skjermingshjemmel)]);
}

function kontaktXml(c: Correspondent): string {
  const adresser = c.address
    ? el('ko:adresser', [
        el('ad:liste', [
          kode('ad:adressetype', GI_CODES.adressetype.postadresse.code, GI_CODES.adressetype.postadresse.text),
          text('ad:adresselinje1', c.address.street),
          c.address.postalCode || c.address.postalPlace ? el('ad:postadresse', [text('ad:postnummer', c.address.postalCode), text('ad:poststed', c.address.postalPlace)]) : null,
        ]),
      ])
    : null;
  if (c.organisationNumber) return typed('kj:Kontakt', 'ko:Organisasjon', [text('ko:navn', c.name), adresser, text('ko:organisasjonsnummer', c.organisationNumber)]);
  if (c.personNumber) {
    return typed('kj:Kontakt', 'ko:Person', [
      text('ko:navn', c.name),
      adresser,
      el('ko:personid', [text('ko:personidentifikatorNr', c.personNumber), kode('ko:personidentifikatorType', GI_CODES.personidentifikatorType.fodselsnummer)]),
    ]);
  }
  return el('kj:Kontakt', [text('ko:navn', c.name), adresser]);
}

function korrespondansepartXml(c: Correspondent, entry: EntryRecord, name = 'kj:liste'): string {
  const type = KORRESPONDANSEPARTTYPE[c.role];
  return el(name, [
    kode('kj:korrespondanseparttype', type.code, type.text),
    text('kj:skjermetKorrespondansepart', entry.screening ? entry.screening.screenCorrespondent : null),
    text('kj:administrativEnhetInit', entry.administrativEnhet),
    text('kj:saksbehandler', entry.saksbehandler),
    kontaktXml(c),
  ]);
}

export interface CaseRef {
  archiveSystemId: string;
  saksaar: number;
  sakssekvensnummer: number;
}

export interface JournalnummerRef {
  journalaar: number;
  journalsekvensnummer: number;
}

/** A Journpostnoekkel: the archive's systemID when known, else Postmottak's external key. */
export type EntryKey = { systemId: string } | { externalKey: string };

export function journpostnoekkel(name: string, key: EntryKey): string {
  return 'systemId' in key
    ? typed(name, 'kj:JournpostSystemID', [el('kj:systemID', [text('kj:id', key.systemId)])])
    : typed(name, 'kj:JournpostEksternNoekkel', [eksternNoekkel('kj:eksternnoekkel', key.externalKey)]);
}

// --- operations ------------------------------------------------------------------------------------

export function nySaksmappeXml(c: CaseFileRecord, klientnavn: string, timeZone?: string): string {
  const pnr = c.classification.ordningsprinsipp === 'PNR';
  return payload('NySaksmappe', [
    el('gi:mappe', [
      text('kj:saksdato', dateTime(c.saksdato, timeZone)),
      text('kj:tittel', c.title),
      text('kj:offentligTittel', c.titlePublic),
      text('kj:skjermetTittel', c.screening ? c.screening.screenTitle : null),
      skjerming(c.screening),
      kode('kj:saksstatus', SAKSSTATUS.underBehandling.code, SAKSSTATUS.underBehandling.text),
      kode('kj:referanseArkivdel', c.arkivdel),
      text('kj:administrativEnhetInit', c.administrativEnhet),
      text('kj:saksansvarlig', c.saksansvarlig),
      el('kj:klasse', [
        el('kj:liste', [
          text('kj:rekkefoelge', 1),
          kode('kj:klassifikasjonssystem', c.classification.ordningsprinsipp),
          text('kj:klasseID', c.classification.ordningsverdi),
          // a fødselsnummer as class id is personal data: never in the public journal
          text('kj:skjermetKlasse', pnr || null),
          // #13 item 9: a new person class gets a neutral title, not the first case's
          text('kj:tittel', pnr ? PERSON_CLASS_TITLE : null),
        ]),
      ]),
      eksternNoekkel('kj:referanseEksternNoekkel', c.externalKey),
    ]),
    kontekst(klientnavn),
  ]);
}

export function nyJournalpostXml(e: EntryRecord, caseRef: CaseRef, klientnavn: string, timeZone?: string): string {
  const type = JOURNALPOSTTYPE[e.journalposttype];
  // #13 item 7: a reply is F (ferdigstilt) until markSent (OppdaterJournalpostStatus E)
  const status = registeredStatus(e.journalposttype);
  return payload('NyJournalpost', [
    el('gi:journalpost', [
      text('kj:journaldato', dateTime(e.journaldato, timeZone)),
      kode('kj:journalposttype', type.code, type.text),
      text('kj:dokumentetsDato', e.dokumentetsDato),
      kode('kj:journalstatus', status.code, status.text),
      text('kj:tittel', e.title),
      text('kj:skjermetTittel', e.screening ? e.screening.screenTitle : null),
      skjerming(e.screening),
      text('kj:antallVedlegg', e.documents.filter((d) => d.role === 'vedlegg').length),
      text('kj:offentligTittel', e.titlePublic),
      el('kj:saksnr', [text('af:saksaar', caseRef.saksaar), text('af:sakssekvensnummer', caseRef.sakssekvensnummer)]),
      el('kj:referanseSakSystemID', [el('kj:systemID', [text('kj:id', caseRef.archiveSystemId)])]),
      e.correspondents.length ? el('kj:korrespondansepart', e.correspondents.map((c) => korrespondansepartXml(c, e))) : null,
      eksternNoekkel('kj:referanseEksternNoekkel', e.externalKey),
    ]),
    kontekst(klientnavn),
  ]);
}

export function nyKorrespondansepartXml(parts: Correspondent[], e: EntryRecord, journalpostSystemId: string, klientnavn: string): string {
  return payload('NyKorrespondansepart', [
    el('gi:part', parts.map((c) => korrespondansepartXml(c, e))),
    journpostnoekkel('gi:journalpostnokkel', { systemId: journalpostSystemId }),
    kontekst(klientnavn),
  ]);
}

export function nyDokumentXml(d: ArchiveDocument, journalpostSystemId: string, bytes: Uint8Array, klientnavn: string): string {
  const role = TILKNYTTET_REGISTRERING_SOM[d.role];
  return payload('NyDokument', [
    el('gi:dokument', [
      text('dok:dokumentnummer', d.number),
      kode('dok:tilknyttetRegistreringSom', role.code, role.text),
      kode('dok:dokumenttype', dokumenttypeIn('geointegrasjon', d.dokumenttype).code, dokumenttypeIn('geointegrasjon', d.dokumenttype).text),
      text('dok:tittel', d.title),
      kode('dok:dokumentstatus', DOKUMENTSTATUS.ferdigstilt.code, DOKUMENTSTATUS.ferdigstilt.text),
      // #13 item 5: the archived file is the PDF/A, arkivformat A (giArkivDokument20120131.xsd:19 variantformat;
      // code list P/A/O/S as in Noark 5 M700), as the other transports send
      kode('dok:variantformat', VARIANTFORMAT.arkivformat.code, VARIANTFORMAT.arkivformat.text),
      text('dok:referanseJournalpostSystemID', journalpostSystemId),
      typed('dok:Fil', 'dok:Filinnhold', [text('dok:filnavn', d.filename), text('dok:mimeType', d.contentType), text('dok:base64', Buffer.from(bytes).toString('base64'))]),
    ]),
    text('gi:returnerFil', false),
    kontekst(klientnavn),
  ]);
}

export interface AvskrivningInput {
  /** The entry that is closed (the I). */
  closes: EntryKey;
  /** The entry that closes it (the U). */
  by: { journalnummer: JournalnummerRef; externalKey: string };
  maate: Avskrivningsmaate;
  /** ISO date. */
  dato: string;
}

export function nyAvskrivningXml(a: AvskrivningInput, klientnavn: string, timeZone?: string): string {
  const maate = AVSKRIVNINGSMAATE[a.maate];
  return payload('NyAvskrivning', [
    el('gi:avskrivning', [
      el('kj:liste', [
        text('kj:avskrivningsdato', dateTime(a.dato, timeZone)),
        kode('kj:avskrivningsmaate', maate.code, maate.text),
        el('kj:referanseAvskrivesAvJournalnummer', [text('kj:journalaar', a.by.journalnummer.journalaar), text('kj:journalsekvensnummer', a.by.journalnummer.journalsekvensnummer)]),
        eksternNoekkel('kj:referanseAvskrivesAvEksternNoekkel', a.by.externalKey),
      ]),
    ]),
    journpostnoekkel('gi:journalnokkel', a.closes),
    kontekst(klientnavn),
  ]);
}

export function finnSaksmapperGittNoekkelXml(externalKey: string, klientnavn: string): string {
  return payload('FinnSaksmapperGittNoekkel', [
    typed('gi:nokkel', 'kj:SakEksternNoekkel', [eksternNoekkel('kj:eksternnoekkel', externalKey)]),
    text('gi:returnerMerknad', false),
    text('gi:returnerTilleggsinformasjon', false),
    text('gi:returnerSakspart', false),
    text('gi:returnerKlasse', false),
    kontekst(klientnavn),
  ]);
}

export function finnJournalposterGittNoekkelXml(key: EntryKey, klientnavn: string): string {
  return payload('FinnJournalposterGittNoekkel', [
    journpostnoekkel('gi:nokkel', key),
    text('gi:returnerMerknad', false),
    text('gi:returnerTilleggsinformasjon', false),
    text('gi:returnerKorrespondansepart', true),
    text('gi:returnerAvskrivning', true),
    kontekst(klientnavn),
  ]);
}

export function finnDokumenterGittJournalpostnoekkelXml(journalpostSystemId: string, klientnavn: string): string {
  return payload('FinnDokumenterGittJournalpostnoekkel', [journpostnoekkel('gi:journpostnokkel', { systemId: journalpostSystemId }), text('gi:returnerFil', false), kontekst(klientnavn)]);
}

// --- reading answers -------------------------------------------------------------------------------

export class GiResponseError extends Error {
  override readonly name = 'GiResponseError';
}

export const kids = (e: XmlElement | undefined, name: string): XmlElement[] => (e ? e.children.filter((c) => c.name === name) : []);
export const kid = (e: XmlElement | undefined, name: string): XmlElement | undefined => e?.children.find((c) => c.name === name);
const str = (e: XmlElement | undefined, name: string): string | undefined => {
  const v = kid(e, name)?.text.trim();
  return v === undefined || v === '' ? undefined : v;
};
const int = (e: XmlElement | undefined, name: string): number | undefined => {
  const v = str(e, name);
  return v !== undefined && /^-?\d+$/.test(v) ? Number(v) : undefined;
};
const kodeverdi = (e: XmlElement | undefined, name: string): string | undefined => str(kid(e, name), 'kodeverdi');

/** Envelope → Body → its first element (the response or the Fault). */
export function soapBodyElement(xml: string): XmlElement {
  const parsed = parseXmlSafe(xml, { maxBytes: 512 * 1024 * 1024, maxDepth: 64, maxElements: 1_000_000 });
  if (!parsed.ok) throw new GiResponseError(`svaret er ikke gyldig XML (${parsed.code})`);
  const env = parsed.root;
  const body = env.name === 'Envelope' && env.namespace === GI_NS.soap ? env.children.find((c) => c.name === 'Body' && c.namespace === GI_NS.soap) : undefined;
  const first = body?.children[0];
  if (!first) throw new GiResponseError('svaret har ingen SOAP Body');
  return first;
}

export interface GiSaksmappe {
  systemId: string;
  saksaar: number;
  sakssekvensnummer: number;
  externalKey: string | undefined;
}

export interface GiAvskrivning {
  maate: string | undefined;
  avskrivesAvExternalKey: string | undefined;
  avskrivesAv: JournalnummerRef | undefined;
}

export interface GiJournalpost {
  systemId: string;
  journalaar: number;
  journalsekvensnummer: number;
  journalpostnummer: number;
  externalKey: string | undefined;
  korrespondanseparter: { type: string | undefined; name: string | undefined }[];
  avskrivninger: GiAvskrivning[];
}

export interface GiDokument {
  systemId: string;
  dokumentnummer: number;
}

function saksmappeOf(m: XmlElement): GiSaksmappe {
  const saksnr = kid(m, 'saksnr');
  const systemId = str(m, 'systemID');
  const saksaar = int(saksnr, 'saksaar');
  const seq = int(saksnr, 'sakssekvensnummer');
  if (!systemId || saksaar === undefined || seq === undefined) throw new GiResponseError('saksmappen i svaret mangler systemID eller saksnr');
  return { systemId, saksaar, sakssekvensnummer: seq, externalKey: str(kid(m, 'referanseEksternNoekkel'), 'noekkel') };
}

function journalnummerOf(e: XmlElement | undefined): JournalnummerRef | undefined {
  const aar = int(e, 'journalaar');
  const seq = int(e, 'journalsekvensnummer');
  return aar === undefined || seq === undefined ? undefined : { journalaar: aar, journalsekvensnummer: seq };
}

function journalpostOf(j: XmlElement): GiJournalpost {
  const systemId = str(j, 'systemID');
  const nr = journalnummerOf(kid(j, 'journalnummer'));
  const jpnr = int(j, 'journalpostnummer');
  if (!systemId || !nr || jpnr === undefined) throw new GiResponseError('journalposten i svaret mangler systemID, journalnummer eller journalpostnummer');
  return {
    systemId,
    ...nr,
    journalpostnummer: jpnr,
    externalKey: str(kid(j, 'referanseEksternNoekkel'), 'noekkel'),
    korrespondanseparter: kids(kid(j, 'korrespondansepart'), 'liste').map((k) => ({ type: kodeverdi(k, 'korrespondanseparttype'), name: str(kid(k, 'Kontakt'), 'navn') })),
    avskrivninger: kids(kid(j, 'referanseAvskrivninger'), 'liste').map((a) => ({
      maate: kodeverdi(a, 'avskrivningsmaate'),
      avskrivesAvExternalKey: str(kid(a, 'referanseAvskrivesAvEksternNoekkel'), 'noekkel'),
      avskrivesAv: journalnummerOf(kid(a, 'referanseAvskrivesAvJournalnummer')),
    })),
  };
}

function dokumentOf(d: XmlElement): GiDokument {
  const systemId = str(d, 'systemID');
  const nr = int(d, 'dokumentnummer');
  if (!systemId || nr === undefined) throw new GiResponseError('dokumentet i svaret mangler systemID eller dokumentnummer');
  return { systemId, dokumentnummer: nr };
}

export const returnOf = (response: XmlElement): XmlElement | undefined => kid(response, 'return');

export const readSaksmappe = (response: XmlElement): GiSaksmappe => {
  const r = returnOf(response);
  if (!r) throw new GiResponseError('svaret mangler return');
  return saksmappeOf(r);
};
export const readSaksmappeListe = (response: XmlElement): GiSaksmappe[] => kids(returnOf(response), 'liste').map(saksmappeOf);
export const readJournalpost = (response: XmlElement): GiJournalpost => {
  const r = returnOf(response);
  if (!r) throw new GiResponseError('svaret mangler return');
  return journalpostOf(r);
};
export const readJournalpostListe = (response: XmlElement): GiJournalpost[] => kids(returnOf(response), 'liste').map(journalpostOf);
export const readDokument = (response: XmlElement): GiDokument => {
  const r = returnOf(response);
  if (!r) throw new GiResponseError('svaret mangler return');
  return dokumentOf(r);
};
export const readDokumentListe = (response: XmlElement): GiDokument[] => kids(returnOf(response), 'liste').map(dokumentOf);

export interface GiFault {
  faultcode: string;
  faultstring: string;
  /** The GI fault type in detail: ValidationFault, FinderFault, ApplicationFault, SystemFault, OperationalFault, ImplementationFault. */
  type: string | undefined;
  feilKode: string | undefined;
  feilBeskrivelse: string | undefined;
  feilDetaljer: string[];
}

/** A SOAP 1.1 Fault in the answer, or null when the body holds none. */
export function readFault(xml: string): GiFault | null {
  let first: XmlElement;
  try {
    first = soapBodyElement(xml);
  } catch {
    return null;
  }
  if (first.name !== 'Fault') return null;
  const detail = kid(first, 'detail');
  const gi = detail?.children[0];
  // the fault element (…Fault) or its WSDL wrapper (…FaultInfo with <error>)
  const info = gi && kid(gi, 'error') ? kid(gi, 'error') : gi;
  return {
    faultcode: (str(first, 'faultcode') ?? '').split(':').pop() ?? '',
    faultstring: str(first, 'faultstring') ?? '',
    type: gi?.name.replace(/Info$/, ''),
    feilKode: str(info, 'feilKode'),
    feilBeskrivelse: str(info, 'feilBeskrivelse'),
    feilDetaljer: kids(kid(info, 'feilDetaljer'), 'liste').map((l) => l.text.trim()).filter(Boolean),
  };
}
