import { describe, expect, it } from 'vitest';
import { hiddenProfileIds, mayView, permissions } from '../../electron/core/desk/access-policy';
import type { DeskUser } from '../../electron/core/desk/desk.types';
import type { CaseRecord } from '../../electron/core/ports/desk-store.port';

const user = (account: string, roles: DeskUser['roles'], groups: string[] = []): DeskUser => ({ account, name: account, roles, groups });
const kari = user('kari', ['saksbehandler']);
const leif = user('leif', ['saksbehandler', 'leder'], ['helse']);
const arne = user('arne', ['arkivar']);
const rec = (status: CaseRecord['status'], assignee: string | null = null): CaseRecord => ({
  submissionId: 1,
  publicId: 'p',
  profileId: 'x',
  status,
  assignee: assignee ? { account: assignee, name: assignee } : null,
  deadlineAt: null,
  preliminaryReplyAt: null,
  updatedAt: 0,
});

describe('access policy', () => {
  const profiles = [
    { id: 'helse-omsorg', group: 'helse', secondApproval: true },
    { id: 'barnehageplass', group: null, secondApproval: false },
  ];
  it('hides screened services from users outside their group', () => {
    expect(hiddenProfileIds(kari, profiles)).toEqual(['helse-omsorg']);
    expect(hiddenProfileIds(leif, profiles)).toEqual([]);
    expect(mayView(kari, profiles[0])).toBe(false);
    expect(mayView(kari, profiles[1])).toBe(true);
    expect(mayView(kari, undefined)).toBe(true);
  });

  it('lets the holder of a case work it, and a leader release, reassign and give the second approval', () => {
    expect(permissions(kari, rec('new'), { decidedBy: null, hasLetter: false })).toMatchObject({ claim: true, decide: false, reassign: false, release: false });
    expect(permissions(kari, rec('in-progress', 'kari'), { decidedBy: null, hasLetter: false })).toMatchObject({ claim: false, decide: true, release: true, approve: false });
    expect(permissions(kari, rec('decided', 'kari'), { decidedBy: 'kari', hasLetter: true })).toMatchObject({ editLetter: true, approve: true });
    // someone else's case: a caseworker can take it over only by claiming; a leader can release or reassign
    expect(permissions(kari, rec('in-progress', 'hanne'), { decidedBy: null, hasLetter: false })).toMatchObject({ decide: false, release: false, claim: true });
    expect(permissions(leif, rec('in-progress', 'hanne'), { decidedBy: null, hasLetter: false })).toMatchObject({ release: true, reassign: true, decide: false });
    // the second approval: a leader, not the one who decided
    expect(permissions(leif, rec('awaiting-approval', 'hanne'), { decidedBy: 'hanne', hasLetter: true }).approve).toBe(true);
    expect(permissions(leif, rec('awaiting-approval', 'leif'), { decidedBy: 'leif', hasLetter: true }).approve).toBe(false);
    expect(permissions(kari, rec('awaiting-approval', 'kari'), { decidedBy: 'kari', hasLetter: true }).approve).toBe(false);
    // an archivist reads and notes, nothing else
    expect(permissions(arne, rec('new'), { decidedBy: null, hasLetter: false })).toEqual({ claim: false, release: false, reassign: false, note: true, decide: false, editLetter: false, approve: false, sendBack: false, rejectLetter: false });
    // an approved case is done
    expect(Object.values(permissions(leif, rec('approved', 'leif'), { decidedBy: 'leif', hasLetter: true })).filter(Boolean)).toEqual([true]); // note only
  });

  it('#14: the leader who may approve may instead send back or reject, and a returned case is the caseworker\'s to correct and approve again', () => {
    const hanne = user('hanne', ['saksbehandler'], ['helse']);
    const lise = user('lise', ['saksbehandler', 'leder'], ['helse']);
    const waiting = rec('awaiting-approval', 'hanne');
    expect(permissions(leif, waiting, { decidedBy: 'hanne', hasLetter: true, approvedBy: ['hanne'], letterBy: 'hanne' })).toMatchObject({ approve: true, sendBack: true, rejectLetter: true });
    // the same four-eyes rule as approving: not a leader who decided, wrote the letter or approved it
    for (const hands of [{ decidedBy: 'leif' }, { decidedBy: 'hanne', letterBy: 'leif' }, { decidedBy: 'hanne', approvedBy: ['leif'] }]) {
      expect(permissions(leif, waiting, { hasLetter: true, ...hands })).toMatchObject({ approve: false, sendBack: false, rejectLetter: false });
    }
    // not a caseworker, and not before the case awaits a leader
    expect(permissions(hanne, waiting, { decidedBy: 'hanne', hasLetter: true })).toMatchObject({ sendBack: false, rejectLetter: false });
    expect(permissions(lise, rec('decided', 'hanne'), { decidedBy: 'hanne', hasLetter: true })).toMatchObject({ sendBack: false, rejectLetter: false, approve: false });
    // sent back: the caseworker edits, decides again if need be, and approves; a leader cannot approve it now
    const returned = rec('returned', 'hanne');
    expect(permissions(hanne, returned, { decidedBy: 'hanne', hasLetter: true })).toMatchObject({ editLetter: true, decide: true, approve: true, claim: false });
    expect(permissions(lise, returned, { decidedBy: 'hanne', hasLetter: true })).toMatchObject({ approve: false, sendBack: false, rejectLetter: false, editLetter: false, reassign: true });
    // a returned case with no caseworker (the rules decided it) is taken like a new one
    expect(permissions(hanne, rec('returned'), { decidedBy: 'postmottak.regelstyrt', hasLetter: true }).claim).toBe(true);
  });
});
