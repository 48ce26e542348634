// #15 item 6 through the real hub: a profile's rules, switched to automatic with its legal basis in the
// rule designer, decide a short leave from school alone: audited, shown as automatic, the letter drafted
// and approved through the normal path (the reply archived and sent through the demo's simulators), or
// stopped for a leader when the profile asks for a second approval. And the designer's test run.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../electron/app/create-hub';
import { RULES_ACTOR } from '../../electron/core/desk/desk.types';
import type { ServiceProfileInput } from '../../electron/core/profiles/profile.schema';
import { AUTOMATIC_NEEDS_LEGAL_BASIS } from '../../electron/core/rules/rules.schema';
import type { CaseWork, DesignVersionDto, HubResult, RuleTestRowDto } from '../../electron/ipc';
import { pdfBytes } from '../helpers/archive-fixture';
import { part, receivedApplication } from '../helpers/submission-fixture';
import { tempDir } from '../helpers/temp-dir';
import { openTestStore, storeKinds } from '../helpers/test-store';
import { testHub } from '../helpers/test-hub';

const RESOURCES = path.resolve(__dirname, '../../resources');
const LEGAL = 'forvaltningsloven § 11 d og forskrift om permisjon fra undervisning, Demo kommune, § 3';
const PARENT = '01017012345';
const OLA = '31120950153';
const PER = '29020051386';

let hubs: Hub[] = [];
afterEach(async () => {
  for (const h of hubs) await h.stop();
  hubs = [];
});

/**
 * The reply left the queue through the normal path: sent through Altinn, or on its way to paper. The
 * test's applicant is unknown to the demo's KRR and Folkeregisteret, so a print may end at manual
 * follow-up for want of an address, and how far it got depends on the job runner's timing.
 */
async function expectReplyOut(hub: Awaited<ReturnType<typeof testHub>>['hub'], submissionId: number): Promise<void> {
  const state = async () => (await hub.replies.store.bySubmission(submissionId))?.state ?? 'none';
  await expect.poll(state, { timeout: 60_000, interval: 100 }).toMatch(/^(sent|notified|read|printing|printed|manual)$/);
  const r = (await hub.replies.store.bySubmission(submissionId))!;
  if (r.state === 'manual') expect(r.reason).toMatch(/finnes ikke i Folkeregisteret/);
}

