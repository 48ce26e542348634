// #15 items 4 and 5: routing over the real store (SQLite), with a fake target and a fake mapper.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { profileAccessOf } from '../../electron/core/desk/access-policy';
import { createCaseAccess, DeskError } from '../../electron/core/desk/case-access';
import type { DeskUser } from '../../electron/core/desk/desk.types';
import { IntegrationError } from '../../electron/core/errors';
import type { Handover, HandoverReceipt, HandoverResult, InternalSystemPort } from '../../electron/core/ports/internal-system.port';
import type { LetterDocument } from '../../electron/core/ports/letter-renderer.port';
import { silentLogger } from '../../electron/core/ports/logger.port';
import type { MappingResult, PayloadMapper } from '../../electron/core/ports/payload-mapper.port';
import { parseProfile } from '../../electron/core/profiles';
import type { RouteDef, ServiceProfile } from '../../electron/core/profiles/profile.schema';
import type { LoadedProfile } from '../../electron/core/profiles/profile.types';
import type { HandoverDocument } from '../../electron/core/routing/handover-document';
import { createRoutingService, type RoutingTarget } from '../../electron/core/routing/routing.service';
import { FakeClock } from '../helpers/fake-clock';
import { receivedApplication } from '../helpers/submission-fixture';
import { openTestStore, type TestStore } from '../helpers/test-store';

const RESOURCES = path.resolve(__dirname, '../../resources');
const KARI: DeskUser = { account: 'kari', name: 'Kari Saksbehandler', roles: ['saksbehandler'], groups: ['helse-tildeling'] };

