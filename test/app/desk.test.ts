import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../electron/app/create-hub';
import type { NewSubmission } from '../../electron/core/ports/submission-store.port';
import type { CaseList, CaseWork, HubResult } from '../../electron/ipc';
import { pdfBytes } from '../helpers/archive-fixture';
import { part, receivedApplication } from '../helpers/submission-fixture';
import { FakeClock } from '../helpers/fake-clock';
import { pdftotext } from '../helpers/pdf-tools';
import { testHub } from '../helpers/test-hub';

const KARI_FNR = '01017012345';
const HELSE_FNR = '12048512345';
const CHILD_FNR = '15061812345';

let hubs: Hub[] = [];
afterEach(async () => {
  for (const h of hubs) await h.stop();
  hubs = [];
});

/** Stores an application as ingest does: submission, its case and its archive registration in one transaction. */
function store(hub: Hub, s: NewSubmission, key: string): Promise<string> {
  return hub.store.uow.run(async () => {
    const { id, publicId } = await hub.submissions.insert(s, { source: 'altinn3', sourceId: key, serviceKey: s.serviceKey, fetchedAt: s.receivedAt });
    await hub.desk.service.open({ id, quarantined: false, receivedAt: s.receivedAt, profileId: s.profileId });
    await hub.archive.service.registerIncoming(id);
    return publicId;
  });
}