/** The hub; with `profile`, permisjon-skole as the municipality changed it (its own profile folder). */
async function rulesHub(o: { simulators?: boolean; profile?: (p: ServiceProfileInput) => void } = {}) {
  let profiles = {};
  if (o.profile) {
    const dir = tempDir('pm-rules-profiles-');
    fs.cpSync(path.join(RESOURCES, 'profiles', 'permisjon-skole'), path.join(dir, 'permisjon-skole'), { recursive: true });
    const file = path.join(dir, 'permisjon-skole', 'profile.json');
    const p = JSON.parse(fs.readFileSync(file, 'utf8')) as ServiceProfileInput;
    o.profile(p);
    fs.writeFileSync(file, JSON.stringify(p));
    profiles = { profiles: { dir } };
  }
  const { hub } = await testHub({ demoSimulators: o.simulators ?? false }, { jobs: { pollIntervalMs: 50, concurrency: 4, backoff: { baseMs: 20, maxMs: 200 } }, ...profiles });
  hubs.push(hub);
  let n = 0;
  /** A leave application as ingest stores it: the submission, its case, its archive entry. */
  const apply = (from: string, to: string, children: string[] = [OLA]) =>
    hub.store.uow.run(async () => {
      const k = ++n;
      const s = receivedApplication({
        profileId: 'permisjon-skole',
        fnr: PARENT,
        name: 'Kari Nordmann',
        title: `Søknad om permisjon fra undervisning – ${k}`,
        form: {
          address: { street: 'Storgata 1', postalCode: '0155', postalPlace: 'OSLO' },
          fields: { applicantName: 'Kari Nordmann', applicantPersonNumber: PARENT, school: 'Nordby skole', periodFrom: from, periodTo: to, reason: 'Bryllup i familien.' },
          lists: { children: children.map((fnr, i) => ({ name: ['Ola Nordmann', 'Per Nordmann'][i]!, personNumber: fnr, grade: '3' })) },
        },
        parts: [part('receipt-pdf', 'ref-data-as-pdf', 'kvittering.pdf', 'application/pdf', pdfBytes(`kvittering ${k}`, 1500))],
      });
      const sub = { ...s, form: { ...s.form!, period: { from, to } } };
      const { id, publicId } = await hub.submissions.insert(sub, { source: 'altinn3', sourceId: `rules-${k}`, serviceKey: sub.serviceKey, fetchedAt: Date.now() });
      await hub.desk.onStored({ id, publicId, quarantined: false, profileId: 'permisjon-skole', receivedAt: sub.receivedAt });
      await hub.archive.service.registerIncoming(id);
      return { id, publicId };
    });
  const call = async <T>(channel: string, input: unknown) => (await hub.invoke(channel, input)) as HubResult<T>;
  const ok = async <T>(channel: string, input: unknown): Promise<T> => {
    const r = await call<T>(channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
    return r.value;
  };
  const as = (account: string) => ok('session.switchUser', { account });
  const sql = hub.store.sql;
  const status = async (id: number) => (await sql.get<{ status: string }>('SELECT status FROM cases WHERE submission_id = ?', [id]))?.status;
  const job = async (id: number) => sql.get<{ status: string; payload: string }>("SELECT status, payload FROM jobs WHERE type = 'rules.decide' AND idempotency_key = ?", [`rules.decide:${id}`]);
  return { hub, apply, call, ok, as, sql, status, job };
}

/** The shipped rules as the designer shows them, switched to automatic with the legal basis. */
function automaticBody(body: string, legalBasis?: string): string {
  const { mode: _suggest, ...rest } = JSON.parse(body) as Record<string, unknown>;
  return JSON.stringify({ mode: 'automatic', ...(legalBasis ? { legalBasis } : {}), ...rest }, null, 2);
}

describe('#15: automatic decisions by a profile’s rules', () => {
  it('refuses automatic rules without a legal basis; with it, decides a short leave alone, audited, shown as automatic, letter and reply through the normal path', { timeout: 120_000 }, async () => {
    const t = await rulesHub({ simulators: true });
    await t.as('ida');
    const [seeded] = await t.ok<DesignVersionDto[]>('rules.versions', { profileId: 'permisjon-skole' });
    expect(seeded).toMatchObject({ version: 1, status: 'active', changedBy: 'Tjenesteprofilen' });
    expect(JSON.parse(seeded!.body)).toMatchObject({ mode: 'suggest', params: { maxSchoolDays: 10 } });

    // without the legal basis the draft is kept, but it never becomes active
    const draft = await t.ok<DesignVersionDto>('rules.saveDraft', { profileId: 'permisjon-skole', body: automaticBody(seeded!.body) });
    expect(draft).toMatchObject({ version: 2, status: 'draft', changedBy: 'Ida IT-drift' });
    const refused = await t.call('rules.activate', { profileId: 'permisjon-skole', version: 2 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(!refused.ok && refused.error.message).toContain(`rules.legalBasis: ${AUTOMATIC_NEEDS_LEGAL_BASIS}`);
    await t.ok('rules.saveDraft', { profileId: 'permisjon-skole', body: automaticBody(seeded!.body, LEGAL), note: 'Korte permisjoner vedtas automatisk' });
    expect(await t.ok<DesignVersionDto>('rules.activate', { profileId: 'permisjon-skole', version: 2 })).toMatchObject({ version: 2, status: 'active' });
    const diff = await t.ok<{ kind: string; text: string }[]>('rules.diff', { profileId: 'permisjon-skole', from: 1, to: 2 });
    expect(diff.filter((l) => l.kind !== 'same').map((l) => `${l.kind}: ${l.text.trim()}`)).toEqual(
      expect.arrayContaining(['removed: "mode": "suggest",', 'added: "mode": "automatic",', `added: "legalBasis": "${LEGAL}",`]),
    );

    const first = await t.apply('2026-09-16', '2026-09-18');
    await expect.poll(() => t.status(first.id), { timeout: 60_000, interval: 100 }).toBe('approved');
    expect(JSON.parse((await t.job(first.id))!.payload)).toEqual({ submissionId: first.id });

    const reasons = 'Søknaden gjelder 3 skoledager. Barnet har fått innvilget 0 skoledager tidligere i skoleåret 2026/2027, til sammen 3 av 10 dager skolen kan innvilge.';
    const grounds = `${reasons}\nVedtaket er fattet automatisk etter kommunens regler for denne tjenesten, med hjemmel i ${LEGAL}.`;
    await t.as('kari');
    const work = await t.ok<CaseWork>('cases.work', { publicId: first.publicId });
    expect(work).toMatchObject({ status: 'approved', assignee: { account: RULES_ACTOR.account, name: 'Postmottak (regelstyrt)' } });
    expect(work.decision).toMatchObject({ outcome: 'innvilget', grounds, decidedBy: RULES_ACTOR.name, recommendation: 'innenfor-grensen' });
    expect(work.timeline).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'decided', actor: 'Postmottak (regelstyrt)', text: 'innvilget' }),
        expect.objectContaining({ kind: 'approved', actor: 'Postmottak (regelstyrt)', text: null }),
      ]),
    );
    expect(work.approvals).toEqual([expect.objectContaining({ by: 'Postmottak (regelstyrt)', role: 'saksbehandler' })]);
    expect(work.letter!.body).toContain('Søknaden er innvilget.');
    expect(work.letter!.body).toContain(grounds);
    // the case view in core: automatic, with the legal basis, and the reasons in both languages
    const view = await t.hub.desk.service.view(t.hub.users.byAccount('kari')!, first.publicId);
    expect(view.decision).toMatchObject({ automatic: true, legalBasis: LEGAL });
    expect(view.rules).toMatchObject({ recommended: 'innvilget', ruleId: 'innenfor-grensen', mode: 'automatic', legalBasis: LEGAL, reasons: { nb: [reasons] } });
    expect(view.rules!.reasons.nn).toEqual(['Søknaden gjeld 3 skuledagar. Barnet har fått innvilga 0 skuledagar tidlegare i skuleåret 2026/2027, til saman 3 av 10 dagar skulen kan innvilge.']);

    // audited as automatic, with the rule, the rules' version and the legal basis (no personal data)
    const audit = await t.sql.all<{ actor: string; action: string; details: string }>("SELECT actor, action, details FROM audit_log WHERE subject = ? AND action LIKE 'case.%' ORDER BY seq", [
      `submission:${first.publicId}`,
    ]);
    expect(audit.map((a) => [a.actor, a.action])).toEqual([
      [RULES_ACTOR.account, 'case.decide.automatic'],
      [RULES_ACTOR.account, 'case.approve'],
    ]);
    expect(JSON.parse(audit[0]!.details)).toEqual({ ruleId: 'innenfor-grensen', ruleVersion: 2, legalBasis: LEGAL, outcome: 'innvilget' });

    // the normal path after approval: the reply archived as U and sent through Altinn (or post)
    await expect
      .poll(async () => (await t.sql.get<{ n: number }>("SELECT count(*) AS n FROM archive_entries WHERE submission_id = ? AND journalposttype = 'U' AND status = 'archived'", [first.id]))?.n, {
        timeout: 60_000,
        interval: 100,
      })
      .toBe(1);
    await expectReplyOut(t.hub, first.id);

    // 8 more days would make 11: a person decides; the case waits untouched, with the reasons
    const second = await t.apply('2026-10-05', '2026-10-14');
    await expect.poll(async () => (await t.job(second.id))?.status, { timeout: 60_000, interval: 100 }).toBe('done');
    expect(await t.status(second.id)).toBe('new');
    const waiting = await t.ok<CaseWork>('cases.work', { publicId: second.publicId });
    expect(waiting).toMatchObject({ assignee: null, decision: null, recommendation: null });
    const advice = (await t.hub.desk.service.view(t.hub.users.byAccount('kari')!, second.publicId)).rules;
    expect(advice).toMatchObject({ recommended: 'manuell', ruleId: 'over-grensen' });
    expect(advice!.reasons.nb).toEqual([
      'Søknaden gjelder 8 skoledager. Barnet har fått innvilget 3 skoledager tidligere i skoleåret 2026/2027, til sammen 11, mer enn de 10 dagene skolen kan innvilge.',
      'En saksbehandler må vurdere søknaden.',
    ]);

    // the rules change afterwards: the decided case keeps showing the legal basis it was decided on
    await t.as('ida');
    const v2 = JSON.parse((await t.ok<DesignVersionDto[]>('rules.versions', { profileId: 'permisjon-skole' }))[0]!.body) as Record<string, unknown>;
    await t.ok('rules.saveDraft', { profileId: 'permisjon-skole', body: JSON.stringify({ ...v2, legalBasis: 'en annen hjemmel' }) });
    await t.ok('rules.activate', { profileId: 'permisjon-skole', version: 3 });
    const later = await t.hub.desk.service.view(t.hub.users.byAccount('kari')!, first.publicId);
    expect(later.decision).toMatchObject({ automatic: true, legalBasis: LEGAL });
  });

  it('stops at awaiting approval when the profile asks for a second approval; a leader approves and the reply goes out', { timeout: 120_000 }, async () => {
    const t = await rulesHub({
      simulators: true,
      profile: (p) => {
        p.reply.secondApproval = true;
        Object.assign(p.rules!, { mode: 'automatic', legalBasis: LEGAL });
      },
    });
    const a = await t.apply('2026-09-16', '2026-09-18', [OLA, PER]);
    await expect.poll(() => t.status(a.id), { timeout: 60_000, interval: 100 }).toBe('awaiting-approval');
    await t.as('leif');
    let work = await t.ok<CaseWork>('cases.work', { publicId: a.publicId });
    expect(work).toMatchObject({ secondApprovalRequired: true, decision: { outcome: 'innvilget', decidedBy: RULES_ACTOR.name }, can: { approve: true } });
    expect(work.approvals).toEqual([expect.objectContaining({ by: 'Postmottak (regelstyrt)', role: 'saksbehandler' })]);
    expect(work.timeline).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'approved', actor: 'Postmottak (regelstyrt)', text: 'venter på leder' })]));
    expect(await t.hub.replies.store.bySubmission(a.id)).toBeUndefined();
    // the seeded version 1 came from the profile file: automatic, with its legal basis
    const audit = await t.sql.get<{ details: string }>("SELECT details FROM audit_log WHERE action = 'case.decide.automatic' AND subject = ?", [`submission:${a.publicId}`]);
    expect(JSON.parse(audit!.details)).toMatchObject({ ruleVersion: 1, legalBasis: LEGAL });

    work = await t.ok<CaseWork>('cases.approve', { publicId: a.publicId });
    expect(work.status).toBe('approved');
    expect(work.approvals.map((x) => [x.by, x.role])).toEqual([
      ['Postmottak (regelstyrt)', 'saksbehandler'],
      ['Leif Leder', 'leder'],
    ]);
    await expectReplyOut(t.hub, a.id);
  });
});

