// #15 items 1, 4 and 5 through the real hub: an application archived by the archive simulator is handed to
// IST barnehage's simulator (XML file drop with receipts) with the shipped mapping, and shows on the case.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../electron/app/create-hub';
import { createEnvSecretStore } from '../../electron/app/secrets/env-secret-store';
import type { HandoverDto, ManualTaskDto } from '../../electron/ipc';
import { istBarnehageDemoTarget, startIstBarnehageSimulator, type IstBarnehageSimulator } from '../../integrations/internal/simulator/ist-barnehage.simulator';
import type { ArchiveSimulator } from '../../integrations/noark/simulator/archive-sim-state';
import { pdfBytes } from '../helpers/archive-fixture';
import { ARCHIVE_SECRETS, startArchiveSim } from '../helpers/archive-sims';
import { part, receivedApplication } from '../helpers/submission-fixture';
import { tempDir } from '../helpers/temp-dir';
import { testHub } from '../helpers/test-hub';

const FNR = { kari: '01017012345', barn: '01012012345', hans: '03039012345' };

let open: { hub: Hub; sims: { close(): Promise<void> }[] }[] = [];
afterEach(async () => {
  for (const o of open) {
    await o.hub.stop();
    for (const s of o.sims) await s.close();
  }
  open = [];
});

async function routedHub(extraTargets: Record<string, unknown> = {}) {
  const dir = tempDir('pm-routing-');
  const archive: { sim: ArchiveSimulator; config: Record<string, unknown> } = await startArchiveSim('noark5-rest', dir, { pollMs: 20 });
  const ist: IstBarnehageSimulator = await startIstBarnehageSimulator({ dir: path.join(dir, 'ist'), pollMs: 20 });
  Object.assign(process.env, ARCHIVE_SECRETS);
  const { hub } = await testHub(
    { secrets: createEnvSecretStore() },
    {
      jobs: { pollIntervalMs: 50, concurrency: 4, backoff: { baseMs: 20, maxMs: 200 } },
      integrations: { archive: archive.config, internal: { targets: { 'ist-barnehage': istBarnehageDemoTarget(ist), ...extraTargets } } },
    },
  );
  open.push({ hub, sims: [archive.sim, ist] });
  let n = 0;
  /** As ingest stores an application: the submission, its case, its archive entry. */
  const add = (profileId: string, fnr: string, name: string, form: { fields: Record<string, string>; lists?: Record<string, Record<string, string>[]> }) =>
    hub.store.uow.run(async () => {
      const s = receivedApplication({ profileId, fnr, name, title: `Søknad ${++n}`, form, parts: [part('receipt-pdf', 'ref-data-as-pdf', 'kvittering.pdf', 'application/pdf', pdfBytes(name, 2000))] });
      const { id, publicId } = await hub.submissions.insert(s, { source: 'altinn3', sourceId: `item-${n}`, serviceKey: s.serviceKey, fetchedAt: Date.now() });
      await hub.desk.onStored({ id, publicId, quarantined: false, profileId, receivedAt: s.receivedAt });
      await hub.archive.service.registerIncoming(id);
      return { id, publicId };
    });
  return { hub, ist, add };
}

const ok = <T>(r: { ok: boolean; value?: unknown; error?: unknown }): T => {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value as T;
};

