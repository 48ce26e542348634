/** In-memory fakes and builders for the archivist's desk tests (#16). Not a test file itself. */
import type { Screening } from '../../electron/core/archive/archive-record';
import type { ArchiveExtractReader, ExtractCaseFile, ExtractEntry, ExtractScope, JournalQuery, JournalRow } from '../../electron/core/ports/archive-extract.port';
import type { ArchivistStore, DeliveryRow, ExportPatch, ExportRecord, ExportRequest } from '../../electron/core/ports/archivist-store.port';
import type { AuditEntry, AuditEntryInput, AuditLog, AuditVerification } from '../../electron/core/ports/audit-log.port';

let seq = 0;
const uuid = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export const screening = (o: Partial<Screening> = {}): Screening => ({
  tilgangsrestriksjon: '13',
  skjermingshjemmel: 'Offl. § 13 jf. fvl. § 13',
  screenTitle: true,
  screenCorrespondent: true,
  screenDocuments: false,
  ...o,
});

export function entry(o: Partial<ExtractEntry> = {}): ExtractEntry {
  const n = ++seq;
  return {
    id: n,
    systemId: uuid(n),
    externalKey: `jp-${n}`,
    journalposttype: 'I',
    title: 'Søknad om barnehageplass – Ola – Solstrålen',
    titlePublic: 'Søknad om barnehageplass – ***** – Solstrålen',
    journaldato: '2026-03-02',
    dokumentetsDato: '2026-03-02T10:00:00+01:00',
    administrativEnhet: 'Oppvekst',
    saksbehandler: 'Siri Saksbehandler',
    screening: null,
    status: 'archived',
    journalaar: 2026,
    journalsekvensnummer: 100 + n,
    journalpostnummer: 1,
    correspondents: [{ role: 'avsender', name: 'Kari Nordmann', personNumber: '01017012345', organisationNumber: null, address: null }],
    documents: [],
    avskrevetAv: null,
    closesSystemId: null,
    sentAt: null,
    createdAt: 1_000,
    archivedAt: 2_000,
    ...o,
  };
}

/** An application (I) and the reply (U) that answered it, both archived. */
export function answeredPair(o: { i?: Partial<ExtractEntry>; u?: Partial<ExtractEntry> } = {}): ExtractEntry[] {
  const u = entry({ journalposttype: 'U', title: 'Vedtak om barnehageplass', titlePublic: 'Vedtak om barnehageplass', journaldato: '2026-03-10', journalpostnummer: 2, saksbehandler: 'Per Vedtak', correspondents: [{ role: 'mottaker', name: 'Kari Nordmann', personNumber: '01017012345', organisationNumber: null, address: null }], ...o.u });
  const i = entry({ avskrevetAv: { bySystemId: u.systemId, date: u.journaldato, avskrivningsmaate: 'BU', by: 'Per Vedtak' }, ...o.i });
  u.closesSystemId = i.systemId;
  return [i, u];
}

export function caseFile(o: Partial<ExtractCaseFile> = {}): ExtractCaseFile {
  const n = ++seq;
  return {
    id: n,
    systemId: uuid(n),
    externalKey: `sak-${n}`,
    profileId: 'barnehage',
    title: 'Barnehageplass – Kari Nordmann',
    titlePublic: 'Barnehageplass – *****',
    arkivdel: 'Sakarkiv',
    classification: { ordningsprinsipp: 'KK', ordningsverdi: 'A20' },
    administrativEnhet: 'Oppvekst',
    saksansvarlig: null,
    screening: null,
    saksdato: '2026-03-02',
    saksaar: 2026,
    sakssekvensnummer: 12,
    transport: 'noark5-rest',
    openedAt: 1_000,
    archivedAt: 2_000,
    entries: answeredPair(),
    ...o,
  };
}

