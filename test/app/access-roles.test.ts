import { afterEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../electron/app/create-hub';
import { createHubEvents } from '../../electron/app/hub-events';
import { forbiddenMessage } from '../../electron/app/invoke';
import { CASE_READER_ROLES } from '../../electron/core/desk/access-policy';
import type { DeskUser } from '../../electron/core/desk/desk.types';
import { CASE_READERS, channelAccess, channels, eventAccess, events, mayCall, ROLES, type CaseWork, type ChannelName, type HubResult, type Role } from '../../electron/ipc';
import { pdfBytes } from '../helpers/archive-fixture';
import { replyMessage } from '../helpers/reply-fixture';
import { part, receivedApplication } from '../helpers/submission-fixture';
import { testHub } from '../helpers/test-hub';

const KARI_FNR = '01017012345';
const HELSE_FNR = '12048512345';
const CHILD_FNR = '15061812345';
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

let hubs: Hub[] = [];
afterEach(async () => {
  for (const h of hubs) await h.stop();
  hubs = [];
});

/** Stores an application as ingest does (submission, case, archive registration), with its form XML, receipt and an attachment. */
function store(hub: Hub, profileId: string, fnr: string, name: string, title: string, key: string): Promise<string> {
  const formXml = new TextEncoder().encode(`<skjema><soeker fnr="${fnr}"/><barn fnr="${CHILD_FNR}"/></skjema>`);
  const s = receivedApplication({
    profileId,
    fnr,
    name,
    title,
    parts: [part('form', 'skjema', 'skjema.xml', 'application/xml', formXml), part('receipt-pdf', 'ref-data-as-pdf', 'kvittering.pdf', 'application/pdf', pdfBytes(key, 1500))],
  });
  return hub.store.uow.run(async () => {
    const { id, publicId } = await hub.submissions.insert(s, { source: 'altinn3', sourceId: key, serviceKey: s.serviceKey, fetchedAt: s.receivedAt });
    await hub.desk.service.open({ id, quarantined: false, receivedAt: s.receivedAt, profileId: s.profileId });
    await hub.archive.service.registerIncoming(id);
    return publicId;
  });
}

const seed = async (hub: Hub) => ({
  bhg: await store(hub, 'barnehageplass', KARI_FNR, 'Kari Nordmann', 'Søknad om barnehageplass – Kari Nordmann', 'a-1'),
  helse: await store(hub, 'helse-omsorg', HELSE_FNR, 'Hans Helsesen', 'Søknad om helse- og omsorgstjenester – Hans Helsesen', 'a-2'),
});

/** The demo hub (Kari, Hanne, Leif, Arne, Ida), not started, with a case of each kind. */
async function demoDesk() {
  const { hub } = await testHub({ autoStart: false });
  hubs.push(hub);
  const ids = await seed(hub);
  const call = async <T>(channel: string, input: unknown) => (await hub.invoke(channel, input)) as HubResult<T>;
  const ok = async <T>(channel: string, input: unknown): Promise<T> => {
    const r = await call<T>(channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
    return r.value;
  };
  const as = (account: string) => expect(hub.users.switchTo(account)).toBeDefined();
  return { hub, ...ids, call, ok, as };
}

const formSeq = async (hub: Hub, publicId: string) => (await hub.submissions.get(publicId))!.parts.find((p) => p.role === 'form')!.seq;
const auditOf = (hub: Hub, action: string) => hub.store.sql.all<{ actor: string; subject: string }>('SELECT actor, subject FROM audit_log WHERE action = ? ORDER BY seq', [action]);

describe('the second approval (#12 item 1)', () => {
  // #12 item 1
  it('cannot be given by whoever decided, approved first or last edited the letter, and a decided case is not reassigned to oneself', async () => {
    const t = await demoDesk();
    t.as('hanne');
    await t.ok('cases.claim', { publicId: t.helse });
    await t.ok('cases.decide', { publicId: t.helse, outcome: 'innvilget', grounds: 'Vilkårene er oppfylt.' });
    t.as('leif');
    expect(await t.call('cases.reassign', { publicId: t.helse, to: 'leif' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // the takeover as the old reassign allowed it: Leif holds the decided case, rewrites the letter and approves as caseworker
    const id = (await t.hub.submissions.get(t.helse))!.id;
    await t.hub.store.sql.run("UPDATE cases SET assignee_account = 'leif', assignee_name = 'Leif Leder' WHERE submission_id = ?", [id]);
    await t.ok('cases.saveLetter', { publicId: t.helse, title: 'Vedtak', body: 'Omskrevet av Leif.' });
    const first = await t.ok<CaseWork>('cases.approve', { publicId: t.helse });
    expect(first.status).toBe('awaiting-approval');
    expect(first.can.approve).toBe(false);
    expect(await t.call('cases.approve', { publicId: t.helse })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const w = await t.ok<CaseWork>('cases.work', { publicId: t.helse });
    expect(w.status).toBe('awaiting-approval');
    expect(w.approvals.map((a) => `${a.by}/${a.role}`)).toEqual(['Leif Leder/saksbehandler']);
  });
});

describe('an account missing from access.users (#12 item 2)', () => {
  // #12 item 2
  it('sees nothing: every channel but session.get refuses it, lists and the form included', async () => {
    const { hub } = await testHub({ demo: false, actor: 'mallory', autoStart: false }, { access: { users: { kari: { name: 'Kari', roles: ['saksbehandler'] } } } });
    hubs.push(hub);
    const { bhg } = await seed(hub);
    const session = await hub.invoke('session.get', {});
    expect(session).toMatchObject({ ok: true, value: { user: { account: 'mallory', roles: [] }, allowed: ['session.get', 'session.switchUser'] } });
    for (const [channel, input] of [
      ['cases.list', {}],
      ['submissions.list', {}],
      ['submissions.get', { publicId: bhg }],
      ['cases.work', { publicId: bhg }],
      ['cases.part', { publicId: bhg, seq: 1 }],
      ['replies.get', { publicId: bhg }],
      ['replies.list', {}],
      ['system.status', {}],
    ] as const) {
      const r = await hub.invoke(channel, input);
      expect(r, channel).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('ingen rolle') } });
    }
    // and the core gate agrees (defence in depth): no role, no case
    const nobody: DeskUser = { account: 'mallory', name: 'mallory', roles: [], groups: [] };
    expect((await hub.desk.service.list(nobody, { sort: 'received', dir: 'desc', limit: 50, offset: 0 })).total).toBe(0);
  });

  it('with no list at all, the one account that runs Postmottak has every role, as documented', async () => {
    const { hub } = await testHub({ demo: false, actor: 'solo', autoStart: false });
    hubs.push(hub);
    const { bhg } = await seed(hub);
    expect(hub.users.current()).toMatchObject({ account: 'solo', roles: [...ROLES] });
    const list = await hub.invoke('cases.list', {});
    expect(list.ok && (list.value as { items: { publicId: string }[] }).items.map((c) => c.publicId)).toEqual([bhg]);
  });
});

describe('operations (#12 item 3)', () => {
  // #12 item 3
  it('refuse a caseworker, run for IT audited under the desk user, and jobs.list redacts errors', async () => {
    const t = await demoDesk();
    t.as('kari');
    for (const [channel, input] of [
      ['jobs.retry', { id: 1 }],
      ['jobs.abandon', { id: 1 }],
      ['jobs.retryMany', { ids: [1] }],
      ['schedules.runNow', { name: 'store.backup' }],
      ['audit.verify', {}],
      ['jobs.list', {}],
    ] as const) {
      expect(await t.call(channel, input), channel).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('Rollen din gir ikke tilgang') } });
    }
    t.as('arne');
    expect(await t.call('ingest.pollNow', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await t.call('replies.checkNow', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    t.as('ida');
    await t.ok('schedules.runNow', { name: 'store.maintenance' });
    expect((await auditOf(t.hub, 'schedule.run-now')).map((a) => a.actor)).toEqual(['ida']); // the desk user, not the OS account ('tester')
    const { job } = await t.hub.runner.enqueue('store.maintenance', {}, 'redact-me');
    await t.hub.store.sql.run("UPDATE jobs SET status = 'dead', last_error = ?, last_error_kind = 'auth' WHERE id = ?", [`Avvist for ${HELSE_FNR}: Authorization: Bearer abc.def.ghi`, job.id]);
    const listed = await t.ok<{ id: number; lastError: string | null }[]>('jobs.list', { status: 'dead' });
    const err = listed.find((j) => j.id === job.id)!.lastError!;
    expect(err).not.toContain(HELSE_FNR);
    expect(err).not.toContain('abc.def.ghi');
    expect(err).toContain('120485*****');
    await t.ok('jobs.abandon', { id: job.id });
    const abandoned = await t.hub.store.sql.get<{ actor: string }>("SELECT actor FROM audit_log WHERE action LIKE 'job.%' ORDER BY seq DESC LIMIT 1");
    expect(abandoned!.actor).toBe('ida');
  });
});

describe('counts and events (#12 item 4)', () => {
  // #12 item 4
  it('submissions.list counts and replies.stats count only what the user may see', async () => {
    const t = await demoDesk();
    // a sent reply in each service
    const now = Date.now();
    for (const publicId of [t.bhg, t.helse]) {
      const sub = (await t.hub.submissions.get(publicId))!;
      await t.hub.store.uow.run(async () => {
        const letter = { sha256: await t.hub.archive.store.putBlob(pdfBytes(publicId, 800)), size: 800, filename: 'vedtak.pdf' };
        const r = await t.hub.replies.store.insert(
          { submissionId: sub.id, replyKey: publicId, idempotentKey: `k-${publicId}`, state: 'queued', channel: 'altinn3', recipient: { personNumber: KARI_FNR }, message: replyMessage(), letter, fallback: { days: 7, businessDays: true }, approvedAt: now },
          now,
        );
        await t.hub.replies.store.update(r.id, { state: 'sent', sentAt: now }, now);
      });
    }
    const sent = async () => (await t.ok<{ days: { sent: number }[] }>('replies.stats', { days: 2 })).days.reduce((a, d) => a + d.sent, 0);
    const counts = async () => (await t.ok<{ counts: { received: number; unconfirmed: number } }>('submissions.list', {})).counts;
    t.as('kari');
    expect(await counts()).toMatchObject({ received: 1, unconfirmed: 1 });
    expect(await sent()).toBe(1);
    t.as('hanne');
    expect(await counts()).toMatchObject({ received: 2, unconfirmed: 2 });
    expect(await sent()).toBe(2);
  });

  it('submissions.changed carries the user’s own counts, and a screened case’s replies.changed reaches only its group', async () => {
    const t = await demoDesk();
    const got: [string, unknown][] = [];
    t.hub.onEvent((name, payload) => got.push([name, payload]));
    t.as('kari');
    await t.hub.start();
    await t.hub.runner.enqueue('ingest.poll', { source: 'altinn3' }, 'poll-for-event');
    await expect.poll(() => got.filter(([n]) => n === 'submissions.changed').length, { timeout: 5000 }).toBeGreaterThan(0);
    expect(got.find(([n]) => n === 'submissions.changed')![1]).toMatchObject({ received: 1 });

    // the hub's event gate: kari may not see the health case, hanne may; a user without a role gets nothing
    const users: Record<string, DeskUser> = {
      kari: { account: 'kari', name: 'Kari', roles: ['saksbehandler'], groups: [] },
      hanne: { account: 'hanne', name: 'Hanne', roles: ['saksbehandler'], groups: ['helse-tildeling'] },
      none: { account: 'x', name: 'x', roles: [], groups: [] },
    };
    let current = users.kari!;
    const ev = createHubEvents({ user: () => current, maySeeCase: async (u, publicId) => publicId !== t.helse || u.groups.includes('helse-tildeling') });
    const seen: string[] = [];
    ev.on((name, p) => seen.push(`${name}:${(p as { publicId?: string }).publicId ?? ''}`));
    ev.emit('replies.changed', { publicId: t.helse });
    ev.emit('replies.changed', { publicId: t.bhg });
    current = users.hanne!;
    ev.emit('replies.changed', { publicId: t.helse });
    current = users.none!;
    ev.emit('replies.changed', { publicId: t.bhg });
    ev.emit('submissions.changed', { received: 1, quarantined: 0 });
    // a case's event follows once the gate (a store read) has answered
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(seen).toEqual([`replies.changed:${t.bhg}`, `replies.changed:${t.helse}`]);
  });
});

describe('the original form (#12 item 5)', () => {
  // #12 item 5
  it('cases.part serves receipts to every case reader, the raw form XML only to an archivist, audited', async () => {
    const t = await demoDesk();
    const seq = await formSeq(t.hub, t.bhg);
    const receipt = (await t.hub.submissions.get(t.bhg))!.parts.find((p) => p.role === 'receipt-pdf')!.seq;
    t.as('kari');
    expect(await t.call('cases.part', { publicId: t.bhg, seq: receipt })).toMatchObject({ ok: true });
    expect(await t.call('cases.part', { publicId: t.bhg, seq })).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('arkivar') } });
    t.as('arne');
    const r = await t.ok<{ base64: string }>('cases.part', { publicId: t.bhg, seq });
    expect(Buffer.from(r.base64, 'base64').toString()).toContain(KARI_FNR);
    expect(await auditOf(t.hub, 'form.original-read')).toEqual([{ actor: 'arne', subject: `submission:${t.bhg}` }]);
    expect((await auditOf(t.hub, 'access.refused')).some((a) => a.actor === 'kari' && a.subject === `submission:${t.bhg}`)).toBe(true);
  });
});

