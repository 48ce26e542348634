import type {
  ArchiveAddress,
  ArchiveDocument,
  CaseFileRecord,
  Correspondent,
  EntryRecord,
  Screening,
  SentInfo,
} from '../../electron/core/archive/archive-record';
import { AVSKRIVNINGSMAATE, DOKUMENTMEDIUM, DOKUMENTSTATUS, JOURNALPOSTTYPE, JOURNALSTATUS, KLASSIFIKASJONSTYPE, KORRESPONDANSEPARTTYPE, N5WS_EKSTERNID_FIELD, PERSON_CLASS_TITLE, registeredStatus, SAKSSTATUS, sentNote, SKJERMING_DOKUMENT, SKJERMING_METADATA, TILKNYTTET_REGISTRERING_SOM, VARIANTFORMAT } from './noark-codes';

/**
 * Noark 5 tjenestegrensesnitt (N5WS v1.1): relation keys, the JSON shapes Postmottak sends, and
 * the fields it reads back. Field names keep the spec's spelling (kapittel 7, n5ws/xsd).
 */

export { N5_CONTENT_TYPE, REL } from './noark5-rest.protocol';

export interface N5Link {
  href: string;
  templated?: boolean;
}
export type N5Links = Record<string, N5Link>;
export interface N5Code {
  kode: string;
  kodenavn?: string;
}
/** Any N5WS object as it comes back: its fields and its `_links`. */
export interface N5Object {
  systemID?: string;
  _links?: N5Links;
  [field: string]: unknown;
}
export interface N5List<T = N5Object> {
  count: number;
  results?: T[];
  _links?: N5Links;
}
export interface N5Error {
  feil?: { kode?: number; beskrivelse?: string };
}

const code = (c: { code: string; text: string }): N5Code => ({ kode: c.code, kodenavn: c.text });

/** `href` of a templated link with its `{?…}` part removed. */
export function untemplate(href: string): string {
  return href.replace(/\{\?[^}]*\}$/, '');
}

/** OData string literal: single quotes doubled. */
export const odataString = (v: string): string => `'${v.replace(/'/g, "''")}'`;

/** `<href>?$filter=<field> eq '<value>'` on a (possibly templated) list href. */
export function filterEq(href: string, field: string, value: string): string {
  const base = untemplate(href);
  return `${base}${base.includes('?') ? '&' : '?'}$filter=${encodeURIComponent(`${field} eq ${odataString(value)}`)}`;
}

export const eksternId = (key: string): Record<string, string> => ({ [N5WS_EKSTERNID_FIELD]: key });
export const readEksternId = (o: N5Object): string | null => {
  const v = (o.virksomhetsspesifikkeMetadata as Record<string, unknown> | null | undefined)?.[N5WS_EKSTERNID_FIELD];
  return typeof v === 'string' ? v : null;
};

function caseSkjerming(s: Screening, classification: CaseFileRecord['classification']): Record<string, unknown> {
  const what: N5Code[] = [];
  if (s.screenTitle) what.push(code(SKJERMING_METADATA.tittelMappeOrd));
  if (s.screenCorrespondent) what.push(code(SKJERMING_METADATA.navnPart));
  if (classification.ordningsprinsipp === 'PNR') what.push(code(SKJERMING_METADATA.klasseID));
  if (what.length === 0) what.push(code(SKJERMING_METADATA.tittelMappeOrd));
  return { tilgangsrestriksjon: { kode: s.tilgangsrestriksjon }, skjermingshjemmel: s.skjermingshjemmel, skjermingMetadata: what };
}

