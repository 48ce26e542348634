import { afterEach, describe, expect, it } from 'vitest';
import { N5WS_EKSTERNID_FIELD } from '../../integrations/noark/noark-codes';
import { createNoark5RestAdapter } from '../../integrations/noark/noark5-rest.adapter';
import { startNoark5RestSimulator, type Noark5RestSimulator } from '../../integrations/noark/simulator/noark5-rest.simulator';
import { incomingApplication, outgoingReply } from '../helpers/archive-fixture';
import { archived } from '../helpers/archive-test-env';

/**
 * #13 item 4: the Noark 5 adapter reads what the archive declares in its metadata package, at first
 * use, instead of assuming it: the dokumenttype codes (SØK, VED, MEL are not in the spec's list) and
 * the vendor field for its external key, which it registers when the catalog lacks it.
 */

const NOW = () => Date.UTC(2026, 10, 27, 9, 0, 0);
let sims: Noark5RestSimulator[] = [];
afterEach(async () => {
  await Promise.all(sims.map((s) => s.close()));
  sims = [];
});
const start = async (o: Parameters<typeof startNoark5RestSimulator>[0] = {}) => {
  const s = await startNoark5RestSimulator({ now: NOW, ...o });
  sims.push(s);
  return s;
};
const adapterFor = (s: Noark5RestSimulator) => createNoark5RestAdapter({ url: s.apiUrl, auth: { kind: 'none' }, timeoutMs: 5_000 });
/** The dokumenttype objects of the ny-dokumentbeskrivelse bodies the archive received. */
const sentTypes = async (s: Noark5RestSimulator, systemId: string): Promise<unknown[]> => {
  const res = await fetch(`${s.apiUrl}/sakarkiv/journalpost/${systemId}/dokumentbeskrivelse/`);
  const body = (await res.json()) as { results?: { dokumenttype?: unknown }[] };
  return (body.results ?? []).map((d) => d.dokumenttype);
};

describe('#13 item 4: Noark 5 metadata from the archive, not assumed', () => {
  it('an archive with only the spec’s dokumenttype list gets codes from it (B), never SØK/VED/MEL', async () => {
    const sim = await start();
    const adapter = adapterFor(sim);
    const app = incomingApplication();
    app.delivery.entry.documents = app.delivery.entry.documents.map((d) => ({ ...d, dokumenttype: d.role === 'hoveddokument' ? 'Søknad' : 'Vedlegg' }));
    const i = archived(await adapter.deliver(app.delivery));
    const reply = outgoingReply(app, { caseFile: i.caseFile, entryArchiveSystemId: i.entry.archiveSystemId, journalpostnummer: i.entry.journalpostnummer });
    const u = archived(await adapter.deliver(reply.delivery));
    // the list the archive declares at .../metadata/dokumenttype/ (n5ws/spec-text/07-tjenester_og_informasjonsmodell.rst:5084-5125:
    // B Brev, R Rundskriv, F Faktura, O Ordrebekreftelse, all «Valgfri»): every code sent is one of them
    const declared = ((await (await fetch(`${sim.apiUrl}/metadata/dokumenttype/`)).json()) as { results: { kode: string }[] }).results.map((c) => c.kode);
    expect(declared.sort()).toEqual(['B', 'F', 'O', 'R']);
    const codes = [...(await sentTypes(sim, i.entry.archiveSystemId)), ...(await sentTypes(sim, u.entry.archiveSystemId))].map((t) => (t as { kode: string }).kode);
    expect(codes).toEqual(['B', 'B', 'B']);
    for (const c of codes) expect(declared).toContain(c);
    expect(sim.state.rejections()).toEqual([]);
  });

  it('an archive that declares its own codes gets them, matched by name; the list is read once', async () => {
    const sim = await start({ dokumenttyper: { SKJ: 'Søknad', VL: 'Vedlegg', MLD: 'Melding' } });
    const adapter = adapterFor(sim);
    for (const type of ['Søknad', 'MELDING']) {
      const app = incomingApplication();
      app.delivery.entry.documents = app.delivery.entry.documents.map((d) => ({ ...d, dokumenttype: d.role === 'hoveddokument' ? type : 'Vedlegg' }));
      const r = archived(await adapter.deliver(app.delivery));
      expect(await sentTypes(sim, r.entry.archiveSystemId)).toEqual([
        { kode: type === 'Søknad' ? 'SKJ' : 'MLD', kodenavn: type === 'Søknad' ? 'Søknad' : 'Melding' },
        { kode: 'VL', kodenavn: 'Vedlegg' },
      ]);
    }
    expect(sim.requestsByOperation()['metadata.list']).toBe(2); // the catalog and the dokumenttype list, once each
  });

  it('registers its vendor field at ny-virksomhetsspesifikkeMetadata when the catalog lacks it, and only then', async () => {
    // 06-konsepter_og_prinsipper.rst:1715-1718 the keys are «feltnavn registrert i metadatakatalogen»;
    // :1788-1802 the catalog at rel …/metadata/virksomhetsspesifikkeMetadata/; 07-tjenester_og_informasjonsmodell.rst:4800 ny-virksomhetsspesifikkeMetadata
    const bare = await start();
    const catalog = async (s: Noark5RestSimulator) => ((await (await fetch(`${s.apiUrl}/metadata/virksomhetsspesifikkeMetadata/`)).json()) as { results?: { navn: string; type: string }[] }).results ?? [];
    expect(await catalog(bare)).toEqual([]);
    archived(await adapterFor(bare).deliver(incomingApplication().delivery));
    // 07-tjenester_og_informasjonsmodell.rst:6293-6304 navn «vnd-<enhet / leverandør>-<versjon>:<feltnavn>», type from the type table
    expect(await catalog(bare)).toEqual([expect.objectContaining({ navn: N5WS_EKSTERNID_FIELD, type: 'string' })]);
    expect(bare.requestsByOperation()['metadata.create']).toBe(1);

    const known = await start({ virksomhetsspesifikkeMetadata: [{ navn: N5WS_EKSTERNID_FIELD, type: 'string' }] });
    archived(await adapterFor(known).deliver(incomingApplication().delivery));
    expect(known.requestsByOperation()['metadata.create']).toBeUndefined();
  });

  it('two hub nodes registering the vendor field at once both deliver: the one refused finds the field there (#19)', async () => {
    const bare = await start();
    const [a, b] = [adapterFor(bare), adapterFor(bare)];
    const both = await Promise.all([a.deliver(incomingApplication().delivery), b.deliver(incomingApplication().delivery)]);
    for (const r of both) archived(r);
    expect(bare.requestsByOperation()['metadata.create']).toBe(2);
    expect(bare.state.rejections().map((r) => r.message)).toEqual([expect.stringContaining('finnes allerede i metadatakatalogen')]);
  });

  it('the archive refuses an unregistered vendor field (the simulator enforces the catalog)', async () => {
    const sim = await start();
    const res = await fetch(`${sim.apiUrl}/sakarkiv/saksmappe/?$filter=${encodeURIComponent(`${N5WS_EKSTERNID_FIELD} eq 'x'`)}`);
    expect(res.status).toBe(400);
  });
});
