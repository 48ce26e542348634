import type { CaseRecord } from '../ports/desk-store.port';
import type { ServiceProfile } from '../profiles/profile.schema';
import type { CaseStatus, DeskUser, Role } from './desk.types';

/**
 * Who may see and do what at the desk. Screened services (a profile with an access group,
 * e.g. health applications) are visible only to the group's members: the case list, search,
 * the case itself and its documents all ask `mayView` first.
 */

export interface ProfileAccess {
  id: string;
  /** The access group whose members alone may see this service's cases. */
  group: string | null;
  /** The profile asks for a leader's approval after the caseworker's. */
  secondApproval: boolean;
}

/** A service's access rules, read from its profile. */
export const profileAccessOf = (p: { id: string; profile: Pick<ServiceProfile, 'access' | 'reply'> }): ProfileAccess => ({
  id: p.id,
  group: p.profile.access.group ?? null,
  secondApproval: p.profile.reply.secondApproval,
});

const has = (u: DeskUser, ...roles: Role[]): boolean => roles.some((r) => u.roles.includes(r));

/**
 * The roles that read cases (lists, the form, documents, replies, register data). IT operates the
 * system and reads no case; a user with no role (an account missing from `access.users`) sees
 * nothing. Kept equal to the contract's CASE_READERS by a test.
 */
export const CASE_READER_ROLES: readonly Role[] = ['saksbehandler', 'leder', 'arkivar'];
export const mayReadCases = (user: DeskUser): boolean => has(user, ...CASE_READER_ROLES);

/** Only an archivist gets the original form XML (it holds full fødselsnummer); everyone else reads the masked form view. */
export const mayReadOriginalForm = (user: DeskUser): boolean => has(user, 'arkivar');

export function mayView(user: DeskUser, profile: ProfileAccess | undefined): boolean {
  return mayReadCases(user) && (!profile?.group || user.groups.includes(profile.group));
}

/** Whether a recorded actor (an account, or the name the desk stored) is this user. */
const isSelf = (user: DeskUser, who: string | null): boolean => who !== null && (who === user.account || who === user.name);

/** The screened services this user may not see: left out of lists, counts and search. */
export function hiddenProfileIds(user: DeskUser, profiles: readonly ProfileAccess[]): string[] {
  return profiles.filter((p) => !mayView(user, p)).map((p) => p.id);
}

/** Caseworkers and leaders act on a reply (hold, resume or stop its print); an archivist or IT admin only looks. */
export const mayActOnReply = (user: DeskUser): boolean => has(user, 'saksbehandler', 'leder');

const OPEN: readonly CaseStatus[] = ['new', 'in-progress'];
const DECIDABLE: readonly CaseStatus[] = ['in-progress', 'decided', 'returned'];
/** The letter written, not yet on its way to a leader: the caseworker edits and approves it (again, after a send back). */
const DRAFTED: readonly CaseStatus[] = ['decided', 'returned'];

export interface Permissions {
  claim: boolean;
  release: boolean;
  reassign: boolean;
  note: boolean;
  decide: boolean;
  editLetter: boolean;
  approve: boolean;
  /** #14: a leader returns the case to its caseworker with a comment. */
  sendBack: boolean;
  /** #14: a leader rejects the letter (decision and letter cleared) with a comment. */
  rejectLetter: boolean;
}

/** Who has put a hand to the case's outcome: the decider, the approvers so far, the last editor of the letter. */
export interface CaseHands {
  decidedBy: string | null;
  hasLetter: boolean;
  /** Earlier approvals' approvers (as stored: a name or an account). */
  approvedBy?: readonly string[];
  /** Who last edited the letter (as stored: a name or an account). */
  letterBy?: string | null;
}

/** The second approval must come from a fifth pair of eyes: not the decider, an earlier approver or the letter's last editor. */
export const handledOutcome = (user: DeskUser, o: CaseHands): boolean => [o.decidedBy, o.letterBy ?? null, ...(o.approvedBy ?? [])].some((who) => isSelf(user, who));

/** Decided cases (the letter written, waiting for approval) are not reassigned to oneself: that is how a leader would approve twice. */
export const SETTLED: readonly CaseStatus[] = ['decided', 'awaiting-approval', 'returned'];

/**
 * What the user may do with the case now. The caseworker who holds the case works it; a
 * leader may release and reassign any case and gives the second approval, which must come
 * from someone other than the one who decided, approved first or last edited the letter.
 */
export function permissions(user: DeskUser, c: CaseRecord, o: CaseHands): Permissions {
  const worker = has(user, 'saksbehandler', 'leder');
  const mine = c.assignee?.account === user.account;
  const leader = has(user, 'leder');
  // the leader's side of the second approval: approve, send back or reject, by the same four-eyes rule
  const reviewer = leader && c.status === 'awaiting-approval' && !handledOutcome(user, o);
  return {
    // a returned case without its caseworker (released, or decided by the rules) is taken like a new one
    claim: worker && (OPEN.includes(c.status) || (c.status === 'returned' && c.assignee === null)) && !mine,
    release: c.assignee !== null && (mine || leader) && c.status !== 'approved',
    reassign: leader && c.status !== 'approved' && c.status !== 'quarantined',
    note: worker || has(user, 'arkivar'),
    decide: worker && mine && DECIDABLE.includes(c.status),
    editLetter: worker && mine && DRAFTED.includes(c.status),
    approve: (worker && mine && DRAFTED.includes(c.status) && o.hasLetter) || reviewer,
    sendBack: reviewer,
    rejectLetter: reviewer,
  };
}
