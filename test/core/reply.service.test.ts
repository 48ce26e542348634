import { describe, expect, it } from 'vitest';
import { replyMessage } from '../helpers/reply-fixture';
import { IntegrationError } from '../../electron/core/errors';
import type { CorrespondenceEvent, CorrespondencePort, CorrespondenceStatus, OutgoingCorrespondence, SendResult } from '../../electron/core/ports/correspondence.port';
import type { LetterDocument } from '../../electron/core/ports/letter-renderer.port';
import type { PrintChannel, PrintOrder, PrintRenderer } from '../../electron/core/ports/print-channel.port';
import type { ContactFacts, PersonFacts, RegisterPort } from '../../electron/core/ports/register.port';
import { confirmedNameOf } from '../../electron/core/registers/name-match';
import { createRegisterService } from '../../electron/core/registers/register.service';
import { PRINT_JOB, SEND_JOB } from '../../electron/core/replies/replies.jobs';
import { MARK_SENT_JOB } from '../../electron/core/archive/archive.jobs';
import { createReplyService, ReplyConflict, type DispatchInput } from '../../electron/core/replies/reply.service';
import { FakeClock } from '../helpers/fake-clock';
import { receivedApplication } from '../helpers/submission-fixture';
import { storeKinds, testStoresOf, type TestStore } from '../helpers/test-store';

const DAY = 86_400_000;
const FNR = '01017012345';

class FakeAltinn implements CorrespondencePort {
  readonly transport = 'altinn3' as const;
  log: CorrespondenceEvent[] = [];
  eventCalls: (string | null)[] = [];
  sent: OutgoingCorrespondence[] = [];
  statuses = new Map<string, CorrespondenceStatus>();
  next: SendResult | Error | null = null;
  statusError: Error | null = null;
  async send(c: OutgoingCorrespondence): Promise<SendResult> {
    this.sent.push(c);
    if (this.next instanceof Error) throw this.next;
    return this.next ?? { outcome: 'sent', correspondenceId: `c-${this.sent.length}`, at: 0 };
  }
  async events(after: string | null) {
    this.eventCalls.push(after);
    const from = after === null ? 0 : this.log.findIndex((e) => e.id === after) + 1;
    const items = this.log.slice(from, from + 2);
    return { items, next: items.at(-1)?.id ?? null };
  }
  async status(refs: { correspondenceId: string }[]): Promise<CorrespondenceStatus[]> {
    if (this.statusError) throw this.statusError;
    return refs.flatMap((r) => this.statuses.get(r.correspondenceId) ?? []);
  }
}

class FakePrint implements PrintChannel {
  readonly kind = 'hot-folder' as const;
  orders: PrintOrder[] = [];
  constructor(private readonly clock: FakeClock) {}
  async submit(o: PrintOrder) {
    this.orders.push(o);
    return { reference: `ref-${this.orders.length}`, at: this.clock.now() };
  }
}

const person = (over: Partial<PersonFacts> = {}): PersonFacts => ({
  personNumber: FNR,
  name: 'Kari Nordmann',
  birthDate: '1970-01-01',
  status: 'bosatt',
  address: { lines: ['Storgata 1'], postalCode: '0155', postalPlace: 'OSLO', country: null },
  addressProtection: 'none',
  children: [],
  parents: [],
  parentalResponsibility: [],
  ...over,
});
const contact = (over: Partial<ContactFacts> = {}): ContactFacts => ({ personNumber: FNR, state: 'active', reserved: false, canNotify: true, email: 'kari@example.no', mobile: null, language: 'nb', ...over });