/** A valid input for every channel, naming a case that does not exist: the role check answers before any case rule. */
const SAMPLE: Partial<Record<ChannelName, unknown>> = {
  // #17 IT administration
  'integrationsAdmin.get': { key: 'archive' },
  'integrationsAdmin.validate': { key: 'archive', values: {} },
  'integrationsAdmin.save': { key: 'archive', values: {}, hash: 'x' },
  'integrationsAdmin.test': { key: 'archive' },
  'secrets.import': { name: 'finnes-ikke', fileName: 'x.p12', base64: 'AAAA' },
  'secrets.set': { name: 'rollematrise', value: 'x' },
  'secrets.confirmRotation': { name: 'finnes-ikke' },
  'secrets.rollback': { name: 'finnes-ikke' },
  'secrets.delete': { name: 'finnes-ikke' },
  'alerts.acknowledge': { id: 999_999 },
  'session.switchUser': { account: 'nobody' },
  'cases.work': { publicId: UNKNOWN },
  'cases.claim': { publicId: UNKNOWN },
  'cases.release': { publicId: UNKNOWN },
  'cases.reassign': { publicId: UNKNOWN, to: 'kari' },
  'cases.note': { publicId: UNKNOWN, text: 'x' },
  'cases.decide': { publicId: UNKNOWN, outcome: 'innvilget', grounds: 'x' },
  'cases.saveLetter': { publicId: UNKNOWN, title: 't', body: 'b' },
  'cases.previewLetter': { publicId: UNKNOWN },
  'cases.approve': { publicId: UNKNOWN },
  'cases.sendBack': { publicId: UNKNOWN, comment: 'Rett brevet.' },
  'cases.rejectLetter': { publicId: UNKNOWN, comment: 'Feil vedtak.' },
  'cases.part': { publicId: UNKNOWN, seq: 0 },
  'replies.get': { publicId: UNKNOWN },
  'replies.hold': { publicId: UNKNOWN, reason: 'x' },
  'replies.resume': { publicId: UNKNOWN },
  'replies.stop': { publicId: UNKNOWN, reason: 'x' },
  'replies.confirmRecipient': { publicId: UNKNOWN },
  'jobs.retry': { id: 999_999 },
  'jobs.abandon': { id: 999_999 },
  'jobs.retryMany': { ids: [999_999] },
  'schedules.runNow': { name: 'nope' },
  'submissions.get': { publicId: UNKNOWN },
  // #13 item 13
  'quarantine.view': { publicId: UNKNOWN },
  'quarantine.revalidate': { publicId: UNKNOWN },
  'quarantine.register': { publicId: UNKNOWN, fields: {} },
  'quarantine.markDuplicate': { publicId: UNKNOWN, of: UNKNOWN },
  'quarantine.reject': { publicId: UNKNOWN, reason: 'x' },
  // #15
  'handovers.forCase': { publicId: UNKNOWN },
  'handovers.retry': { publicId: UNKNOWN, target: 'gerica' },
  'handovers.task': { publicId: UNKNOWN, target: 'gerica' },
  'handovers.summaryPdf': { publicId: UNKNOWN, target: 'gerica' },
  'handovers.complete': { publicId: UNKNOWN, target: 'gerica' },
  'mappings.versions': { profileId: 'helse-omsorg', target: 'gerica' },
  'mappings.saveDraft': { profileId: 'helse-omsorg', target: 'gerica', body: '{}' },
  'mappings.preview': { profileId: 'helse-omsorg', target: 'gerica', body: '{}', source: { kind: 'sample' } },
  'mappings.activate': { profileId: 'helse-omsorg', target: 'gerica', version: 99 },
  'mappings.diff': { profileId: 'helse-omsorg', target: 'gerica', from: 1, to: 2 },
  'rules.versions': { profileId: 'permisjon-skole' },
  'rules.saveDraft': { profileId: 'permisjon-skole', body: '{}' },
  'rules.activate': { profileId: 'permisjon-skole', version: 99 },
  'rules.diff': { profileId: 'permisjon-skole', from: 1, to: 2 },
  'rules.testRun': { profileId: 'permisjon-skole', body: '{}' },
  // #16
  'archivist.retry': { entryKey: 'finnes-ikke' },
  'archivist.recreateCaseFile': { entryKey: 'finnes-ikke', reason: 'arkivet mistet saken' },
  'archivist.markHandled': { entryKey: 'finnes-ikke', note: 'fikset i arkivet' },
  'archivist.journal': { from: '2026-01-01', to: '2026-01-31' },
  'archivist.exportStart': { kind: 'public-journal', from: '2026-01-01', to: '2026-01-31' },
  'archivist.exportGet': { id: 999_999 },
  'archivist.exportFile': { id: 999_999, file: 'report-html' },
  'archivist.publicJournalPreview': { from: '2026-01-01', to: '2026-01-31' },
};

