import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { XMLBuilder } from 'fast-xml-parser';
import type { ArchivedCaseFile, ArchivedEntry, ArchiveDocument, CaseFileRecord, Correspondent, EntryRecord, Screening } from '../../electron/core/archive/archive-record';
import type { XmlElement } from '../../electron/core/profiles/xml-tree';
import type { ReceiptResult } from '../../electron/core/ports/archive.port';
import { IntegrationError } from '../../electron/core/errors';
import type { SchemaSet } from '../shared/xml/xsd-validator';
import { parseXmlSafe } from '../shared/xml/safe-xml';
import { AVSKRIVNINGSMAATE, DOKUMENTSTATUS, FAGSYSTEM, FIKS_DOKUMENTTYPE, FIKS_DOKUMENTTYPE_FALLBACK, JOURNALPOSTTYPE, JOURNALSTATUS, KORRESPONDANSEPARTTYPE, SAKSSTATUS, SKJERMING_DOKUMENT, SKJERMING_METADATA, TILKNYTTET_REGISTRERING_SOM, VARIANTFORMAT } from './noark-codes';

/**
 * arkivmelding in two dialects, and the receipts read back.
 *
 *  - 'eformidling': Digdir/Arkivverket arkivmelding (namespace …/noark5/arkivmelding), Noark 5 v3.1
 *    metadatakatalog, full-text code values ("Inngående dokument"). One saksmappe holding one
 *    journalpost per message. The format has no ekstern nøkkel; Postmottak's keys travel in
 *    virksomhetsspesifikkeMetadata (xs:anyType) as <pm:postmottak> in POSTMOTTAK_NS (see below).
 *  - 'fiks-arkiv-v2': KS Fiks Arkiv v2 no.ks.fiks.arkiv.v2.arkivering.arkivmelding.opprett, {kode}
 *    objects, referanseEksternNoekkel on mappe and registrering. Every message carries the mappe
 *    (the archive answers «Eksisterende» for a known one) and one registrering, so the receipt
 *    always holds the case file's numbers.
 *
 * Receipts: Fiks Arkiv v2 arkivmeldingKvittering (…opprett.kvittering.xsd) or a feilmelding
 * (ugyldigforespoersel / serverfeil / ikkefunnet). eFormidling's own arkivmelding_kvittering is an
 * SBD business message (receiptType OK|NOTSUPPORTED|WARNING|ERROR, relatedToMessageId, messages)
 * with no archive numbers and no published XSD in the specs, so the drop folder uses a minimal
 * receipt of Postmottak's own, modelled on it and carrying the numbers: EFORMIDLING_RECEIPT_XSD.
 */

export type ArkivmeldingDialect = 'eformidling' | 'fiks-arkiv-v2';

export const EFORMIDLING_NS = 'http://www.arkivverket.no/standarder/noark5/arkivmelding';
export const FIKS_NS = 'https://ks-no.github.io/standarder/fiks-protokoll/fiks-arkiv/arkivmelding/opprett/v2';
export const FIKS_MDK_NS = 'https://ks-no.github.io/standarder/fiks-protokoll/fiks-arkiv/metadatakatalog/v2';
export const FIKS_KVITTERING_NS = 'https://ks-no.github.io/standarder/fiks-protokoll/fiks-arkiv/arkivmelding/opprett/kvittering/v2';
export const FIKS_FEIL_NS = 'https://ks-no.github.io/standarder/fiks-protokoll/fiks-arkiv/feil/feilmelding/v2';
export const FIKS_UGYLDIG_NS = 'https://ks-no.github.io/standarder/fiks-protokoll/fiks-arkiv/feil/ugyldigforespoersel/v2';
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
/** Postmottak's own namespace: the ekstern nøkkel inside eFormidling's virksomhetsspesifikkeMetadata, and the eFormidling receipt. */
export const POSTMOTTAK_NS = 'urn:no:postmottak:arkivmelding:v1';
export const EFORMIDLING_RECEIPT_NS = 'urn:no:postmottak:arkivmelding-kvittering:v1';

/** The message's XML file inside its folder (eFormidling and Fiks Arkiv both name it so). */
export const MESSAGE_FILE = 'arkivmelding.xml';

