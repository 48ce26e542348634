import { enqueueMarkSent } from '../archive/archive.jobs';
import { IntegrationError } from '../errors';
import type { AuditLog } from '../ports/audit-log.port';
import type { Clock } from '../ports/clock.port';
import type { CorrespondencePort, CorrespondenceStatus } from '../ports/correspondence.port';
import type { UnitOfWork } from '../ports/unit-of-work.port';
import type { Logger } from '../ports/logger.port';
import type { PrintChannel, PrintRenderer } from '../ports/print-channel.port';
import type { LetterRenderer } from '../ports/letter-renderer.port';
import type { ReplyPatch, ReplyStore } from '../ports/reply-store.port';
import type { Outbox } from '../ports/outbox.port';
import type { CaseEvent } from '../desk/desk.types';
import type { RegisterService } from '../registers/register.service';
import { paperReason, recipientStop, registerRecipient, sameRecipient } from './recipient-check';
import { PRINT_JOB, printJobKey, SEND_JOB, sendJobKey } from './replies.jobs';
import { createReplyActions } from './reply-actions';
import { isStrictlyConfidential, type ReplyMessage, type ReplyRecord } from './reply.types';

const SYSTEM = 'Postmottak';
const HOUR = 3_600_000;

export interface DispatchInput {
  submissionId: number;
  replyKey: string;
  recipient: { personNumber: string } | { organisationNumber: string };
  message: ReplyMessage;
  letter: { sha256: string; size: number; filename: string };
  fallback: { days: number; businessDays: boolean };
}

export interface ReplyServiceDeps {
  store: ReplyStore;
  /** Writes an event on the case timeline (call inside a transaction). */
  timeline(submissionId: number, e: CaseEvent): Promise<void>;
  registers: RegisterService;
  correspondence: CorrespondencePort | null;
  print: PrintChannel | null;
  printRenderer: PrintRenderer;
  blob(sha256: string): Promise<Uint8Array | undefined>;
  hash(bytes: Uint8Array): string;
  outbox: Outbox;
  uow: UnitOfWork;
  audit: AuditLog;
  clock: Clock;
  logger: Logger;
  /** The fallback deadline of a reply sent at `sentAt`. */
  deadline(sentAt: number, rule: { days: number; businessDays: boolean }): number;
  localDate(ms: number): string;
  /** Stable UUID for Altinn's idempotentKey. */
  newKey(): string;
  batch?: { poll?: number; sweep?: number };
  /** Keep asking whether a printed letter was read for this long. */
  printedPollWindowMs?: number;
  /** After an Altinn outage this long past the deadline, print on the last known status. */
  printGraceMs?: number;
  /** Where the Altinn Events cursor is kept between runs (when the transport reads events). */
  eventCursor?: { get(): Promise<string | null>; set(cursor: string): Promise<void> };
  /** The register name a caseworker confirmed as the recipient of the case's reply (#13 item 10), from its timeline. */
  confirmedName?(submissionId: number): Promise<string | null>;
  /** Lays the approved letter out again with Folkeregisteret's address block when it goes to paper. */
  letters?: LetterRenderer;
}

export { paperReason } from './recipient-check';

/**
 * The reply after approval: send it to the citizen's Altinn inbox (or straight to paper), follow
 * notification, reminder and read, and at the deadline put an unread reply on paper. Every step
 * is a durable job with the reply's key; a state change and the job it needs commit together,
 * and each handler first re-reads the state, so a crash anywhere repeats at most an idempotent call.
 */