async function desk(over: { clock?: FakeClock } = {}) {
  const { hub } = await testHub({ autoStart: false, ...over });
  hubs.push(hub);
  const bhg = await store(
    hub,
    receivedApplication({
      profileId: 'barnehageplass',
      fnr: KARI_FNR,
      name: 'Kari Nordmann',
      title: 'Søknad om barnehageplass – Ola Nordmann – Solstrålen barnehage',
      form: { address: { street: 'Storgata 1', postalCode: '0155', postalPlace: 'OSLO' }, lists: { children: [{ name: 'Ola Nordmann', personNumber: CHILD_FNR }] } },
      parts: [part('receipt-pdf', 'ref-data-as-pdf', 'kvittering.pdf', 'application/pdf', pdfBytes('kvittering', 1500))],
    }),
    'a-1',
  );
  const helse = await store(
    hub,
    receivedApplication({
      profileId: 'helse-omsorg',
      fnr: HELSE_FNR,
      name: 'Hans Helsesen',
      title: 'Søknad om helse- og omsorgstjenester – Hans Helsesen',
      parts: [part('receipt-pdf', 'ref-data-as-pdf', 'kvittering.pdf', 'application/pdf', pdfBytes('helse', 1500))],
    }),
    'a-2',
  );
  const call = async <T>(channel: string, input: unknown): Promise<HubResult<T>> => (await hub.invoke(channel, input)) as HubResult<T>;
  const ok = async <T>(channel: string, input: unknown): Promise<T> => {
    const r = await call<T>(channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
    return r.value;
  };
  const as = (account: string) => ok('session.switchUser', { account });
  return { hub, bhg, helse, call, ok, as };
}

describe('screened cases', () => {
  it('are invisible to a user outside the group by every channel, search included, and each refusal is audited', async () => {
    const t = await desk();
    await t.as('kari');
    const list = await t.ok<CaseList>('cases.list', {});
    expect(list.items.map((c) => c.publicId)).toEqual([t.bhg]);
    expect(list.total).toBe(1);
    expect(Object.values(list.counts).reduce((a, b) => a + b, 0)).toBe(1);
    // by name, by fødselsnummer, by title words
    for (const q of ['Helsesen', 'Hans', HELSE_FNR, 'omsorgstjenester']) expect((await t.ok<CaseList>('cases.list', { q })).items).toEqual([]);
    for (const channel of ['cases.work', 'submissions.get']) {
      const r = await t.call(channel, { publicId: t.helse });
      expect(r).toMatchObject({ ok: false, error: { code: 'not-found' } });
    }
    expect(await t.call('cases.part', { publicId: t.helse, seq: 0 })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await t.call('cases.claim', { publicId: t.helse })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await t.call('cases.previewLetter', { publicId: t.helse })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const subs = await t.ok<{ items: { publicId: string }[] }>('submissions.list', {});
    expect(subs.items.map((s) => s.publicId)).toEqual([t.bhg]);
    const refused = await t.hub.store.sql.get<{ n: number }>("SELECT count(*) AS n FROM audit_log WHERE action = 'access.refused'");
    expect(Number(refused!.n)).toBeGreaterThanOrEqual(5);

    // a member of the group sees it, finds it by fødselsnummer and by name
    await t.as('hanne');
    expect((await t.ok<CaseList>('cases.list', { q: HELSE_FNR })).items.map((c) => c.publicId)).toEqual([t.helse]);
    expect((await t.ok<CaseList>('cases.list', { q: 'Helses' })).items.map((c) => c.publicId)).toEqual([t.helse]);
    expect((await t.ok<{ publicId: string }>('submissions.get', { publicId: t.helse })).publicId).toBe(t.helse);
  });
});

describe('the case list', () => {
  it('finds a case by a child’s exact fødselsnummer and shows it masked', async () => {
    const t = await desk();
    const r = await t.ok<CaseList>('cases.list', { q: CHILD_FNR });
    expect(r.items.map((c) => c.publicId)).toEqual([t.bhg]);
    expect(r.items[0]!.personNumberMasked).toBe('010170*****');
    expect(JSON.stringify(r)).not.toContain(KARI_FNR);
    expect(r.items[0]).toMatchObject({ status: 'new', assignee: null, serviceName: 'Søknad om barnehageplass' });
    expect(r.items[0]!.deadlineAt).toBeGreaterThan(r.items[0]!.receivedAt);
  });
});

describe('working a case', () => {
  it('claim, note, decide with a drafted letter, edit, preview as PDF, approve: the reply is registered for the archive', async () => {
    const t = await desk();
    await t.as('kari');
    let w = await t.ok<CaseWork>('cases.work', { publicId: t.bhg });
    expect(w.can).toMatchObject({ claim: true, decide: false });
    w = await t.ok<CaseWork>('cases.claim', { publicId: t.bhg });
    expect(w).toMatchObject({ status: 'in-progress', assignee: { account: 'kari', name: 'Kari Saksbehandler' } });
    w = await t.ok<CaseWork>('cases.note', { publicId: t.bhg, text: 'Ringte søker om oppstartsdato.' });
    expect(w.notes).toEqual([expect.objectContaining({ author: 'Kari Saksbehandler', text: 'Ringte søker om oppstartsdato.' })]);
    w = await t.ok<CaseWork>('cases.decide', { publicId: t.bhg, outcome: 'innvilget', grounds: 'Barnet har rett til plass etter barnehageloven § 16.' });
    expect(w.status).toBe('decided');
    expect(w.decision).toMatchObject({ outcome: 'innvilget', decidedBy: 'Kari Saksbehandler' });
    // the letter is drafted from the profile's template with the merge fields filled in
    expect(w.letter!.body).toContain('Ola Nordmann');
    expect(w.letter!.body + w.letter!.title).not.toMatch(/\{[a-z]/);
    w = await t.ok<CaseWork>('cases.saveLetter', { publicId: t.bhg, title: w.letter!.title, body: `${w.letter!.body}\n\nVelkommen til Solstrålen – vi gleder oss!` });
    expect(w.letter!.body).toContain('Velkommen til Solstrålen');
    const preview = await t.ok<{ pdfBase64: string; pages: number }>('cases.previewLetter', { publicId: t.bhg });
    expect(Buffer.from(preview.pdfBase64, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(preview.pages).toBeGreaterThanOrEqual(1);
    expect(w.can.approve).toBe(true);
    w = await t.ok<CaseWork>('cases.approve', { publicId: t.bhg });
    expect(w.status).toBe('approved');
    expect(w.timeline.map((e) => e.kind)).toEqual(expect.arrayContaining(['received', 'claimed', 'note', 'decided', 'letter-edited', 'approved']));
    // the approved letter is the outgoing registry entry (U) that closes the application, queued for the archive
    const sub = (await t.hub.submissions.get(t.bhg))!;
    const entries = await t.hub.archive.store.entriesOfSubmission(sub.id);
    const reply = entries.find((e) => e.journalposttype === 'U')!;
    expect(reply).toMatchObject({ status: 'pending', saksbehandler: 'Kari Saksbehandler' });
    expect(new TextDecoder('latin1').decode((await t.hub.archive.store.blob(reply.documents[0]!.sha256))!.subarray(0, 5))).toBe('%PDF-');
    // nothing more to do on an approved case
    expect(await t.call('cases.decide', { publicId: t.bhg, outcome: 'avslått', grounds: 'x' })).toMatchObject({ ok: false });
    expect((await t.hub.audit.verify()).ok).toBe(true);
  });

  it('#13 item 11: once approved, every preview is the stored PDF, not one rendered again with today\'s date', async () => {
    const clock = new FakeClock(Date.parse('2026-11-29T09:00:00+01:00'));
    const t = await desk({ clock });
    await t.as('kari');
    await t.ok<CaseWork>('cases.claim', { publicId: t.bhg });
    await t.ok<CaseWork>('cases.decide', { publicId: t.bhg, outcome: 'innvilget', grounds: 'Vilkårene er oppfylt.' });
    await t.ok<CaseWork>('cases.approve', { publicId: t.bhg });
    const sub = (await t.hub.submissions.get(t.bhg))!;
    const u = (await t.hub.archive.store.entriesOfSubmission(sub.id)).find((e) => e.journalposttype === 'U')!;
    const stored = Buffer.from((await t.hub.archive.store.blob(u.documents[0]!.sha256))!);
    clock.advance(3 * 86_400_000);
    const preview = await t.ok<{ pdfBase64: string; pages: number }>('cases.previewLetter', { publicId: t.bhg });
    expect(Buffer.from(preview.pdfBase64, 'base64').equals(stored)).toBe(true);
    expect(preview.pages).toBe(1);
  });

  it('#13 item 1: a letter decided and approved at 00:30 Oslo time carries that Oslo date, not the UTC day before', async () => {
    // 2026-03-10T23:30Z is 00:30 on 11 March in Oslo
    const clock = new FakeClock(Date.parse('2026-03-10T23:30:00Z'));
    const t = await desk({ clock });
    await t.as('kari');
    await t.ok<CaseWork>('cases.claim', { publicId: t.bhg });
    await t.ok<CaseWork>('cases.decide', { publicId: t.bhg, outcome: 'innvilget', grounds: 'Vilkårene er oppfylt.' });
    await t.ok<CaseWork>('cases.approve', { publicId: t.bhg });
    const preview = await t.ok<{ pdfBase64: string; pages: number }>('cases.previewLetter', { publicId: t.bhg });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pm-letter-date-')), 'letter.pdf');
    fs.writeFileSync(file, Buffer.from(preview.pdfBase64, 'base64'));
    for (const { tool, out } of await pdftotext(file)) {
      expect(out, tool).toContain('11. mars 2026');
      expect(out, tool).not.toContain('10. mars 2026');
    }
  });

  it('#13 item 12: the drafted letter agrees with the number of children and shows its closing once, as the letter prints it', async () => {
    const t = await desk();
    await t.as('kari');
    await t.ok<CaseWork>('cases.claim', { publicId: t.bhg });
    const w = await t.ok<CaseWork>('cases.decide', { publicId: t.bhg, outcome: 'innvilget', grounds: 'Vilkårene er oppfylt.' });
    expect(w.letter!.body).toContain('Barnet får tilbud om plass');
    expect(w.letter!.body).not.toMatch(/\{subjects/);
    expect(w.letter!.body.match(/Med hilsen/g)).toHaveLength(1);
  });

  it('asks a leader’s second approval where the profile says so, from someone other than the caseworker', async () => {
    const t = await desk();
    await t.as('hanne');
    await t.ok('cases.claim', { publicId: t.helse });
    await t.ok('cases.decide', { publicId: t.helse, outcome: 'innvilget', grounds: 'Vilkårene er oppfylt.' });
    let w = await t.ok<CaseWork>('cases.approve', { publicId: t.helse });
    expect(w).toMatchObject({ status: 'awaiting-approval', secondApprovalRequired: true });
    expect(w.can.approve).toBe(false);
    const sub = (await t.hub.submissions.get(t.helse))!;
    expect((await t.hub.archive.store.entriesOfSubmission(sub.id)).some((e) => e.journalposttype === 'U')).toBe(false);
    await t.as('leif');
    w = await t.ok<CaseWork>('cases.approve', { publicId: t.helse });
    expect(w.status).toBe('approved');
    expect(w.approvals.map((a) => a.role)).toEqual(['saksbehandler', 'leder']);
    expect((await t.hub.archive.store.entriesOfSubmission(sub.id)).some((e) => e.journalposttype === 'U')).toBe(true);
  });

  it('lets each role do only its part: an archivist cannot claim, a caseworker cannot reassign, a leader can', async () => {
    const t = await desk();
    await t.as('arne');
    expect(await t.call('cases.claim', { publicId: t.bhg })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await t.as('kari');
    expect(await t.call('cases.reassign', { publicId: t.bhg, to: 'hanne' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await t.as('leif');
    const w = await t.ok<CaseWork>('cases.reassign', { publicId: t.bhg, to: 'kari' });
    expect(w.assignee).toEqual({ account: 'kari', name: 'Kari Saksbehandler' });
    // a screened case cannot be given to someone outside its group
    expect(await t.call('cases.reassign', { publicId: t.helse, to: 'kari' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await t.as('kari');
    expect((await t.ok<CaseList>('cases.list', { assignee: 'me' })).items.map((c) => c.publicId)).toEqual([t.bhg]);
  });
});
