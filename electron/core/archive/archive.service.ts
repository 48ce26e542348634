import { classify, IntegrationError } from '../errors';
import type { ArchiveDelivery, ArchivePort } from '../ports/archive.port';
import type { ArchiveStore, NewEntry, StoredCaseFile, StoredEntry } from '../ports/archive-store.port';
import type { AuditLog } from '../ports/audit-log.port';
import type { Clock } from '../ports/clock.port';
import type { UnitOfWork } from '../ports/unit-of-work.port';
import type { Logger } from '../ports/logger.port';
import type { Outbox } from '../ports/outbox.port';
import type { StoredPart, SubmissionDetail } from '../ports/submission-store.port';
import { mergeLookup, renderTemplate } from '../profiles';
import type { MappedForm } from '../profiles/profile.types';
import type { ServiceProfile } from '../profiles/profile.schema';
import { ARCHIVE_JOB, archiveJobKey, RECEIPT_JOB, receiptJobKey, replyEntryKey, type MarkSentPayload } from './archive.jobs';
import { localDate, localDateTime } from '../local-time';
import { saksnummer, type ArchiveDocument, type CaseFileRecord, type Correspondent, type EntryRecord, type Screening } from './archive-record';

const DAY = 86_400_000;
/** First receipt check after a hand-over: soon (it was 5 s, added to every drop-folder entry, #18); later ones back off in the runner. */
export const RECEIPT_FIRST_CHECK_MS = 250;

export interface ArchiveServiceDeps {
  store: ArchiveStore;
  submission(id: number): Promise<SubmissionDetail | undefined>;
  profile(id: string): ServiceProfile | undefined;
  uow: UnitOfWork;
  outbox: Outbox;
  audit: AuditLog;
  clock: Clock;
  logger: Logger;
  /** The configured archive, or null when none is configured (records wait, jobs are not made). */
  archive: ArchivePort | null;
  /** Keys are per installation: two municipalities' keys must never collide in one archive system. */
  newId(): string;
  /** #13 item 8: with no user list, access.defaultSaksbehandler: saksansvarlig of a new case file until a caseworker decides. */
  defaultSaksbehandler?: string | null;
  /** How long to wait before asking for a receipt the first time (default RECEIPT_FIRST_CHECK_MS). */
  receiptDelayMs?: number;
  /** Register dates are local dates in this zone (config timezone; default Europe/Oslo). #13 item 1 */
  timeZone?: string;
  /** In the transaction that records an entry as archived: what follows archiving (routing, #15) is made durable with it. */
  onArchived?(e: { submissionId: number; journalposttype: StoredEntry['journalposttype']; at: number }): Promise<void>;
}

export interface ReplyInput {
  submissionId: number;
  title: string;
  titlePublic?: string;
  letter: { sha256: string; size: number; filename: string; contentType: string };
  saksbehandler: string;
  /** The deciding caseworker's administrativ enhet; null: the application's (the service profile's). */
  administrativEnhet?: string | null;
  /** Stable key of the reply (e.g. the decision id): registering it twice gives the same entry. */
  replyKey: string;
}

/** The tidy document title of an attachment: its profile label, else its file name. */
function attachmentTitle(profile: ServiceProfile, part: StoredPart): string {
  const def = profile.attachments.find((a) => a.dataType === part.dataType);
  return def?.label.nb ?? part.filename ?? part.dataType;
}

const EXTENSIONS: Record<string, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' };
const extension = (contentType: string): string => EXTENSIONS[contentType] ?? (contentType.includes('xml') ? 'xml' : 'bin');

