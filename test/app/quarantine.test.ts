// #13 item 13: quarantine is no longer a dead end. Each action through the hub's contract, as the demo's users.
import { afterEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../electron/app/create-hub';
import { generateFodselsnummer } from '../../electron/core/fodselsnummer';
import type { NewSubmission } from '../../electron/core/ports/submission-store.port';
import type { CaseWork, HubResult, QuarantineView } from '../../electron/ipc';
import { pdfBytes } from '../helpers/archive-fixture';
import { part, receivedApplication } from '../helpers/submission-fixture';
import { testHub } from '../helpers/test-hub';

const DAY = 86_400_000;
const FNR = generateFodselsnummer('1985-04-12', 'female', () => 0.42);
const CHILD = generateFodselsnummer('2022-06-15', 'male', () => 0.17);

const validForm = (name = 'Kari Nordmann') => `<?xml version="1.0"?>
<BarnehageSoknad>
<Innsender><Navn>${name}</Navn><Fodselsnummer>${FNR}</Fodselsnummer><Adresse><Gateadresse>Storgata 1</Gateadresse><Postnummer>0155</Postnummer><Poststed>OSLO</Poststed></Adresse></Innsender>
<Barn><Navn>Ola Nordmann</Navn><Fodselsnummer>${CHILD}</Fodselsnummer></Barn>
<OnsketOppstart>2026-08-01</OnsketOppstart>
<Barnehager><Prioritet1>Solstrålen barnehage</Prioritet1></Barnehager>
<Oppholdstid>heltid</Oppholdstid>
<SoskenIBarnehagen>false</SoskenIBarnehagen>
</BarnehageSoknad>`;
const NAVN_MISSING = "linje 3: Element 'Fodselsnummer': This element is not expected. Expected is ( Navn ).";

let hubs: Hub[] = [];
afterEach(async () => {
  for (const h of hubs) await h.stop();
  hubs = [];
});

/** A quarantined submission stored as ingest stores it: the submission, its case (quarantined), the archive hook (which skips it). */
function quarantined(hub: Hub, key: string, o: { xml: string; code: string; reason: string; at: number }): Promise<string> {
  const s: NewSubmission = {
    ...receivedApplication({ profileId: 'barnehageplass', fnr: FNR, name: 'x', title: 'x', parts: [], at: o.at }),
    status: 'quarantined',
    applicantName: null,
    title: null,
    titlePublic: null,
    form: null,
    quarantine: { code: o.code, reason: o.reason },
    parts: [
      part('form', 'model', 'skjema.xml', 'application/xml', new TextEncoder().encode(o.xml)),
      part('receipt-pdf', 'ref-data-as-pdf', 'kvittering.pdf', 'application/pdf', pdfBytes('kvittering', 1500)),
    ],
  };
  return hub.store.uow.run(async () => {
    const { id, publicId } = await hub.submissions.insert(s, { source: 'altinn3', sourceId: key, serviceKey: s.serviceKey, fetchedAt: o.at });
    await hub.desk.service.open({ id, quarantined: true, receivedAt: o.at, profileId: s.profileId });
    await hub.archive.service.registerIncoming(id);
    return publicId;
  });
}

async function env() {
  const { hub } = await testHub({ autoStart: false });
  hubs.push(hub);
  const now = Date.now();
  const call = async <T>(channel: string, input: unknown) => (await hub.invoke(channel, input)) as HubResult<T>;
  const ok = async <T>(channel: string, input: unknown): Promise<T> => {
    const r = await call<T>(channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
    return r.value;
  };
  const as = (account: string) => hub.invoke('session.switchUser', { account });
  const idOf = async (publicId: string) => (await hub.submissions.get(publicId))!.id;
  const audit = async () => (await hub.audit.recent(50)).map((e) => e.action);
  return { hub, now, call, ok, as, idOf, audit };
}

describe('#13 item 13: quarantine through the hub', () => {
  it('gives a quarantined submission no deadline, and explains the schema error in Norwegian with the raw message beside it', async () => {
    const { hub, now, ok } = await env();
    const id = await quarantined(hub, 'q-1', { xml: validForm(), code: 'schema-invalid', reason: NAVN_MISSING, at: now });
    const work = await ok<CaseWork>('cases.work', { publicId: id });
    expect(work.status).toBe('quarantined');
    expect(work.deadlineAt).toBeNull();
    expect(work.preliminaryReplyAt).toBeNull();
    const v = await ok<QuarantineView>('quarantine.view', { publicId: id });
    expect(v.raw).toBe(NAVN_MISSING);
    expect(v.explanation!.summary).toMatch(/følger ikke tjenestens skjema/);
    expect(v.explanation!.problems).toEqual([{ line: 3, field: 'Fødselsnummer', text: expect.stringMatching(/«Navn» mangler eller står i feil rekkefølge/) }]);
    expect(v.can).toEqual({ revalidate: true, register: true, markDuplicate: false, reject: true });
    expect(v.manual!.fields.find((f) => f.key === 'applicantName')).toMatchObject({ label: 'Navn', required: true, list: null });
  });

  it('re-validates after a profile update: a form that passes becomes a case with its deadline from now and its archive registration', async () => {
    const { hub, now, ok, idOf, audit } = await env();
    // stored under an older profile that refused it; the current profile accepts it
    const id = await quarantined(hub, 'q-2', { xml: validForm(), code: 'schema-invalid', reason: NAVN_MISSING, at: now - 5 * DAY });
    const v = await ok<QuarantineView>('quarantine.revalidate', { publicId: id });
    expect(v).toMatchObject({ open: false, resolution: { outcome: 'case' }, can: { revalidate: false, register: false, reject: false } });
    const s = (await hub.submissions.get(id))!;
    expect(s).toMatchObject({ status: 'received', quarantineReason: null, applicantName: 'Kari Nordmann' });
    expect(s.title).toMatch(/barnehageplass/i);
    const work = await ok<CaseWork>('cases.work', { publicId: id });
    expect(work.status).toBe('new');
    expect(work.deadlineAt).toBeGreaterThanOrEqual(now + 59 * DAY);
    expect(work.timeline.map((e) => e.kind)).toContain('quarantine-revalidated');
    expect(await hub.archive.store.incomingEntryOf(await idOf(id))).toBeDefined();
    expect(await audit()).toContain('quarantine.revalidate');
  });

  it('re-validates a form that still fails: stays in quarantine with the new reason, on the timeline', async () => {
    const { hub, now, ok } = await env();
    const broken = validForm().replace(/<Navn>Kari Nordmann<\/Navn>/, '');
    const id = await quarantined(hub, 'q-3', { xml: broken, code: 'schema-invalid', reason: 'gammel grunn', at: now });
    const v = await ok<QuarantineView>('quarantine.revalidate', { publicId: id });
    expect(v.open).toBe(true);
    expect(v.raw).toMatch(/This element is not expected/);
    expect(v.explanation!.problems[0]!.text).toMatch(/«Navn» mangler/);
    const work = await ok<CaseWork>('cases.work', { publicId: id });
    expect(work.status).toBe('quarantined');
    expect(work.timeline.find((e) => e.kind === 'quarantine-revalidated')!.text).toMatch(/fortsatt i karantene/);
  });

  it('registers by hand as a case with the fields typed from the PDF, as a received application would be (case, deadline, archive)', async () => {
    const { hub, now, ok, call, idOf, audit } = await env();
    const id = await quarantined(hub, 'q-4', { xml: '<BarnehageSoknad><Innsender>', code: 'not-well-formed', reason: 'Linje 1, kolonne 30: Premature end of data in tag Innsender (unclosed: BarnehageSoknad, Innsender)', at: now });
    const bad = await call('quarantine.register', { publicId: id, fields: { applicantName: 'Kari Nordmann', applicantPersonNumber: '12345678901' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/Fødselsnummer» er ikke et gyldig/) } });
    const v = await ok<QuarantineView>('quarantine.register', {
      publicId: id,
      fields: { applicantName: 'Kari Nordmann', applicantPersonNumber: FNR, applicantStreet: 'Storgata 1', applicantPostalCode: '0155', applicantPostalPlace: 'OSLO', desiredStart: '2026-08-01', firstChoice: 'Solstrålen barnehage' },
      lists: { children: [{ name: 'Ola Nordmann', personNumber: CHILD }] },
    });
    expect(v.resolution).toMatchObject({ outcome: 'case' });
    const s = (await hub.submissions.get(id))!;
    expect(s.status).toBe('received');
    expect(s.form!.applicant).toMatchObject({ name: 'Kari Nordmann', personNumber: FNR });
    expect(s.form!.lists.children).toEqual([expect.objectContaining({ name: 'Ola Nordmann' })]);
    const work = await ok<CaseWork>('cases.work', { publicId: id });
    expect(work.status).toBe('new');
    expect(work.deadlineAt).not.toBeNull();
    expect(work.timeline.map((e) => e.kind)).toContain('quarantine-registered');
    expect(await hub.archive.store.incomingEntryOf(await idOf(id))).toBeDefined();
    expect(await audit()).toContain('quarantine.register');
  });

  it('marks a duplicate of the same person’s submission to the same service within the window, linked on both timelines', async () => {
    const { hub, now, ok, call, audit } = await env();
    const original = await hub.store.uow.run(async () => {
      const s = receivedApplication({ profileId: 'barnehageplass', fnr: FNR, name: 'Kari Nordmann', title: 'Søknad om barnehageplass – Ola', parts: [], at: now - 2 * DAY });
      const { id, publicId } = await hub.submissions.insert(s, { source: 'altinn3', sourceId: 'orig', serviceKey: s.serviceKey, fetchedAt: now });
      await hub.desk.service.open({ id, quarantined: false, receivedAt: now, profileId: 'barnehageplass' });
      return publicId;
    });
    const far = await hub.store.uow.run(async () => {
      const s = receivedApplication({ profileId: 'barnehageplass', fnr: FNR, name: 'Kari Nordmann', title: 'Gammel søknad', parts: [], at: now - 90 * DAY });
      return (await hub.submissions.insert(s, { source: 'altinn3', sourceId: 'far', serviceKey: s.serviceKey, fetchedAt: now })).publicId;
    });
    const id = await quarantined(hub, 'q-5', { xml: '<BarnehageSoknad>', code: 'not-well-formed', reason: 'x', at: now });
    const v = await ok<QuarantineView>('quarantine.view', { publicId: id });
    expect(v.candidates.map((c) => c.publicId)).toEqual([original]);
    expect(v.can.markDuplicate).toBe(true);
    expect(await call('quarantine.markDuplicate', { publicId: id, of: far })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const done = await ok<QuarantineView>('quarantine.markDuplicate', { publicId: id, of: original });
    expect(done).toMatchObject({ open: false, resolution: { outcome: 'duplicate', duplicateOfPublicId: original } });
    const mine = await ok<CaseWork>('cases.work', { publicId: id });
    expect(mine.timeline.find((e) => e.kind === 'quarantine-duplicate')!.text).toContain(original);
    const theirs = await ok<CaseWork>('cases.work', { publicId: original });
    expect(theirs.timeline.find((e) => e.kind === 'duplicate-linked')!.text).toContain(id);
    expect(await audit()).toContain('quarantine.duplicate');
  });

  it('rejects with a reason, once; an archivist may, IT may not', async () => {
    const { hub, now, ok, call, as, audit } = await env();
    const id = await quarantined(hub, 'q-6', { xml: '<!DOCTYPE x><x/>', code: 'dtd-forbidden', reason: 'Skjemaet inneholder <!DOCTYPE>; dokumenttypedeklarasjoner avvises.', at: now });
    await as('ida');
    expect(await call('quarantine.reject', { publicId: id, reason: 'nei' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await as('arne');
    const v = await ok<QuarantineView>('quarantine.reject', { publicId: id, reason: 'Skjemaet er manipulert; ikke en søknad.' });
    expect(v).toMatchObject({ open: false, resolution: { outcome: 'rejected', reason: 'Skjemaet er manipulert; ikke en søknad.' } });
    const work = await ok<CaseWork>('cases.work', { publicId: id });
    expect(work.timeline.find((e) => e.kind === 'quarantine-rejected')).toMatchObject({ actor: 'Arne Arkivar', text: 'Skjemaet er manipulert; ikke en søknad.' });
    expect(await call('quarantine.revalidate', { publicId: id })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await audit()).toContain('quarantine.reject');
  });
});