/** A field of a receipt record: [name, type], or a nested record already written by xsdRecord. */
type XsdField = [name: string, type: string] | string;
const OPTIONAL = ' minOccurs="0"';
const MANY = ' minOccurs="0" maxOccurs="unbounded"';

/** An element with an anonymous sequence of fields, indented as the receipt XSD below lays it out. */
function xsdRecord(indent: number, name: string, occurs: string, fields: XsdField[]): string {
  const pad = ' '.repeat(indent);
  const field = (f: XsdField) => (typeof f === 'string' ? f : `${pad}    <xs:element name="${f[0]}" type="${f[1]}"/>`);
  return [`${pad}<xs:element name="${name}"${occurs}>`, `${pad}  <xs:complexType><xs:sequence>`, ...fields.map(field), `${pad}  </xs:sequence></xs:complexType>`, `${pad}</xs:element>`].join('\n');
}

/**
 * The receipt format the drop folder uses for the eFormidling dialect (documented here because
 * eFormidling defines none with numbers). Modelled on Digdir's arkivmelding_kvittering
 * (receiptType, relatedToMessageId, messages) plus the numbers the archive gave.
 */
export const EFORMIDLING_RECEIPT_XSD = `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns="${EFORMIDLING_RECEIPT_NS}"
           targetNamespace="${EFORMIDLING_RECEIPT_NS}" elementFormDefault="qualified">
  <xs:element name="arkivmeldingKvittering">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="receiptType">
          <xs:simpleType><xs:restriction base="xs:string">
            <xs:enumeration value="OK"/><xs:enumeration value="NOTSUPPORTED"/><xs:enumeration value="WARNING"/><xs:enumeration value="ERROR"/>
          </xs:restriction></xs:simpleType>
        </xs:element>
        <xs:element name="relatedToMessageId" type="xs:string"/>
        <xs:element name="tidspunkt" type="xs:dateTime"/>
${xsdRecord(8, 'message', MANY, [['code', 'xs:string'], ['text', 'xs:string']])}
${xsdRecord(8, 'saksmappe', OPTIONAL, [['systemID', 'xs:string'], ['saksaar', 'xs:integer'], ['sakssekvensnummer', 'xs:integer'], ['opprettetEllerEksisterende', 'opprettetEllerEksisterende']])}
${xsdRecord(8, 'journalpost', OPTIONAL, [
  ['systemID', 'xs:string'],
  ['journalaar', 'xs:integer'],
  ['journalsekvensnummer', 'xs:integer'],
  ['journalpostnummer', 'xs:integer'],
  ['opprettetEllerEksisterende', 'opprettetEllerEksisterende'],
  xsdRecord(12, 'dokumentbeskrivelse', MANY, [['systemID', 'xs:string'], ['dokumentnummer', 'xs:integer']]),
])}
      </xs:sequence>
    </xs:complexType>
  </xs:element>
  <xs:simpleType name="opprettetEllerEksisterende">
    <xs:restriction base="xs:string"><xs:enumeration value="Opprettet"/><xs:enumeration value="Eksisterende"/></xs:restriction>
  </xs:simpleType>
</xs:schema>
`;

// ---------------------------------------------------------------------------------------------
// Names

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

/** A message folder / receipt name the archive and the adapter agree on; refuses path tricks. */
export const isSafeMessageName = (name: string): boolean => SAFE_NAME.test(name) && !name.includes('..');

/**
 * The message folder's name for an entry: deterministic (so a retry finds its earlier message),
 * safe on every file system, never starting with '.', and unique per key (a hash of the whole key
 * follows the readable, sanitised part).
 */
export function messageNameOf(externalKey: string): string {
  const slug = externalKey.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 60);
  const hash = createHash('sha256').update(externalKey, 'utf8').digest('hex').slice(0, 12);
  return `pm-${slug || 'x'}-${hash}`;
}

/** The file a document gets inside the message folder (referanseDokumentfil): "1-soknad.pdf". */
export function documentFileName(doc: Pick<ArchiveDocument, 'number' | 'filename'>): string {
  const base = doc.filename.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const ext = /\.[A-Za-z0-9]{1,8}$/.exec(base)?.[0]?.toLowerCase() ?? '';
  const stem = base.slice(0, base.length - ext.length).replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 60);
  return `${doc.number}-${stem || 'dokument'}${ext}`;
}