describe('#15: the rule designer’s test run', () => {
  it('shows what the rules would have recommended beside the caseworker’s decision, and where they differ, without names or fødselsnummer', { timeout: 60_000 }, async () => {
    const t = await rulesHub();
    const decide = async (from: string, to: string, outcome: string) => {
      const c = await t.apply(from, to);
      await t.as('kari');
      await t.ok('cases.claim', { publicId: c.publicId });
      await t.ok('cases.decide', { publicId: c.publicId, outcome, grounds: 'Vurdert av saksbehandler.' });
      return c;
    };
    const a = await decide('2026-09-16', '2026-09-18', 'innvilget'); // 3: the rules agree
    const b = await decide('2026-10-05', '2026-10-16', 'innvilget'); // 3 + 10 = 13: the rules say manuell
    const c = await decide('2026-11-02', '2026-11-02', 'avslått'); // 3 + 10 + 1 = 14: manuell; the caseworker refused
    const d = await decide('2027-08-16', '2027-08-17', 'avslått'); // a new school year: the rules would grant

    await t.as('ida');
    const [active] = await t.ok<DesignVersionDto[]>('rules.versions', { profileId: 'permisjon-skole' });
    const run = await t.ok<{ problems: string[]; rows: RuleTestRowDto[] }>('rules.testRun', { profileId: 'permisjon-skole', body: active!.body, last: 10 });
    expect(run.problems).toEqual([]);
    const byId = new Map(run.rows.map((r) => [r.publicId, r]));
    expect(run.rows.map((r) => r.publicId)).toEqual([d.publicId, c.publicId, b.publicId, a.publicId]);
    expect(byId.get(a.publicId)).toMatchObject({ recommended: 'innvilget', ruleId: 'innenfor-grensen', decided: 'innvilget', differs: false });
    expect(byId.get(b.publicId)).toMatchObject({ recommended: 'manuell', ruleId: 'over-grensen', decided: 'innvilget', differs: true });
    expect(byId.get(c.publicId)).toMatchObject({ recommended: 'manuell', decided: 'avslått', differs: true });
    expect(byId.get(d.publicId)).toMatchObject({ recommended: 'innvilget', decided: 'avslått', differs: true });
    expect(byId.get(b.publicId)!.reasons[0]).toBe('Søknaden gjelder 10 skoledager. Barnet har fått innvilget 3 skoledager tidligere i skoleåret 2026/2027, til sammen 13, mer enn de 10 dagene skolen kan innvilge.');
    const text = JSON.stringify(run);
    for (const secret of [PARENT, OLA, 'Nordmann', 'Bryllup']) expect(text).not.toContain(secret);

    // a draft with a higher limit: the second application would have been granted as the caseworker did
    const wider = JSON.stringify({ ...JSON.parse(active!.body), params: { maxSchoolDays: 15 } });
    const rerun = await t.ok<{ rows: RuleTestRowDto[] }>('rules.testRun', { profileId: 'permisjon-skole', body: wider, last: 2 });
    expect(rerun.rows.map((r) => [r.publicId, r.recommended, r.differs])).toEqual([
      [d.publicId, 'innvilget', true],
      [c.publicId, 'innvilget', true],
    ]);
    expect((await t.ok<{ rows: RuleTestRowDto[] }>('rules.testRun', { profileId: 'permisjon-skole', body: wider, last: 10 })).rows.find((r) => r.publicId === b.publicId)).toMatchObject({
      recommended: 'innvilget',
      differs: false,
    });
    // a body that does not parse: the problems, no rows
    const broken = await t.ok<{ problems: string[]; rows: RuleTestRowDto[] }>('rules.testRun', { profileId: 'permisjon-skole', body: '{"recommendations": []}', last: 10 });
    expect(broken.rows).toEqual([]);
    expect(broken.problems).toEqual([expect.stringMatching(/^rules\.recommendations: /)]);
    // only IT staff design rules
    await t.as('kari');
    expect(await t.call('rules.testRun', { profileId: 'permisjon-skole', body: active!.body })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe.each(storeKinds())('the rules’ history from the store (%s)', (kind) => {
  it('finds the decided cases of a profile that name a child, through case_persons, and the last decided ones', async () => {
    const s = await openTestStore(kind);
    try {
      const { repos } = s;
      const add = async (profileId: string, child: string, decided: { outcome: 'innvilget' | 'avslått'; at: number } | null, k: string) => {
        const app = receivedApplication({ profileId, fnr: PARENT, name: 'Kari Nordmann', title: 'Søknad', form: { lists: { children: [{ name: 'Ola', personNumber: child }] } }, parts: [] });
        const { id } = await repos.submissions.insert(app, { source: 'altinn3', sourceId: k, serviceKey: app.serviceKey, fetchedAt: 1 });
        await repos.desk.ensureCase({ submissionId: id, status: 'new', deadlineAt: null, preliminaryReplyAt: null, at: 1 });
        if (decided) await repos.desk.saveDecision(id, { outcome: decided.outcome, grounds: 'g', decidedAt: decided.at, decidedBy: 'kari', recommendation: null, automatic: k === 'a' });
        return id;
      };
      const a = await add('permisjon-skole', OLA, { outcome: 'innvilget', at: 10 }, 'a');
      const b = await add('permisjon-skole', OLA, { outcome: 'avslått', at: 20 }, 'b');
      await add('permisjon-skole', PER, { outcome: 'innvilget', at: 30 }, 'c');
      await add('barnehageplass', OLA, { outcome: 'innvilget', at: 40 }, 'd');
      const e = await add('permisjon-skole', OLA, null, 'e');
      const found = await repos.desk.decidedNaming({ profileId: 'permisjon-skole', personNumbers: [OLA], except: e });
      expect(found.map((f) => [f.submissionId, f.outcome, f.automatic])).toEqual([
        [a, 'innvilget', true],
        [b, 'avslått', false],
      ]);
      expect(found[0]!.form?.lists.children).toEqual([{ name: 'Ola', personNumber: OLA }]);
      expect((await repos.desk.decidedNaming({ profileId: 'permisjon-skole', personNumbers: [OLA], except: a, decidedBefore: 20 })).map((f) => f.submissionId)).toEqual([]);
      expect(await repos.desk.decidedNaming({ profileId: 'permisjon-skole', personNumbers: [], except: e })).toEqual([]);
      expect((await repos.desk.lastDecided('permisjon-skole', 2)).map((f) => f.decidedAt)).toEqual([30, 20]);
      expect(await repos.desk.decision(a)).toMatchObject({ automatic: true });
    } finally {
      await s.close();
    }
  });
});