export function journalRow(c: ExtractCaseFile, e: ExtractEntry): JournalRow {
  const { id, systemId, title, titlePublic, saksaar, sakssekvensnummer, arkivdel, classification, screening: s, saksansvarlig, administrativEnhet } = c;
  return { ...e, publicId: `00000000-0000-4000-8000-${String(e.id).padStart(12, '0')}`, caseFile: { id, systemId, title, titlePublic, saksaar, sakssekvensnummer, arkivdel, classification, screening: s, saksansvarlig, administrativEnhet } };
}

export class FakeReader implements ArchiveExtractReader {
  audit: AuditEntry[] = [];
  caseFilePasses = 0;
  keys = new Map<string, string>();
  blobs = new Map<string, Uint8Array>();
  constructor(public files: ExtractCaseFile[] = []) {}
  private inScope(scope: ExtractScope): ExtractCaseFile[] {
    return this.files.filter((c) => c.arkivdel === scope.arkivdel && c.saksdato >= scope.from && c.saksdato <= scope.to);
  }
  async *caseFiles(scope: ExtractScope): AsyncIterable<ExtractCaseFile> {
    this.caseFilePasses++;
    for (const c of this.inScope(scope)) yield c;
  }
  async countScope(scope: ExtractScope) {
    const cs = this.inScope(scope);
    return { caseFiles: cs.length, entries: cs.reduce((n, c) => n + c.entries.length, 0), documents: 0 };
  }
  async *journal(q: JournalQuery): AsyncIterable<JournalRow> {
    const rows = this.files.flatMap((c) => c.entries.map((e) => journalRow(c, e)));
    rows.sort((a, b) => a.journaldato.localeCompare(b.journaldato) || a.id - b.id);
    for (const r of rows) {
      if (r.journaldato < q.from || r.journaldato > q.to) continue;
      if (q.journalposttype && r.journalposttype !== q.journalposttype) continue;
      yield r;
    }
  }
  async *auditEntries(fromMs: number, toMs: number): AsyncIterable<AuditEntry> {
    for (const a of this.audit) if (a.at >= fromMs && a.at < toMs) yield a;
  }
  async systemIdOf(key: string): Promise<string | undefined> {
    if (this.keys.has(key)) return this.keys.get(key);
    for (const c of this.files) {
      if (c.externalKey === key) return c.systemId;
      for (const e of c.entries) if (e.externalKey === key) return e.systemId;
    }
    return undefined;
  }
  async arkivdeler() {
    return [{ arkivdel: 'Sakarkiv', caseFiles: this.files.length, firstSaksdato: '2026-03-02', lastSaksdato: '2026-03-02' }];
  }
  async blob(sha: string) {
    return this.blobs.get(sha);
  }
}

export function auditEntry(action: string, subject: string | null, details: Record<string, unknown>, o: Partial<AuditEntry> = {}): AuditEntry {
  return { seq: ++seq, at: Date.UTC(2026, 2, 15, 9), actor: 'system', action, subject, details, prevHash: '', hash: '', ...o };
}

/** Records whether each call ran inside a unit of work, to check what commits together. */
export class FakeUow {
  depth = 0;
  runs = 0;
  async run<T>(fn: () => Promise<T>): Promise<T> {
    this.runs++;
    this.depth++;
    try {
      return await fn();
    } finally {
      this.depth--;
    }
  }
  get inside(): boolean {
    return this.depth > 0;
  }
}

export class FakeAudit implements AuditLog {
  rows: (AuditEntry & { inUow: boolean })[] = [];
  constructor(private uow: FakeUow) {}
  async append(e: AuditEntryInput, at: number): Promise<AuditEntry> {
    const row = { seq: this.rows.length + 1, at, actor: e.actor, action: e.action, subject: e.subject ?? null, details: e.details ?? {}, prevHash: '', hash: '', inUow: this.uow.inside };
    this.rows.push(row);
    return row;
  }
  verification: AuditVerification = { ok: true, checked: 0, problem: null };
  async verify(): Promise<AuditVerification> {
    return { ...this.verification, checked: this.rows.length };
  }
  async count() {
    return this.rows.length;
  }
  async recent(limit: number) {
    return this.rows.slice(-limit).reverse();
  }
}