/** A UUID-shaped id derived from a seed: the same message gets the same meldingId and systemIDs on every retry. */
export function derivedUuid(seed: string): string {
  const h = createHash('sha256').update(seed, 'utf8').digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
export const isUuid = (s: string | null | undefined): s is string => typeof s === 'string' && UUID.test(s);

// ---------------------------------------------------------------------------------------------
// Schemas

export interface ArkivmeldingSchemas {
  message: SchemaSet;
  /** Fiks Arkiv v2 kvittering / eFormidling receipt (Postmottak's format). */
  receipt: SchemaSet;
  /** Fiks Arkiv v2 ugyldigforespoersel; for eFormidling the receipt carries errors itself. */
  error: SchemaSet | null;
}

const readSchema = (file: string): string => fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');

/** The official XSDs the app ships (resources/schemas/arkivmelding/<dialect>/), with their imports by schemaLocation file name. */
export function loadArkivmeldingSchemas(schemaDir: string, dialect: ArkivmeldingDialect): ArkivmeldingSchemas {
  if (dialect === 'eformidling') {
    const dir = path.join(schemaDir, 'eformidling');
    return {
      message: { main: readSchema(path.join(dir, 'arkivmelding.xsd')), files: [{ fileName: 'metadatakatalog.xsd', contents: readSchema(path.join(dir, 'metadatakatalog.xsd')) }] },
      receipt: { main: EFORMIDLING_RECEIPT_XSD, files: [] },
      error: null,
    };
  }
  const dir = path.join(schemaDir, 'fiks-arkiv-v2');
  const mdk = { fileName: 'metadatakatalog.xsd', contents: readSchema(path.join(dir, 'metadatakatalog.xsd')) };
  const base = { fileName: 'feilmeldingBase.xsd', contents: readSchema(path.join(dir, 'feilmeldingBase.xsd')) };
  return {
    message: { main: readSchema(path.join(dir, 'no.ks.fiks.arkiv.v2.arkivering.arkivmelding.opprett.xsd')), files: [mdk] },
    receipt: { main: readSchema(path.join(dir, 'no.ks.fiks.arkiv.v2.arkivering.arkivmelding.opprett.kvittering.xsd')), files: [mdk, base] },
    error: { main: readSchema(path.join(dir, 'no.ks.fiks.arkiv.v2.feilmelding.ugyldigforespoersel.xsd')), files: [mdk, base] },
  };
}

// ---------------------------------------------------------------------------------------------
// XML building (fast-xml-parser's XMLBuilder, ordered form; it escapes text and attributes)

type XNode = Record<string, unknown>;
type Child = XNode | null | undefined | false;

const builder = new XMLBuilder({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', format: true, indentBy: '  ', suppressEmptyNode: false });

/** An element with child elements, or with text. */
export function el(name: string, content: Child[] | string | number, attrs?: Record<string, string>): XNode {
  const children = Array.isArray(content) ? content.filter((c): c is XNode => !!c) : [{ '#text': String(content) }];
  const node: XNode = { [name]: children };
  if (attrs) node[':@'] = attrs;
  return node;
}
/** An element only when it has a value (Noark: no empty elements). */
const opt = (name: string, v: string | number | null | undefined): XNode | null => (v === null || v === undefined || v === '' ? null : el(name, v));

export function toXml(root: XNode): string {
  return builder.build([{ '?xml': [{ '#text': '' }], ':@': { version: '1.0', encoding: 'UTF-8' } }, root]) as string;
}

// ---------------------------------------------------------------------------------------------
// record → arkivmelding

export interface ArkivmeldingInput {
  caseFile: CaseFileRecord;
  entry: EntryRecord;
  knownCaseFile: ArchivedCaseFile | null;
}

export interface BuildOptions {
  /** Time the message is made (tidspunkt, opprettetDato …). */
  now: Date;
}

export interface BuiltMessage {
  xml: string;
  /** eFormidling meldingId (derived from the message name); Fiks has none in the payload. */
  meldingId: string;
  /** Documents as they go into the folder. */
  files: { doc: ArchiveDocument; fileName: string }[];
}

const isoSeconds = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
const dateTimeOf = (s: string): string => (/^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00Z` : s);

/** tittel, and offentligTittel where it differs or the record is screened: mappe and registrering, both dialects. */
const titlesOf = (r: CaseFileRecord | EntryRecord): (XNode | null)[] => [el('tittel', r.title), r.titlePublic !== r.title || r.screening ? el('offentligTittel', r.titlePublic) : null];

/** journaldato, mottattDato (I) or sendtDato (U), antallVedlegg: the journalpost's tail, both dialects. */
const entryDatesOf = (entry: EntryRecord, files: BuiltMessage['files']): (XNode | null)[] => [
  el('journaldato', entry.journaldato),
  entry.journalposttype === 'I' ? el('mottattDato', dateTimeOf(entry.dokumentetsDato)) : null,
  entry.journalposttype === 'U' ? el('sendtDato', dateTimeOf(entry.dokumentetsDato)) : null,
  el('antallVedlegg', files.filter((f) => f.doc.role === 'vedlegg').length),
];

export function buildArkivmelding(dialect: ArkivmeldingDialect, input: ArkivmeldingInput, opts: BuildOptions): BuiltMessage {
  const name = messageNameOf(input.entry.externalKey);
  const files = input.entry.documents.map((doc) => ({ doc, fileName: documentFileName(doc) }));
  const seen = new Set<string>();
  for (const f of files) {
    if (seen.has(f.fileName)) throw new IntegrationError('validation', `To dokumenter har samme nummer (${f.doc.number}) i journalposten`, { integration: 'arkivmelding' });
    seen.add(f.fileName);
  }
  const meldingId = derivedUuid(`meldingId:${name}`);
  const xml = dialect === 'eformidling' ? buildEformidling(input, files, meldingId, opts) : buildFiks(input, files, opts);
  return { xml, meldingId, files };
}

/** Who a correspondent is in the public journal's terms, for skjermingMetadata. */
function screenedMetadata(level: 'mappe' | 'registrering', s: Screening, input: ArkivmeldingInput): string[] {
  const codes: string[] = [];
  if (level === 'mappe') {
    if (s.screenTitle) codes.push(SKJERMING_METADATA.tittelMappeOrd.text);
    if (input.caseFile.classification.ordningsprinsipp === 'PNR') codes.push(SKJERMING_METADATA.klasseID.text);
  } else {
    if (s.screenTitle) codes.push(SKJERMING_METADATA.tittelRegistreringOrd.text);
    if (s.screenCorrespondent) {
      const roles = new Set(input.entry.correspondents.map((c) => c.role));
      if (roles.has('avsender')) codes.push(SKJERMING_METADATA.navnAvsender.text);
      if (roles.has('mottaker')) codes.push(SKJERMING_METADATA.navnMottaker.text);
    }
  }
  return codes;
}

function eformidlingSkjerming(s: Screening | null, metadata: string[], dokument = false): XNode | null {
  // skjermingMetadata is required (1..n) in v3.1: screening that names no metadata is carried by the
  // level that does (the documents' own skjerming), not by an invented code
  if (!s || metadata.length === 0) return null;
  return el('skjerming', [
    el('tilgangsrestriksjon', s.tilgangsrestriksjon),
    el('skjermingshjemmel', s.skjermingshjemmel),
    ...metadata.map((m) => el('skjermingMetadata', m)),
    dokument && el('skjermingDokument', SKJERMING_DOKUMENT.hele.text),
  ]);
}

const pmKey = (noekkel: string, avskriver?: string | null): XNode =>
  el('virksomhetsspesifikkeMetadata', [
    el(
      'pm:postmottak',
      [
        el('pm:eksternNoekkel', [el('pm:fagsystem', FAGSYSTEM), el('pm:noekkel', noekkel)]),
        avskriver ? el('pm:avskriverEksternNoekkel', [el('pm:fagsystem', FAGSYSTEM), el('pm:noekkel', avskriver)]) : null,
      ],
      { 'xmlns:pm': POSTMOTTAK_NS },
    ),
  ]);

function eformidlingCorrespondent(c: Correspondent): XNode {
  return el('korrespondansepart', [
    el('korrespondanseparttype', KORRESPONDANSEPARTTYPE[c.role].text),
    el('korrespondansepartNavn', c.name),
    opt('postadresse', c.address?.street),
    opt('postnummer', c.address?.postalCode),
    opt('poststed', c.address?.postalPlace),
  ]);
}

function buildEformidling(input: ArkivmeldingInput, files: BuiltMessage['files'], meldingId: string, opts: BuildOptions): string {
  const { caseFile, entry, knownCaseFile } = input;
  const now = isoSeconds(opts.now);
  const mappeId = isUuid(knownCaseFile?.archiveSystemId) ? knownCaseFile.archiveSystemId : caseFile.systemId;
  const isReply = entry.journalposttype === 'U';
  const docScreen = entry.screening?.screenDocuments ? entry.screening : null;

  const dokumentbeskrivelser = files.map(({ doc, fileName }) =>
    el('dokumentbeskrivelse', [
      el('systemID', derivedUuid(`dokumentbeskrivelse:${entry.systemId}:${doc.number}`)),
      el('dokumenttype', doc.dokumenttype),
      el('dokumentstatus', DOKUMENTSTATUS.ferdigstilt.text),
      el('tittel', doc.title),
      el('opprettetDato', now),
      el('opprettetAv', FAGSYSTEM),
      el('tilknyttetRegistreringSom', TILKNYTTET_REGISTRERING_SOM[doc.role].text),
      el('dokumentnummer', doc.number),
      el('tilknyttetDato', now),
      el('tilknyttetAv', FAGSYSTEM),
      eformidlingSkjerming(docScreen, [SKJERMING_METADATA.tittelDokument.text], true),
      el('dokumentobjekt', [
        el('versjonsnummer', 1),
        el('variantformat', VARIANTFORMAT.arkivformat.text),
        el('opprettetDato', now),
        el('opprettetAv', FAGSYSTEM),
        el('referanseDokumentfil', fileName),
      ]),
    ]),
  );

  const closes = entry.closes;
  const journalpost = el(
    'basisregistrering',
    [
      el('systemID', entry.systemId),
      el('opprettetDato', now),
      el('opprettetAv', FAGSYSTEM),
      el('arkivertDato', now),
      el('arkivertAv', FAGSYSTEM),
      el('referanseForelderMappe', mappeId),
      entry.screening && eformidlingSkjerming(entry.screening, screenedMetadata('registrering', entry.screening, input)),
      ...dokumentbeskrivelser,
      ...titlesOf(entry),
      pmKey(entry.externalKey, closes?.externalKey),
      el('journalposttype', JOURNALPOSTTYPE[entry.journalposttype].text),
      el('journalstatus', (entry.journalposttype === 'U' ? JOURNALSTATUS.ekspedert : JOURNALSTATUS.journalfoert).text),
      ...entryDatesOf(entry, files),
      ...entry.correspondents.map(eformidlingCorrespondent),
      // v3.1 has one reference on avskrivning; a message holds one journalpost, so the reply
      // carries it and names the entry it closes (by the archive's systemID when known; the
      // ekstern nøkkel of that entry is in pm:avskriverEksternNoekkel either way)
      closes && isReply
        ? el('avskrivning', [
            el('avskrivningsdato', entry.journaldato),
            el('avskrevetAv', entry.saksbehandler ?? FAGSYSTEM),
            el('avskrivningsmaate', AVSKRIVNINGSMAATE[closes.avskrivningsmaate].text),
            opt('referanseAvskrivesAvJournalpost', closes.archiveSystemId),
          ])
        : null,
    ],
    { 'xsi:type': 'journalpost' },
  );

  const mappe = el(
    'mappe',
    [
      el('systemID', mappeId),
      ...titlesOf(caseFile),
      el('opprettetDato', now),
      el('opprettetAv', FAGSYSTEM),
      opt('referanseArkivdel', caseFile.arkivdel),
      pmKey(caseFile.externalKey),
      caseFile.screening && eformidlingSkjerming(caseFile.screening, screenedMetadata('mappe', caseFile.screening, input)),
      el('klassifikasjon', [
        el('referanseKlassifikasjonssystem', caseFile.classification.ordningsprinsipp),
        el('klasseID', caseFile.classification.ordningsverdi),
        el('tittel', classTitle(caseFile)),
      ]),
      journalpost,
      knownCaseFile && el('saksaar', knownCaseFile.saksaar),
      knownCaseFile && el('sakssekvensnummer', knownCaseFile.sakssekvensnummer),
      el('saksdato', caseFile.saksdato),
      el('administrativEnhet', caseFile.administrativEnhet),
      el('saksansvarlig', caseFile.saksansvarlig ?? FAGSYSTEM),
      el('saksstatus', SAKSSTATUS.underBehandling.text),
    ],
    { 'xsi:type': 'saksmappe' },
  );

  return toXml(
    el(
      'arkivmelding',
      [el('system', FAGSYSTEM), el('meldingId', meldingId), el('tidspunkt', now), el('antallFiler', files.length), mappe],
      { xmlns: EFORMIDLING_NS, 'xmlns:xsi': XSI_NS },
    ),
  );
}

/** The class's title; a fødselsnummer as klasseID is never repeated in a title. */
const classTitle = (c: CaseFileRecord): string => (c.classification.ordningsprinsipp === 'PNR' ? 'Fødselsnummer' : c.classification.ordningsverdi);

// Fiks Arkiv v2 ------------------------------------------------------------------------------

const kode = (name: string, code: string, beskrivelse?: string): XNode => el(name, [el('mdk:kode', code), beskrivelse ? el('mdk:beskrivelse', beskrivelse) : null]);
const eksternNoekkel = (name: string, noekkel: string): XNode => el(name, [el('mdk:fagsystem', FAGSYSTEM), el('mdk:noekkel', noekkel)]);

function fiksSkjerming(s: Screening | null): XNode | null {
  if (!s) return null;
  return el('skjerming', [kode('tilgangsrestriksjon', s.tilgangsrestriksjon), el('skjermingshjemmel', s.skjermingshjemmel)]);
}

function buildFiks(input: ArkivmeldingInput, files: BuiltMessage['files'], opts: BuildOptions): string {
  const { caseFile, entry, knownCaseFile } = input;
  const now = isoSeconds(opts.now);
  const knownId = isUuid(knownCaseFile?.archiveSystemId) ? knownCaseFile.archiveSystemId : null;
  const screened = caseFile.screening;

  const mappe = el(
    'mappe',
    [
      knownId ? el('systemID', knownId) : null,
      ...titlesOf(caseFile),
      el('opprettetDato', now),
      el('opprettetAv', FAGSYSTEM),
      caseFile.arkivdel ? kode('arkivdel', caseFile.arkivdel) : null,
      fiksSkjerming(screened),
      el('klassifikasjon', [
        el('klassifikasjonssystemID', caseFile.classification.ordningsprinsipp),
        el('klasseID', caseFile.classification.ordningsverdi),
        el('tittel', classTitle(caseFile)),
        screened && caseFile.classification.ordningsprinsipp === 'PNR' ? el('erSkjermet', 'true') : null,
      ]),
      eksternNoekkel('referanseEksternNoekkel', caseFile.externalKey),
      knownCaseFile && el('saksaar', knownCaseFile.saksaar),
      knownCaseFile && el('sakssekvensnummer', knownCaseFile.sakssekvensnummer),
      el('saksdato', caseFile.saksdato),
      el('administrativEnhet', [el('mdk:identifikator', caseFile.administrativEnhet)]),
      caseFile.saksansvarlig ? el('saksansvarlig', [el('mdk:navn', caseFile.saksansvarlig)]) : null,
      kode('saksstatus', SAKSSTATUS.underBehandling.code, SAKSSTATUS.underBehandling.text),
    ],
    { 'xsi:type': 'saksmappe' },
  );

  const docScreen = entry.screening?.screenDocuments ? entry.screening : null;
  const dokumentbeskrivelser = files.map(({ doc, fileName }) =>
    el('dokumentbeskrivelse', [
      kode('dokumenttype', FIKS_DOKUMENTTYPE[doc.dokumenttype] ?? FIKS_DOKUMENTTYPE_FALLBACK, doc.dokumenttype),
      kode('dokumentstatus', DOKUMENTSTATUS.ferdigstilt.code),
      el('tittel', doc.title),
      kode('tilknyttetRegistreringSom', TILKNYTTET_REGISTRERING_SOM[doc.role].code),
      el('dokumentnummer', doc.number),
      fiksSkjerming(docScreen),
      el('dokumentobjekt', [
        el('versjonsnummer', 1),
        kode('variantformat', VARIANTFORMAT.arkivformat.code),
        el('mimeType', doc.contentType),
        el('filnavn', doc.filename),
        el('referanseDokumentfil', fileName),
        el('sjekksum', doc.sha256),
        el('sjekksumAlgoritme', 'SHA256'),
        el('filstoerrelse', doc.size),
      ]),
    ]),
  );

  const closes = entry.closes;
  const screenNames = !!entry.screening?.screenCorrespondent;
  const korrespondanseparter = entry.correspondents.map((c, i) =>
    el('korrespondansepart', [
      kode('korrespondanseparttype', KORRESPONDANSEPARTTYPE[c.role].code),
      el('korrespondansepartNavn', c.name),
      c.organisationNumber ? el('organisasjonid', c.organisationNumber) : c.personNumber ? el('personid', c.personNumber) : null,
      opt('postadresse', c.address?.street),
      opt('postnummer', c.address?.postalCode),
      opt('poststed', c.address?.postalPlace),
      screenNames ? el('erSkjermet', 'true') : null,
      // Fiks Arkiv v2 keeps avskrivning on the korrespondansepart; referanseAvskriverJournalpost
      // (M214) = the entries this one closes
      closes && i === 0
        ? el('avskrivning', [
            el('avskrivningsdato', entry.journaldato),
            el('avskrevetAv', [el('mdk:navn', entry.saksbehandler ?? FAGSYSTEM)]),
            kode('avskrivningsmaate', AVSKRIVNINGSMAATE[closes.avskrivningsmaate].code),
            el('referanseAvskriverJournalpost', [
              isUuid(closes.archiveSystemId) ? el('mdk:systemID', closes.archiveSystemId) : null,
              eksternNoekkel('mdk:referanseEksternNoekkel', closes.externalKey),
            ]),
          ])
        : null,
    ]),
  );

  const registrering = el(
    'registrering',
    [
      el('opprettetDato', now),
      el('opprettetAv', FAGSYSTEM),
      el('referanseForelderMappe', [knownId ? el('mdk:systemID', knownId) : null, eksternNoekkel('mdk:referanseEksternNoekkel', caseFile.externalKey)]),
      fiksSkjerming(entry.screening),
      ...dokumentbeskrivelser,
      ...titlesOf(entry),
      ...korrespondanseparter,
      eksternNoekkel('referanseEksternNoekkel', entry.externalKey),
      kode('journalposttype', JOURNALPOSTTYPE[entry.journalposttype].code),
      kode('journalstatus', (entry.journalposttype === 'U' ? JOURNALSTATUS.ekspedert : JOURNALSTATUS.journalfoert).code),
      ...entryDatesOf(entry, files),
    ],
    { 'xsi:type': 'journalpost' },
  );

  return toXml(
    el('arkivmelding', [el('system', FAGSYSTEM), el('antallFiler', files.length), mappe, registrering], {
      xmlns: FIKS_NS,
      'xmlns:mdk': FIKS_MDK_NS,
      'xmlns:xsi': XSI_NS,
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Reading XML trees (receipts here, messages in the simulator)

export const RECEIPT_LIMITS = { maxBytes: 1024 * 1024, maxDepth: 32, maxElements: 10_000 };

export const child = (e: XmlElement | undefined, name: string): XmlElement | undefined => e?.children.find((c) => c.name === name);
export const childrenOf = (e: XmlElement | undefined, name: string): XmlElement[] => e?.children.filter((c) => c.name === name) ?? [];
export const textOf = (e: XmlElement | undefined, name: string): string | null => {
  const t = child(e, name)?.text.trim();
  return t ? t : null;
};
/** xsi:type's local name, whatever prefix the writer used. */
export const xsiType = (e: XmlElement | undefined): string | null => {
  if (!e) return null;
  for (const [k, v] of Object.entries(e.attributes)) if (k === 'type' || k.endsWith(':type')) return v.slice(v.indexOf(':') + 1);
  return null;
};

const receiptError = (what: string): IntegrationError => new IntegrationError('permanent', `Kvitteringen fra arkivet kan ikke leses: ${what}`, { integration: 'arkivmelding' });

function int(e: XmlElement | undefined, name: string, where: string): number {
  const t = textOf(e, name);
  const n = t === null ? NaN : Number(t);
  if (!Number.isInteger(n)) throw receiptError(`${where}/${name} mangler eller er ikke et heltall`);
  return n;
}
function str(e: XmlElement | undefined, name: string, where: string): string {
  const t = textOf(e, name);
  if (t === null) throw receiptError(`${where}/${name} mangler`);
  return t;
}

/** A receipt (bytes as found in the receipt folder) → the port's ReceiptResult. */
export function parseReceipt(dialect: ArkivmeldingDialect, bytes: Uint8Array | string): Exclude<ReceiptResult, { state: 'awaiting-receipt' }> {
  const parsed = parseXmlSafe(bytes, RECEIPT_LIMITS);
  if (!parsed.ok) throw receiptError(parsed.reason);
  const root = parsed.root;
  return dialect === 'eformidling' ? parseEformidlingReceipt(root) : parseFiksReceipt(root);
}

function parseFiksReceipt(root: XmlElement): Exclude<ReceiptResult, { state: 'awaiting-receipt' }> {
  if (root.namespace !== FIKS_KVITTERING_NS) {
    // ugyldigforespoersel / serverfeil / ikkefunnet: feilmeldingBase {feilId, feilmelding}
    const message = textOf(root, 'feilmelding');
    if (root.namespace?.startsWith('https://ks-no.github.io/standarder/fiks-protokoll/fiks-arkiv/feil/') && message) {
      return { state: 'rejected', message };
    }
    throw receiptError(`ukjent rotelement {${root.namespace ?? ''}}${root.name}`);
  }
  if (root.name !== 'arkivmeldingKvittering') throw receiptError(`ukjent rotelement ${root.name}`);
  const failed = [child(root, 'mappeFeilet'), child(root, 'registreringFeilet')].flatMap((f) => (f ? [textOf(f, 'feilmelding') ?? 'ukjent feil'] : []));
  if (failed.length) return { state: 'rejected', message: failed.join('; ') };
  const m = child(root, 'mappeKvittering');
  const r = child(root, 'registreringKvittering');
  if (!m) throw receiptError('mappeKvittering mangler');
  if (!r) throw receiptError('registreringKvittering mangler');
  return archivedOf({ el: m, name: 'mappeKvittering' }, { el: r, name: 'registreringKvittering' }, 'dokumentbeskrivelseKvittering');
}

/** The numbers in a receipt's case file and entry parts (each dialect names them its own way; `name` is for the error). */
function archivedOf(m: { el: XmlElement; name: string }, r: { el: XmlElement; name: string }, documents: string): Extract<ReceiptResult, { state: 'archived' }> {
  return {
    state: 'archived',
    caseFile: { archiveSystemId: str(m.el, 'systemID', m.name), saksaar: int(m.el, 'saksaar', m.name), sakssekvensnummer: int(m.el, 'sakssekvensnummer', m.name) },
    entry: {
      archiveSystemId: str(r.el, 'systemID', r.name),
      journalaar: int(r.el, 'journalaar', r.name),
      journalsekvensnummer: int(r.el, 'journalsekvensnummer', r.name),
      journalpostnummer: int(r.el, 'journalpostnummer', r.name),
      documents: documentsOf(childrenOf(r.el, documents)),
    },
  };
}

function documentsOf(list: XmlElement[]): ArchivedEntry['documents'] {
  return list.map((d) => ({ number: int(d, 'dokumentnummer', 'dokumentbeskrivelse'), archiveSystemId: str(d, 'systemID', 'dokumentbeskrivelse') }));
}

function parseEformidlingReceipt(root: XmlElement): Exclude<ReceiptResult, { state: 'awaiting-receipt' }> {
  if (root.namespace !== EFORMIDLING_RECEIPT_NS || root.name !== 'arkivmeldingKvittering') throw receiptError(`ukjent rotelement {${root.namespace ?? ''}}${root.name}`);
  const type = textOf(root, 'receiptType');
  const messages = childrenOf(root, 'message').map((m) => textOf(m, 'text') ?? textOf(m, 'code') ?? '');
  if (type === 'ERROR' || type === 'NOTSUPPORTED') return { state: 'rejected', message: messages.filter(Boolean).join('; ') || type };
  if (type !== 'OK' && type !== 'WARNING') throw receiptError(`receiptType «${type ?? ''}»`);
  const m = child(root, 'saksmappe');
  const j = child(root, 'journalpost');
  if (!m || !j) throw receiptError('saksmappe eller journalpost mangler');
  return archivedOf({ el: m, name: 'saksmappe' }, { el: j, name: 'journalpost' }, 'dokumentbeskrivelse');
}
