import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../electron/app/create-hub';
import type { HubResult, MappingSummaryDto, PreviewDto } from '../../electron/ipc';
import { IST_SFO_COLUMNS } from '../../integrations/internal/simulator/ist-sfo.simulator';
import { part, receivedApplication } from '../helpers/submission-fixture';
import { tempDir } from '../helpers/temp-dir';
import { testHub } from '../helpers/test-hub';

/** #15 item 7: the mapping designer through the hub's one entry, as the designer screen uses it. */

const PARENT_FNR = '01017012345';
const CHILD_FNR = '15061812345';
const SKOLE = { profileId: 'permisjon-skole', target: 'visma-flyt-skole' };
const SHIPPED = fs.readFileSync(path.resolve(__dirname, '../../resources/profiles/permisjon-skole/mappings/visma-flyt-skole.jsonata'), 'utf8');

let hubs: Hub[] = [];
afterEach(async () => {
  for (const h of hubs) await h.stop();
  hubs = [];
});

const targets = () => ({
  integrations: {
    internal: {
      targets: {
        // a target without an interface still has a format and a schema to design against
        'visma-flyt-skole': { name: 'Visma Flyt Skole', transport: 'manual', schema: 'internal/visma-flyt-skole.schema.json' },
        'ist-barnehage': { name: 'IST barnehage', transport: 'file', schema: 'internal/ist-barnehage.xsd', file: { dir: tempDir('pm-ist-'), format: 'xml' } },
        'ist-sfo': { name: 'IST SFO', transport: 'file', file: { dir: tempDir('pm-sfo-'), format: 'csv', csv: { columns: [...IST_SFO_COLUMNS] } } },
        gerica: { name: 'Gerica', transport: 'manual', schema: 'internal/gerica.schema.json' },
      },
    },
  },
});

