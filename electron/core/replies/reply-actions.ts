import type { CaseEvent } from '../desk/desk.types';
import type { ReplyPatch } from '../ports/reply-store.port';
import type { ReplyServiceDeps } from './reply.service';
import { confirmationText, isMismatchReason } from '../registers/name-match';
import { PRINT_JOB, printJobKey, SEND_JOB, sendJobKey } from './replies.jobs';
import { mayPrintAction, type ReplyRecord } from './reply.types';

export class ReplyConflict extends Error {
  override readonly name = 'ReplyConflict';
}

type Actor = { account: string; name: string };
type PrintAction = 'hold' | 'resume' | 'stop';

/** What a caseworker does with a reply after approval: confirm its recipient, hold, resume or stop its print. */
export function createReplyActions(d: Pick<ReplyServiceDeps, 'store' | 'timeline' | 'outbox' | 'uow' | 'audit' | 'clock' | 'correspondence'>) {
  /** Hold, resume and stop share one shape: check the state allows it, patch the reply, note it on the timeline and in the audit log. */
  const printAction = (
    replyKey: string,
    actor: Actor,
    action: PrintAction,
    conflict: string,
    patch: (r: ReplyRecord) => ReplyPatch,
    kind: CaseEvent['kind'],
    text: string | null,
    details: Record<string, unknown>,
  ): Promise<ReplyRecord> =>
    d.uow.run(async () => {
      const r = await d.store.byKey(replyKey);
      if (!r || !mayPrintAction(action, r.state)) throw new ReplyConflict(conflict);
      const now = d.clock.now();
      await d.store.update(r.id, patch(r), now);
      await d.timeline(r.submissionId, { kind, at: now, actor: actor.name, text });
      await d.audit.append({ actor: actor.account, action: `reply.${action}`, subject: `reply:${replyKey}`, details }, now);
      return (await d.store.byKey(replyKey))!;
    });

  return {
    /**
     * #13 item 10: a caseworker has checked the number and confirms Folkeregisteret's person as the
     * recipient: the reply stopped on the mismatch goes on (to Altinn if it was never sent, else to print).
     */
    confirmRecipient(replyKey: string, actor: Actor, registerName: string): Promise<ReplyRecord> {
      return d.uow.run(async () => {
        const r = await d.store.byKey(replyKey);
        if (!r || r.state !== 'manual' || !isMismatchReason(r.reason)) throw new ReplyConflict('Svaret venter ikke på at mottakeren bekreftes.');
        const now = d.clock.now();
        await d.timeline(r.submissionId, { kind: 'print-resumed', at: now, actor: actor.name, text: confirmationText(registerName) });
        await d.audit.append({ actor: actor.account, action: 'reply.confirm-recipient', subject: `reply:${replyKey}`, details: { registerName, formName: r.message.applicantName ?? null } }, now);
        if (r.sentAt === null && r.channel !== 'print' && d.correspondence) {
          await d.store.update(r.id, { state: 'queued', reason: null }, now);
          await d.outbox.enqueue(SEND_JOB, { replyKey }, `${sendJobKey(replyKey)}:confirmed:${now}`);
        } else {
          await d.store.update(r.id, { state: 'printing', reason: null }, now);
          await d.outbox.enqueue(PRINT_JOB, { replyKey }, `${printJobKey(replyKey)}:confirmed:${now}`);
        }
        return (await d.store.byKey(replyKey))!;
      });
    },

    /** Caseworker: keep a pending print from going out at the deadline. */
    hold: (replyKey: string, actor: Actor, reason: string): Promise<ReplyRecord> =>
      printAction(replyKey, actor, 'hold', 'Utskriften kan bare holdes tilbake mens svaret venter på å bli lest.', () => ({ state: 'held', reason }), 'print-held', reason, { reason }),
    resume: (replyKey: string, actor: Actor): Promise<ReplyRecord> =>
      printAction(replyKey, actor, 'resume', 'Utskriften er ikke holdt tilbake.', (r) => ({ state: r.notifiedAt !== null ? 'notified' : 'sent', reason: null }), 'print-resumed', null, {}),
    stop: (replyKey: string, actor: Actor, reason: string): Promise<ReplyRecord> =>
      printAction(replyKey, actor, 'stop', 'Utskriften kan bare stoppes før den er sendt til utskrift.', () => ({ state: 'stopped', reason }), 'print-stopped', reason, { reason }),
  };
}