/** The documents of an incoming entry: the receipt PDF as the main document, attachments after it. */
export function incomingDocuments(sub: SubmissionDetail, profile: ServiceProfile): ArchiveDocument[] {
  const stored = sub.parts.filter((p): p is StoredPart & { sha256: string } => p.sha256 !== null);
  const receipt = stored.find((p) => p.role === 'receipt-pdf');
  // without a receipt PDF the form data itself is the main document, so the entry is never empty
  const main = receipt ?? stored.find((p) => p.role === 'form');
  const docs: ArchiveDocument[] = [];
  if (main) {
    docs.push({
      number: 1,
      role: 'hoveddokument',
      title: profile.name.nb,
      dokumenttype: profile.archive.dokumenttype,
      filename: main.filename ?? `soknad.${extension(main.contentType)}`,
      contentType: main.contentType,
      sha256: main.sha256,
      size: main.size,
    });
  }
  for (const p of stored.filter((x) => x.role === 'attachment')) {
    docs.push({
      number: docs.length + 1,
      role: 'vedlegg',
      title: attachmentTitle(profile, p),
      dokumenttype: 'VEDLEGG',
      filename: p.filename ?? `vedlegg-${docs.length + 1}.${extension(p.contentType)}`,
      contentType: p.contentType,
      sha256: p.sha256,
      size: p.size,
    });
  }
  return docs;
}

function screeningOf(profile: ServiceProfile): Screening | null {
  const s = profile.archive.screening;
  return s
    ? {
        tilgangsrestriksjon: s.tilgangsrestriksjon,
        skjermingshjemmel: s.skjermingshjemmel,
        screenTitle: s.screenTitle,
        screenCorrespondent: s.screenCorrespondent,
        screenDocuments: s.screenDocuments,
      }
    : null;
}

function applicantOf(sub: SubmissionDetail, form: MappedForm | null): Correspondent {
  return {
    role: 'avsender',
    name: form?.applicant.name ?? sub.applicantName ?? 'Ukjent innsender',
    personNumber: form?.applicant.personNumber ?? sub.reportee.personNumber,
    organisationNumber: sub.reportee.organisationNumber,
    address: form?.applicant.address
      ? { street: form.applicant.address.street, postalCode: form.applicant.address.postalCode, postalPlace: form.applicant.address.postalPlace }
      : null,
  };
}

/**
 * Registers applications and replies in the local archive record and delivers them to the
 * configured archive as durable jobs. The local record is written in the caller's transaction
 * (ingest, decision), so nothing can be stored without its archive job, and the decision to
 * open a new case file or join an existing one is made once and kept.
 */
