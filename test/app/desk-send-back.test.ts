import { afterEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../electron/app/create-hub';
import type { CaseList, CaseWork, HubResult } from '../../electron/ipc';
import { pdfBytes } from '../helpers/archive-fixture';
import { part, receivedApplication } from '../helpers/submission-fixture';
import { testHub } from '../helpers/test-hub';
import { storeKinds } from '../helpers/test-store';

// #14, the leader's approval: besides approving, a leader sends the case back to its caseworker or
// rejects the letter, each with a required comment on the timeline; on SQLite and PostgreSQL alike.

let hubs: Hub[] = [];
afterEach(async () => {
  for (const h of hubs) await h.stop();
  hubs = [];
});

const COMMENT = 'Rett datoen for vedtaket i brevet.';

describe.each(storeKinds())('the leader sends back or rejects (%s)', (kind) => {
  async function desk() {
    const { hub } = await testHub({ autoStart: false }, {}, { store: kind });
    hubs.push(hub);
    const helse = (key: string) =>
      hub.store.uow.run(async () => {
        const s = receivedApplication({
          profileId: 'helse-omsorg',
          fnr: '12048512345',
          name: 'Hans Helsesen',
          title: 'Søknad om helse- og omsorgstjenester – Hans Helsesen',
          parts: [part('receipt-pdf', 'ref-data-as-pdf', 'kvittering.pdf', 'application/pdf', pdfBytes('helse', 1500))],
        });
        const { id, publicId } = await hub.submissions.insert(s, { source: 'altinn3', sourceId: key, serviceKey: s.serviceKey, fetchedAt: s.receivedAt });
        await hub.desk.service.open({ id, quarantined: false, receivedAt: s.receivedAt, profileId: s.profileId });
        await hub.archive.service.registerIncoming(id);
        return publicId;
      });
    const call = async <T>(channel: string, input: unknown) => (await hub.invoke(channel, input)) as HubResult<T>;
    const ok = async <T>(channel: string, input: unknown): Promise<T> => {
      const r = await call<T>(channel, input);
      if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
      return r.value;
    };
    const as = (account: string) => ok('session.switchUser', { account });
    /** Hanne decides and approves: the case awaits a leader. */
    const awaiting = async (publicId: string, caseworker = 'hanne') => {
      await as(caseworker);
      await ok('cases.claim', { publicId });
      await ok('cases.decide', { publicId, outcome: 'innvilget', grounds: 'Vilkårene er oppfylt.' });
      expect(await ok<CaseWork>('cases.approve', { publicId })).toMatchObject({ status: 'awaiting-approval' });
    };
    const audit = (action: string) => hub.store.sql.all<{ actor: string; details: string }>('SELECT actor, details FROM audit_log WHERE action = ? ORDER BY seq', [action]);
    return { hub, helse, call, ok, as, awaiting, audit };
  }

  it('send back: the case returns to the caseworker with the comment on the timeline, shows as «returned» in the list, and another leader approves the corrected letter', { timeout: 60_000 }, async () => {
    const t = await desk();
    const id = await t.helse('a-1');
    await t.awaiting(id);
    let w = await t.ok<CaseWork>('cases.work', { publicId: id });
    // people, not accounts; the caseworker cannot send her own case back
    expect(w.decision?.decidedBy).toBe('Hanne Helse');
    expect(w.approvals).toEqual([expect.objectContaining({ by: 'Hanne Helse', role: 'saksbehandler' })]);
    expect(w.can).toMatchObject({ sendBack: false, rejectLetter: false });
    expect(await t.call('cases.sendBack', { publicId: id, comment: COMMENT })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    await t.as('leif');
    w = await t.ok<CaseWork>('cases.work', { publicId: id });
    expect(w.can).toMatchObject({ approve: true, sendBack: true, rejectLetter: true });
    // the comment is required: empty or blank is refused before the case changes
    for (const comment of ['', '   ']) expect(await t.call('cases.sendBack', { publicId: id, comment })).toMatchObject({ ok: false });
    const letter = w.letter;
    w = await t.ok<CaseWork>('cases.sendBack', { publicId: id, comment: `  ${COMMENT}  ` });
    expect(w).toMatchObject({ status: 'returned', approvals: [], assignee: { account: 'hanne', name: 'Hanne Helse' }, decision: { outcome: 'innvilget', decidedBy: 'Hanne Helse' } });
    expect(w.letter).toEqual(letter);
    expect(w.can).toMatchObject({ approve: false, sendBack: false, rejectLetter: false });
    expect(w.timeline.at(-1)).toMatchObject({ kind: 'sent-back', actor: 'Leif Leder', text: COMMENT });
    // audited without the comment (it may name the applicant): its length only
    const sent = await t.audit('case.sendBack');
    expect(sent).toEqual([{ actor: 'leif', details: expect.any(String) }]);
    expect(JSON.parse(sent[0]!.details)).toEqual({ commentLength: COMMENT.length });
    // once sent back, it cannot be sent back again
    expect(await t.call('cases.sendBack', { publicId: id, comment: COMMENT })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/kan ikke sende saken tilbake/) } });

    // Innboks shows and filters it
    await t.as('hanne');
    const list = await t.ok<CaseList>('cases.list', { status: 'returned' });
    expect(list.items.map((c) => c.publicId)).toEqual([id]);
    expect(list.counts.returned).toBe(1);
    expect((await t.ok<CaseList>('cases.list', { sort: 'status' })).items.map((c) => c.status)).toEqual(['returned']);

    // the caseworker corrects the letter and approves again: the case awaits a leader again
    w = await t.ok<CaseWork>('cases.work', { publicId: id });
    expect(w.can).toMatchObject({ editLetter: true, approve: true, decide: true });
    await t.ok('cases.saveLetter', { publicId: id, title: letter!.title, body: `${letter!.body}\n\nVedtaksdato er rettet.` });
    expect(await t.ok<CaseWork>('cases.approve', { publicId: id })).toMatchObject({ status: 'awaiting-approval', approvals: [{ by: 'Hanne Helse', role: 'saksbehandler' }] });

    // another leader approves: the reply goes out
    await t.as('lise');
    w = await t.ok<CaseWork>('cases.approve', { publicId: id });
    expect(w.status).toBe('approved');
    expect(w.approvals.map((a) => [a.by, a.role])).toEqual([
      ['Hanne Helse', 'saksbehandler'],
      ['Lise Leder', 'leder'],
    ]);
    expect(w.timeline.map((e) => e.kind)).toEqual(expect.arrayContaining(['decided', 'approved', 'sent-back', 'letter-edited']));
  });

  it('reject the letter: decision and letter cleared, back in progress with the caseworker, who decides again; audited without the comment', { timeout: 60_000 }, async () => {
    const t = await desk();
    const id = await t.helse('a-2');
    await t.awaiting(id);
    await t.as('lise');
    let w = await t.ok<CaseWork>('cases.rejectLetter', { publicId: id, comment: COMMENT });
    expect(w).toMatchObject({ status: 'in-progress', decision: null, letter: null, approvals: [], assignee: { account: 'hanne' } });
    expect(w.timeline.at(-1)).toMatchObject({ kind: 'letter-rejected', actor: 'Lise Leder', text: COMMENT });
    const rejected = await t.audit('case.rejectLetter');
    expect(rejected.map((r) => [r.actor, JSON.parse(r.details)])).toEqual([['lise', { commentLength: COMMENT.length }]]);
    expect(rejected[0]!.details).not.toContain('datoen');
    // nothing left to reject
    expect(await t.call('cases.rejectLetter', { publicId: id, comment: COMMENT })).toMatchObject({ ok: false, error: { code: 'conflict' } });

    await t.as('hanne');
    w = await t.ok<CaseWork>('cases.work', { publicId: id });
    expect(w.can).toMatchObject({ decide: true, editLetter: false, approve: false });
    w = await t.ok<CaseWork>('cases.decide', { publicId: id, outcome: 'delvis-innvilget', grounds: 'Delvis innvilget.' });
    expect(w).toMatchObject({ status: 'decided', decision: { outcome: 'delvis-innvilget', decidedBy: 'Hanne Helse' } });
    expect(w.letter).not.toBeNull();
  });

  it('refuses a leader who decided the case, a caseworker, and a case not awaiting approval, in Norwegian; who may be assigned is who may see it', { timeout: 60_000 }, async () => {
    const t = await desk();
    const own = await t.helse('a-3');
    // Leif decided and approved as caseworker: he may not give the leader's answer, Lise may
    await t.awaiting(own, 'leif');
    const refused = await t.call('cases.sendBack', { publicId: own, comment: COMMENT });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/^Du kan ikke sende saken tilbake/) } });
    expect(await t.call('cases.rejectLetter', { publicId: own, comment: COMMENT })).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/avvise brevet/) } });
    await t.as('lise');
    expect((await t.ok<CaseWork>('cases.work', { publicId: own })).can).toMatchObject({ sendBack: true, rejectLetter: true });

    const fresh = await t.helse('a-4');
    await t.as('lise');
    await t.ok('cases.claim', { publicId: fresh });
    expect(await t.call('cases.sendBack', { publicId: fresh, comment: COMMENT })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    // a caseworker is refused by the contract (roles), before the case is looked at
    await t.as('hanne');
    expect(await t.call('cases.rejectLetter', { publicId: fresh, comment: COMMENT })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // a screened health case is offered only to those in its access group who work cases (not Kari, not the archivist)
    expect((await t.ok<CaseWork>('cases.work', { publicId: fresh })).assignable.map((u) => u.name)).toEqual(['Hanne Helse', 'Leif Leder', 'Lise Leder']);
    expect(await t.audit('case.sendBack')).toEqual([]);
  });
});
