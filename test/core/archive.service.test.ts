import { describe, expect, it } from 'vitest';
import type { ArchiveDelivery, ArchivePort, DeliveryResult, ReceiptResult, SentDelivery } from '../../electron/core/ports/archive.port';
import { ARCHIVE_JOB, enqueueMarkSent, MARK_SENT_JOB, RECEIPT_JOB, type MarkSentPayload } from '../../electron/core/archive/archive.jobs';
import { createArchiveService, RECEIPT_FIRST_CHECK_MS } from '../../electron/core/archive/archive.service';
import { IntegrationError } from '../../electron/core/errors';
import type { NewSubmission } from '../../electron/core/ports/submission-store.port';
import { createArchiveRepo, createAuditRepo, createSubmissionsRepo } from '../../electron/store';
import { shippedProfiles } from '../helpers/ingest-env';
import { part, receivedApplication } from '../helpers/submission-fixture';
import { storeKinds, testStoresOf, type TestStore } from '../helpers/test-store';

const DAY = 86_400_000;
const FNR = '01017012345';

function submission(profileId: string, o: { fnr?: string; name?: string; receipt?: boolean } = {}): NewSubmission {
  const enc = (s: string) => new TextEncoder().encode(s);
  const name = o.name ?? 'Kari Nordmann';
  return receivedApplication({
    profileId,
    fnr: o.fnr ?? FNR,
    name,
    title: 'Søknad om barnehageplass – Ola – Solstrålen',
    titlePublic: 'Søknad om barnehageplass – ***** – Solstrålen',
    form: { address: { street: 'Storgata 1', postalCode: '0155', postalPlace: 'OSLO' }, lists: { children: [{ name: 'Ola', personNumber: '01012012345' }] } },
    parts: [
      part('form', 'model', 'form.xml', 'application/xml', enc('<a/>')),
      ...(o.receipt === false ? [] : [part('receipt-pdf', 'ref-data-as-pdf', 'kvittering.pdf', 'application/pdf', enc(`%PDF-${Math.random()}`))]),
      part('attachment', 'dokumentasjon', 'dok.pdf', 'application/pdf', enc(`%PDF-a${Math.random()}`)),
    ],
    at: 1_000,
  });
}

class FakeArchive implements ArchivePort {
  readonly transport = 'noark5-rest' as const;
  calls: ArchiveDelivery[] = [];
  next: ((d: ArchiveDelivery) => DeliveryResult | Promise<DeliveryResult>) | null = null;
  receipt: ReceiptResult = { state: 'awaiting-receipt' };
  private seq = 0;
  async deliver(d: ArchiveDelivery): Promise<DeliveryResult> {
    this.calls.push(d);
    if (this.next) return this.next(d);
    this.seq++;
    return {
      state: 'archived',
      caseFile: d.knownCaseFile ?? { archiveSystemId: `case-${this.seq}`, saksaar: 2026, sakssekvensnummer: this.seq },
      entry: { archiveSystemId: `jp-${this.seq}`, journalaar: 2026, journalsekvensnummer: this.seq, journalpostnummer: 1, documents: d.entry.documents.map((x) => ({ number: x.number, archiveSystemId: `doc-${this.seq}-${x.number}` })) },
    };
  }
  async checkReceipt(): Promise<ReceiptResult> {
    return this.receipt;
  }
  sent: SentDelivery[] = [];
  async markSent(d: SentDelivery): Promise<void> {
    this.sent.push(d);
  }
}

