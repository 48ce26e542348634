import { randomUUID } from 'node:crypto';

/**
 * What every archive simulator (Noark 5 REST, GeoIntegrasjon, Noark 4 WS, arkivmelding drop
 * folder) keeps: case files and registry entries with the numbers a Noark system assigns
 * (saksår/sakssekvensnummer, journalår/journalsekvensnummer, journalpostnummer within the case),
 * correspondents, documents with their bytes' checksum, and avskrivninger. Tests inspect it.
 */

export interface SimCaseFile {
  systemId: string;
  /** eksternID / EksternNoekkel (fagsystem:noekkel joined as "fagsystem/noekkel" is NOT used: just noekkel). */
  externalKey: string | null;
  fagsystem: string | null;
  saksaar: number;
  sakssekvensnummer: number;
  title: string;
  titlePublic: string | null;
  arkivdel: string | null;
  classification: { ordningsprinsipp: string; ordningsverdi: string }[];
  administrativEnhet: string | null;
  saksansvarlig: string | null;
  tilgangsrestriksjon: string | null;
  skjermingshjemmel: string | null;
  createdAt: number;
  /** The transport's raw request for inspection (JSON object, or XML text). */
  raw?: unknown;
}

export interface SimDocument {
  systemId: string;
  dokumentnummer: number;
  tilknyttetRegistreringSom: string;
  title: string;
  dokumenttype: string | null;
  filename: string | null;
  contentType: string | null;
  size: number | null;
  sha256: string | null;
}

export interface SimCorrespondent {
  type: string;
  name: string;
  personNumber: string | null;
  organisationNumber: string | null;
  screened: boolean;
}

export interface SimAvskrivning {
  /** The entry that is closed (the I). */
  entrySystemId: string;
  /** The entry that closes it (the U). */
  byEntrySystemId: string | null;
  maate: string;
}

export interface SimEntry {
  systemId: string;
  externalKey: string | null;
  fagsystem: string | null;
  caseFileSystemId: string;
  journalposttype: string;
  journalaar: number;
  journalsekvensnummer: number;
  journalpostnummer: number;
  title: string;
  titlePublic: string | null;
  tilgangsrestriksjon: string | null;
  skjermingshjemmel: string | null;
  correspondents: SimCorrespondent[];
  documents: SimDocument[];
  createdAt: number;
  raw?: unknown;
  /** Updates received after registration, oldest first (#13 item 7): PATCH bodies, SOAP payloads, update messages. */
  updates?: unknown[];
}

export interface SimRejection {
  at: number;
  operation: string;
  message: string;
}

export type NewSimCaseFile = Omit<SimCaseFile, 'systemId' | 'saksaar' | 'sakssekvensnummer' | 'createdAt'> & { systemId?: string };
export type NewSimEntry = Omit<SimEntry, 'systemId' | 'journalaar' | 'journalsekvensnummer' | 'journalpostnummer' | 'createdAt' | 'correspondents' | 'documents'> & {
  systemId?: string;
  correspondents?: SimCorrespondent[];
  documents?: SimDocument[];
};

/** The in-memory archive one simulator holds. Numbers are assigned per year, as a Noark system does. */
export class ArchiveSimState {
  private readonly cases = new Map<string, SimCaseFile>();
  private readonly entryMap = new Map<string, SimEntry>();
  private readonly avskrivningList: SimAvskrivning[] = [];
  private readonly rejectionList: SimRejection[] = [];
  private readonly caseKeys = new Map<string, SimCaseFile>();
  private readonly entryKeys = new Map<string, SimEntry>();
  private readonly byCase = new Map<string, SimEntry[]>();
  private readonly caseSeq = new Map<number, number>();
  private readonly journalSeq = new Map<number, number>();
  /** Raw files received (e.g. uploaded documents), by document systemId. */
  readonly files = new Map<string, Buffer>();

  constructor(
    private readonly now: () => number = Date.now,
    /** Where systemIDs come from (the demo's archive draws them so a restart gives the same ones). */
    private readonly newId: () => string = randomUUID,
  ) {}

  private year(): number {
    return new Date(this.now()).getUTCFullYear();
  }

