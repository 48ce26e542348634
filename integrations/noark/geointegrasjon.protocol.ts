/**
 * GeoIntegrasjon (GI) Arkiv 1.1 as both sides read it from the spec: the namespaces (…/2012.01.31),
 * the prefixes a payload declares, the code lists' names and the operations. The adapter's
 * mapper and the archive's simulator share this and nothing else.
 */

const V = 'xml.schema/2012.01.31';
export const GI_NS = {
  oppdatering: 'http://rep.geointegrasjon.no/Arkiv/Oppdatering/xml.wsdl/2012.01.31',
  innsyn: 'http://rep.geointegrasjon.no/Arkiv/Innsyn/xml.wsdl/2012.01.31',
  kjerne: `http://rep.geointegrasjon.no/Arkiv/Kjerne/${V}`,
  arkivFelles: `http://rep.geointegrasjon.no/Arkiv/Felles/${V}`,
  dokument: `http://rep.geointegrasjon.no/Arkiv/Dokument/${V}`,
  kodeliste: `http://rep.geointegrasjon.no/Felles/Kodeliste/${V}`,
  kontakt: `http://rep.geointegrasjon.no/Felles/Kontakt/${V}`,
  adresse: `http://rep.geointegrasjon.no/Felles/Adresse/${V}`,
  teknisk: `http://rep.geointegrasjon.no/Felles/Teknisk/${V}`,
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
  soap: 'http://schemas.xmlsoap.org/soap/envelope/',
} as const;

/** The prefixes every payload declares on its root element (the simulator answers with the same). */
export const GI_PREFIXES = { kj: GI_NS.kjerne, af: GI_NS.arkivFelles, dok: GI_NS.dokument, kl: GI_NS.kodeliste, ko: GI_NS.kontakt, ad: GI_NS.adresse, tek: GI_NS.teknisk, xsi: GI_NS.xsi } as const;

/**
 * GI 1.1 ships no code lists (each installation configures its own, HentKodeliste reads them).
 * These are the values Postmottak sends where noark-codes.ts has none: the person identifier type
 * and the address type the GI sample client (Arkitektum/GeoIntegrasjon.Arkiv.Eksempel) uses.
 */
export const GI_CODES = {
  personidentifikatorType: { fodselsnummer: 'F' },
  adressetype: { postadresse: { code: 'POST', text: 'Postadresse' } },
  spraak: 'nb',
} as const;

export type GiOperation =
  | 'NySaksmappe'
  | 'NyJournalpost'
  | 'NyDokument'
  | 'NyAvskrivning'
  | 'NyKorrespondansepart'
  | 'OppdaterJournalpostStatus'
  | 'NyJournalpostMerknad'
  | 'FinnSaksmapperGittNoekkel'
  | 'FinnJournalposterGittNoekkel'
  | 'FinnDokumenterGittJournalpostnoekkel';

export const INNSYN_OPERATIONS: ReadonlySet<GiOperation> = new Set(['FinnSaksmapperGittNoekkel', 'FinnJournalposterGittNoekkel', 'FinnDokumenterGittJournalpostnoekkel']);