function profile(id: string, routes?: Partial<RouteDef>[]): LoadedProfile {
  const raw = JSON.parse(fs.readFileSync(path.join(RESOURCES, 'profiles', id, 'profile.json'), 'utf8')) as Record<string, unknown>;
  if (routes) raw.routing = { manualTask: { instructions: 'Registrer søknaden i fagsystemet.' }, ...(raw.routing as object), targets: routes };
  const r = parseProfile(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  const p: ServiceProfile = r.profile;
  const mappings = Object.fromEntries(p.routing.targets.filter((t) => t.mapping).map((t) => [t.target, `profile-mapping:${t.target}`]));
  return { id: p.id, version: p.version, profile: p, xsd: '', origin: 'shipped', file: `${id}/profile.json`, mappings };
}

/** A target that answers as the test tells it, and keeps what it got. */
function fakeTarget(target: string) {
  const got: Handover[] = [];
  let answer: (h: Handover) => HandoverResult | Promise<HandoverResult> = (h) => ({ state: 'delivered', reference: `REF-${got.indexOf(h) + 1}` });
  let receipt: HandoverReceipt = { state: 'awaiting-receipt' };
  const port: InternalSystemPort = {
    target,
    transport: 'file',
    async handOver(h) {
      got.push(h);
      return answer(h);
    },
    checkReceipt: async () => receipt,
  };
  return { port, got, answer: (f: typeof answer) => void (answer = f), receipt: (r: HandoverReceipt) => void (receipt = r) };
}

/** Maps the applicant's name and the case number; the expression «bad» is one IT got wrong. */
const fakeMapper: PayloadMapper & { runs: string[] } = {
  runs: [],
  check: () => [],
  async run(expression, _target, input): Promise<MappingResult> {
    fakeMapper.runs.push(expression);
    if (expression === 'bad') return { ok: false, problems: [{ stage: 'schema', message: 'mangler påkrevd felt «Barnehage»', at: '/Soknad' }] };
    const doc = input as HandoverDocument;
    return { ok: true, payload: { Navn: doc.applicant.name, Fodselsnummer: doc.applicant.personNumber, Sak: doc.case.number, Mapping: expression }, text: null };
  },
};

let t: TestStore;
let clock: FakeClock;
beforeEach(async () => {
  t = await openTestStore('sqlite');
  clock = new FakeClock();
  fakeMapper.runs = [];
});
afterEach(() => t.close());

function setup(o: { profiles: LoadedProfile[]; targets?: Record<string, RoutingTarget> }) {
  const targets: Record<string, RoutingTarget> = o.targets ?? {
    'ist-barnehage': { name: 'IST barnehage', enabled: true, transport: 'file', manualFallback: false },
    'visma-flyt-skole': { name: 'Visma Flyt Skole', enabled: true, transport: 'rest', manualFallback: false },
    gerica: { name: 'Gerica', enabled: true, transport: 'file', manualFallback: true },
  };
  const fakes = new Map<string, ReturnType<typeof fakeTarget>>();
  const fake = (id: string) => fakes.get(id) ?? fakes.set(id, fakeTarget(id)).get(id)!;
  for (const id of Object.keys(targets)) fake(id);
  const jobs: { type: string; payload: { key: string }; key: string; runAfter?: number }[] = [];
  const letters: LetterDocument[] = [];
  const byId = (id: string) => o.profiles.find((p) => p.id === id);
  const cases = createCaseAccess({
    store: t.repos.desk,
    submission: (id) => t.repos.submissions.get(id),
    profile: (id) => byId(id)?.profile,
    profileAccess: () => o.profiles.map(profileAccessOf),
    uow: t.store.uow,
    audit: t.repos.audit,
    clock,
  });
  let n = 0;
  const service = createRoutingService({
    store: t.repos.handovers,
    designs: t.repos.designs,
    desk: t.repos.desk,
    archive: t.repos.archive,
    cases,
    submission: (id) => t.repos.submissions.getById(id),
    profile: byId,
    registerPerson: async () => null,
    targets: () => targets,
    port: (id) => (targets[id]?.enabled && targets[id]?.transport !== 'manual' ? fake(id).port : undefined),
    mapper: fakeMapper,
    mappingTarget: () => ({ format: 'json', schema: null }),
    letters: { render: async (l) => (letters.push(l), { bytes: new Uint8Array([37, 80, 68, 70]), pages: 1 }) },
    userName: (account) => (account === KARI.account ? KARI.name : account),
    municipality: { name: 'Testkommune', orgNumber: null },
    uow: t.store.uow,
    outbox: { enqueue: async (type, payload, key, opts) => void (jobs.some((j) => j.key === key) || jobs.push({ type, payload: payload as { key: string }, key, runAfter: opts?.runAfter })) },
    audit: t.repos.audit,
    clock,
    logger: silentLogger,
    newKey: () => `hk-${++n}`,
  });
  let seq = 0;
  async function add(profileId: string, children = 1) {
    const s = receivedApplication({
      profileId,
      fnr: '01017012345',
      name: 'Kari Nordmann',
      title: `Søknad ${++seq}`,
      form: { fields: { applicantName: 'Kari Nordmann', applicantPersonNumber: '01017012345', hours: 'Heltid' }, lists: { children: Array.from({ length: children }, (_, i) => ({ name: `Barn ${i + 1}`, personNumber: `0101201${i}345` })) } },
      parts: [],
      at: clock.now(),
    });
    const { id, publicId } = await t.repos.submissions.insert(s, { source: 'altinn3', sourceId: `s-${seq}`, serviceKey: s.serviceKey, fetchedAt: clock.now() });
    await t.repos.desk.ensureCase({ submissionId: id, status: 'new', deadlineAt: null, preliminaryReplyAt: null, at: clock.now() });
    return { id, publicId };
  }
  const archived = (submissionId: number, journalposttype = 'I') => t.store.uow.run(() => service.onArchived({ submissionId, journalposttype, at: clock.now() }));
  const row = (id: number, target: string) => t.repos.handovers.get(id, target);
  const routed = async (id: number) => (await t.repos.desk.events(id)).filter((e) => e.kind === 'routed').map((e) => ({ actor: e.actor, text: e.text }));
  return { service, fakes, jobs, letters, add, archived, row, routed, targets };
}

describe('#15 item 5: which hand-overs an application gets', () => {
  it('after archiving (the incoming entry only), after a decision for the outcomes the route names, and where its conditions hold', async () => {
    const kids = profile('barnehageplass', [{ target: 'ist-barnehage', mapping: 'mappings/ist-barnehage.jsonata', when: [{ fact: 'children.count', op: 'gte', value: 2 }] }]);
    const { service, add, archived, row, jobs } = setup({ profiles: [kids, profile('permisjon-skole')] });
    const one = await add('barnehageplass', 1);
    const two = await add('barnehageplass', 2);
    await archived(one.id);
    await archived(two.id, 'U');
    expect(await row(two.id, 'ist-barnehage')).toBeUndefined();
    await archived(two.id);
    expect(await row(one.id, 'ist-barnehage')).toBeUndefined();
    const h = (await row(two.id, 'ist-barnehage'))!;
    expect(h).toMatchObject({ status: 'pending', mode: 'automatic', after: 'archived' });
    expect(jobs).toEqual([{ type: 'routing.handover', payload: { key: h.key }, key: `routing.handover:${h.key}`, runAfter: undefined }]);
    // a replayed hook keeps the one hand-over and its one job
    await archived(two.id);
    expect(jobs).toHaveLength(1);

    // permisjon-skole hands over after the decision, when granted (wholly or in part)
    const refused = await add('permisjon-skole');
    const granted = await add('permisjon-skole');
    const decide = (id: number, outcome: 'innvilget' | 'avslått') => t.store.uow.run(() => service.onDecisionFinal({ submissionId: id, outcome, at: clock.now() }));
    await archived(granted.id);
    expect(await row(granted.id, 'visma-flyt-skole')).toBeUndefined();
    await decide(refused.id, 'avslått');
    await decide(granted.id, 'innvilget');
    expect(await row(refused.id, 'visma-flyt-skole')).toBeUndefined();
    expect(await row(granted.id, 'visma-flyt-skole')).toMatchObject({ status: 'pending', after: 'decided' });
  });

  it('waits for a target that is not configured or switched off, and queues it once at start when it is', async () => {
    const targets: Record<string, RoutingTarget> = {};
    const { service, add, archived, row, jobs } = setup({ profiles: [profile('barnehageplass')], targets });
    const a = await add('barnehageplass');
    await archived(a.id);
    expect(await row(a.id, 'ist-barnehage')).toMatchObject({ status: 'waiting', mode: 'automatic' });
    expect(jobs).toEqual([]);
    targets['ist-barnehage'] = { name: 'IST barnehage', enabled: false, transport: 'file', manualFallback: false };
    expect(await service.ensureJobs()).toBe(0);
    targets['ist-barnehage'].enabled = true;
    expect(await service.ensureJobs()).toBe(1);
    expect(await row(a.id, 'ist-barnehage')).toMatchObject({ status: 'pending' });
    await service.ensureJobs();
    expect(jobs.map((j) => j.key)).toEqual([`routing.handover:${(await row(a.id, 'ist-barnehage'))!.key}`]);

    // switched off with manualFallback: a person takes over, at once or at the next start
    const b = await add('barnehageplass');
    await archived(b.id);
    expect(await row(b.id, 'ist-barnehage')).toMatchObject({ status: 'pending' });
    targets['ist-barnehage'] = { ...targets['ist-barnehage'], enabled: false, manualFallback: true };
    await service.ensureJobs();
    expect(await row(b.id, 'ist-barnehage')).toMatchObject({ status: 'manual', mode: 'manual' });
    const c = await add('barnehageplass');
    await archived(c.id);
    expect(await row(c.id, 'ist-barnehage')).toMatchObject({ status: 'manual', mode: 'manual' });
  });

  it('makes a task for a person where the route says manual, the target has no interface, or there is no mapping', async () => {
    const p = profile('barnehageplass', [{ target: 'ist-barnehage', mapping: 'mappings/ist-barnehage.jsonata', manual: true }, { target: 'ist-sfo' }, { target: 'gerica', mapping: 'mappings/gerica.jsonata' }]);
    const { add, archived, row, jobs } = setup({
      profiles: [p],
      targets: {
        'ist-barnehage': { name: 'IST barnehage', enabled: true, transport: 'file', manualFallback: false },
        'ist-sfo': { name: 'IST SFO', enabled: true, transport: 'file', manualFallback: false },
        gerica: { name: 'Gerica', enabled: true, transport: 'manual', manualFallback: false },
      },
    });
    const a = await add('barnehageplass');
    await archived(a.id);
    for (const target of ['ist-barnehage', 'ist-sfo', 'gerica']) expect(await row(a.id, target), target).toMatchObject({ status: 'manual', mode: 'manual' });
    expect(jobs).toEqual([]);
  });
});

describe('#15 item 1: the hand-over job', () => {
  it('hands the mapped application over with the active mapping, and shows the target’s reference on the timeline', async () => {
    const { service, fakes, add, archived, row, routed } = setup({ profiles: [profile('barnehageplass')] });
    const ref = { kind: 'mapping' as const, profileId: 'barnehageplass', target: 'ist-barnehage' };
    await t.repos.designs.seed(ref, 'v1', 'profil', 1);
    await t.repos.designs.saveDraft(ref, 'v2', 'ida', null, 2);
    await t.repos.designs.activate(ref, 2, 'ida', 3);
    const a = await add('barnehageplass');
    await archived(a.id);
    const h = (await row(a.id, 'ist-barnehage'))!;
    await service.handOver(h.key);
    expect(fakes.get('ist-barnehage')!.got).toEqual([{ key: h.key, payload: { Navn: 'Kari Nordmann', Fodselsnummer: '01017012345', Sak: null, Mapping: 'v2' }, text: null }]);
    expect(await row(a.id, 'ist-barnehage')).toMatchObject({ status: 'delivered', reference: 'REF-1', mappingVersion: 2, deliveredAt: clock.now(), lastError: null });
    expect(await routed(a.id)).toEqual([{ actor: 'Postmottak', text: 'IST barnehage: REF-1' }]);
    // a job that runs again after the answer was recorded hands nothing over twice
    await service.handOver(h.key);
    expect(fakes.get('ist-barnehage')!.got).toHaveLength(1);
    expect((await t.repos.audit.recent(50)).map((e) => e.action)).toEqual(expect.arrayContaining(['routing.created', 'routing.delivered']));
  });

  it('keeps a rejection with the target’s own message, and a retry after the fix hands the same key over again', async () => {
    const { service, fakes, add, archived, row, jobs, routed } = setup({ profiles: [profile('barnehageplass')] });
    const a = await add('barnehageplass');
    await archived(a.id);
    const h = (await row(a.id, 'ist-barnehage'))!;
    const target = fakes.get('ist-barnehage')!;
    target.answer(() => {
      throw new IntegrationError('validation', 'IST barnehage: Ukjent barnehage «Solsikken»', { integration: 'internal:ist-barnehage' });
    });
    await expect(service.handOver(h.key)).rejects.toThrow(/Solsikken/);
    expect(await row(a.id, 'ist-barnehage')).toMatchObject({ status: 'failed', lastError: 'IST barnehage: Ukjent barnehage «Solsikken»', mappingVersion: null });
    const [view] = await service.forCase(KARI, a.publicId);
    expect(view).toMatchObject({ target: 'ist-barnehage', targetName: 'IST barnehage', status: 'failed', lastError: 'IST barnehage: Ukjent barnehage «Solsikken»', can: { retry: true, complete: false } });

    target.answer(() => ({ state: 'delivered', reference: 'IST-77' }));
    expect(await service.retry(KARI, a.publicId, 'ist-barnehage')).toMatchObject({ status: 'pending', lastError: null });
    await expect(service.retry(KARI, a.publicId, 'ist-barnehage')).rejects.toMatchObject({ code: 'conflict' });
    const retryJob = jobs.at(-1)!;
    expect(retryJob.payload).toEqual({ key: h.key });
    expect(retryJob.key).not.toBe(jobs[0]!.key);
    await service.handOver(retryJob.payload.key);
    expect(target.got.map((g) => g.key)).toEqual([h.key, h.key]);
    expect(await row(a.id, 'ist-barnehage')).toMatchObject({ status: 'delivered', reference: 'IST-77' });
    expect(await routed(a.id)).toEqual([{ actor: 'Postmottak', text: 'IST barnehage: IST-77' }]);
  });

  it('stops at a mapping that gives invalid data, before the target, without the application’s values in the message', async () => {
    const { service, fakes, add, archived, row } = setup({ profiles: [profile('barnehageplass')] });
    const ref = { kind: 'mapping' as const, profileId: 'barnehageplass', target: 'ist-barnehage' };
    await t.repos.designs.seed(ref, 'bad', 'profil', 1);
    const a = await add('barnehageplass');
    await archived(a.id);
    const h = (await row(a.id, 'ist-barnehage'))!;
    const e = await service.handOver(h.key).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(IntegrationError);
    expect(e).toMatchObject({ kind: 'validation', message: 'Mappingen for IST barnehage gir ugyldige data: mangler påkrevd felt «Barnehage» (/Soknad)' });
    expect(fakes.get('ist-barnehage')!.got).toEqual([]);
    expect(await row(a.id, 'ist-barnehage')).toMatchObject({ status: 'failed', mappingVersion: 1 });
  });

  it('waits for the receipt of a dropped file: still waiting is retried, a rejection fails with the target’s message', async () => {
    const { service, fakes, add, archived, row, jobs } = setup({ profiles: [profile('barnehageplass')] });
    const target = fakes.get('ist-barnehage')!;
    target.answer((h) => ({ state: 'awaiting-receipt', token: `${h.key}.xml` }));
    const a = await add('barnehageplass');
    const b = await add('barnehageplass');
    await archived(a.id);
    await archived(b.id);
    const ha = (await row(a.id, 'ist-barnehage'))!;
    const hb = (await row(b.id, 'ist-barnehage'))!;
    await service.handOver(ha.key);
    await service.handOver(hb.key);
    expect(await row(a.id, 'ist-barnehage')).toMatchObject({ status: 'awaiting-receipt', receiptToken: `${ha.key}.xml` });
    expect(jobs.filter((j) => j.type === 'routing.receipt').map((j) => j.payload.key)).toEqual([ha.key, hb.key]);
    expect(jobs.at(-1)!.runAfter).toBeGreaterThan(clock.now());
    await expect(service.checkReceipt(ha.key)).rejects.toMatchObject({ kind: 'transient' });
    target.receipt({ state: 'delivered', reference: 'BHG-1' });
    await service.checkReceipt(ha.key);
    expect(await row(a.id, 'ist-barnehage')).toMatchObject({ status: 'delivered', reference: 'BHG-1' });
    target.receipt({ state: 'rejected', message: 'Søknaden mangler barnehage' });
    await expect(service.checkReceipt(hb.key)).rejects.toMatchObject({ kind: 'validation' });
    expect(await row(b.id, 'ist-barnehage')).toMatchObject({ status: 'failed', lastError: 'Søknaden mangler barnehage' });
  });

  it('turns a permanent failure into a manual task where the target has manualFallback, keeping the message', async () => {
    const { service, fakes, add, archived, row } = setup({ profiles: [profile('helse-omsorg')] });
    fakes.get('gerica')!.answer(() => {
      throw new IntegrationError('permanent', 'Gerica: ingen tilgang til mappen «/gerica/inn» (EACCES).');
    });
    const a = await add('helse-omsorg');
    await archived(a.id);
    const h = (await row(a.id, 'gerica'))!;
    await service.handOver(h.key);
    expect(await row(a.id, 'gerica')).toMatchObject({ status: 'manual', mode: 'manual', lastError: 'Gerica: ingen tilgang til mappen «/gerica/inn» (EACCES).' });
    // a transient failure is the runner's to retry: the hand-over stays pending
    const b = await add('helse-omsorg');
    await archived(b.id);
    fakes.get('gerica')!.answer(() => {
      throw new IntegrationError('transient', 'tidsavbrudd');
    });
    await expect(service.handOver((await row(b.id, 'gerica'))!.key)).rejects.toThrow('tidsavbrudd');
    expect(await row(b.id, 'gerica')).toMatchObject({ status: 'pending', lastError: null });
  });
});

describe('#15 item 4: the manual hand-over', () => {
  it('shows the fields to type, renders a summary, and completes with the person’s name and the target’s reference on the timeline', async () => {
    const p = profile('helse-omsorg', [{ target: 'gerica', manual: true }]);
    const { service, add, archived, row, routed, letters } = setup({ profiles: [p] });
    const a = await add('helse-omsorg');
    await archived(a.id);
    const task = await service.task(KARI, a.publicId, 'gerica');
    expect(task).toMatchObject({ target: 'gerica', targetName: 'Gerica', assignTo: 'tildelingskontoret', instructions: expect.stringContaining('Gerica') });
    // the profile's fields with their labels, in its order; a screened service hides every value until asked
    expect(task.fields.slice(0, 2)).toEqual([
      { label: 'Navn', value: 'Kari Nordmann', sensitive: true },
      { label: 'Fødselsnummer', value: '01017012345', sensitive: true },
    ].map((f) => expect.objectContaining({ value: f.value, sensitive: f.sensitive })));

    const pdf = await service.summaryPdf(KARI, a.publicId, 'gerica');
    expect(pdf.pages).toBe(1);
    expect(letters[0]).toMatchObject({ title: 'Overføring til Gerica', caseworker: { name: KARI.name } });
    expect(letters[0]!.body).toContain('Kari Nordmann');

    const done = await service.complete(KARI, a.publicId, 'gerica', ' G-4711 ');
    expect(done).toMatchObject({ status: 'done', reference: 'G-4711', doneBy: 'Kari Saksbehandler', can: { retry: false, complete: false } });
    expect(await row(a.id, 'gerica')).toMatchObject({ status: 'done', doneBy: 'kari', reference: 'G-4711' });
    expect(await routed(a.id)).toEqual([{ actor: 'Kari Saksbehandler', text: 'Gerica (manuelt): G-4711' }]);
    await expect(service.complete(KARI, a.publicId, 'gerica')).rejects.toMatchObject({ code: 'conflict' });
  });

  it('lists the mapping’s output as the fields where the route has a mapping, and refuses a case the user may not see', async () => {
    const { service, add, archived } = setup({
      profiles: [profile('barnehageplass', [{ target: 'ist-barnehage', mapping: 'mappings/ist-barnehage.jsonata', manual: true }]), profile('helse-omsorg', [{ target: 'gerica', manual: true }])],
    });
    const a = await add('barnehageplass');
    await archived(a.id);
    const task = await service.task(KARI, a.publicId, 'ist-barnehage');
    expect(task.fields).toEqual([
      // the applicant's name is a field the profile marks as personal data
      { label: 'Navn', value: 'Kari Nordmann', sensitive: true },
      { label: 'Fodselsnummer', value: '01017012345', sensitive: true },
      { label: 'Mapping', value: 'profile-mapping:ist-barnehage', sensitive: false },
    ]);
    const h = await add('helse-omsorg');
    await archived(h.id);
    const outsider: DeskUser = { ...KARI, account: 'ola', groups: [] };
    await expect(service.task(outsider, h.publicId, 'gerica')).rejects.toBeInstanceOf(DeskError);
    await expect(service.forCase(outsider, h.publicId)).rejects.toMatchObject({ code: 'not-found' });
    await expect(service.complete({ ...KARI, roles: ['arkivar'] }, a.publicId, 'ist-barnehage')).rejects.toMatchObject({ code: 'forbidden' });
  });
});