  addCaseFile(c: NewSimCaseFile): SimCaseFile {
    const y = this.year();
    const seq = (this.caseSeq.get(y) ?? 0) + 1;
    this.caseSeq.set(y, seq);
    const row: SimCaseFile = { ...c, systemId: c.systemId ?? this.newId(), saksaar: y, sakssekvensnummer: seq, createdAt: this.now() };
    this.cases.set(row.systemId, row);
    if (row.externalKey) this.caseKeys.set(row.externalKey, row);
    return row;
  }

  addEntry(e: NewSimEntry): SimEntry {
    const c = this.cases.get(e.caseFileSystemId);
    if (!c) throw new Error(`ukjent saksmappe ${e.caseFileSystemId}`);
    const y = this.year();
    const seq = (this.journalSeq.get(y) ?? 0) + 1;
    this.journalSeq.set(y, seq);
    const siblings = this.byCase.get(c.systemId) ?? [];
    const inCase = siblings.length;
    const row: SimEntry = {
      ...e,
      correspondents: e.correspondents ?? [],
      documents: e.documents ?? [],
      systemId: e.systemId ?? this.newId(),
      journalaar: y,
      journalsekvensnummer: seq,
      journalpostnummer: inCase + 1,
      createdAt: this.now(),
    };
    this.entryMap.set(row.systemId, row);
    if (row.externalKey) this.entryKeys.set(row.externalKey, row);
    siblings.push(row);
    this.byCase.set(c.systemId, siblings);
    return row;
  }

  /** Keeps an update the archive accepted for an entry (for tests to read what was sent). */
  recordUpdate(entrySystemId: string, raw: unknown): void {
    const e = this.entryMap.get(entrySystemId);
    if (e) (e.updates ??= []).push(raw);
  }

  addDocument(entrySystemId: string, d: Omit<SimDocument, 'systemId' | 'dokumentnummer'> & { systemId?: string; dokumentnummer?: number }): SimDocument {
    const e = this.entryMap.get(entrySystemId);
    if (!e) throw new Error(`ukjent journalpost ${entrySystemId}`);
    const doc: SimDocument = { ...d, systemId: d.systemId ?? this.newId(), dokumentnummer: d.dokumentnummer ?? e.documents.length + 1 };
    e.documents.push(doc);
    return doc;
  }

  addCorrespondent(entrySystemId: string, k: SimCorrespondent): void {
    const e = this.entryMap.get(entrySystemId);
    if (!e) throw new Error(`ukjent journalpost ${entrySystemId}`);
    e.correspondents.push(k);
  }

  addAvskrivning(a: SimAvskrivning): void {
    this.avskrivningList.push(a);
  }

  reject(operation: string, message: string): void {
    this.rejectionList.push({ at: this.now(), operation, message });
  }

  caseFile(systemId: string): SimCaseFile | undefined {
    return this.cases.get(systemId);
  }
  entry(systemId: string): SimEntry | undefined {
    return this.entryMap.get(systemId);
  }
  caseFileByKey(externalKey: string): SimCaseFile | undefined {
    return this.caseKeys.get(externalKey);
  }
  entryByKey(externalKey: string): SimEntry | undefined {
    return this.entryKeys.get(externalKey);
  }
  caseFileByNumber(saksaar: number, sakssekvensnummer: number): SimCaseFile | undefined {
    return [...this.cases.values()].find((c) => c.saksaar === saksaar && c.sakssekvensnummer === sakssekvensnummer);
  }

  caseFiles(): SimCaseFile[] {
    return [...this.cases.values()];
  }
  entries(): SimEntry[] {
    return [...this.entryMap.values()];
  }
  entriesOf(caseFileSystemId: string): SimEntry[] {
    return [...(this.byCase.get(caseFileSystemId) ?? [])];
  }
  avskrivninger(): SimAvskrivning[] {
    return [...this.avskrivningList];
  }
  rejections(): SimRejection[] {
    return [...this.rejectionList];
  }
}

/** What tests and the demo see of any archive simulator. */
export interface ArchiveSimulator {
  /** Base URL (REST/SOAP) or the drop folder path. */
  readonly url: string;
  readonly state: ArchiveSimState;
  close(): Promise<void>;
}
