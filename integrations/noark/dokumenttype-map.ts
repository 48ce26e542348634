import { IntegrationError } from '../../electron/core/errors';

/**
 * #13 item 3: Postmottak's document types (profiles' archive.dokumenttype, in capitals, and the
 * core's own VEDLEGG for attachments and BREV for the reply) mapped explicitly to each dialect's
 * code list. No case-folding guess, no silent fallback: a type a transport cannot map is refused
 * when the profile is loaded (dokumenttypeProblems), and never reaches the archive.
 *
 * Noark 5 REST (N5WS) is not here: it maps to the codes the archive declares at its metadata
 * endpoint (#13 item 4).
 */

export type DokumenttypeDialect = 'eformidling' | 'fiks-arkiv-v2' | 'geointegrasjon' | 'noark4-ws';

export interface DokumenttypeCode {
  code: string;
  text: string;
}

const c = (code: string, text: string): DokumenttypeCode => ({ code, text });

/** The type itself, in capitals, as code and the Noark 5 text: GeoIntegrasjon's and Noark 4's list alike. */
const CAPITALISED_CODES: Readonly<Record<string, DokumenttypeCode>> = {
  SØKNAD: c('SØKNAD', 'Søknad'),
  MELDING: c('MELDING', 'Melding'),
  VEDLEGG: c('VEDLEGG', 'Vedlegg'),
  BREV: c('BREV', 'Brev'),
  VEDTAK: c('VEDTAK', 'Vedtak'),
  KLAGE: c('KLAGE', 'Klage'),
  NOTAT: c('NOTAT', 'Notat'),
};

export const DOKUMENTTYPE_MAP: Record<DokumenttypeDialect, Readonly<Record<string, DokumenttypeCode>>> = {
  // eFormidling arkivmelding (Noark 5 v3.1): M083 dokumenttype is a free string
  // (specs/noark/arkivmelding/eformidling/metadatakatalog.xsd:276-281); the Noark 5 texts are sent
  eformidling: {
    SØKNAD: c('Søknad', 'Søknad'),
    MELDING: c('Melding', 'Melding'),
    VEDLEGG: c('Vedlegg', 'Vedlegg'),
    BREV: c('Brev', 'Brev'),
    VEDTAK: c('Vedtak', 'Vedtak'),
    KLAGE: c('Klage', 'Klage'),
    NOTAT: c('Notat', 'Notat'),
  },
  // Fiks Arkiv v2 code list: specs/noark/arkivmelding/fiks-arkiv-v2/kodelister/
  // no.ks.fiks.arkiv.v2.kodelister.dokumenttype/no.ks.fiks.arkiv.v2.kodelister.dokumenttype.json
  // (SØKNAD line 8, MELDING 12, KORR 16, VEDTAK 44, KLAGE, NOTAT, VEDLEGG)
  'fiks-arkiv-v2': {
    SØKNAD: c('SØKNAD', 'Søknad'),
    MELDING: c('MELDING', 'Melding'),
    VEDLEGG: c('VEDLEGG', 'Vedlegg'),
    BREV: c('KORR', 'Korrespondanse'),
    VEDTAK: c('VEDTAK', 'Vedtak'),
    KLAGE: c('KLAGE', 'Klage'),
    NOTAT: c('NOTAT', 'Notat'),
  },
  // GeoIntegrasjon Dokumenttype is a Kode (kodeverdi + kodebeskrivelse) from the archive's own list
  // (FinnDokumenttyper); Postmottak sends the Noark 5 text as kodebeskrivelse
  geointegrasjon: CAPITALISED_CODES,
  // Noark 4 DB.KATEGORI (specs/noark/noark4/dtd/DOKBESK.DTD:11), a code of the DOKKATEGORI table
  'noark4-ws': CAPITALISED_CODES,
};

export const DIALECT_NAMES: Record<DokumenttypeDialect, string> = {
  eformidling: 'eFormidling arkivmelding',
  'fiks-arkiv-v2': 'Fiks Arkiv v2',
  geointegrasjon: 'GeoIntegrasjon',
  'noark4-ws': 'Noark 4 WS',
};

/** A type as written («Søknad», «SØKNAD») → its key in the maps; the maps themselves are explicit. */
const keyOf = (type: string): string => type.trim().toLocaleUpperCase('nb');
const lookup = (dialect: DokumenttypeDialect, type: string): DokumenttypeCode | undefined =>
  Object.prototype.hasOwnProperty.call(DOKUMENTTYPE_MAP[dialect], keyOf(type)) ? DOKUMENTTYPE_MAP[dialect][keyOf(type)] : undefined;

/** The dialect's code for a document type; a type the profile check let through but the dialect cannot map is refused. */
export function dokumenttypeIn(dialect: DokumenttypeDialect, type: string): DokumenttypeCode {
  const hit = lookup(dialect, type);
  if (!hit) throw new IntegrationError('validation', `Dokumenttypen «${type}» har ingen kode i ${DIALECT_NAMES[dialect]}s kodeliste.`);
  return hit;
}

/** Profile check: one message per transport that cannot map the profile's dokumenttype (empty when every one can). */
export function dokumenttypeProblems(profileId: string, type: string): string[] {
  return (Object.keys(DOKUMENTTYPE_MAP) as DokumenttypeDialect[])
    .filter((dialect) => !lookup(dialect, type))
    .map(
      (dialect) =>
        `Profilen «${profileId}» har dokumenttypen «${type}», som ${DIALECT_NAMES[dialect]} ikke kan sende (kjente typer: ${Object.keys(DOKUMENTTYPE_MAP[dialect]).join(', ')}).`,
    );
}
