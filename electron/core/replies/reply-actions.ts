import type { ReplyServiceDeps } from './reply.service';
import { confirmationText, isMismatchReason } from '../registers/name-match';
import { PRINT_JOB, printJobKey, SEND_JOB, sendJobKey } from './replies.jobs';
import { mayPrintAction, type ReplyRecord } from './reply.types';

export class ReplyConflict extends Error {
  override readonly name = 'ReplyConflict';
}

/** What a caseworker does with a reply after approval: confirm its recipient, hold, resume or stop its print. */
export function createReplyActions(d: Pick<ReplyServiceDeps, 'store' | 'timeline' | 'outbox' | 'uow' | 'audit' | 'clock' | 'correspondence'>) {
  return {
    /**
     * #13 item 10: a caseworker has checked the number and confirms Folkeregisteret's person as the
     * recipient: the reply stopped on the mismatch goes on (to Altinn if it was never sent, else to print).
     */
    confirmRecipient(replyKey: string, actor: { account: string; name: string }, registerName: string): ReplyRecord {
      return d.uow.transaction(() => {
        const r = d.store.byKey(replyKey);
        if (!r || r.state !== 'manual' || !isMismatchReason(r.reason)) throw new ReplyConflict('Svaret venter ikke på at mottakeren bekreftes.');
        const now = d.clock.now();
        d.timeline(r.submissionId, { kind: 'print-resumed', at: now, actor: actor.name, text: confirmationText(registerName) });
        d.audit.append({ actor: actor.account, action: 'reply.confirm-recipient', subject: `reply:${replyKey}`, details: { registerName } }, now);
        if (r.sentAt === null && r.channel !== 'print' && d.correspondence) {
          d.store.update(r.id, { state: 'queued', reason: null }, now);
          d.outbox.enqueue(SEND_JOB, { replyKey }, `${sendJobKey(replyKey)}:confirmed:${now}`);
        } else {
          d.store.update(r.id, { state: 'printing', reason: null }, now);
          d.outbox.enqueue(PRINT_JOB, { replyKey }, `${printJobKey(replyKey)}:confirmed:${now}`);
        }
        return d.store.byKey(replyKey)!;
      });
    },

    /** Caseworker: keep a pending print from going out at the deadline. */
    hold(replyKey: string, actor: { account: string; name: string }, reason: string): ReplyRecord {
      return d.uow.transaction(() => {
        const r = d.store.byKey(replyKey);
        if (!r || !mayPrintAction('hold', r.state)) throw new ReplyConflict('Utskriften kan bare holdes tilbake mens svaret venter på å bli lest.');
        const now = d.clock.now();
        d.store.update(r.id, { state: 'held', reason }, now);
        d.timeline(r.submissionId, { kind: 'print-held', at: now, actor: actor.name, text: reason });
        d.audit.append({ actor: actor.account, action: 'reply.hold', subject: `reply:${replyKey}`, details: { reason } }, now);
        return d.store.byKey(replyKey)!;
      });
    },
    resume(replyKey: string, actor: { account: string; name: string }): ReplyRecord {
      return d.uow.transaction(() => {
        const r = d.store.byKey(replyKey);
        if (!r || !mayPrintAction('resume', r.state)) throw new ReplyConflict('Utskriften er ikke holdt tilbake.');
        const now = d.clock.now();
        d.store.update(r.id, { state: r.notifiedAt !== null ? 'notified' : 'sent', reason: null }, now);
        d.timeline(r.submissionId, { kind: 'print-resumed', at: now, actor: actor.name, text: null });
        d.audit.append({ actor: actor.account, action: 'reply.resume', subject: `reply:${replyKey}`, details: {} }, now);
        return d.store.byKey(replyKey)!;
      });
    },
    stop(replyKey: string, actor: { account: string; name: string }, reason: string): ReplyRecord {
      return d.uow.transaction(() => {
        const r = d.store.byKey(replyKey);
        if (!r || !mayPrintAction('stop', r.state)) throw new ReplyConflict('Utskriften kan bare stoppes før den er sendt til utskrift.');
        const now = d.clock.now();
        d.store.update(r.id, { state: 'stopped', reason }, now);
        d.timeline(r.submissionId, { kind: 'print-stopped', at: now, actor: actor.name, text: reason });
        d.audit.append({ actor: actor.account, action: 'reply.stop', subject: `reply:${replyKey}`, details: { reason } }, now);
        return d.store.byKey(replyKey)!;
      });
    },
  };
}
