import type { AuditLog } from '../ports/audit-log.port';
import type { Clock } from '../ports/clock.port';
import type { CaseRecord, DeskStore } from '../ports/desk-store.port';
import type { SubmissionDetail } from '../ports/submission-store.port';
import type { UnitOfWork } from '../ports/unit-of-work.port';
import type { ServiceProfile } from '../profiles/profile.schema';
import { hiddenProfileIds, mayView, type ProfileAccess } from './access-policy';
import type { DeskUser } from './desk.types';

const DAY = 86_400_000;

/** A case's deadlines from its profile, counted from when it became a case. */
export function caseDeadlines(profile: Pick<ServiceProfile, 'processing'> | undefined, from: number): { deadlineAt: number | null; preliminaryReplyAt: number | null } {
  const p = profile?.processing;
  return {
    deadlineAt: p ? from + p.deadlineDays * DAY : null,
    preliminaryReplyAt: p?.preliminaryReplyAfterDays ? from + p.preliminaryReplyAfterDays * DAY : null,
  };
}

/** A refusal the hosts show as it is: not found (also for a case the user may not see), forbidden, or a conflict with the case's state. */
export class DeskError extends Error {
  override readonly name = 'DeskError';
  constructor(
    readonly code: 'not-found' | 'forbidden' | 'conflict',
    message: string,
  ) {
    super(message);
  }
}

export interface CaseAccessDeps {
  store: Pick<DeskStore, 'ensureCase' | 'get'>;
  submission(publicId: string): Promise<SubmissionDetail | undefined>;
  profile(id: string): ServiceProfile | undefined;
  profileAccess(): ProfileAccess[];
  uow: UnitOfWork;
  audit: AuditLog;
  clock: Clock;
}

/**
 * The case behind a submission and who may see it: the one gate the desk, the replies and the
 * submission views all pass. A case the user may not see is audited and looks like "not found".
 */
export function createCaseAccess(d: CaseAccessDeps) {
  const accessOf = (profileId: string | null): ProfileAccess | undefined => (profileId ? d.profileAccess().find((p) => p.id === profileId) : undefined);

  /** Registers the case for a stored submission, with the deadlines from its profile. Call in the ingest transaction. */
  async function open(s: { id: number; quarantined: boolean; receivedAt: number; profileId: string | null }): Promise<void> {
    // a quarantined submission has no deadline until it becomes a case (#13 item 13)
    const deadlines = s.quarantined ? { deadlineAt: null, preliminaryReplyAt: null } : caseDeadlines(s.profileId ? d.profile(s.profileId) : undefined, s.receivedAt);
    await d.store.ensureCase({ submissionId: s.id, status: s.quarantined ? 'quarantined' : 'new', ...deadlines, at: s.receivedAt });
  }

  /** The case, if it exists and the user may see it; a refusal is audited and looks like "not found". */
  async function visible(user: DeskUser, publicId: string): Promise<{ record: CaseRecord; submission: SubmissionDetail }> {
    const submission = await d.submission(publicId);
    if (!submission) throw new DeskError('not-found', 'Fant ingen sak med denne referansen.');
    let record = await d.store.get(publicId);
    if (!record) {
      // a submission stored without its case (an older path): the case is made on first sight
      await d.uow.run(() => open({ id: submission.id, quarantined: submission.status === 'quarantined', receivedAt: submission.receivedAt, profileId: submission.profileId }));
      record = await d.store.get(publicId);
      if (!record) throw new DeskError('not-found', 'Fant ingen sak med denne referansen.');
    }
    if (!mayView(user, accessOf(record.profileId))) {
      const profileId = record.profileId;
      await d.uow.run(() =>
        d.audit.append({ actor: user.account, action: 'access.refused', subject: `submission:${publicId}`, details: { profile: profileId } }, d.clock.now()),
      );
      throw new DeskError('not-found', 'Fant ingen sak med denne referansen.');
    }
    return { record, submission };
  }

  /** Whether the user may see the case, without auditing (for filtering events): false for an unknown case too. */
  async function maySee(user: DeskUser, publicId: string): Promise<boolean> {
    const record = await d.store.get(publicId);
    return !!record && mayView(user, accessOf(record.profileId));
  }

  return {
    open,
    visible,
    maySee,
    accessOf,
    profileAccess: () => d.profileAccess(),
    /** The screened services this user may not see: left out of lists, counts and search. */
    hiddenProfileIds: (user: DeskUser) => hiddenProfileIds(user, d.profileAccess()),
  };
}

export type CaseAccess = ReturnType<typeof createCaseAccess>;
