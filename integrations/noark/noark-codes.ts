import type { Avskrivningsmaate, Correspondent, Journalposttype } from '../../electron/core/archive/archive-record';

/**
 * Noark code lists shared by the archive adapters: the code (N5WS, Fiks Arkiv, GeoIntegrasjon,
 * Noark 4) and the text (eFormidling arkivmelding and deposits use the text, never the code).
 */

/** Postmottak's name as the external system in eksternID / EksternNoekkel.fagsystem. */
export const FAGSYSTEM = 'Postmottak';

export const JOURNALPOSTTYPE: Record<Journalposttype, { code: Journalposttype; text: string }> = {
  I: { code: 'I', text: 'Inngående dokument' },
  U: { code: 'U', text: 'Utgående dokument' },
};

export const KORRESPONDANSEPARTTYPE: Record<Correspondent['role'], { code: string; text: string }> = {
  avsender: { code: 'EA', text: 'Avsender' },
  mottaker: { code: 'EM', text: 'Mottaker' },
};

export const AVSKRIVNINGSMAATE: Record<Avskrivningsmaate, { code: Avskrivningsmaate; text: string }> = {
  BU: { code: 'BU', text: 'Besvart med brev' },
};

export const TILKNYTTET_REGISTRERING_SOM = {
  hoveddokument: { code: 'H', text: 'Hoveddokument' },
  vedlegg: { code: 'V', text: 'Vedlegg' },
} as const;

/**
 * Journalstatus (N5WS 07 «Journalstatus» M053; Fiks Arkiv v2 kodelister journalstatus; eFormidling v3.1
 * texts; GI Journalstatus; Noark 4 JP.STATUS uses the same letters). #13 item 7: a reply is F
 * (ferdigstilt fra saksbehandler) when approved and registered, E (ekspedert) once it has left.
 */
export const JOURNALSTATUS = {
  journalfoert: { code: 'J', text: 'Journalført' },
  ferdigstilt: { code: 'F', text: 'Ferdigstilt fra saksbehandler' },
  ekspedert: { code: 'E', text: 'Ekspedert' },
} as const;
/** The status an entry is registered with: I journalført, U ferdigstilt (not yet sent; markSent makes it E). */
export const registeredStatus = (type: Journalposttype): { code: string; text: string } => (type === 'U' ? JOURNALSTATUS.ferdigstilt : JOURNALSTATUS.journalfoert);
/** What a note about the send says (merknad / tilleggsinformasjon), per channel (#13 item 7). */
export function sentNote(sent: { sentAt: string; channel: 'altinn' | 'print'; printedAt: string | null }): string {
  const first = sent.channel === 'altinn' ? `Ekspedert ${sent.sentAt} til mottakerens innboks i Altinn.` : `Ekspedert ${sent.sentAt} på papir (utskrift og post).`;
  return sent.printedAt && sent.channel === 'altinn' ? `${first} Skrevet ut og sendt på papir ${sent.printedAt} (ikke lest digitalt).` : first;
}
export const SAKSSTATUS = { underBehandling: { code: 'B', text: 'Under behandling' } } as const;
export const DOKUMENTSTATUS = { ferdigstilt: { code: 'F', text: 'Dokumentet er ferdigstilt' } } as const;
export const VARIANTFORMAT = { arkivformat: { code: 'A', text: 'Arkivformat' }, produksjonsformat: { code: 'P', text: 'Produksjonsformat' } } as const;

/** N5WS skjermingMetadata: which metadata a screening hides (kapittel 7, SkjermingMetadata). */
export const SKJERMING_METADATA = {
  klasseID: { code: 'KID', text: 'Skjerming klasseID' },
  tittelMappeOrd: { code: 'TMO', text: 'Skjerming tittel mappe - utvalgte ord' },
  navnPart: { code: 'NPS', text: 'Skjerming navn part i sak' },
  tittelRegistreringOrd: { code: 'TRO', text: 'Skjerming tittel registrering - utvalgte ord' },
  navnAvsender: { code: 'NA', text: 'Skjerming navn avsender' },
  navnMottaker: { code: 'NM', text: 'Skjerming navn mottaker' },
  tittelDokument: { code: 'TD', text: 'Skjerming tittel dokumentbeskrivelse' },
} as const;

export const SKJERMING_DOKUMENT = { hele: { code: 'H', text: 'Skjerming av hele dokumentet' } } as const;
export const DOKUMENTMEDIUM = { elektronisk: { code: 'E', text: 'Elektronisk arkiv' } } as const;

/** Klassifikasjonstype (ordningsprinsipp) codes, N5WS kapittel 7. */
export const KLASSIFIKASJONSTYPE: Record<string, string> = {
  GBN: 'Gårds- og bruksnummer',
  FH: 'Funksjonsbasert, hierarkisk',
  EH: 'Emnebasert, hierarkisk arkivnøkkel',
  E1: 'Emnebasert, ett nivå',
  KK: 'K-koder',
  MF: 'Mangefasettert, ikke hierarki',
  UO: 'Objektbasert',
  PNR: 'Fødselsnummer',
};

/**
 * N5WS has no eksternID field: a client's own key goes in virksomhetsspesifikkeMetadata under a
 * vendor field (06 «Virksomhetsspesifikke metadata»: vnd-<leverandør>-<versjon>:<feltnavn>), and
 * is searched with OData `$filter=<field> eq '<key>'` (06 «Søk i virksomhetsspesifikke metadata»).
 */
export const N5WS_EKSTERNID_FIELD = 'vnd-postmottak-v1:eksternid';

/**
 * #13 item 9: the title of a person class (ordningsprinsipp PNR) a transport creates: neutral,
 * never the first case's title; the klasseID (the fødselsnummer) is screened where the case is.
 */
export const PERSON_CLASS_TITLE = 'Personmappe';
