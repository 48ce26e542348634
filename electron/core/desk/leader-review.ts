import { DeskError } from './case-access';
import type { CaseWorkView, DeskDeps } from './desk.service';
import { RULES_ACTOR, type DeskUser } from './desk.types';

type View = (user: DeskUser, publicId: string, o?: { advice?: boolean }) => Promise<CaseWorkView>;

/**
 * #14: the leader's answer other than approving, on a case awaiting this leader's approval (the
 * same four-eyes rule as approve): send the case back (decision and letter kept) or reject the
 * letter (decision and letter cleared). The approvals so far are cleared either way; the comment
 * goes on the timeline with the leader's name. The audit records only its length: it may name the applicant.
 */
export function createLeaderReview(d: Pick<DeskDeps, 'store' | 'uow' | 'audit' | 'clock'>, view: View) {
  async function review(user: DeskUser, publicId: string, what: 'sendBack' | 'rejectLetter', comment: string): Promise<CaseWorkView> {
    const text = comment.trim();
    if (!text) throw new DeskError('conflict', 'Skriv en kommentar til saksbehandleren.');
    const verb = what === 'sendBack' ? 'sende saken tilbake' : 'avvise brevet';
    const current = await view(user, publicId, { advice: false });
    if (!current.can[what]) {
      throw new DeskError(
        current.record.status === 'awaiting-approval' ? 'forbidden' : 'conflict',
        `Du kan ikke ${verb} i denne saken nå. Det kan bare en leder som ikke har vedtatt, skrevet eller godkjent brevet, mens saken venter på godkjenning.`,
      );
    }
    const now = d.clock.now();
    await d.uow.run(async () => {
      // as approve: the case as it is now, locked; another node's answer or edit since then makes this one a conflict (#19)
      await d.store.lockCase(current.record.submissionId);
      const fresh = await view(user, publicId, { advice: false });
      if (!fresh.can[what] || fresh.letter?.updatedAt !== current.letter?.updatedAt) throw new DeskError('conflict', `Saken er endret av noen andre i mellomtiden: du kan ikke ${verb} nå.`);
      const c = fresh.record;
      await d.store.clearApprovals(c.submissionId);
      // a case the rules decided has no caseworker to return to: it waits, unassigned, for one to take it
      const byRules = c.assignee?.account === RULES_ACTOR.account;
      if (byRules) await d.store.setAssignee(c.submissionId, null, now);
      if (what === 'sendBack') {
        await d.store.setStatus(c.submissionId, 'returned', now);
      } else {
        await d.store.clearDecision(c.submissionId);
        await d.store.setStatus(c.submissionId, byRules ? 'new' : 'in-progress', now);
      }
      await d.store.addEvent(c.submissionId, { kind: what === 'sendBack' ? 'sent-back' : 'letter-rejected', at: now, actor: user.name, text });
      await d.audit.append({ actor: user.account, action: `case.${what}`, subject: `submission:${publicId}`, details: { commentLength: text.length } }, now);
    });
    return view(user, publicId);
  }

  return {
    /** #14: the leader returns the case to its caseworker with a comment: decision and letter kept, approvals cleared. */
    sendBack: (user: DeskUser, publicId: string, comment: string) => review(user, publicId, 'sendBack', comment),
    /** #14: the leader rejects the letter with a comment: decision and letter cleared, the caseworker decides again. */
    rejectLetter: (user: DeskUser, publicId: string, comment: string) => review(user, publicId, 'rejectLetter', comment),
  };
}