async function setup(open: () => Promise<TestStore>) {
  const clock = new FakeClock(Date.parse('2026-12-01T09:00:00+01:00'));
  const { store, repos } = await open();
  const { replies, desk, archive, audit, registerCache, submissions } = repos;
  const altinn = new FakeAltinn();
  const print = new FakePrint(clock);
  const reg = { person: person(), contact: contact() as ContactFacts | null, calls: 0 };
  const register: RegisterPort = {
    person: async () => (reg.calls++, reg.person),
    contacts: async (ns) => (reg.calls++, reg.contact ? ns.map((n) => ({ ...reg.contact!, personNumber: n })) : []),
  };
  const jobs: { type: string; key: string }[] = [];
  const payloads = new Map<string, unknown>();
  const cursor = { value: null as string | null };
  const rendered: LetterDocument[] = [];
  const renderer: PrintRenderer = { printReady: async (i) => ({ bytes: i.letter, pages: 2 }) };
  const registers = createRegisterService({ port: register, cache: registerCache, uow: store.uow, clock, ttl: { personMs: DAY, contactMs: DAY } });
  const service = createReplyService({
    store: replies,
    timeline: (id, e) => desk.addEvent(id, e),
    registers,
    correspondence: altinn,
    print,
    printRenderer: renderer,
    blob: (sha) => archive.blob(sha),
    hash: () => 'h'.repeat(64),
    outbox: { enqueue: async (type, p, key) => void (jobs.push({ type, key }), payloads.set(key, p)) },
    uow: store.uow,
    audit,
    clock,
    logger: { log: () => undefined },
    deadline: (sentAt, rule) => sentAt + rule.days * DAY,
    localDate: (ms) => new Date(ms).toISOString().slice(0, 10),
    newKey: () => 'uuid-1',
    eventCursor: { get: async () => cursor.value, set: async (c) => void (cursor.value = c) },
    confirmedName: async (id) => (await desk.events(id)).map(confirmedNameOf).filter((n) => n !== null).at(-1) ?? null,
    letters: { render: async (doc) => (rendered.push(doc), { bytes: new TextEncoder().encode(`%PDF letter to ${doc.recipient.name}`), pages: 1 }) },
  });
  const s = await submissions.insert(receivedApplication({ profileId: 'barnehageplass', fnr: FNR, name: 'Kari Nordmann', title: 'Søknad', parts: [] }), {
    source: 'altinn3',
    sourceId: 'src-1',
    serviceKey: 'kommune/barnehageplass',
    fetchedAt: 1,
  });
  await desk.ensureCase({ submissionId: s.id, status: 'approved', deadlineAt: null, preliminaryReplyAt: null, at: 1 });
  const sha = await store.uow.run(() => archive.putBlob(new TextEncoder().encode('%PDF-1.7 vedtak')));
  const input: DispatchInput = {
    submissionId: s.id,
    replyKey: s.publicId,
    recipient: { personNumber: FNR },
    message: replyMessage({ caseNumber: '2026/7' }),
    letter: { sha256: sha, size: 15, filename: 'vedtak.pdf' },
    fallback: { days: 10, businessDays: false },
  };
  const dispatch = () => store.uow.run(() => service.dispatch(input, 'kari'));
  const reply = async () => (await replies.byKey(s.publicId))!;
  const kinds = async () => (await desk.events(s.id)).map((e) => e.kind);
  const actor = { account: 'kari', name: 'Kari' };
  return { clock, service, altinn, print, reg, jobs, payloads, dispatch, reply, kinds, key: s.publicId, actor, audit, cursor, input, rendered };
}

