import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ArchiveDocument } from '../../electron/core/archive/archive-record';
import type { SchemaSet } from '../shared/xml/xsd-validator';

/**
 * The arkivmelding drop folder's contract, as both sides read it from the specs: the dialects'
 * namespaces, the receipt of Postmottak's own (EFORMIDLING_RECEIPT_XSD), the file names and the
 * schemas. The adapter (arkivmelding.mapper.ts) and the archive's simulator share this and nothing else.
 */

export type ArkivmeldingDialect = 'eformidling' | 'fiks-arkiv-v2';

export const EFORMIDLING_NS = 'http://www.arkivverket.no/standarder/noark5/arkivmelding';
export const FIKS_NS = 'https://ks-no.github.io/standarder/fiks-protokoll/fiks-arkiv/arkivmelding/opprett/v2';
export const FIKS_MDK_NS = 'https://ks-no.github.io/standarder/fiks-protokoll/fiks-arkiv/metadatakatalog/v2';
/** no.ks.fiks.arkiv.v2.arkivering.arkivmelding.oppdater (payload arkivmelding.xml, meldingstyper.json) (#13 item 7). */
export const FIKS_OPPDATER_NS = 'https://ks-no.github.io/standarder/fiks-protokoll/fiks-arkiv/arkivmelding/oppdater/v2';
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
  /** Fiks Arkiv v2 arkivmeldingOppdatering; eFormidling has no update message (null). */
  update: SchemaSet | null;
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
      update: null,
    };
  }
  const dir = path.join(schemaDir, 'fiks-arkiv-v2');
  const mdk = { fileName: 'metadatakatalog.xsd', contents: readSchema(path.join(dir, 'metadatakatalog.xsd')) };
  const base = { fileName: 'feilmeldingBase.xsd', contents: readSchema(path.join(dir, 'feilmeldingBase.xsd')) };
  return {
    message: { main: readSchema(path.join(dir, 'no.ks.fiks.arkiv.v2.arkivering.arkivmelding.opprett.xsd')), files: [mdk] },
    receipt: { main: readSchema(path.join(dir, 'no.ks.fiks.arkiv.v2.arkivering.arkivmelding.opprett.kvittering.xsd')), files: [mdk, base] },
    error: { main: readSchema(path.join(dir, 'no.ks.fiks.arkiv.v2.feilmelding.ugyldigforespoersel.xsd')), files: [mdk, base] },
    update: {
      main: readSchema(path.join(dir, 'no.ks.fiks.arkiv.v2.arkivering.arkivmelding.oppdater.xsd')),
      files: [mdk, { fileName: 'no.ks.fiks.arkiv.v2.arkivering.arkivmelding.opprett.xsd', contents: readSchema(path.join(dir, 'no.ks.fiks.arkiv.v2.arkivering.arkivmelding.opprett.xsd')) }],
    },
  };
}