describe('the role matrix (#12 items 2 and 3)', () => {
  const ACCOUNTS: Record<string, Role[]> = { sb: ['saksbehandler'], leder: ['leder'], arkivar: ['arkivar'], it: ['it-admin'], ingen: [] };
  const users = Object.fromEntries(
    Object.entries(ACCOUNTS)
      .filter(([, roles]) => roles.length)
      .map(([account, roles]) => [account, { name: account, roles }]),
  );

  it.each(Object.entries(ACCOUNTS))('%s: every channel of the contract allowed or refused as its declaration says', async (account, roles) => {
    const { hub } = await testHub({ demo: false, actor: account, autoStart: false }, { access: { users } });
    hubs.push(hub);
    const user = hub.users.current();
    expect(user.roles).toEqual(roles);
    const refusal = (channel: ChannelName) => ({ ok: false, error: { code: 'forbidden', message: forbiddenMessage(channel, user) } });
    const matrix: Record<string, 'allowed' | 'refused'> = {};
    for (const channel of Object.keys(channels) as ChannelName[]) {
      const r = await hub.invoke(channel, SAMPLE[channel] ?? {});
      expect(r.ok || r.error.code, `${channel}: the input reaches the role check`).not.toBe('bad-input');
      const allowed = mayCall(channelAccess(channel), roles);
      if (allowed) expect(r, `${account} may call ${channel}`).not.toEqual(refusal(channel));
      else expect(r, `${account} may not call ${channel}`).toEqual(refusal(channel));
      matrix[channel] = allowed ? 'allowed' : 'refused';
    }
    // the session hands the UI exactly the allowed channels
    const session = await hub.invoke('session.get', {});
    expect(session.ok && (session.value as { allowed: string[] }).allowed.sort()).toEqual(Object.keys(matrix).filter((c) => matrix[c] === 'allowed').sort());
  });

  it('declares roles for every channel and event; core reads cases with the same roles as the contract', () => {
    for (const [name, spec] of Object.entries(channels)) expect(spec.roles === 'anyone' || spec.roles.length > 0, name).toBe(true);
    expect(Object.keys(eventAccess).sort()).toEqual(Object.keys(events).sort());
    expect([...CASE_READER_ROLES]).toEqual([...CASE_READERS]);
    // only "who am I" and the demo's switcher are open to a user with no role
    expect((Object.keys(channels) as ChannelName[]).filter((c) => mayCall(channelAccess(c), []))).toEqual(['session.get', 'session.switchUser']);
  });
});