async function hubWith(config: Record<string, unknown> = {}) {
  const { hub } = await testHub({}, { ...targets(), ...config });
  hubs.push(hub);
  const call = async <T>(channel: string, input: unknown): Promise<HubResult<T>> => (await hub.invoke(channel, input)) as HubResult<T>;
  const ok = async <T>(channel: string, input: unknown): Promise<T> => {
    const r = await call<T>(channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
    return r.value;
  };
  return { hub, call, ok };
}

/** A leave application for one child, stored as ingest stores it, with its case. */
async function leaveApplication(hub: Hub): Promise<string> {
  const s = receivedApplication({
    profileId: 'permisjon-skole',
    fnr: PARENT_FNR,
    name: 'Kari Nordmann',
    title: 'Søknad om permisjon fra undervisning – Ola Nordmann – Nordby skole',
    form: {
      fields: { school: 'Nordby skole', periodFrom: '2026-09-07', periodTo: '2026-09-09', reason: 'Bestemors 80-årsdag i Tromsø' },
      lists: { children: [{ name: 'Ola Nordmann', personNumber: CHILD_FNR, grade: '4' }] },
    },
    parts: [part('receipt-pdf', 'ref-data-as-pdf', 'kvittering.pdf', 'application/pdf', new Uint8Array([37, 80, 68, 70]))],
  });
  return hub.store.uow.run(async () => {
    const { id, publicId } = await hub.submissions.insert(s, { source: 'altinn3', sourceId: 'a-1', serviceKey: s.serviceKey, fetchedAt: s.receivedAt });
    await hub.desk.service.open({ id, quarantined: false, receivedAt: s.receivedAt, profileId: s.profileId });
    return publicId;
  });
}

describe('mapping designer', () => {
  it('an IT admin edits a draft, sees a schema error appear and disappear, activates it, and reads the history and the diff', async () => {
    const { hub, ok, call } = await hubWith();
    hub.users.switchTo('ida');

    const list = await ok<MappingSummaryDto[]>('mappings.list', {});
    expect(list.find((m) => m.target === 'visma-flyt-skole')).toEqual({
      profileId: 'permisjon-skole',
      profileName: expect.any(String),
      target: 'visma-flyt-skole',
      targetName: 'Visma Flyt Skole',
      transport: 'manual',
      format: 'json',
      hasSchema: true,
      activeVersion: 1,
      draftVersion: null,
    });
    expect(list.find((m) => m.target === 'ist-barnehage')).toMatchObject({ transport: 'file', format: 'xml', hasSchema: true, activeVersion: 1 });
    expect(list.find((m) => m.target === 'ist-sfo')).toMatchObject({ transport: 'file', format: 'csv', hasSchema: false });
    expect(list.find((m) => m.target === 'visma-enterprise')).toMatchObject({ transport: 'unconfigured', format: 'json', hasSchema: false });
    expect(await ok('mappings.versions', SKOLE)).toEqual([{ version: 1, status: 'active', body: SHIPPED, changedBy: 'Tjenesteprofilen', changedAt: expect.any(Number), note: null }]);

    // the shipped mappings give valid payloads for their sample applications (JSON Schema and XSD)
    const sample = await ok<PreviewDto>('mappings.preview', { ...SKOLE, body: SHIPPED, source: { kind: 'sample' } });
    expect(sample).toMatchObject({ ok: true, problems: [], masked: false });
    expect(JSON.parse(sample.text!)).toMatchObject({ school: { name: 'Nordby skole', code: 'NORDBY' }, pupils: [{ name: 'Ola Nordmann', grade: 1 }], decision: { outcome: 'granted' } });
    const ist = fs.readFileSync(path.resolve(__dirname, '../../resources/profiles/barnehageplass/mappings/ist-barnehage.jsonata'), 'utf8');
    const xml = await ok<PreviewDto>('mappings.preview', { profileId: 'barnehageplass', target: 'ist-barnehage', body: ist, source: { kind: 'sample' } });
    expect(xml).toMatchObject({ ok: true, problems: [], text: expect.stringMatching(/^<\?xml version="1.0" encoding="UTF-8"\?>/) });
    for (const [profileId, target] of [['sfo-plass', 'ist-sfo']] as const) {
      const body = fs.readFileSync(path.resolve(__dirname, `../../resources/profiles/${profileId}/mappings/${target}.jsonata`), 'utf8');
      expect(await ok<PreviewDto>('mappings.preview', { profileId, target, body, source: { kind: 'sample' } }), target).toMatchObject({ ok: true, problems: [] });
    }

    // a field changed so the target's schema says no: the error shows, with the payload, as you type
    const wrong = SHIPPED.replace('"grade": grade ? $number(grade)', '"grade": 99');
    expect(wrong).not.toBe(SHIPPED);
    const bad = await ok<PreviewDto>('mappings.preview', { ...SKOLE, body: wrong, source: { kind: 'sample' } });
    expect(bad).toEqual({ ok: false, text: expect.stringContaining('"grade": 99'), problems: [{ stage: 'schema', message: 'skal være <= 13', at: '/pupils/0/grade' }], masked: false });
    const draft = await ok<{ version: number; status: string; changedBy: string }>('mappings.saveDraft', { ...SKOLE, body: wrong, note: 'Trinn fast' });
    expect(draft).toMatchObject({ version: 2, status: 'draft', changedBy: 'Ida IT-drift' });
    const refused = await call('mappings.activate', { ...SKOLE, version: 2 });
    expect(refused).toEqual({ ok: false, error: { code: 'conflict', message: expect.stringContaining('skal være <= 13 (/pupils/0/grade)') } });

    // fixed: the error goes away, the same draft is saved again and activated
    const fixed = SHIPPED.replace('"grade": grade ? $number(grade)', '"grade": 4');
    expect(await ok<PreviewDto>('mappings.preview', { ...SKOLE, body: fixed, source: { kind: 'sample' } })).toMatchObject({ ok: true, problems: [] });
    expect(await ok('mappings.saveDraft', { ...SKOLE, body: fixed })).toMatchObject({ version: 2, status: 'draft' });
    expect(await ok('mappings.activate', { ...SKOLE, version: 2 })).toMatchObject({ version: 2, status: 'active', changedBy: 'Ida IT-drift' });
    expect((await ok<{ version: number; status: string }[]>('mappings.versions', SKOLE)).map((v) => [v.version, v.status])).toEqual([
      [2, 'active'],
      [1, 'retired'],
    ]);
    expect(await ok('mappings.list', {})).toEqual(expect.arrayContaining([expect.objectContaining({ target: 'visma-flyt-skole', activeVersion: 2, draftVersion: null })]));
    const diff = await ok<{ kind: string; text: string }[]>('mappings.diff', { ...SKOLE, from: 1, to: 2 });
    expect(diff.filter((l) => l.kind !== 'same')).toEqual([
      { kind: 'removed', text: '        "grade": grade ? $number(grade)' },
      { kind: 'added', text: '        "grade": 4' },
    ]);
    expect(diff.filter((l) => l.kind === 'same').length).toBe(SHIPPED.trimEnd().split('\n').length - 1);
    const audit = (await hub.audit.recent(20)).filter((e) => e.action.startsWith('design.mapping.'));
    expect(audit.map((e) => [e.action, e.actor, e.details.version])).toEqual(expect.arrayContaining([['design.mapping.activated', 'ida', 2], ['design.mapping.draft-saved', 'ida', 2]]));

    // a draft with a syntax error is kept, shows the error with its position, and cannot be activated
    expect(await ok('mappings.saveDraft', { ...SKOLE, body: '{ "externalId": handover.key ' })).toMatchObject({ version: 3, status: 'draft' });
    expect(await ok<PreviewDto>('mappings.preview', { ...SKOLE, body: '{ "externalId": handover.key ', source: { kind: 'sample' } })).toEqual({
      ok: false,
      text: null,
      problems: [{ stage: 'syntax', message: expect.stringContaining('S0203'), at: expect.stringMatching(/^posisjon \d+$/) }],
      masked: false,
    });
    expect(await call('mappings.activate', { ...SKOLE, version: 3 })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('syntaksfeil') } });
    // an older version comes back as a new one
    expect(await ok('mappings.activate', { ...SKOLE, version: 1 })).toMatchObject({ version: 4, status: 'active', note: 'Tilbake til versjon 1' });
    expect(await call('mappings.versions', { profileId: 'samtykke-bading', target: 'ist-sfo' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('refuses a caseworker every mappings channel', async () => {
    const { call } = await hubWith();
    for (const [channel, input] of [
      ['mappings.list', {}],
      ['mappings.versions', SKOLE],
      ['mappings.saveDraft', { ...SKOLE, body: '1' }],
      ['mappings.preview', { ...SKOLE, body: '1', source: { kind: 'sample' } }],
      ['mappings.activate', { ...SKOLE, version: 1 }],
      ['mappings.diff', { ...SKOLE, from: 1, to: 1 }],
    ] as const) {
      expect(await call(channel, input)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });

  it('masks a real case for an IT admin who may not see it, and shows it to one who may', async () => {
    const { hub, ok } = await hubWith();
    const publicId = await leaveApplication(hub);
    hub.users.switchTo('ida');
    const masked = await ok<PreviewDto>('mappings.preview', { ...SKOLE, body: SHIPPED, source: { kind: 'case', publicId } });
    expect(masked.masked).toBe(true);
    const payload = JSON.parse(masked.text!);
    expect(payload.pupils).toEqual([{ nationalIdentityNumber: '*****', name: '*****', grade: 4 }]);
    expect(payload.school).toEqual({ name: 'Nordby skole', code: 'NORDBY' });
    for (const value of [CHILD_FNR, PARENT_FNR, 'Ola Nordmann', 'Kari', 'Tromsø']) expect(masked.text).not.toContain(value);
    // the masked values break the schema's patterns; the messages name the rule, not the value
    expect(masked.problems).toEqual(expect.arrayContaining([{ stage: 'schema', message: 'følger ikke mønsteret ^[0-9]{11}$', at: '/pupils/0/nationalIdentityNumber' }]));
    const audit = (await hub.audit.recent(10)).find((e) => e.action === 'design.mapping.previewed');
    expect(audit).toMatchObject({ actor: 'ida', subject: `submission:${publicId}`, details: { masked: true, target: 'visma-flyt-skole' } });

    const other = await hubWith({ access: { users: { tester: { name: 'Tove Tekniker', roles: ['it-admin', 'saksbehandler'] } } } });
    const id2 = await leaveApplication(other.hub);
    const open = await other.ok<PreviewDto>('mappings.preview', { ...SKOLE, body: SHIPPED, source: { kind: 'case', publicId: id2 } });
    expect(open).toMatchObject({ masked: false });
    expect(JSON.parse(open.text!).pupils).toEqual([{ nationalIdentityNumber: CHILD_FNR, name: 'Ola Nordmann', grade: 4 }]);
    expect(await other.call('mappings.preview', { ...SKOLE, body: SHIPPED, source: { kind: 'case', publicId: '00000000-0000-4000-8000-000000000001' } })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});
