import { createHash } from 'node:crypto';
import { IntegrationError } from '../../../electron/core/errors';
import { localDate, localDateTime, localMidnight } from '../../../electron/core/local-time';
import type { Screening } from '../../../electron/core/archive/archive-record';
import type { ClosedCaseFile, ExtractionMeta } from '../../../electron/core/ports/archive-extraction.port';
import { SKJERMING_METADATA } from '../noark-codes';

/** Values shared by the package's writers: systemIDs, Oslo dates, code-list texts, screening. */

export const INTEGRATION = 'noark5-uttrekk';

/**
 * A name-based UUID (RFC 4122 version 5 layout, SHA-1) for the package's own units (arkiv, arkivdel,
 * klassifikasjonssystem, klasse, dokumentbeskrivelse, dokumentobjekt): the record gives UUIDs only to
 * case files and entries, and the same record exported twice gets the same IDs.
 * metadatakatalog.xsd v5.0 simpleType ID: every systemID is a UUID.
 */
export function nameUuid(...parts: (string | number)[]): string {
  const h = createHash('sha1').update(`postmottak-uttrekk\u0000${parts.join('\u0000')}`, 'utf8').digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
/** The record's own systemIDs must already be UUIDs (metadatakatalog.xsd v5.0 simpleType ID). */
export function requireUuid(id: string, what: string): string {
  if (!UUID.test(id)) throw new IntegrationError('validation', `${what} har systemID «${id}», som ikke er en UUID (Noark 5 v5.0 krever UUID).`, { integration: INTEGRATION });
  return id;
}

export interface Dates {
  tz: string;
  /** xs:dateTime with the Oslo offset (+01:00 / +02:00) of an instant. */
  dateTime(ms: number): string;
  /** An ISO date-time or date from the record as xs:dateTime in Oslo time. */
  isoDateTime(iso: string): string;
  /** An ISO date-time or date from the record as the Oslo xs:date. */
  isoDate(iso: string): string;
}

export function datesIn(tz: string): Dates {
  const dateTime = (ms: number) => localDateTime(ms, tz);
  return {
    tz,
    dateTime,
    isoDateTime(iso) {
      if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return localMidnight(iso, tz);
      const ms = Date.parse(iso);
      if (Number.isNaN(ms)) throw new IntegrationError('validation', `Ugyldig tidspunkt i arkivdataene: «${iso}».`, { integration: INTEGRATION });
      return dateTime(ms);
    },
    isoDate(iso) {
      if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
      const ms = Date.parse(iso);
      if (Number.isNaN(ms)) throw new IntegrationError('validation', `Ugyldig dato i arkivdataene: «${iso}».`, { integration: INTEGRATION });
      return localDate(ms, tz);
    },
  };
}

/** Noark 5 text values (M-numbers from noark5-standard metadata/*.yaml; RESEARCH-NOTES §2 «Text values»). */
export const TEXT = {
  arkivstatus: 'Avsluttet', // M050
  arkivdelstatus: 'Avsluttet periode', // M051
  saksstatus: 'Avsluttet', // M052
  journalstatus: 'Arkivert', // M053
  dokumentstatus: 'Dokumentet er ferdigstilt', // M054
  dokumentmedium: 'Elektronisk arkiv', // M300
  variantformat: 'Arkivformat', // M700
  sjekksumAlgoritme: 'SHA256', // M706: «Algoritmen som skal brukes inntil videre er SHA256»
  skjermingDokument: 'Skjerming av hele dokumentet', // M505
  /** What the public journal shows for a screened correspondent (the brief for #16). */
  screenedName: 'Skjermet',
} as const;

/** klassifikasjonssystem per ordningsprinsipp: title and klassifikasjonstype (M086). */
export function classificationSystem(prinsipp: string): { tittel: string; type: string | null } {
  switch (prinsipp.toUpperCase()) {
    case 'KK':
      return { tittel: 'K-koder', type: 'K-kodenøkkel' };
    case 'PNR':
    case 'FNR':
      return { tittel: 'Fødselsnummer', type: 'Objektbasert' };
    case 'GBNR':
      return { tittel: 'Gårds- og bruksnummer', type: 'Objektbasert' };
    case 'ORG':
    case 'ORGNR':
      return { tittel: 'Organisasjonsnummer', type: 'Objektbasert' };
    default:
      return { tittel: prinsipp, type: null };
  }
}

/** A class whose ID is a person's number: the ID itself is personal data, never published. */
export const isPersonClass = (prinsipp: string): boolean => ['PNR', 'FNR'].includes(prinsipp.toUpperCase());

/**
 * skjermingMetadata texts (M502, N5WS codelist) for a screening. arkivstruktur.xsd v5.0 skjerming
 * requires at least one; a screening that hides no metadata (documents only) names the title
 * screen, whose public title then equals the title, so nothing is hidden that should show.
 */
export function skjermingMetadata(s: Screening, level: 'mappe' | 'registrering', roles: ('avsender' | 'mottaker')[] = []): string[] {
  const out: string[] = [];
  const titleText = level === 'mappe' ? SKJERMING_METADATA.tittelMappeOrd.text : SKJERMING_METADATA.tittelRegistreringOrd.text;
  if (s.screenTitle) out.push(titleText);
  if (s.screenCorrespondent) {
    if (level === 'mappe') out.push(SKJERMING_METADATA.navnPart.text);
    else {
      if (roles.includes('avsender')) out.push(SKJERMING_METADATA.navnAvsender.text);
      if (roles.includes('mottaker')) out.push(SKJERMING_METADATA.navnMottaker.text);
    }
  }
  return out.length ? out : [titleText];
}

/** "2026/123": mappeID from the archive's numbers; a case file core called closed has them. */
export function caseNumbers(cf: ClosedCaseFile): { saksaar: number; sakssekvensnummer: number; mappeID: string } {
  if (cf.saksaar === null || cf.sakssekvensnummer === null) {
    throw new IntegrationError('validation', `Saksmappen ${cf.systemId} har ikke saksnummer fra arkivet og kan ikke avleveres.`, { integration: INTEGRATION });
  }
  return { saksaar: cf.saksaar, sakssekvensnummer: cf.sakssekvensnummer, mappeID: `${cf.saksaar}/${cf.sakssekvensnummer}` };
}

export type Entry = ClosedCaseFile['entries'][number];

export function entryNumbers(e: Entry): { journalaar: number; journalsekvensnummer: number; journalpostnummer: number } {
  if (e.journalaar === null || e.journalsekvensnummer === null || e.journalpostnummer === null) {
    throw new IntegrationError('validation', `Journalposten ${e.systemId} har ikke journalnummer fra arkivet og kan ikke avleveres.`, { integration: INTEGRATION });
  }
  return { journalaar: e.journalaar, journalsekvensnummer: e.journalsekvensnummer, journalpostnummer: e.journalpostnummer };
}

/** The screening in force on an entry: its own, else its case file's. */
export const entryScreening = (cf: ClosedCaseFile, e: Entry): Screening | null => e.screening ?? cf.screening;

/** Who the package names as having done what the system did (opprettetAv, arkivertAv …). */
export const systemActor = (meta: ExtractionMeta): string => meta.systemName;