export function createReplyService(d: ReplyServiceDeps) {
  const pollBatch = d.batch?.poll ?? 200;
  const sweepBatch = d.batch?.sweep ?? 200;
  const printedWindow = d.printedPollWindowMs ?? 60 * 24 * HOUR;
  const grace = d.printGraceMs ?? 24 * HOUR;

  const event = (r: ReplyRecord, kind: CaseEvent['kind'], text: string | null, at: number) => d.timeline(r.submissionId, { kind, at, actor: SYSTEM, text });

  /** In a transaction: hand the reply to the print job, now. */
  async function toPrint(r: ReplyRecord, reason: string | null, now: number): Promise<void> {
    await d.store.update(r.id, { state: 'printing', reason }, now);
    await d.outbox.enqueue(PRINT_JOB, { replyKey: r.replyKey }, printJobKey(r.replyKey));
    await d.audit.append({ actor: SYSTEM, action: 'reply.to-print', subject: `reply:${r.replyKey}`, details: { reason } }, now);
  }

  /** Applies what Altinn says (in a transaction); returns the reply as it is now. */
  async function apply(r: ReplyRecord, s: CorrespondenceStatus | undefined, now: number): Promise<ReplyRecord> {
    if (!s) {
      await d.store.update(r.id, { lastPolledAt: now }, now);
      return { ...r, lastPolledAt: now };
    }
    let cur = r;
    const patch = async (p: ReplyPatch) => {
      await d.store.update(r.id, p, now);
      cur = { ...cur, ...p };
    };
    const first = s.notifications.filter((n) => n.ok && !n.reminder).sort((a, b) => a.at - b.at)[0];
    if (first && cur.notifiedAt === null) {
      await patch({ notifiedAt: first.at, ...(cur.state === 'sent' ? { state: 'notified' as const } : {}) });
      await event(cur, 'notified', `Varsel sendt (${first.channel === 'sms' ? 'SMS' : first.channel === 'email' ? 'e-post' : 'varsel'})`, first.at);
    }
    const reminder = s.notifications.filter((n) => n.ok && n.reminder).sort((a, b) => a.at - b.at)[0];
    if (reminder && cur.remindedAt === null) {
      await patch({ remindedAt: reminder.at });
      await event(cur, 'notified', 'Påminnelse sendt', reminder.at);
    }
    if (s.read !== null && cur.readAt === null) {
      const after = cur.state === 'printed' || cur.state === 'printing';
      await patch({ readAt: s.read, ...(['sent', 'notified', 'held', 'stopped', 'failed'].includes(cur.state) ? { state: 'read' as const } : {}) });
      await event(cur, 'read', after ? 'Lest i Altinn etter at brevet ble sendt i posten' : 'Lest i Altinn', s.read);
    }
    if (s.failed && s.read === null && (cur.state === 'sent' || cur.state === 'notified')) {
      await event(cur, 'replied', `Altinn kunne ikke levere svaret: ${s.failed}. Sendes på papir.`, now);
      await toPrint(cur, `Altinn: ${s.failed}`, now);
      cur = { ...cur, state: 'printing' };
    }
    await patch({ lastPolledAt: now });
    return cur;
  }

  /** Stops the reply at manual follow-up, if it is still in `from`. */
  async function manualFrom(r: ReplyRecord, from: ReplyRecord['state'], why: string): Promise<void> {
    const now = d.clock.now();
    await d.uow.run(async () => {
      if ((await d.store.byKey(r.replyKey))?.state !== from) return;
      await d.store.update(r.id, { state: 'manual', reason: why }, now);
      await event(r, 'print-manual', why, now);
      await d.audit.append({ actor: SYSTEM, action: 'reply.manual', subject: `reply:${r.replyKey}`, details: { reason: why } }, now);
    });
  }

  /** The register name a caseworker confirmed for the case's reply, if any. */
  const confirmed = async (submissionId: number): Promise<string | null> => (d.confirmedName ? await d.confirmedName(submissionId) : null);

  async function statusOf(rows: ReplyRecord[]): Promise<Map<string, CorrespondenceStatus>> {
    const refs = rows.filter((r) => r.correspondenceId).map((r) => ({ correspondenceId: r.correspondenceId!, sendersReference: r.replyKey }));
    if (!refs.length || !d.correspondence) return new Map();
    const got = await d.correspondence.status(refs);
    return new Map(got.map((s) => [s.correspondenceId, s]));
  }

  return {
    /** Registers an approved reply and its send job. Call in the approval's transaction. */
    async dispatch(input: DispatchInput, actor: string): Promise<ReplyRecord> {
      const existing = await d.store.byKey(input.replyKey);
      if (existing) return existing;
      const now = d.clock.now();
      const r = await d.store.insert(
        {
          submissionId: input.submissionId,
          replyKey: input.replyKey,
          idempotentKey: d.newKey(),
          state: 'queued',
          channel: d.correspondence?.transport ?? 'altinn3',
          recipient: input.recipient,
          message: input.message,
          letter: input.letter,
          fallback: input.fallback,
          approvedAt: now,
        },
        now,
      );
      if (d.correspondence) await d.outbox.enqueue(SEND_JOB, { replyKey: r.replyKey }, sendJobKey(r.replyKey));
      await d.audit.append({ actor, action: 'reply.dispatch', subject: `reply:${r.replyKey}`, details: { channel: r.channel } }, now);
      return r;
    },

    /** Jobs for replies approved while nothing was configured, or before an upgrade. */
    async ensureJobs(rows: ReplyRecord[]): Promise<number> {
      let n = 0;
      await d.uow.run(async () => {
        for (const r of rows) {
          if (r.state === 'queued' && d.correspondence) await d.outbox.enqueue(SEND_JOB, { replyKey: r.replyKey }, sendJobKey(r.replyKey));
          else if (r.state === 'printing') await d.outbox.enqueue(PRINT_JOB, { replyKey: r.replyKey }, printJobKey(r.replyKey));
          else continue;
          n++;
        }
      });
      return n;
    },

    /** The send job: KRR first (fresh), then Altinn with the reply's idempotentKey. */
    async send(replyKey: string): Promise<void> {
      const r = await d.store.byKey(replyKey);
      if (!r || r.state !== 'queued') return;
      if ('personNumber' in r.recipient && d.registers.configured()) {
        const pn = r.recipient.personNumber;
        // #13 item 10: Altinn delivers to the number's inbox, so a number the register gives another name for stops here
        const stop = r.message.applicantName ? recipientStop(r, await d.registers.person(pn, { fresh: true }), await confirmed(r.submissionId)) : null;
        if (stop) return manualFrom(r, 'queued', stop);
        const why = paperReason((await d.registers.contacts([pn], { fresh: true })).get(pn) ?? null);
        if (why) {
          const now = d.clock.now();
          await d.uow.run(async () => {
            if ((await d.store.byKey(replyKey))?.state !== 'queued') return;
            await d.store.update(r.id, { channel: 'print' }, now);
            await event(r, 'replied', `Sendes på papir: ${why}`, now);
            await toPrint(r, why, now);
          });
          return;
        }
      }
      if (!d.correspondence) throw new IntegrationError('transient', 'Altinn meldingstjeneste er ikke satt opp.', { integration: 'correspondence' });
      const bytes = await d.blob(r.letter.sha256);
      if (!bytes) throw new IntegrationError('permanent', 'Brevet finnes ikke i lageret.');
      const sentAt = d.clock.now();
      const dueAt = d.deadline(sentAt, r.fallback);
      const m = r.message;
      const res = await d.correspondence.send({
        sendersReference: r.replyKey,
        idempotentKey: r.idempotentKey,
        recipient: r.recipient,
        resourceId: m.resourceId ?? '',
        altinn2Service: m.altinn2Service ?? undefined,
        language: m.language,
        title: m.title,
        summary: m.summary,
        body: m.body,
        messageSender: m.messageSender,
        letter: { filename: r.letter.filename, displayName: m.title, contentType: 'application/pdf', bytes, sha256: r.letter.sha256 },
        notification: m.notification,
        reminder: true,
        dueAt,
      });
      const now = d.clock.now();
      await d.uow.run(async () => {
        if ((await d.store.byKey(replyKey))?.state !== 'queued') return;
        if (res.outcome === 'reserved') {
          await d.store.update(r.id, { channel: 'print' }, now);
          await event(r, 'replied', 'Altinn avviste: mottakeren er reservert mot digital post. Sendes på papir.', now);
          await toPrint(r, 'Reservert mot digital post (Altinn 1030)', now);
          return;
        }
        await d.store.update(r.id, { state: 'sent', correspondenceId: res.correspondenceId, sentAt, deadlineAt: dueAt, channel: d.correspondence!.transport }, now);
        await enqueueMarkSent(d.outbox, r.replyKey, { sentAt, channel: 'altinn', printedAt: null }); // #13 item 7: the archive hears it left, with this date
        await event(r, 'replied', `Sendt til innbyggerens innboks i Altinn. Skrives ut ${d.localDate(dueAt)} hvis det ikke er lest.`, sentAt);
        await d.audit.append({ actor: SYSTEM, action: 'reply.sent', subject: `reply:${r.replyKey}`, details: { correspondenceId: res.correspondenceId } }, now);
      });
    },

    /**
     * Read tracking from Altinn Events, where configured: the replies an event names (read,
     * notified, never read, failed) are asked about at once; the cursor moves in the same
     * transaction, so a crash re-reads events rather than losing them.
     */
    async followEvents(maxPages = 20): Promise<number> {
      const port = d.correspondence;
      if (!port?.events || !d.eventCursor) return 0;
      let seen = 0;
      for (let page = 0; page < maxPages; page++) {
        const cursor = await d.eventCursor.get();
        const { items, next } = await port.events(cursor);
        // a page of events the adapter could not use still moves the cursor
        if (!next) break;
        const named: ReplyRecord[] = [];
        for (const id of new Set(items.filter((e) => e.kind !== 'published' && e.kind !== 'other').map((e) => e.correspondenceId))) {
          const r = await d.store.byCorrespondenceId(id);
          if (r) named.push(r);
        }
        const statuses = await statusOf(named);
        const at = d.clock.now();
        await d.uow.run(async () => {
          for (const r of named) {
            const cur = await d.store.byKey(r.replyKey);
            if (cur) await apply(cur, statuses.get(r.correspondenceId ?? ''), at);
          }
          await d.eventCursor!.set(next);
        });
        seen += items.length;
        if (next === cursor) break;
      }
      return seen;
    },

    /** Read tracking: asks Altinn about the replies least recently asked about. */
    async poll(): Promise<number> {
      if (!d.correspondence) return 0;
      const now = d.clock.now();
      const rows = await d.store.toPoll(now, pollBatch, printedWindow);
      if (!rows.length) return 0;
      const statuses = await statusOf(rows);
      const at = d.clock.now();
      await d.uow.run(async () => {
        for (const r of rows) {
          const cur = await d.store.byKey(r.replyKey);
          if (cur) await apply(cur, statuses.get(r.correspondenceId ?? ''), at);
        }
      });
      return rows.length;
    },

    /** The postal fallback: each unread reply past its deadline goes to print, after one last look. */
    async sweep(): Promise<number> {
      let printed = 0;
      for (let round = 0; round < 50; round++) {
        const now = d.clock.now();
        const due = await d.store.due(now, sweepBatch);
        if (!due.length) break;
        let statuses = new Map<string, CorrespondenceStatus>();
        let failure: unknown = null;
        try {
          statuses = await statusOf(due);
        } catch (e) {
          failure = e;
        }
        const at = d.clock.now();
        await d.uow.run(async () => {
          for (const r of due) {
            const cur0 = await d.store.byKey(r.replyKey);
            if (!cur0) continue;
            // without a last look, only replies well past their deadline go to print
            if (failure && (cur0.deadlineAt ?? 0) > at - grace) continue;
            const cur = failure ? cur0 : await apply(cur0, statuses.get(cur0.correspondenceId ?? ''), at);
            if ((cur.state === 'sent' || cur.state === 'notified') && cur.readAt === null && cur.deadlineAt !== null && cur.deadlineAt <= at) {
              await toPrint(cur, null, at);
              printed++;
            }
          }
        });
        if (failure) throw failure;
        if (due.length < sweepBatch) break;
      }
      return printed;
    },

    /** The print job: a fresh address from Folkeregisteret, the print-ready PDF, the channel. */
    async print(replyKey: string): Promise<void> {
      const r = await d.store.byKey(replyKey);
      if (!r || r.state !== 'printing') return;
      const manual = (why: string) => manualFrom(r, 'printing', why);
      if (!('personNumber' in r.recipient)) return manual('Mottakeren er en virksomhet: send brevet manuelt.');
      if (!d.print) throw new IntegrationError('transient', 'Ingen utskriftskanal er satt opp.', { integration: 'print' });
      const person = await d.registers.person(r.recipient.personNumber, { fresh: true });
      if (!person) return manual('Personen finnes ikke i Folkeregisteret: brevet må sendes manuelt.');
      if (isStrictlyConfidential(person.addressProtection))
        return manual('Strengt fortrolig adresse: brevet skrives ikke ut med adresse. Send det manuelt etter rutinen for adressesperre.');
      if (!person.address) return manual('Ingen postadresse i Folkeregisteret: brevet må sendes manuelt.');
      const stop = recipientStop(r, person, await confirmed(r.submissionId));
      if (stop) return manual(stop);
      let letter = await d.blob(r.letter.sha256);
      if (!letter) throw new IntegrationError('permanent', 'Brevet finnes ikke i lageret.');
      const recipient = { name: person.name, address: person.address };
      // the address page and the letter's address block come from the same source: Folkeregisteret, now
      const doc = r.message.document;
      const block = registerRecipient(person);
      const relaid = doc && d.letters && !sameRecipient(doc.recipient, block);
      if (relaid) letter = (await d.letters!.render({ ...doc, recipient: block })).bytes;
      const ready = await d.printRenderer.printReady({
        letter,
        recipient,
        sender: r.message.sender,
        reference: r.message.caseNumber ?? r.replyKey.slice(0, 8),
        date: d.localDate(d.clock.now()),
      });
      const receipt = await d.print.submit({
        key: `reply:${r.replyKey}`,
        recipient,
        sender: r.message.sender,
        title: r.message.title,
        letter: { bytes: letter, sha256: relaid ? d.hash(letter) : r.letter.sha256, filename: r.letter.filename },
        printReady: { bytes: ready.bytes, sha256: d.hash(ready.bytes), pages: ready.pages },
        options: { color: false, duplex: true },
      });
      const now = d.clock.now();
      await d.uow.run(async () => {
        if ((await d.store.byKey(replyKey))?.state !== 'printing') return;
        await d.store.update(r.id, { state: 'printed', printedAt: receipt.at, printRef: receipt.reference }, now);
        await enqueueMarkSent(d.outbox, r.replyKey, { sentAt: r.sentAt ?? receipt.at, channel: r.sentAt === null ? 'print' : 'altinn', printedAt: receipt.at });
        const how = d.print!.kind === 'svarut' ? 'Sendt til utskrift via SvarUt' : 'Skrevet ut og sendt i posten';
        await event(r, 'printed', relaid ? `${how}, med navn og adresse fra Folkeregisteret i brevet` : how, receipt.at);
        await d.audit.append({ actor: SYSTEM, action: 'reply.printed', subject: `reply:${r.replyKey}`, details: { channel: d.print!.kind, reference: receipt.reference } }, now);
      });
    },

    ...createReplyActions(d),
  };
}

export { ReplyConflict } from './reply-actions';

export type ReplyService = ReturnType<typeof createReplyService>;
