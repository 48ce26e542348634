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

export function mayView(user: DeskUser, profile: ProfileAccess | undefined): boolean {
  return !profile?.group || user.groups.includes(profile.group);
}

/** The screened services this user may not see: left out of lists, counts and search. */
export function hiddenProfileIds(user: DeskUser, profiles: readonly ProfileAccess[]): string[] {
  return profiles.filter((p) => !mayView(user, p)).map((p) => p.id);
}

/** Caseworkers and leaders act on a reply (hold, resume or stop its print); an archivist or IT admin only looks. */
export const mayActOnReply = (user: DeskUser): boolean => has(user, 'saksbehandler', 'leder');

const OPEN: readonly CaseStatus[] = ['new', 'in-progress'];
const DECIDABLE: readonly CaseStatus[] = ['in-progress', 'decided'];

export interface Permissions {
  claim: boolean;
  release: boolean;
  reassign: boolean;
  note: boolean;
  decide: boolean;
  editLetter: boolean;
  approve: boolean;
}

/**
 * What the user may do with the case now. The caseworker who holds the case works it; a
 * leader may release and reassign any case and gives the second approval, which must come
 * from someone other than the one who decided.
 */
export function permissions(user: DeskUser, c: CaseRecord, o: { decidedBy: string | null; hasLetter: boolean }): Permissions {
  const worker = has(user, 'saksbehandler', 'leder');
  const mine = c.assignee?.account === user.account;
  const leader = has(user, 'leder');
  return {
    claim: worker && OPEN.includes(c.status) && !mine,
    release: c.assignee !== null && (mine || leader) && c.status !== 'approved',
    reassign: leader && c.status !== 'approved' && c.status !== 'quarantined',
    note: worker || has(user, 'arkivar'),
    decide: worker && mine && DECIDABLE.includes(c.status),
    editLetter: worker && mine && c.status === 'decided',
    approve:
      (worker && mine && c.status === 'decided' && o.hasLetter) ||
      (leader && c.status === 'awaiting-approval' && o.decidedBy !== user.account),
  };
}