export function delivery(o: Partial<DeliveryRow> = {}): DeliveryRow {
  const n = ++seq;
  return {
    entryId: n,
    entryKey: `jp-${n}`,
    caseFileId: 7,
    journalposttype: 'I',
    status: 'failed',
    handled: null,
    transport: 'noark5-rest',
    publicId: uuid(n),
    saksaar: 2026,
    sakssekvensnummer: 12,
    titlePublic: 'Søknad om barnehageplass – *****',
    lastError: 'Ugyldig klasse for 01017012345',
    updatedAt: 1_000,
    ...o,
  };
}

export class FakeArchivistStore implements ArchivistStore {
  exportsById = new Map<number, ExportRecord>();
  rows: DeliveryRow[] = [];
  updates: { id: number; patch: ExportPatch; at: number }[] = [];
  calls: { op: string; inUow: boolean }[] = [];
  caseFileEntries = new Map<number, string[]>();
  constructor(private uow: FakeUow) {}
  async insertExport(r: ExportRequest, now: number): Promise<number> {
    const id = this.exportsById.size + 1;
    this.calls.push({ op: 'insertExport', inUow: this.uow.inside });
    this.exportsById.set(id, { ...r, id, state: 'queued', phase: null, done: 0, total: 0, outDir: null, tarPath: null, files: {}, checkPassed: null, failedChecks: [], leftOut: [], counts: {}, error: null, createdAt: now, finishedAt: null });
    return id;
  }
  async updateExport(id: number, patch: ExportPatch, at: number): Promise<void> {
    this.updates.push({ id, patch, at });
    const r = this.exportsById.get(id)!;
    this.exportsById.set(id, { ...r, ...patch });
  }
  async exportById(id: number) {
    return this.exportsById.get(id);
  }
  async claimExport(id: number): Promise<'started' | 'restarted' | null> {
    const r = this.exportsById.get(id);
    if (r?.state !== 'queued') return null;
    this.exportsById.set(id, { ...r, state: 'running' });
    return 'started';
  }
  async exports(limit: number) {
    return [...this.exportsById.values()].reverse().slice(0, limit);
  }
  async deliveryCounts() {
    const m = new Map<string, { transport: DeliveryRow['transport']; status: DeliveryRow['status'] | 'handled'; count: number }>();
    for (const r of this.rows) {
      const status = r.handled ? 'handled' : r.status;
      const k = `${r.transport}|${status}`;
      const c = m.get(k) ?? { transport: r.transport, status, count: 0 };
      c.count++;
      m.set(k, c);
    }
    return [...m.values()];
  }
  async deliveries(f: { status?: DeliveryRow['status'] | 'handled'; transport?: string; limit: number }) {
    const rows = this.rows.filter((r) => (f.status === undefined || (r.handled ? 'handled' : r.status) === f.status) && (f.transport === undefined || r.transport === f.transport));
    return { rows: rows.slice(0, f.limit), total: rows.length };
  }
  async deliveryByKey(key: string) {
    return this.rows.find((r) => r.entryKey === key);
  }
  async markHandled(entryId: number, by: string, note: string, at: number) {
    this.calls.push({ op: 'markHandled', inUow: this.uow.inside });
    const r = this.rows.find((x) => x.entryId === entryId)!;
    r.handled = { by, note, at };
  }
  async resetEntryToPending(entryId: number, at: number) {
    this.calls.push({ op: 'resetEntryToPending', inUow: this.uow.inside });
    const r = this.rows.find((x) => x.entryId === entryId)!;
    r.status = 'pending';
    r.lastError = null;
    r.updatedAt = at;
  }
  async forgetCaseFile(caseFileId: number, at: number) {
    this.calls.push({ op: 'forgetCaseFile', inUow: this.uow.inside });
    const rows = this.rows.filter((r) => r.caseFileId === caseFileId);
    for (const r of rows) Object.assign(r, { status: 'pending', saksaar: null, sakssekvensnummer: null, lastError: null, updatedAt: at });
    return rows.map((r) => r.entryKey);
  }
}