describe('#15: routing in the hub', () => {
  it('hands an archived application to IST barnehage with the shipped mapping and shows the receipt’s reference on the case; a target not configured waits', async () => {
    const { hub, ist, add } = await routedHub();
    const kari = await add('barnehageplass', FNR.kari, 'Kari Nordmann', {
      fields: { applicantName: 'Kari Nordmann', applicantPersonNumber: FNR.kari, desiredStart: '2027-08-01', firstChoice: 'Solstrålen barnehage', hours: '100' },
      lists: { children: [{ name: 'Ola Nordmann', personNumber: FNR.barn }] },
    });
    // Gerica is not configured in this hub: the health application's hand-over waits for IT
    const helse = await add('helse-omsorg', FNR.hans, 'Hans Helse', { fields: { applicantName: 'Hans Helse', applicantPersonNumber: FNR.hans, serviceType: 'Hjemmesykepleie' } });

    const row = () => hub.routing.store.get(kari.id, 'ist-barnehage');
    await expect.poll(async () => (await row())?.status, { timeout: 30_000, interval: 50 }).toBe('delivered');
    const h = (await row())!;
    // the simulator imported one file named by the key, with the archive's case number and the child
    expect(ist.items()).toHaveLength(1);
    const item = ist.items()[0]!;
    expect(item).toMatchObject({ key: h.key, eksternId: h.key, reference: h.reference, foresatt: { fodselsnummer: FNR.kari, navn: 'Kari Nordmann' }, barn: [{ fodselsnummer: FNR.barn, navn: 'Ola Nordmann' }] });
    expect(item.saksnummer).toMatch(/^\d{4}\/\d+$/);

    const handovers = ok<HandoverDto[]>(await hub.invoke('handovers.forCase', { publicId: kari.publicId }));
    expect(handovers).toEqual([
      expect.objectContaining({ target: 'ist-barnehage', targetName: 'IST barnehage', status: 'delivered', mode: 'automatic', after: 'archived', reference: item.reference, lastError: null, can: { retry: false, complete: false } }),
    ]);
    const work = ok<{ timeline: { kind: string; text: string | null; actor: string }[] }>(await hub.invoke('cases.work', { publicId: kari.publicId }));
    expect(work.timeline.filter((e) => e.kind === 'routed')).toEqual([expect.objectContaining({ text: `IST barnehage: ${item.reference}`, actor: 'Postmottak' })]);

    await expect.poll(async () => (await hub.routing.store.get(helse.id, 'gerica'))?.status, { timeout: 20_000, interval: 50 }).toBe('waiting');
    // the status screen: each configured target, and the one a profile routes to that IT has not set up yet
    const status = ok<{ handovers: { target: string; name: string; transport: string | null; counts: Record<string, number> }[] }>(await hub.invoke('system.status', {}));
    expect(status.handovers).toEqual(
      expect.arrayContaining([
        { target: 'ist-barnehage', name: 'IST barnehage', transport: 'file', counts: expect.objectContaining({ delivered: 1, failed: 0 }) },
        { target: 'gerica', name: 'gerica', transport: null, counts: expect.objectContaining({ waiting: 1 }) },
      ]),
    );
  });

  it('lets only those who may see the case see its hand-overs and do the manual task, keeps the task from IT staff, and counts it on the timeline', async () => {
    // Gerica without an interface in this municipality: a person enters the application
    const { hub, add } = await routedHub({ gerica: { name: 'Gerica', transport: 'manual' } });
    const helse = await add('helse-omsorg', FNR.hans, 'Hans Helse', { fields: { applicantName: 'Hans Helse', applicantPersonNumber: FNR.hans, serviceType: 'Hjemmesykepleie' } });
    await expect.poll(async () => (await hub.routing.store.get(helse.id, 'gerica'))?.status, { timeout: 20_000, interval: 50 }).toBe('manual');
    const ref = { publicId: helse.publicId, target: 'gerica' };
    // Kari is not in the health group: the case does not exist for her
    expect(ok<{ user: { account: string } }>(await hub.invoke('session.get', {})).user.account).toBe('kari');
    expect(await hub.invoke('handovers.forCase', { publicId: helse.publicId })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await hub.invoke('handovers.task', ref)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    // IT staff may not call the task at all
    ok(await hub.invoke('session.switchUser', { account: 'ida' }));
    expect(await hub.invoke('handovers.task', ref)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await hub.invoke('handovers.forCase', { publicId: helse.publicId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    ok(await hub.invoke('session.switchUser', { account: 'hanne' }));
    expect(ok<HandoverDto[]>(await hub.invoke('handovers.forCase', { publicId: helse.publicId }))).toEqual([
      expect.objectContaining({ target: 'gerica', targetName: 'Gerica', status: 'manual', mode: 'manual', can: { retry: false, complete: true } }),
    ]);
    const task = ok<ManualTaskDto>(await hub.invoke('handovers.task', ref));
    expect(task).toMatchObject({ targetName: 'Gerica', assignTo: 'tildelingskontoret' });
    // the shipped mapping's output, in its order; a screened service's values are all sensitive
    expect(task.fields.length).toBeGreaterThan(2);
    expect(task.fields.find((f) => f.value === FNR.hans)).toMatchObject({ sensitive: true });
    const pdf = ok<{ pdfBase64: string; pages: number }>(await hub.invoke('handovers.summaryPdf', ref));
    expect(Buffer.from(pdf.pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');

    const done = ok<HandoverDto>(await hub.invoke('handovers.complete', { ...ref, reference: 'G-2027-15' }));
    expect(done).toMatchObject({ status: 'done', reference: 'G-2027-15', doneBy: 'Hanne Helse', can: { retry: false, complete: false } });
    const work = ok<{ timeline: { kind: string; text: string | null; actor: string }[] }>(await hub.invoke('cases.work', { publicId: helse.publicId }));
    expect(work.timeline.filter((e) => e.kind === 'routed')).toEqual([expect.objectContaining({ text: 'Gerica (manuelt): G-2027-15', actor: 'Hanne Helse' })]);
    expect(await hub.invoke('handovers.complete', ref)).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});
