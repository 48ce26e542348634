import type { ExtractCaseFile, ExtractScope, JournalRow } from './archive-extract.port';

/**
 * Writers of the archivist's packages (#16). Core decides what goes in (closed case files only,
 * screening applied to the public journal, the change log from the audit trail); the writers in
 * integrations/noark/uttrekk turn it into the formats, streaming.
 */

export interface ExtractionMeta {
  /** The municipality as arkivskaper. */
  arkivskaper: { id: string; name: string };
  /** arkiv/tittel and ADDML archive name. */
  archiveTitle: string;
  systemName: string;
  systemVersion: string;
  scope: ExtractScope;
  /** When and by whom (a person's display name) the package is made. */
  producedAt: number;
  producedBy: string;
  /** IANA zone for every date in the package (Europe/Oslo). */
  timezone: string;
}

/** A case file core found closed (every entry archived, every application answered). */
export interface ClosedCaseFile extends ExtractCaseFile {
  /** ISO date: the last reply's journaldato. */
  avsluttetDato: string;
  avsluttetAv: string;
}

/** A case file of the scope that the package leaves out, and why (in Norwegian, for the archivist). */
export interface LeftOutCaseFile {
  systemId: string;
  saksnummer: string | null;
  titlePublic: string;
  reason: string;
}

/** One endringslogg/endring (Noark 5 endringslogg.xsd), from an audit entry. */
export interface ChangeLogEntry {
  referanseArkivenhet: string;
  referanseMetadata: string;
  /** ISO date-time with offset. */
  endretDato: string;
  endretAv: string;
  tidligereVerdi: string | null;
  nyVerdi: string | null;
}

export interface ExtractionProgress {
  phase: 'counting' | 'writing' | 'documents' | 'checking' | 'packing' | 'done';
  done: number;
  total: number;
}

export interface WrittenFile {
  /** Relative to the package root (avleveringspakke/…). */
  path: string;
  sha256: string;
  size: number;
}

export interface ExtractionResult {
  /** Absolute path of the avleveringspakke folder (or the Noark 4 folder). */
  dir: string;
  /** The .tar with its METS info.xml beside it, when asked for. */
  tarPath: string | null;
  infoXmlPath: string | null;
  files: WrittenFile[];
  counts: { mappe: number; registrering: number; dokumentfiler: number; endringer: number; converted: number };
}

export interface Noark5ExtractionInput {
  meta: ExtractionMeta;
  outDir: string;
  caseFiles: AsyncIterable<ClosedCaseFile>;
  /** How many case files caseFiles yields (progress). */
  total: number;
  changes: AsyncIterable<ChangeLogEntry>;
  leftOut: LeftOutCaseFile[];
  blob(sha256: string): Promise<Uint8Array | undefined>;
  pack: boolean;
  onProgress?(p: ExtractionProgress): void;
}

export interface Noark5ExtractionWriter {
  write(input: Noark5ExtractionInput): Promise<ExtractionResult>;
}

export interface Noark4DepositWriter {
  write(input: Omit<Noark5ExtractionInput, 'changes' | 'pack'>): Promise<ExtractionResult>;
}

/** One control of the pre-check, as Arkade names it. */
export interface PreCheckResult {
  id: string;
  name: string;
  kind: 'structure' | 'content' | 'analysis';
  passed: boolean;
  /** Each fault in Norwegian, naming the file, element or systemID; capped, with the total in errorCount. */
  errors: { message: string; location: string | null }[];
  errorCount: number;
  /** Counts the control reports (e.g. "Antall journalposter": 120). */
  counts: Record<string, number>;
}

export interface PreCheckReport {
  packageDir: string;
  checkedAt: number;
  passed: boolean;
  results: PreCheckResult[];
}

export interface PreCheck {
  run(packageDir: string, onProgress?: (p: ExtractionProgress) => void): Promise<PreCheckReport>;
  /** The report as the archivist keeps it: HTML, PDF/A and JSON, written beside the package; returns their paths. */
  writeReport(report: PreCheckReport, outDir: string): Promise<{ html: string; pdf: string; json: string }>;
}

/** A public journal row after screening: nothing screened left in it. */
export interface PublicJournalRow {
  systemId: string;
  journalposttype: JournalRow['journalposttype'];
  journaldato: string;
  dokumentetsDato: string;
  saksnummer: string | null;
  journalpostnummer: number | null;
  journalaar: number | null;
  journalsekvensnummer: number | null;
  /** Case file title with screened parts masked. */
  caseTitle: string;
  title: string;
  /** Correspondent names, or "Skjermet" where screened. */
  correspondents: { role: 'avsender' | 'mottaker'; name: string }[];
  skjermingshjemmel: string | null;
  administrativEnhet: string;
  saksbehandler: string | null;
  mappeSystemId: string;
}

export interface PublicJournalInput {
  meta: Omit<ExtractionMeta, 'scope'> & { range: { from: string; to: string } };
  rows: AsyncIterable<PublicJournalRow>;
  outDir: string;
}

export interface PublicJournalWriter {
  /** offentligJournal.xml (valid against offentligJournal.xsd v5.0) and a PDF/A list; returns their paths. */
  write(input: PublicJournalInput): Promise<{ xml: string; pdf: string; rows: number }>;
}

/** The ports core's archivist service needs from the writers. */
export interface ArchivistWriters {
  noark5: Noark5ExtractionWriter;
  noark4: Noark4DepositWriter;
  preCheck: PreCheck;
  publicJournal: PublicJournalWriter;
}

export type { ExtractCaseFile, JournalRow };