function entrySkjerming(s: Screening, type: EntryRecord['journalposttype']): Record<string, unknown> {
  const what: N5Code[] = [];
  if (s.screenTitle) what.push(code(SKJERMING_METADATA.tittelRegistreringOrd));
  if (s.screenCorrespondent) what.push(code(type === 'I' ? SKJERMING_METADATA.navnAvsender : SKJERMING_METADATA.navnMottaker));
  if (what.length === 0) what.push(code(SKJERMING_METADATA.tittelRegistreringOrd));
  return { tilgangsrestriksjon: { kode: s.tilgangsrestriksjon }, skjermingshjemmel: s.skjermingshjemmel, skjermingMetadata: what };
}

/** POST body for ny-saksmappe. The server sets systemID, saksaar, sakssekvensnummer, mappeID. */
export function toSaksmappe(c: CaseFileRecord): Record<string, unknown> {
  const body: Record<string, unknown> = {
    tittel: c.title,
    dokumentmedium: code(DOKUMENTMEDIUM.elektronisk),
    saksdato: c.saksdato,
    administrativEnhet: c.administrativEnhet,
    saksstatus: code(SAKSSTATUS.underBehandling),
    virksomhetsspesifikkeMetadata: eksternId(c.externalKey),
  };
  if (c.titlePublic !== c.title || c.screening?.screenTitle) body.offentligTittel = c.titlePublic;
  if (c.saksansvarlig) body.saksansvarlig = c.saksansvarlig;
  if (c.screening) {
    body.skjerming = caseSkjerming(c.screening, c.classification);
    if (c.screening.screenTitle) body.skjermetTittel = true;
  }
  return body;
}

/** POST body for ny-klasse in a klassifikasjonssystem (the case file's primary class). */
export function toKlasse(c: CaseFileRecord): Record<string, unknown> {
  const pnr = c.classification.ordningsprinsipp === 'PNR';
  const body: Record<string, unknown> = {
    klasseID: c.classification.ordningsverdi,
    // #13 item 9: a person class's title is neutral («Personmappe»), never the first case's title; its klasseID is screened (KID)
    tittel: pnr ? PERSON_CLASS_TITLE : `${KLASSIFIKASJONSTYPE[c.classification.ordningsprinsipp] ?? c.classification.ordningsprinsipp} ${c.classification.ordningsverdi}`,
  };
  if (pnr && c.screening) {
    body.skjerming = { tilgangsrestriksjon: { kode: c.screening.tilgangsrestriksjon }, skjermingshjemmel: c.screening.skjermingshjemmel, skjermingMetadata: [code(SKJERMING_METADATA.klasseID)] };
  }
  return body;
}

export function toJournalpost(e: EntryRecord): Record<string, unknown> {
  const body: Record<string, unknown> = {
    tittel: e.title,
    journalposttype: code(JOURNALPOSTTYPE[e.journalposttype]),
    // #13 item 7: a reply is registered ferdigstilt (F) at approval; markSent makes it E with sendtDato (07 «Journalstatus» M053)
    journalstatus: code(registeredStatus(e.journalposttype)),
    journaldato: e.journaldato,
    dokumentetsDato: e.dokumentetsDato,
    dokumentmedium: code(DOKUMENTMEDIUM.elektronisk),
    virksomhetsspesifikkeMetadata: eksternId(e.externalKey),
  };
  // sendtDato (M105) only once it has left: see toSentPatch
  if (e.journalposttype === 'I') body.mottattDato = e.dokumentetsDato;
  if (e.titlePublic !== e.title || e.screening?.screenTitle) body.offentligTittel = e.titlePublic;
  if (e.saksbehandler) body.forfatter = [e.saksbehandler];
  if (e.screening) {
    body.skjerming = entrySkjerming(e.screening, e.journalposttype);
    if (e.screening.screenTitle) body.skjermetTittel = true;
  }
  return body;
}

function toAdresse(a: ArchiveAddress | null): Record<string, unknown> | undefined {
  // poststed is [1..1] in EnkelAdresse: without it there is no address to send
  if (!a?.postalPlace) return undefined;
  const out: Record<string, unknown> = { poststed: a.postalPlace };
  if (a.street) out.adresselinje1 = a.street;
  if (a.postalCode) out.postnr = a.postalCode;
  return out;
}