async function setup(open: () => Promise<TestStore>, archive: ArchivePort | null = new FakeArchive(), defaultSaksbehandler: string | null = null) {
  const { store } = await open();
  const submissions = createSubmissionsRepo(store.sql, store.uow);
  const repo = createArchiveRepo(store.sql, store.uow);
  const audit = createAuditRepo(store.sql, store.uow);
  const profiles = shippedProfiles();
  let now = Date.UTC(2026, 10, 27, 9);
  const jobs: { type: string; payload: unknown; key: string; options?: { runAfter?: number; maxAttempts?: number } }[] = [];
  let ids = 0;
  const service = createArchiveService({
    store: repo,
    submission: (id) => submissions.getById(id),
    profile: (id) => profiles.byId(id)?.profile,
    uow: store.uow,
    outbox: { enqueue: async (type, payload, key, options) => void jobs.push({ type, payload, key, options }) },
    audit,
    clock: { now: () => now },
    logger: { log: () => undefined },
    archive,
    newId: () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`,
    defaultSaksbehandler,
  });
  const add = (profileId: string, o?: Parameters<typeof submission>[1]) => store.uow.run(() => submissions.insert(submission(profileId, o), { source: 'altinn3', sourceId: `x-${Math.random()}`, serviceKey: 'k', fetchedAt: now }));
  /** registerIncoming in its own unit of work, as ingest calls it */
  const register = async (id: number) => (await store.uow.run(() => service.registerIncoming(id)))!;
  return { store, repo, audit, service, jobs, add, register, advance: (ms: number) => (now += ms), archive: archive as FakeArchive };
}

describe.each(storeKinds())('archive service (%s)', (kind) => {
  const open = testStoresOf(kind);

  describe('archive registration', () => {
    it('builds the case file and the incoming entry from the service profile, once', async () => {
      const t = await setup(open);
      const { id } = await t.add('barnehageplass');
      const entry = await t.register(id);
      expect(entry.journalposttype).toBe('I');
      expect(entry.status).toBe('pending');
      expect(entry.correspondents).toEqual([expect.objectContaining({ role: 'avsender', name: 'Kari Nordmann', personNumber: FNR })]);
      // the receipt PDF is the main document, the attachment a vedlegg with its profile label
      expect(entry.documents.map((d) => [d.number, d.role, d.title, d.contentType])).toEqual([
        [1, 'hoveddokument', 'Søknad om barnehageplass', 'application/pdf'],
        [2, 'vedlegg', 'Dokumentasjon for prioritet', 'application/pdf'],
      ]);
      const caseFile = (await t.repo.caseFile(entry.caseFileId))!;
      expect(caseFile).toMatchObject({ arkivdel: 'BARNEHAGE', classification: { ordningsprinsipp: 'KK', ordningsverdi: 'A10' }, administrativEnhet: 'OPPVEKST-BARNEHAGE' });
      expect(caseFile.titlePublic).toContain('*****');
      expect(t.jobs).toEqual([{ type: ARCHIVE_JOB, payload: { entryKey: entry.externalKey }, key: `${ARCHIVE_JOB}:${entry.externalKey}`, options: undefined }]);
      // a second call (a retried ingest step) changes nothing
      expect((await t.register(id)).id).toBe(entry.id);
      expect(t.jobs).toHaveLength(1);
    });

    it('screens a health application and classifies it by fødselsnummer from the profile template', async () => {
      const t = await setup(open);
      const { id } = await t.add('helse-omsorg', { fnr: '12048512345' });
      const entry = await t.register(id);
      const caseFile = (await t.repo.caseFile(entry.caseFileId))!;
      expect(caseFile.classification).toEqual({ ordningsprinsipp: 'PNR', ordningsverdi: '12048512345' });
      expect(caseFile.screening).toMatchObject({ tilgangsrestriksjon: '13', skjermingshjemmel: expect.stringContaining('Offl. § 13') });
      expect(entry.screening).toEqual(caseFile.screening);
    });

    it('uses the form data as the main document when there is no receipt PDF', async () => {
      const t = await setup(open);
      const { id } = await t.add('barnehageplass', { receipt: false });
      const entry = await t.register(id);
      expect(entry.documents[0]).toMatchObject({ role: 'hoveddokument', contentType: 'application/xml' });
    });

    it('joins the applicant’s case of the same service within the profile’s period, and opens a new one after it', async () => {
      const t = await setup(open);
      const first = await t.register((await t.add('barnehageplass')).id);
      t.advance(30 * DAY);
      const second = await t.register((await t.add('barnehageplass')).id);
      expect(second.caseFileId).toBe(first.caseFileId);
      const otherApplicant = await t.register((await t.add('barnehageplass', { fnr: '02029012345' })).id);
      expect(otherApplicant.caseFileId).not.toBe(first.caseFileId);
      t.advance(400 * DAY);
      const late = await t.register((await t.add('barnehageplass')).id);
      expect(late.caseFileId).not.toBe(first.caseFileId);
      // a profile with 0 days always opens a new case
      const a = await t.register((await t.add('permisjon-skole')).id);
      const b = await t.register((await t.add('permisjon-skole')).id);
      expect(a.caseFileId).not.toBe(b.caseFileId);
    });

    it('keeps the record but makes no job while no archive is configured; ensureJobs makes them once one is', async () => {
      const t = await setup(open, null);
      const entry = await t.register((await t.add('barnehageplass')).id);
      expect(t.jobs).toHaveLength(0);
      expect(await t.service.ensureJobs()).toBe(0);
      const configured = createArchiveService({ store: t.repo, submission: async () => undefined, profile: () => undefined, uow: t.store.uow, outbox: { enqueue: async (type, payload, key) => void t.jobs.push({ type, payload, key }) }, audit: t.audit, clock: { now: () => 0 }, logger: { log: () => undefined }, archive: new FakeArchive(), newId: () => 'x' });
      expect(await configured.ensureJobs()).toBe(1);
      expect(t.jobs[0]!.key).toBe(`${ARCHIVE_JOB}:${entry.externalKey}`);
    });
  });

  describe('archive delivery', () => {
    it('delivers, stores the numbers the archive gave, and does not deliver an archived entry again', async () => {
      const t = await setup(open);
      const entry = await t.register((await t.add('barnehageplass')).id);
      await t.service.deliver(entry.externalKey);
      const after = (await t.repo.entryByKey(entry.externalKey))!;
      expect(after.status).toBe('archived');
      expect(after.archived).toMatchObject({ archiveSystemId: 'jp-1', journalpostnummer: 1 });
      expect(after.documentIds).toEqual([
        { number: 1, archiveSystemId: 'doc-1-1' },
        { number: 2, archiveSystemId: 'doc-1-2' },
      ]);
      expect((await t.repo.caseFile(entry.caseFileId))!.archived).toEqual({ archiveSystemId: 'case-1', saksaar: 2026, sakssekvensnummer: 1 });
      // the documents the adapter asks for are the stored bytes
      const call = t.archive.calls[0]!;
      expect(new TextDecoder().decode(await call.loadDocument(call.entry.documents[0]!.sha256))).toMatch(/^%PDF-/);
      await t.service.deliver(entry.externalKey);
      expect(t.archive.calls).toHaveLength(1);
      expect((await t.audit.verify()).ok).toBe(true);
    });

    it('marks an entry the archive refuses as failed with the archive’s own message, and rethrows for the job', async () => {
      const t = await setup(open);
      const entry = await t.register((await t.add('barnehageplass')).id);
      t.archive.next = () => {
        throw new IntegrationError('validation', 'tittel mangler (Noark 5: M020)');
      };
      await expect(t.service.deliver(entry.externalKey)).rejects.toMatchObject({ kind: 'validation' });
      expect(await t.repo.entryByKey(entry.externalKey)).toMatchObject({ status: 'failed', lastError: 'tittel mangler (Noark 5: M020)' });
      // a transient failure leaves the entry as it was (the job retries)
      t.archive.next = () => {
        throw new IntegrationError('transient', 'timeout');
      };
      const other = await t.register((await t.add('barnehageplass', { fnr: '02029012345' })).id);
      await expect(t.service.deliver(other.externalKey)).rejects.toMatchObject({ kind: 'transient' });
      expect((await t.repo.entryByKey(other.externalKey))!.status).toBe('pending');
    });

    it('a reply waits for its application to be archived, then closes it (avskrivning) in the same case', async () => {
      const t = await setup(open);
      const { id } = await t.add('barnehageplass');
      const incoming = await t.register(id);
      const sha = await t.store.uow.run(() => t.repo.putBlob(new TextEncoder().encode('%PDF-svar')));
      const reply = await t.store.uow.run(() =>
        t.service.registerReply({ submissionId: id, title: 'Svar på søknad', letter: { sha256: sha, size: 9, filename: 'svar.pdf', contentType: 'application/pdf' }, saksbehandler: 'Sara', replyKey: 'd1' }, 'sara'),
      );
      expect(reply).toMatchObject({ journalposttype: 'U', closesEntryId: incoming.id, caseFileId: incoming.caseFileId, avskrivningsmaate: 'BU' });
      expect(reply.correspondents).toEqual([expect.objectContaining({ role: 'mottaker', name: 'Kari Nordmann' })]);
      await expect(t.service.deliver(reply.externalKey)).rejects.toMatchObject({ kind: 'transient' });
      expect(t.archive.calls).toHaveLength(0);
      await t.service.deliver(incoming.externalKey);
      await t.service.deliver(reply.externalKey);
      const call = t.archive.calls[1]!;
      expect(call.entry.closes).toEqual({
        externalKey: incoming.externalKey,
        systemId: incoming.systemId,
        archiveSystemId: 'jp-1',
        journalpostnummer: 1,
        avskrivningsmaate: 'BU',
        title: incoming.title,
        titlePublic: incoming.titlePublic,
        journaldato: incoming.journaldato,
      });
      expect(call.knownCaseFile).toEqual({ archiveSystemId: 'case-1', saksaar: 2026, sakssekvensnummer: 1 });
      // registering the same reply again gives the same entry
      expect((await t.store.uow.run(() => t.service.registerReply({ submissionId: id, title: 'x', letter: { sha256: sha, size: 9, filename: 'svar.pdf', contentType: 'application/pdf' }, saksbehandler: 'Sara', replyKey: 'd1' }, 'sara'))).id).toBe(reply.id);
    });

    it('waits for a drop-folder receipt with a patient job, and records archived or rejected', async () => {
      const t = await setup(open);
      t.archive.next = (d) => ({ state: 'awaiting-receipt', reference: `ref-${d.entry.externalKey}` });
      const entry = await t.register((await t.add('barnehageplass')).id);
      await t.service.deliver(entry.externalKey);
      expect(await t.repo.entryByKey(entry.externalKey)).toMatchObject({ status: 'awaiting-receipt', receiptRef: `ref-${entry.externalKey}` });
      const receiptJob = t.jobs.find((j) => j.type === RECEIPT_JOB)!;
      expect(receiptJob.options?.maxAttempts).toBeGreaterThanOrEqual(100);
      // #18: the first check comes soon after the hand-over (it was 5 s); later ones back off in the runner
      expect(receiptJob.options?.runAfter).toBe(Date.UTC(2026, 10, 27, 9) + RECEIPT_FIRST_CHECK_MS);
      expect(RECEIPT_FIRST_CHECK_MS).toBeLessThanOrEqual(1_000);
      await expect(t.service.checkReceipt(entry.externalKey)).rejects.toMatchObject({ kind: 'transient' });
      t.archive.receipt = { state: 'archived', caseFile: { archiveSystemId: 'c', saksaar: 2026, sakssekvensnummer: 7 }, entry: { archiveSystemId: 'j', journalaar: 2026, journalsekvensnummer: 9, journalpostnummer: 1, documents: [] } };
      await t.service.checkReceipt(entry.externalKey);
      expect(await t.repo.entryByKey(entry.externalKey)).toMatchObject({ status: 'archived', archived: { journalsekvensnummer: 9 } });

      const other = await t.register((await t.add('barnehageplass', { fnr: '02029012345' })).id);
      await t.service.deliver(other.externalKey);
      t.archive.receipt = { state: 'rejected', message: 'Ugyldig arkivmelding: journalposttype mangler' };
      await expect(t.service.checkReceipt(other.externalKey)).rejects.toMatchObject({ kind: 'validation' });
      expect(await t.repo.entryByKey(other.externalKey)).toMatchObject({ status: 'failed', lastError: 'Ugyldig arkivmelding: journalposttype mangler' });
    });

    it('delivers the entries of one case file one at a time, so a new case file is created once', async () => {
      const t = await setup(open);
      let inFlight = 0;
      let maxInFlight = 0;
      const base = new FakeArchive();
      t.archive.next = async (d) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((r) => setTimeout(r, 10));
        inFlight--;
        return base.deliver(d);
      };
      const a = await t.register((await t.add('barnehageplass')).id);
      const b = await t.register((await t.add('barnehageplass')).id);
      expect(b.caseFileId).toBe(a.caseFileId);
      await Promise.all([t.service.deliver(a.externalKey), t.service.deliver(b.externalKey)]);
      expect(maxInFlight).toBe(1);
      // the second delivery knew the case file's numbers from the first
      expect(t.archive.calls[1]!.knownCaseFile).not.toBeNull();
    });
  });

  describe('#13 item 7: the reply is marked ekspedert in the archive once it has left', () => {
    it('markSent waits for the archived reply, then hands the adapter the real send date and channel', async () => {
      const t = await setup(open);
      const { id } = await t.add('barnehageplass');
      const incoming = await t.register(id);
      const sha = await t.store.uow.run(() => t.repo.putBlob(new TextEncoder().encode('%PDF-svar')));
      const reply = await t.store.uow.run(() =>
        t.service.registerReply({ submissionId: id, title: 'Svar', letter: { sha256: sha, size: 9, filename: 'svar.pdf', contentType: 'application/pdf' }, saksbehandler: 'Sara', replyKey: 'd7' }, 'sara'),
      );
      // the job the reply service writes when Altinn accepted the reply (in its transaction)
      const jobs: { type: string; payload: unknown; key: string }[] = [];
      const sentAt = Date.UTC(2026, 11, 2, 8, 30);
      await enqueueMarkSent({ enqueue: async (type, payload, key) => void jobs.push({ type, payload, key }) }, 'd7', { sentAt, channel: 'altinn', printedAt: null });
      expect(jobs).toEqual([{ type: MARK_SENT_JOB, payload: { entryKey: reply.externalKey, sentAt, channel: 'altinn', printedAt: null }, key: `${MARK_SENT_JOB}:${reply.externalKey}:altinn` }]);
      const payload = jobs[0]!.payload as MarkSentPayload;
      // not archived yet: the job waits (transient), nothing reaches the archive
      await expect(t.service.markSent(payload)).rejects.toMatchObject({ kind: 'transient' });
      await t.service.deliver(incoming.externalKey);
      await t.service.deliver(reply.externalKey);
      await t.service.markSent(payload);
      expect(t.archive.sent).toHaveLength(1);
      expect(t.archive.sent[0]).toMatchObject({ sent: { sentAt: new Date(sentAt).toISOString(), channel: 'altinn', printedAt: null }, archived: { archiveSystemId: 'jp-2' }, entry: { externalKey: reply.externalKey, journalposttype: 'U' } });
      expect((await t.audit.verify()).ok).toBe(true);
    });
  });

  describe('#13 item 8: who the archive records', () => {
    it('a reply carries the deciding caseworker and unit; a case file without saksansvarlig gets them, never "Postmottak"', async () => {
      const t = await setup(open);
      const { id } = await t.add('barnehageplass');
      const incoming = await t.register(id);
      const sha = await t.store.uow.run(() => t.repo.putBlob(new TextEncoder().encode('%PDF-svar')));
      const reply = await t.store.uow.run(() =>
        t.service.registerReply({ submissionId: id, title: 'Svar', letter: { sha256: sha, size: 9, filename: 'svar.pdf', contentType: 'application/pdf' }, saksbehandler: 'Kari Nordmann', administrativEnhet: 'OPPVEKST', replyKey: 'd8' }, 'kari'),
      );
      expect(reply).toMatchObject({ saksbehandler: 'Kari Nordmann', administrativEnhet: 'OPPVEKST' });
      await t.service.deliver(incoming.externalKey);
      await t.service.deliver(reply.externalKey);
      expect(t.archive.calls[1]!.caseFile.saksansvarlig).toBe('Kari Nordmann');
      expect(t.archive.calls[1]!.entry).toMatchObject({ saksbehandler: 'Kari Nordmann', administrativEnhet: 'OPPVEKST' });
    });

    it('without a user list the case file and the application are the configured default saksbehandler’s', async () => {
      const t = await setup(open, new FakeArchive(), 'Servicetorget');
      const entry = await t.register((await t.add('barnehageplass')).id);
      expect(entry.saksbehandler).toBe('Servicetorget');
      expect((await t.repo.caseFile(entry.caseFileId))!.saksansvarlig).toBe('Servicetorget');
    });
  });
});
