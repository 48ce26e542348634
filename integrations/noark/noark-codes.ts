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
