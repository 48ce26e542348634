/**
 * What Postmottak registers in the municipality's case/archive system (sak/arkiv), in
 * Noark terms but independent of the transport: a case file (saksmappe) and its registry
 * entries (journalpost I for the application, U for the reply), with correspondents,
 * documents, classification and screening. Every adapter maps this to its own wire format.
 */

/** The transports an archive can be reached by; which one is configuration, not code. */
export const ARCHIVE_TRANSPORTS = ['noark5-rest', 'geointegrasjon', 'noark4-ws', 'arkivmelding'] as const;
export type ArchiveTransport = (typeof ARCHIVE_TRANSPORTS)[number];

export type Journalposttype = 'I' | 'U';
/** How a reply closes the application (Noark avskrivningsmåte): BU = besvart med brev. */
export type Avskrivningsmaate = 'BU';

export interface Classification {
  /** Classification system code, e.g. KK (K-koder), PNR (fødselsnummer). */
  ordningsprinsipp: string;
  /** Class id within it, e.g. "A20" or a fødselsnummer under PNR (then screened). */
  ordningsverdi: string;
}

export interface Screening {
  /** Noark tilgangsrestriksjon code as the archive knows it, e.g. UO, P, 13. */
  tilgangsrestriksjon: string;
  /** Legal basis, e.g. "Offl. § 13 jf. fvl. § 13". */
  skjermingshjemmel: string;
  /** The title has screened parts: publish titlePublic in the public journal. */
  screenTitle: boolean;
  /** Hide the correspondent (the citizen) in the public journal. */
  screenCorrespondent: boolean;
  /** Screen the documents themselves. */
  screenDocuments: boolean;
}

export interface ArchiveAddress {
  street: string | null;
  postalCode: string | null;
  postalPlace: string | null;
}

export interface Correspondent {
  role: 'avsender' | 'mottaker';
  name: string;
  /** Fødselsnummer of a person; personal data, goes to the archive only, never to logs. */
  personNumber: string | null;
  organisationNumber: string | null;
  address: ArchiveAddress | null;
}

export interface ArchiveDocument {
  /** 1-based dokumentnummer within the entry; 1 is the main document. */
  number: number;
  role: 'hoveddokument' | 'vedlegg';
  title: string;
  /** Noark dokumenttype, e.g. "Søknad", "Brev", "Vedlegg". */
  dokumenttype: string;
  filename: string;
  contentType: string;
  /** The file's content address in the local store; the adapter asks for the bytes by it. */
  sha256: string;
  size: number;
}

export interface CaseFileRecord {
  /** Idempotency: eksternID / EksternNoekkel.noekkel of the case file. */
  externalKey: string;
  /** The UUID Postmottak gives it (used where the transport lets the sender set systemID). */
  systemId: string;
  title: string;
  /** Title with screened parts masked ("******"), for the public journal. */
  titlePublic: string;
  arkivdel: string;
  classification: Classification;
  administrativEnhet: string;
  saksansvarlig: string | null;
  screening: Screening | null;
  /** ISO date (YYYY-MM-DD) the case was opened. */
  saksdato: string;
}

export interface EntryRecord {
  /** Idempotency: eksternID / EksternNoekkel.noekkel of the journalpost. */
  externalKey: string;
  systemId: string;
  journalposttype: Journalposttype;
  title: string;
  titlePublic: string;
  /** ISO date of registration. */
  journaldato: string;
  /** ISO date-time received (I) or sent (U). */
  dokumentetsDato: string;
  administrativEnhet: string;
  saksbehandler: string | null;
  screening: Screening | null;
  correspondents: Correspondent[];
  documents: ArchiveDocument[];
  /** A reply closes the application it answers (avskrivning of the I by this U). */
  closes: ClosedEntry | null;
}

/**
 * The application (I) a reply closes. Its systemID, title and journaldato let a transport that
 * records the avskrivning on the I itself (eFormidling arkivmelding, #13 item 2) name it in full.
 */
export interface ClosedEntry {
  externalKey: string;
  /** The systemID Postmottak gave the I. */
  systemId: string;
  archiveSystemId: string | null;
  journalpostnummer: number | null;
  avskrivningsmaate: Avskrivningsmaate;
  title: string;
  titlePublic: string;
  /** ISO date the I was registered. */
  journaldato: string;
}

/**
 * A reply that left: when and how (#13 item 7). The U is registered at approval as ferdigstilt
 * (not yet sent); once Altinn accepted it or the print channel took it, the archive is told it is
 * ekspedert with this date. `printedAt` is set when it (also) went on paper.
 */
export interface SentInfo {
  /** ISO date-time the reply was sent (Altinn accepted it, or the print channel took it). */
  sentAt: string;
  channel: 'altinn' | 'print';
  /** ISO date-time the letter was handed to the print channel, when it went on paper. */
  printedAt: string | null;
}

/** The numbers the archive gave the case file. */
export interface ArchivedCaseFile {
  archiveSystemId: string;
  saksaar: number;
  sakssekvensnummer: number;
}

/** The numbers the archive gave the registry entry and its documents. */
export interface ArchivedEntry {
  archiveSystemId: string;
  journalaar: number;
  journalsekvensnummer: number;
  /** Journalpostnummer within the case file. */
  journalpostnummer: number;
  documents: { number: number; archiveSystemId: string }[];
}

/** "2026/123" */
export const saksnummer = (c: Pick<ArchivedCaseFile, 'saksaar' | 'sakssekvensnummer'>): string => `${c.saksaar}/${c.sakssekvensnummer}`;
/** "2026/123-2": the case number and the entry's number within the case, as caseworkers write it. */
export const dokumentnummerText = (c: Pick<ArchivedCaseFile, 'saksaar' | 'sakssekvensnummer'>, e: Pick<ArchivedEntry, 'journalpostnummer'>): string =>
  `${saksnummer(c)}-${e.journalpostnummer}`;

/**
 * The application as the archive knows it: the case number once its case file is archived, and
 * when the incoming entry (journalposttype I) was archived.
 */
export async function archivedApplication(
  store: {
    entriesOfSubmission(submissionId: number): Promise<{ journalposttype: string; caseFileId: number; archivedAt: number | null }[]>;
    caseFile(id: number): Promise<{ archived: Pick<ArchivedCaseFile, 'saksaar' | 'sakssekvensnummer'> | null } | undefined>;
  },
  submissionId: number,
): Promise<{ caseNumber: string | null; archivedAt: number | null }> {
  const entry = (await store.entriesOfSubmission(submissionId)).find((e) => e.journalposttype === 'I');
  const caseFile = entry ? await store.caseFile(entry.caseFileId) : undefined;
  return { caseNumber: caseFile?.archived ? saksnummer(caseFile.archived) : null, archivedAt: entry?.archivedAt ?? null };
}
