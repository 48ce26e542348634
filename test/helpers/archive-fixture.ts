import { createHash, randomUUID } from 'node:crypto';
import type { ArchiveDocument, CaseFileRecord, EntryRecord, Screening } from '../../electron/core/archive/archive-record';
import type { ArchiveDelivery } from '../../electron/core/ports/archive.port';

/**
 * Deliveries for archive adapter tests: an incoming application, the reply that closes it,
 * and a screened health application. Documents are real bytes (a small PDF-looking body)
 * served by sha256 like the store does.
 */

export interface DocumentBytes {
  doc: ArchiveDocument;
  bytes: Uint8Array;
}

export function pdfBytes(label: string, size = 2_000): Uint8Array {
  const head = Buffer.from(`%PDF-1.7\n% ${label}\n`, 'latin1');
  const body = Buffer.alloc(Math.max(0, size - head.length - 6), 0x20);
  return new Uint8Array(Buffer.concat([head, body, Buffer.from('\n%%EOF', 'latin1')]));
}

export function document(number: number, role: ArchiveDocument['role'], title: string, bytes: Uint8Array, filename = `${number}.pdf`): DocumentBytes {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return {
    doc: { number, role, title, dokumenttype: role === 'hoveddokument' ? 'Søknad' : 'Vedlegg', filename, contentType: 'application/pdf', sha256, size: bytes.byteLength },
    bytes,
  };
}

/** A store of bytes by sha256, as ArchiveDelivery.loadDocument expects. */
export function blobLoader(docs: DocumentBytes[]): (sha256: string) => Promise<Uint8Array> {
  const map = new Map(docs.map((d) => [d.doc.sha256, d.bytes]));
  return async (sha) => {
    const b = map.get(sha);
    if (!b) throw new Error(`no blob ${sha}`);
    return b;
  };
}

export const HEALTH_SCREENING: Screening = {
  tilgangsrestriksjon: '13',
  skjermingshjemmel: 'Offl. § 13 jf. fvl. § 13 første ledd nr. 1',
  screenTitle: true,
  screenCorrespondent: true,
  screenDocuments: true,
};

export interface ApplicationOptions {
  key?: string;
  applicant?: string;
  personNumber?: string;
  screening?: Screening | null;
  title?: string;
  titlePublic?: string;
  /** Size of the main document in bytes. */
  pdfSize?: number;
  attachments?: number;
}

export interface ApplicationFixture {
  delivery: ArchiveDelivery;
  docs: DocumentBytes[];
}

/** A case file and its incoming registry entry (journalpost I) for one application. */
export function incomingApplication(o: ApplicationOptions = {}): ApplicationFixture {
  const key = o.key ?? randomUUID();
  const applicant = o.applicant ?? 'Kari Nordmann';
  const personNumber = o.personNumber ?? '01017012345';
  const screening = o.screening ?? null;
  const title = o.title ?? `Søknad om barnehageplass - ${applicant}`;
  const titlePublic = o.titlePublic ?? (screening ? 'Søknad om helse- og omsorgstjenester - ******' : title);
  const docs = [document(1, 'hoveddokument', 'Søknad', pdfBytes(`søknad ${key}`, o.pdfSize ?? 2_000), 'soknad.pdf')];
  for (let i = 0; i < (o.attachments ?? 1); i++) docs.push(document(i + 2, 'vedlegg', `Vedlegg ${i + 1}`, pdfBytes(`vedlegg ${i} ${key}`, 1_000), `vedlegg-${i + 1}.pdf`));
  const caseFile: CaseFileRecord = {
    externalKey: `sak-${key}`,
    systemId: randomUUID(),
    title,
    titlePublic,
    arkivdel: 'Saksarkiv',
    classification: screening ? { ordningsprinsipp: 'PNR', ordningsverdi: personNumber } : { ordningsprinsipp: 'KK', ordningsverdi: 'A10' },
    administrativEnhet: 'OPPV',
    saksansvarlig: null,
    screening,
    saksdato: '2026-11-27',
  };
  const entry: EntryRecord = {
    externalKey: `jp-${key}`,
    systemId: randomUUID(),
    journalposttype: 'I',
    title,
    titlePublic,
    journaldato: '2026-11-27',
    dokumentetsDato: '2026-11-27T09:15:00.000Z',
    administrativEnhet: 'OPPV',
    saksbehandler: null,
    screening,
    correspondents: [
      { role: 'avsender', name: applicant, personNumber, organisationNumber: null, address: { street: 'Storgata 1', postalCode: '0155', postalPlace: 'OSLO' } },
    ],
    documents: docs.map((d) => d.doc),
    closes: null,
  };
  return { delivery: { caseFile, entry, knownCaseFile: null, loadDocument: blobLoader(docs) }, docs };
}

/** The reply (journalpost U) to an application, in the same case file, closing the incoming entry. */
export function outgoingReply(
  app: ApplicationFixture,
  archived: { caseFile: ArchiveDelivery['knownCaseFile']; entryArchiveSystemId: string | null; journalpostnummer: number | null },
): ApplicationFixture {
  const a = app.delivery;
  const docs = [document(1, 'hoveddokument', 'Vedtak', pdfBytes(`svar ${a.entry.externalKey}`, 3_000), 'vedtak.pdf')];
  const entry: EntryRecord = {
    ...a.entry,
    externalKey: `${a.entry.externalKey}-svar`,
    systemId: randomUUID(),
    journalposttype: 'U',
    title: `Svar på ${a.entry.title.charAt(0).toLowerCase()}${a.entry.title.slice(1)}`,
    titlePublic: `Svar på ${a.entry.titlePublic.charAt(0).toLowerCase()}${a.entry.titlePublic.slice(1)}`,
    journaldato: '2026-11-28',
    dokumentetsDato: '2026-11-28T13:00:00.000Z',
    saksbehandler: 'Sara Saksbehandler',
    correspondents: a.entry.correspondents.map((c) => ({ ...c, role: 'mottaker' as const })),
    documents: docs.map((d) => ({ ...d.doc, dokumenttype: 'Brev' })),
    closes: {
      externalKey: a.entry.externalKey,
      systemId: a.entry.systemId,
      archiveSystemId: archived.entryArchiveSystemId,
      journalpostnummer: archived.journalpostnummer,
      avskrivningsmaate: 'BU',
      title: a.entry.title,
      titlePublic: a.entry.titlePublic,
      journaldato: a.entry.journaldato,
    },
  };
  return { delivery: { caseFile: a.caseFile, entry, knownCaseFile: archived.caseFile, loadDocument: blobLoader(docs) }, docs };
}

export const sha256Hex = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
