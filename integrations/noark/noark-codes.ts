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

export const JOURNALSTATUS = { journalfoert: { code: 'J', text: 'Journalført' }, ekspedert: { code: 'E', text: 'Ekspedert' } } as const;
export const SAKSSTATUS = { underBehandling: { code: 'B', text: 'Under behandling' } } as const;
export const DOKUMENTSTATUS = { ferdigstilt: { code: 'F', text: 'Dokumentet er ferdigstilt' } } as const;
export const VARIANTFORMAT = { arkivformat: { code: 'A', text: 'Arkivformat' }, produksjonsformat: { code: 'P', text: 'Produksjonsformat' } } as const;

/**
 * Noark dokumenttype: N5WS lists B/R/F/O as optional codes; archives extend the list
 * (ny-dokumenttype). Postmottak's texts map to these codes (case-insensitive, see dokumenttypeFor); an unknown text is sent
 * as its own code, and the archive decides.
 */
export const DOKUMENTTYPE: Record<string, { code: string; text: string }> = {
  Brev: { code: 'B', text: 'Brev' },
  Rundskriv: { code: 'R', text: 'Rundskriv' },
  Faktura: { code: 'F', text: 'Faktura' },
  Ordrebekreftelse: { code: 'O', text: 'Ordrebekreftelse' },
  Søknad: { code: 'SØK', text: 'Søknad' },
  Vedlegg: { code: 'VED', text: 'Vedlegg' },
  Melding: { code: 'MEL', text: 'Melding' },
};

/** The dokumenttype code for a text as profiles write it ("SØKNAD", "Søknad", or a code like "B"). */
export function dokumenttypeFor(textOrCode: string): { code: string; text: string } {
  const t = textOrCode.trim().toLowerCase();
  for (const v of Object.values(DOKUMENTTYPE)) if (v.text.toLowerCase() === t || v.code.toLowerCase() === t) return v;
  return { code: textOrCode, text: textOrCode };
}

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
 * Fiks Arkiv v2 dokumenttype codes (kodelister/no.ks.fiks.arkiv.v2.kodelister.dokumenttype) by the
 * Noark text Postmottak uses. A text not listed goes as DOKUMENT with the text as beskrivelse.
 */
export const FIKS_DOKUMENTTYPE: Record<string, string> = {
  Søknad: 'SØKNAD',
  Vedlegg: 'VEDLEGG',
  Brev: 'KORR',
  Korrespondanse: 'KORR',
  Vedtak: 'VEDTAK',
  Melding: 'MELDING',
  Notat: 'NOTAT',
  Klage: 'KLAGE',
};
export const FIKS_DOKUMENTTYPE_FALLBACK = 'DOKUMENT';
