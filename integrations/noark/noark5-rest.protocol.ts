/**
 * Noark 5 tjenestegrensesnitt (N5WS v1.1) as both sides read it from the spec: the media type
 * and the relation keys (kapittel 7). The adapter's mapper and the archive's simulator share
 * this and nothing else.
 */

export const N5_CONTENT_TYPE = 'application/vnd.noark5+json';

const API = 'https://rel.arkivverket.no/noark5/v5/api/';
const AS = `${API}arkivstruktur/`;
const SA = `${API}sakarkiv/`;

/** The relation keys this adapter follows (and the simulator advertises). All end in a slash. */
export const REL = {
  arkivstruktur: AS,
  sakarkiv: SA,
  metadata: `${API}metadata/`,
  system: `${API}admin/system/`,
  arkiv: `${AS}arkiv/`,
  arkivdel: `${AS}arkivdel/`,
  klassifikasjonssystem: `${AS}klassifikasjonssystem/`,
  klasse: `${AS}klasse/`,
  nyKlasse: `${AS}ny-klasse/`,
  mappe: `${AS}mappe/`,
  saksmappe: `${SA}saksmappe/`,
  nySaksmappe: `${SA}ny-saksmappe/`,
  journalpost: `${SA}journalpost/`,
  nyJournalpost: `${SA}ny-journalpost/`,
  korrespondansepart: `${AS}korrespondansepart/`,
  korrespondansepartperson: `${AS}korrespondansepartperson/`,
  korrespondansepartenhet: `${AS}korrespondansepartenhet/`,
  nyKorrespondansepartperson: `${AS}ny-korrespondansepartperson/`,
  nyKorrespondansepartenhet: `${AS}ny-korrespondansepartenhet/`,
  dokumentbeskrivelse: `${AS}dokumentbeskrivelse/`,
  nyDokumentbeskrivelse: `${AS}ny-dokumentbeskrivelse/`,
  dokumentobjekt: `${AS}dokumentobjekt/`,
  nyDokumentobjekt: `${AS}ny-dokumentobjekt/`,
  fil: `${AS}fil/`,
  avskrivning: `${SA}avskrivning/`,
  nyAvskrivning: `${SA}ny-avskrivning/`,
  virksomhetsspesifikkeMetadata: `${API}metadata/virksomhetsspesifikkeMetadata/`,
  /** 06 «Metadatakatalog for virksomhetsspesifikke metadata»; 07 metadata package: ny-virksomhetsspesifikkeMetadata. */
  nyVirksomhetsspesifikkeMetadata: `${API}metadata/ny-virksomhetsspesifikkeMetadata/`,
  /** 07 «Dokumenttype» (M083): the archive's code list, B/R/F/O optional plus its own. */
  dokumenttype: `${API}metadata/dokumenttype/`,
  journalstatus: `${API}metadata/journalstatus/`,
  merknad: `${AS}merknad/`,
  nyMerknad: `${AS}ny-merknad/`,
} as const;