/** Which ny-korrespondansepart* relation a correspondent goes to. */
export const correspondentKind = (c: Correspondent): 'person' | 'enhet' => (c.organisationNumber && !c.personNumber ? 'enhet' : 'person');

export function toKorrespondansepart(c: Correspondent, screened: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = { korrespondanseparttype: code(KORRESPONDANSEPARTTYPE[c.role]), navn: c.name };
  if (screened) body.skjermetKorrespondansepart = true;
  const adr = toAdresse(c.address);
  if (correspondentKind(c) === 'enhet') {
    body.enhetsidentifikator = { organisasjonsnummer: c.organisationNumber };
    if (adr) body.postadresse = adr;
  } else {
    if (c.personNumber) body.personidentifikator = [{ foedselsnummer: c.personNumber }];
    if (adr) body.postadresse = adr;
  }
  return body;
}

/** The same correspondent? (by type and name: what survives a round trip through any archive) */
export function sameKorrespondansepart(existing: N5Object, c: Correspondent): boolean {
  const type = (existing.korrespondanseparttype as N5Code | undefined)?.kode;
  return type === KORRESPONDANSEPARTTYPE[c.role].code && existing.navn === c.name;
}

/** `type`: the code from the archive's own dokumenttype list (see noark5-rest.metadata.ts), or null to leave it to the archive. */
export function toDokumentbeskrivelse(d: ArchiveDocument, screening: Screening | null, tilknyttetDato: string, type: N5Code | null): Record<string, unknown> {
  const body: Record<string, unknown> = {
    tittel: d.title,
    ...(type ? { dokumenttype: type } : {}),
    dokumentstatus: code(DOKUMENTSTATUS.ferdigstilt),
    dokumentmedium: code(DOKUMENTMEDIUM.elektronisk),
    tilknyttetRegistreringSom: code(TILKNYTTET_REGISTRERING_SOM[d.role]),
    dokumentnummer: d.number,
    tilknyttetDato,
  };
  if (screening?.screenDocuments) {
    body.skjerming = {
      tilgangsrestriksjon: { kode: screening.tilgangsrestriksjon },
      skjermingshjemmel: screening.skjermingshjemmel,
      skjermingDokument: code(SKJERMING_DOKUMENT.hele),
    };
  }
  return body;
}

/** Pre-filled so the archive verifies the uploaded bytes (06 «Opplasting»). */
export function toDokumentobjekt(d: ArchiveDocument): Record<string, unknown> {
  return {
    versjonsnummer: 1,
    variantformat: code(VARIANTFORMAT.arkivformat),
    filnavn: d.filename,
    mimeType: d.contentType,
    sjekksum: d.sha256,
    sjekksumAlgoritme: 'SHA-256',
    filstoerrelse: d.size,
  };
}

export function toAvskrivning(e: EntryRecord, byJournalpostSystemId: string): Record<string, unknown> {
  const maate = AVSKRIVNINGSMAATE[e.closes?.avskrivningsmaate ?? 'BU'];
  return { avskrivningsdato: e.journaldato, avskrivningsmaate: code(maate), referanseAvskrivesAvJournalpost: byJournalpostSystemId };
}

/** #13 item 7: the reply has left. JSON Merge Patch (06 «Endring av instanser med PATCH», RFC 7396) of the journalpost. */
export function toSentPatch(sent: SentInfo): Record<string, unknown> {
  return { journalstatus: code(JOURNALSTATUS.ekspedert), sendtDato: sent.sentAt };
}

/** A merknad (07 «Merknad», M310/M084 MS) that says how the reply left; the paper route is recorded here. */
export function toSentMerknad(sent: SentInfo): Record<string, unknown> {
  return { merknadstekst: sentNote(sent), merknadstype: { kode: 'MS', kodenavn: 'Merknad fra saksbehandler' } };
}