describe.each(storeKinds())('reply service (%s)', (kind) => {
  const open = testStoresOf(kind);

  describe('the reply service', () => {
    it('dispatches once per reply, with its send job', async () => {
      const t = await setup(open);
      await t.dispatch();
      await t.dispatch();
      expect(t.jobs).toEqual([{ type: SEND_JOB, key: `${SEND_JOB}:${t.key}` }]);
      expect((await t.reply()).state).toBe('queued');
    });

    it('sends through Altinn with the idempotent key and the deadline as dueDateTime, and records it on the timeline', async () => {
      const t = await setup(open);
      await t.dispatch();
      await t.service.send(t.key);
      expect(t.altinn.sent).toHaveLength(1);
      expect(t.altinn.sent[0]).toMatchObject({ idempotentKey: 'uuid-1', sendersReference: t.key, resourceId: 'kommune-svar', dueAt: t.clock.now() + 10 * DAY, reminder: true });
      expect(await t.reply()).toMatchObject({ state: 'sent', correspondenceId: 'c-1', deadlineAt: t.clock.now() + 10 * DAY });
      expect(await t.kinds()).toEqual(['replied']);
      // a second run of the job (after a crash) sends nothing more
      await t.service.send(t.key);
      expect(t.altinn.sent).toHaveLength(1);
    });

    it.each([
      ['reserved', { reserved: true }],
      ['deleted', { state: 'deleted' as const }],
      ['without contact data', { email: null, mobile: null }],
    ])('goes to paper at once when KRR says %s, without Altinn', async (_what, over) => {
      const t = await setup(open);
      t.reg.contact = contact(over);
      await t.dispatch();
      await t.service.send(t.key);
      expect(t.altinn.sent).toHaveLength(0);
      expect(await t.reply()).toMatchObject({ state: 'printing', channel: 'print' });
      expect(t.jobs.map((j) => j.type)).toContain(PRINT_JOB);
      await t.service.print(t.key);
      expect(t.print.orders).toHaveLength(1);
      expect((await t.reply()).state).toBe('printed');
      expect(await t.kinds()).toEqual(['replied', 'printed']);
    });

    it('goes to paper at once when Altinn answers 1030, and keeps a transient failure for a retry', async () => {
      const t = await setup(open);
      await t.dispatch();
      t.altinn.next = new IntegrationError('transient', 'timeout');
      await expect(t.service.send(t.key)).rejects.toThrow('timeout');
      expect((await t.reply()).state).toBe('queued');
      t.altinn.next = { outcome: 'reserved', message: '1030' };
      await t.service.send(t.key);
      expect(await t.reply()).toMatchObject({ state: 'printing', reason: 'Reservert mot digital post (Altinn 1030)' });
    });

    it('follows notification, reminder and read, and never prints a reply read before its deadline', async () => {
      const t = await setup(open);
      await t.dispatch();
      await t.service.send(t.key);
      const sent = t.clock.now();
      t.altinn.statuses.set('c-1', { correspondenceId: 'c-1', published: sent, read: null, notifications: [{ at: sent + 300_000, reminder: false, channel: 'email', ok: true }], failed: null });
      await t.service.poll();
      expect(await t.reply()).toMatchObject({ state: 'notified', notifiedAt: sent + 300_000 });
      t.altinn.statuses.set('c-1', {
        correspondenceId: 'c-1',
        published: sent,
        read: sent + 8 * DAY,
        notifications: [
          { at: sent + 300_000, reminder: false, channel: 'email', ok: true },
          { at: sent + 7 * DAY, reminder: true, channel: 'sms', ok: true },
        ],
        failed: null,
      });
      t.clock.advance(11 * DAY);
      // the sweep's last look finds the read before printing
      expect(await t.service.sweep()).toBe(0);
      expect(await t.reply()).toMatchObject({ state: 'read', readAt: sent + 8 * DAY, remindedAt: sent + 7 * DAY });
      expect(t.print.orders).toHaveLength(0);
      expect(await t.kinds()).toEqual(['replied', 'notified', 'notified', 'read']);
    });

    it('prints an unread reply at the deadline, once, and records a read after printing and nothing more', async () => {
      const t = await setup(open);
      await t.dispatch();
      await t.service.send(t.key);
      const sent = t.clock.now();
      t.clock.advance(10 * DAY - 1);
      expect(await t.service.sweep()).toBe(0);
      t.clock.advance(1);
      expect(await t.service.sweep()).toBe(1);
      expect(await t.service.sweep()).toBe(0);
      await t.service.print(t.key);
      await t.service.print(t.key);
      expect(t.print.orders).toHaveLength(1);
      expect(t.print.orders[0]).toMatchObject({ key: `reply:${t.key}`, recipient: { name: 'Kari Nordmann' }, printReady: { pages: 2 } });
      t.altinn.statuses.set('c-1', { correspondenceId: 'c-1', published: sent, read: sent + 12 * DAY, notifications: [], failed: null });
      await t.service.poll();
      expect(await t.reply()).toMatchObject({ state: 'printed', readAt: sent + 12 * DAY });
      expect(t.print.orders).toHaveLength(1);
    });

    it('sends a strengt fortrolig or unknown address to manual follow-up, never to the printer', async () => {
      for (const p of [person({ addressProtection: 'strengt-fortrolig', address: null }), person({ address: null })]) {
        const t = await setup(open);
        t.reg.person = p;
        t.reg.contact = contact({ reserved: true });
        await t.dispatch();
        await t.service.send(t.key);
        await t.service.print(t.key);
        expect(t.print.orders).toHaveLength(0);
        expect((await t.reply()).state).toBe('manual');
        expect(await t.kinds()).toContain('print-manual');
      }
    });

    it('lets a caseworker hold, resume and stop a pending print, audited; a held or stopped reply is not printed', async () => {
      const t = await setup(open);
      await t.dispatch();
      await expect(t.service.hold(t.key, t.actor, 'ringer søker')).rejects.toThrow(ReplyConflict);
      await t.service.send(t.key);
      await t.service.hold(t.key, t.actor, 'ringer søker');
      t.clock.advance(11 * DAY);
      expect(await t.service.sweep()).toBe(0);
      await t.service.resume(t.key, t.actor);
      expect((await t.reply()).state).toBe('sent');
      await t.service.stop(t.key, t.actor, 'levert på møte');
      expect(await t.service.sweep()).toBe(0);
      expect(await t.reply()).toMatchObject({ state: 'stopped', reason: 'levert på møte' });
      await expect(t.service.resume(t.key, t.actor)).rejects.toThrow(ReplyConflict);
      expect(await t.kinds()).toEqual(['replied', 'print-held', 'print-resumed', 'print-stopped']);
      expect((await t.audit.recent(10)).map((a) => a.action)).toEqual(expect.arrayContaining(['reply.hold', 'reply.resume', 'reply.stop']));
    });

    it('puts a reply Altinn failed to publish on paper', async () => {
      const t = await setup(open);
      await t.dispatch();
      await t.service.send(t.key);
      t.altinn.statuses.set('c-1', { correspondenceId: 'c-1', published: null, read: null, notifications: [], failed: 'PublishFailed' });
      await t.service.poll();
      expect(await t.reply()).toMatchObject({ state: 'printing', reason: 'Altinn: PublishFailed' });
    });

    it('during an Altinn outage waits with a fresh deadline, but prints one a day past it on the last known status', async () => {
      const t = await setup(open);
      await t.dispatch();
      await t.service.send(t.key);
      t.altinn.statusError = new IntegrationError('transient', 'Altinn svarer ikke');
      t.clock.advance(10 * DAY + 3_600_000);
      await expect(t.service.sweep()).rejects.toThrow('Altinn svarer ikke');
      expect((await t.reply()).state).toBe('sent');
      t.clock.advance(DAY);
      await expect(t.service.sweep()).rejects.toThrow('Altinn svarer ikke');
      expect((await t.reply()).state).toBe('printing');
    });

    it('asks KRR afresh before sending even with a cached answer', async () => {
      const t = await setup(open);
      await t.dispatch();
      await t.service.send(t.key);
      expect(t.reg.calls).toBe(1);
    });

    it('follows Altinn Events: a read event gets the reply checked at once, and the cursor moves on only after', async () => {
      const t = await setup(open);
      await t.dispatch();
      await t.service.send(t.key);
      const sent = t.clock.now();
      t.altinn.log = [
        { id: 'e1', kind: 'published', correspondenceId: 'c-1', at: sent },
        { id: 'e2', kind: 'notified', correspondenceId: 'c-1', at: sent + 300_000 },
        { id: 'e3', kind: 'read', correspondenceId: 'c-1', at: sent + 3 * DAY },
        { id: 'e4', kind: 'read', correspondenceId: 'not-ours', at: sent + 3 * DAY },
      ];
      t.altinn.statuses.set('c-1', { correspondenceId: 'c-1', published: sent, read: sent + 3 * DAY, notifications: [{ at: sent + 300_000, reminder: false, channel: 'email', ok: true }], failed: null });
      // Altinn fails on the second page: what the first page named is applied, its cursor kept
      const events = t.altinn.events.bind(t.altinn);
      let calls = 0;
      t.altinn.events = async (after) => {
        if (++calls === 2) throw new IntegrationError('transient', 'Altinn svarer ikke');
        return events(after);
      };
      await expect(t.service.followEvents()).rejects.toThrow('Altinn svarer ikke');
      // the notified event on page one already had the reply checked: Altinn's status says read
      expect(t.cursor.value).toBe('e2');
      expect(await t.reply()).toMatchObject({ state: 'read', readAt: sent + 3 * DAY });
      expect(await t.service.followEvents()).toBe(2);
      expect(t.cursor.value).toBe('e4');
      expect(await t.service.followEvents()).toBe(0);
      expect(t.altinn.eventCalls).toEqual([null, 'e2', 'e4', 'e4']);
      // each change once on the timeline, however often the events name the reply
      expect(await t.kinds()).toEqual(['replied', 'notified', 'read']);
    });
  });

  describe('#13 item 10: a register name other than the application\'s stops the reply until a caseworker confirms', () => {
    const letterDoc = (name: string): LetterDocument => ({
      municipality: { name: 'Demo kommune', orgNumber: null, unit: null },
      recipient: { name, street: 'Storgata 1', postalCode: '0155', postalPlace: 'OSLO' },
      caseNumber: '2026/7',
      date: '2026-12-01',
      title: 'Vedtak',
      body: 'Du har fått plass.',
      caseworker: { name: 'Kari', unit: null },
      language: 'nb',
    });

    it('#13 item 10: the send job asks Folkeregisteret afresh and stops at manual follow-up on another name; confirming sends it on', async () => {
      const t = await setup(open);
      t.input.message = replyMessage({ applicantName: 'Kari Nordmann', document: letterDoc('Kari Nordmann') });
      t.reg.person = person({ name: 'Knut Nilsen', address: { lines: ['Granittvegen 7'], postalCode: '2270', postalPlace: 'FLISA', country: null } });
      await t.dispatch();
      await t.service.send(t.key);
      expect(t.altinn.sent).toHaveLength(0);
      expect((await t.reply()).state).toBe('manual');
      expect((await t.reply()).reason).toMatch(/Knut Nilsen.*Kari Nordmann/);
      expect(await t.kinds()).toEqual(['print-manual']);
      await t.service.confirmRecipient(t.key, t.actor, 'Knut Nilsen');
      expect((await t.reply()).state).toBe('queued');
      expect(await t.kinds()).toEqual(['print-manual', 'print-resumed']);
      expect(t.jobs.filter((j) => j.type === SEND_JOB)).toHaveLength(2);
      await t.service.send(t.key);
      expect(t.altinn.sent).toHaveLength(1);
      expect((await t.reply()).state).toBe('sent');
    });

    it('#13 item 10: spelling variants are no mismatch (case, diacritics, middle name, hyphen, order of given names)', async () => {
      const t = await setup(open);
      t.input.message = replyMessage({ applicantName: 'kari-anne nordmann' });
      t.reg.person = person({ name: 'Anne Kari Solbakken Nordmann' });
      await t.dispatch();
      await t.service.send(t.key);
      expect((await t.reply()).state).toBe('sent');
    });

    it('#13 item 10: the print job stops too, and after confirming the letter carries the address page\'s name and address', async () => {
      const t = await setup(open);
      t.input.message = replyMessage({ applicantName: 'Kari Nordmann', document: letterDoc('Kari Nordmann') });
      t.reg.contact = contact({ reserved: true });
      t.reg.person = person({ name: 'Knut Nilsen', address: { lines: ['Granittvegen 7'], postalCode: '2270', postalPlace: 'FLISA', country: null } });
      await t.dispatch();
      await t.service.send(t.key);
      expect((await t.reply()).state).toBe('manual');
      await t.service.confirmRecipient(t.key, t.actor, 'Knut Nilsen');
      // KRR-reserved and never sent: confirmed, it goes on to the send job, which puts it on paper
      await t.service.send(t.key);
      expect((await t.reply()).state).toBe('printing');
      await t.service.print(t.key);
      expect((await t.reply()).state).toBe('printed');
      const order = t.print.orders[0]!;
      expect(order.recipient).toMatchObject({ name: 'Knut Nilsen', address: { postalPlace: 'FLISA' } });
      expect(t.rendered.at(-1)!.recipient).toEqual({ name: 'Knut Nilsen', street: 'Granittvegen 7', postalCode: '2270', postalPlace: 'FLISA' });
      expect(new TextDecoder().decode(order.letter.bytes)).toContain('Knut Nilsen');
      // the letter laid out again keeps the approved date
      expect(t.rendered.at(-1)!.date).toBe('2026-12-01');
    });

    it('#13 item 10: a confirmation is for the name confirmed; a reply not waiting for one cannot be confirmed', async () => {
      const t = await setup(open);
      t.input.message = replyMessage({ applicantName: 'Kari Nordmann' });
      await t.dispatch();
      await expect(t.service.confirmRecipient(t.key, t.actor, 'Kari Nordmann')).rejects.toThrow(ReplyConflict);
      t.reg.person = person({ name: 'Knut Nilsen' });
      await t.service.send(t.key);
      await t.service.confirmRecipient(t.key, t.actor, 'Per Hansen');
      await t.service.send(t.key);
      expect((await t.reply()).state).toBe('manual');
    });

    it('#13 item 7: the archive hears the real send date from a durable job written with the state change (Altinn, paper, paper later)', async () => {
      const t = await setup(open);
      await t.dispatch();
      expect(t.jobs.filter((j) => j.type === MARK_SENT_JOB)).toEqual([]);
      const sentAt = t.clock.now();
      await t.service.send(t.key);
      const digital = `${MARK_SENT_JOB}:jp-svar-${t.key}:altinn`;
      expect((await t.reply()).state).toBe('sent');
      expect(t.payloads.get(digital)).toEqual({ entryKey: `jp-svar-${t.key}`, sentAt, channel: 'altinn', printedAt: null });
      // unread at the deadline: printed; the send date stays the digital one, the paper is recorded too
      t.clock.advance(10 * DAY);
      expect(await t.service.sweep()).toBe(1);
      await t.service.print(t.key);
      const paper = `${MARK_SENT_JOB}:jp-svar-${t.key}:print`;
      expect(t.payloads.get(paper)).toEqual({ entryKey: `jp-svar-${t.key}`, sentAt, channel: 'altinn', printedAt: (await t.reply()).printedAt });
      expect(t.jobs.filter((j) => j.type === MARK_SENT_JOB)).toHaveLength(2);

      // straight to paper (KRR reserved): sent = the moment the print channel took it
      const u = await setup(open);
      u.reg.contact = contact({ reserved: true });
      await u.dispatch();
      await u.service.send(u.key);
      expect(u.jobs.filter((j) => j.type === MARK_SENT_JOB)).toEqual([]);
      await u.service.print(u.key);
      const printedAt = (await u.reply()).printedAt;
      expect(u.payloads.get(`${MARK_SENT_JOB}:jp-svar-${u.key}:print`)).toEqual({ entryKey: `jp-svar-${u.key}`, sentAt: printedAt, channel: 'print', printedAt });
    });
  });
});