export function createArchiveService(d: ArchiveServiceDeps) {
  // #13 item 1: journaldato, saksdato, avskrivningsdato are the local date; date-times carry the local offset
  const isoDate = (ms: number): string => localDate(ms, d.timeZone);
  const isoDateTime = (ms: number): string => localDateTime(ms, d.timeZone);
  const enqueueArchive = async (entryKey: string): Promise<void> => {
    if (d.archive) await d.outbox.enqueue(ARCHIVE_JOB, { entryKey }, archiveJobKey(entryKey));
  };

  /** Builds and stores the case file (or joins one) and the incoming entry. Call inside a unit of work. */
  async function registerIncoming(submissionId: number): Promise<StoredEntry | undefined> {
    const existing = await d.store.incomingEntryOf(submissionId);
    if (existing) return existing;
    const sub = await d.submission(submissionId);
    if (!sub || sub.status !== 'received' || !sub.profileId) return undefined;
    const profile = d.profile(sub.profileId);
    if (!profile) {
      d.logger.log('warn', 'archive: no profile for submission', { submission: sub.publicId, profile: sub.profileId });
      return undefined;
    }
    const form = sub.form;
    const now = d.clock.now();
    const applicant = applicantOf(sub, form);
    const applicantKey = applicant.personNumber ?? applicant.organisationNumber;
    const screening = screeningOf(profile);
    const title = sub.title ?? profile.name.nb;
    const titlePublic = sub.titlePublic ?? title;

    const joinDays = profile.archive.caseGrouping.joinExistingWithinDays;
    let caseFile: StoredCaseFile | undefined =
      joinDays > 0 && applicantKey ? await d.store.findCaseFileToJoin(profile.id, applicantKey, now - joinDays * DAY) : undefined;
    if (!caseFile) {
      const lookup = form ? mergeLookup(profile, form) : () => null;
      const record: CaseFileRecord = {
        externalKey: `sak-${d.newId()}`,
        systemId: d.newId(),
        title,
        titlePublic,
        arkivdel: profile.archive.arkivdel,
        classification: { ordningsprinsipp: profile.archive.ordningsprinsipp, ordningsverdi: renderTemplate(profile.archive.ordningsverdi, lookup) },
        administrativEnhet: profile.archive.saksbehandlerEnhet,
        saksansvarlig: d.defaultSaksbehandler ?? null,
        screening,
        saksdato: isoDate(now),
      };
      const id = await d.store.insertCaseFile({ ...record, profileId: profile.id, applicantKey, openedAt: now });
      caseFile = (await d.store.caseFile(id))!;
      await d.audit.append({ actor: 'system', action: 'archive.case-file-opened', subject: `case-file:${record.externalKey}`, details: { submission: sub.publicId } }, now);
    }
    const entry: NewEntry = {
      externalKey: `jp-${sub.publicId}`,
      systemId: d.newId(),
      journalposttype: 'I',
      title,
      titlePublic,
      journaldato: isoDate(now),
      dokumentetsDato: isoDateTime(sub.submittedAt),
      administrativEnhet: profile.archive.saksbehandlerEnhet,
      saksbehandler: d.defaultSaksbehandler ?? null,
      screening,
      correspondents: [applicant],
      documents: incomingDocuments(sub, profile),
      caseFileId: caseFile.id,
      submissionId,
      closesEntryId: null,
      avskrivningsmaate: null,
      createdAt: now,
    };
    const id = await d.store.insertEntry(entry);
    await enqueueArchive(entry.externalKey);
    await d.audit.append({ actor: 'system', action: 'archive.registered', subject: `submission:${sub.publicId}`, details: { entry: entry.externalKey, caseFile: caseFile.externalKey } }, now);
    return await d.store.entry(id);
  }

  /** Registers a reply (journalpost U) that closes the application's incoming entry. Call inside a unit of work. */
  async function registerReply(r: ReplyInput, actor: string): Promise<StoredEntry> {
    const key = replyEntryKey(r.replyKey);
    const existing = await d.store.entryByKey(key);
    if (existing) return existing;
    const incoming = await registerIncoming(r.submissionId);
    if (!incoming) throw new IntegrationError('validation', 'Søknaden er ikke registrert for arkivering, så svaret kan ikke knyttes til en sak.');
    const now = d.clock.now();
    const entry: NewEntry = {
      externalKey: key,
      systemId: d.newId(),
      journalposttype: 'U',
      title: r.title,
      titlePublic: r.titlePublic ?? r.title,
      journaldato: isoDate(now),
      dokumentetsDato: isoDateTime(now),
      administrativEnhet: r.administrativEnhet ?? incoming.administrativEnhet,
      saksbehandler: r.saksbehandler,
      screening: incoming.screening,
      correspondents: incoming.correspondents.filter((c) => c.role === 'avsender').map((c) => ({ ...c, role: 'mottaker' as const })),
      documents: [{ number: 1, role: 'hoveddokument', title: r.title, dokumenttype: 'BREV', ...r.letter }],
      caseFileId: incoming.caseFileId,
      submissionId: r.submissionId,
      closesEntryId: incoming.id,
      avskrivningsmaate: 'BU',
      createdAt: now,
    };
    const id = await d.store.insertEntry(entry);
    await enqueueArchive(key);
    await d.audit.append({ actor, action: 'archive.reply-registered', subject: `entry:${key}`, details: { closes: incoming.externalKey } }, now);
    return (await d.store.entry(id))!;
  }

  async function toRecords(entry: StoredEntry): Promise<{ caseFile: StoredCaseFile; record: EntryRecord }> {
    const caseFile = await d.store.caseFile(entry.caseFileId);
    if (!caseFile) throw new IntegrationError('permanent', `Saksmappen til ${entry.externalKey} mangler i den lokale databasen.`);
    let closes: EntryRecord['closes'] = null;
    if (entry.closesEntryId !== null) {
      const i = await d.store.entry(entry.closesEntryId);
      // the reply can only close an application the archive already has
      if (!i?.archived) throw new IntegrationError('transient', 'Venter på at søknaden blir arkivert før svaret kan arkiveres.', { waiting: true });
      const { externalKey, systemId, title, titlePublic, journaldato } = i;
      closes = { externalKey, systemId, title, titlePublic, journaldato, archiveSystemId: i.archived.archiveSystemId || null, journalpostnummer: i.archived.journalpostnummer, avskrivningsmaate: entry.avskrivningsmaate ?? 'BU' };
    }
    const { id: _id, caseFileId: _c, submissionId: _s, closesEntryId: _x, avskrivningsmaate: _a, createdAt: _t, status: _st, transport: _tr, receiptRef: _r, archived: _ar, documentIds: _di, lastError: _le, archivedAt: _at, updatedAt: _u, ...rest } = entry;
    return { caseFile, record: { ...rest, closes } };
  }

  const caseFileRecord = (c: StoredCaseFile): CaseFileRecord => ({
    externalKey: c.externalKey,
    systemId: c.systemId,
    title: c.title,
    titlePublic: c.titlePublic,
    arkivdel: c.arkivdel,
    classification: c.classification,
    administrativEnhet: c.administrativEnhet,
    saksansvarlig: c.saksansvarlig,
    screening: c.screening,
    saksdato: c.saksdato,
  });

  async function recordArchived(entry: StoredEntry, caseFile: StoredCaseFile, r: { caseFile: Parameters<ArchiveStore['markCaseFileArchived']>[2]; entry: Parameters<ArchiveStore['markEntryArchived']>[2] }): Promise<void> {
    const archive = d.archive!;
    const now = d.clock.now();
    await d.uow.run(async () => {
      await d.store.markCaseFileArchived(caseFile.id, archive.transport, r.caseFile, now);
      await d.store.markEntryArchived(entry.id, archive.transport, r.entry, now);
      await d.onArchived?.({ submissionId: entry.submissionId, journalposttype: entry.journalposttype, at: now });
      await d.audit.append(
        {
          actor: 'system',
          action: 'archive.archived',
          subject: `entry:${entry.externalKey}`,
          details: { transport: archive.transport, saksnummer: saksnummer(r.caseFile), journalpostnummer: r.entry.journalpostnummer },
        },
        now,
      );
    });
  }

  async function recordFailure(entry: StoredEntry, e: unknown): Promise<void> {
    const c = classify(e);
    if (c.kind !== 'validation' && c.kind !== 'permanent') return;
    const now = d.clock.now();
    await d.uow.run(async () => {
      await d.store.markEntryFailed(entry.id, c.message, now);
      await d.audit.append({ actor: 'system', action: 'archive.rejected', subject: `entry:${entry.externalKey}`, details: { message: c.message } }, now);
    });
  }

  // one delivery per case file at a time: two entries of a new case must not both create it
  const caseLocks = new Map<number, Promise<void>>();
  async function withCaseLock<T>(caseFileId: number, fn: () => Promise<T>): Promise<T> {
    const before = caseLocks.get(caseFileId) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((r) => (release = r));
    const chained = before.then(() => mine);
    caseLocks.set(caseFileId, chained);
    await before;
    try {
      return await fn();
    } finally {
      release();
      if (caseLocks.get(caseFileId) === chained) caseLocks.delete(caseFileId);
    }
  }

  async function deliveryOf(entry: StoredEntry): Promise<ArchiveDelivery> {
    const { caseFile, record } = await toRecords(entry);
    const loadDocument = async (sha: string): Promise<Uint8Array> => {
      const b = await d.store.blob(sha);
      if (!b) throw new IntegrationError('permanent', `Dokumentet ${sha.slice(0, 12)}… mangler i den lokale databasen.`);
      return b;
    };
    // #13 item 8: a case file with no saksansvarlig yet is the deciding caseworker's (the reply's saksbehandler)
    return { caseFile: { ...caseFileRecord(caseFile), saksansvarlig: caseFile.saksansvarlig ?? record.saksbehandler }, entry: record, knownCaseFile: caseFile.archived, loadDocument };
  }

  /** The archive job: deliver one entry (idempotent at the archive by its external keys). */
  async function deliver(entryKey: string): Promise<void> {
    const archive = d.archive;
    if (!archive) throw new IntegrationError('permanent', 'Ingen sak/arkiv-integrasjon er satt opp.');
    const first = await d.store.entryByKey(entryKey);
    if (!first) throw new IntegrationError('permanent', `Ukjent journalpost ${entryKey}.`);
    await withCaseLock(first.caseFileId, async () => {
      const entry = (await d.store.entryByKey(entryKey))!;
      if (entry.status === 'archived') return;
      const { caseFile } = await toRecords(entry);
      try {
        // the network call runs outside any unit of work; only its outcome is written in one
        const r = await archive.deliver(await deliveryOf(entry));
        if (r.state === 'archived') await recordArchived(entry, caseFile, r);
        else {
          const now = d.clock.now();
          // the state and the receipt job commit together, so a crash cannot leave an entry waiting with nobody asking
          await d.uow.run(async () => {
            await d.store.markEntryAwaitingReceipt(entry.id, archive.transport, r.reference, now);
            // a receipt may take hours (the archive's own schedule): many patient attempts, backoff capped
            await d.outbox.enqueue(RECEIPT_JOB, { entryKey }, receiptJobKey(entryKey), { runAfter: now + (d.receiptDelayMs ?? RECEIPT_FIRST_CHECK_MS), maxAttempts: 200 });
          });
        }
      } catch (e) {
        await recordFailure(entry, e);
        throw e;
      }
    });
  }

  /** The receipt job: has the archive answered a message handed over earlier? */
  async function checkReceipt(entryKey: string): Promise<void> {
    const archive = d.archive;
    const entry = await d.store.entryByKey(entryKey);
    if (!entry || entry.status === 'archived') return;
    if (!archive?.checkReceipt || !entry.receiptRef) throw new IntegrationError('permanent', 'Arkivet som er satt opp, gir ikke kvitteringer.');
    const r = await archive.checkReceipt(entry.receiptRef, await deliveryOf(entry));
    if (r.state === 'archived') {
      await recordArchived(entry, (await d.store.caseFile(entry.caseFileId))!, r);
      return;
    }
    if (r.state === 'rejected') {
      const e = new IntegrationError('validation', r.message, { integration: 'archive' });
      await recordFailure(entry, e);
      throw e;
    }
    throw new IntegrationError('transient', 'Venter på kvittering fra arkivet.', { integration: 'archive' });
  }

  /** The mark-sent job (#13 item 7): the archived reply is ekspedert, with the real send date. */
  async function markSent(p: MarkSentPayload): Promise<void> {
    const archive = d.archive;
    const entry = await d.store.entryByKey(p.entryKey);
    if (!archive || !entry) return;
    if (entry.status !== 'archived' || !entry.archived) throw new IntegrationError('transient', 'Venter på at svaret blir arkivert før det kan merkes som ekspedert.', { integration: 'archive' });
    const caseFile = await d.store.caseFile(entry.caseFileId);
    if (!caseFile?.archived) throw new IntegrationError('transient', 'Venter på saksmappen i arkivet.', { integration: 'archive' });
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    const sent = { sentAt: iso(p.sentAt)!, channel: p.channel, printedAt: iso(p.printedAt) };
    const { record } = await toRecords(entry);
    await archive.markSent({ caseFile: caseFileRecord(caseFile), entry: { ...record, closes: null }, archivedCaseFile: caseFile.archived, archived: entry.archived, sent });
    const now = d.clock.now();
    await d.uow.run(() => d.audit.append({ actor: 'system', action: 'archive.marked-sent', subject: `entry:${entry.externalKey}`, details: sent }, now));
  }

  /** After a restart or a configuration change: every unfinished entry has its job. Idempotent. */
  async function ensureJobs(limit = 100_000): Promise<number> {
    if (!d.archive) return 0;
    const open = (await d.store.unfinished(limit)).filter((e) => e.status === 'pending');
    await d.uow.run(async () => {
      for (const e of open) await enqueueArchive(e.externalKey);
    });
    return open.length;
  }

  return { registerIncoming, registerReply, deliver, checkReceipt, markSent, ensureJobs };
}

export type ArchiveService = ReturnType<typeof createArchiveService>;
