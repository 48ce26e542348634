import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNoark5RestAdapter } from '../../integrations/noark/noark5-rest.adapter';
import { startNoark5RestSimulator, type Noark5RestSimulator } from '../../integrations/noark/simulator/noark5-rest.simulator';
import { archived, failure } from '../helpers/archive-test-env';
import { HEALTH_SCREENING, incomingApplication, outgoingReply, sha256Hex } from '../helpers/archive-fixture';

let sim: Noark5RestSimulator;

beforeEach(async () => {
  sim = await startNoark5RestSimulator({ now: () => Date.UTC(2026, 10, 27, 9, 0, 0) });
});
afterEach(async () => {
  await sim.close();
});

const adapterFor = (s: Noark5RestSimulator, timeoutMs = 5_000) => createNoark5RestAdapter({ url: s.apiUrl, auth: { kind: 'none' }, timeoutMs });

describe('Noark 5 REST adapter against the N5WS simulator', () => {
  it('files an incoming application: case file, I journalpost with avsender, classification and both documents intact', async () => {
    const adapter = adapterFor(sim);
    const app = incomingApplication({ pdfSize: 50_000 });
    const r = archived(await adapter.deliver(app.delivery));

    const c = sim.state.caseFileByKey(app.delivery.caseFile.externalKey);
    expect(c).toBeDefined();
    expect(r.caseFile).toEqual({ archiveSystemId: c?.systemId, saksaar: 2026, sakssekvensnummer: c?.sakssekvensnummer });
    expect(c?.title).toBe(app.delivery.caseFile.title);
    expect(c?.arkivdel).toBe('Saksarkiv');
    expect(c?.classification).toEqual([{ ordningsprinsipp: 'KK', ordningsverdi: 'A10' }]);
    expect(c?.administrativEnhet).toBe('OPPV');
    expect(c?.fagsystem).toBe('Postmottak');

    const e = sim.state.entryByKey(app.delivery.entry.externalKey);
    expect(e?.caseFileSystemId).toBe(c?.systemId);
    expect(e?.journalposttype).toBe('I');
    expect(r.entry).toMatchObject({ archiveSystemId: e?.systemId, journalaar: 2026, journalsekvensnummer: e?.journalsekvensnummer, journalpostnummer: 1 });
    expect(e?.correspondents).toEqual([{ type: 'EA', name: 'Kari Nordmann', personNumber: '01017012345', organisationNumber: null, screened: false }]);

    expect(e?.documents.map((d) => [d.dokumentnummer, d.tilknyttetRegistreringSom, d.title])).toEqual([
      [1, 'H', 'Søknad'],
      [2, 'V', 'Vedlegg 1'],
    ]);
    for (const [i, d] of (e?.documents ?? []).entries()) {
      const sent = app.docs[i];
      expect(d.sha256).toBe(sha256Hex(sent?.bytes ?? new Uint8Array()));
      const stored = sim.state.files.get(d.systemId);
      expect(stored && sha256Hex(stored)).toBe(d.sha256);
      expect(d.size).toBe(sent?.bytes.byteLength);
    }
    expect(r.entry.documents).toEqual(e?.documents.map((d) => ({ number: d.dokumentnummer, archiveSystemId: d.systemId })));
    expect(sim.state.rejections()).toEqual([]);
  });

  it('files the reply as U in the same case with mottaker, and records the avskrivning of the I', async () => {
    const adapter = adapterFor(sim);
    const app = incomingApplication();
    const first = archived(await adapter.deliver(app.delivery));
    const reply = outgoingReply(app, { caseFile: first.caseFile, entryArchiveSystemId: first.entry.archiveSystemId, journalpostnummer: first.entry.journalpostnummer });
    const r = archived(await adapter.deliver(reply.delivery));

    expect(r.caseFile).toEqual(first.caseFile);
    expect(r.entry.journalpostnummer).toBe(2);
    const entries = sim.state.entriesOf(first.caseFile.archiveSystemId);
    expect(entries.map((e) => e.journalposttype)).toEqual(['I', 'U']);
    const u = entries[1];
    expect(u?.systemId).toBe(r.entry.archiveSystemId);
    expect(u?.correspondents).toEqual([expect.objectContaining({ type: 'EM', name: 'Kari Nordmann' })]);
    expect(u?.documents).toHaveLength(1);
    expect(sim.state.avskrivninger()).toEqual([{ entrySystemId: first.entry.archiveSystemId, byEntrySystemId: u?.systemId, maate: 'BU' }]);

    // the reply again: nothing new, and the I is not closed twice
    const again = archived(await adapter.deliver(reply.delivery));
    expect(again.entry.archiveSystemId).toBe(r.entry.archiveSystemId);
    expect(sim.state.entriesOf(first.caseFile.archiveSystemId)).toHaveLength(2);
    expect(sim.state.avskrivninger()).toHaveLength(1);
  });

  it('finds the I to close by its external key when the archive id is not known', async () => {
    const adapter = adapterFor(sim);
    const app = incomingApplication();
    const first = archived(await adapter.deliver(app.delivery));
    const reply = outgoingReply(app, { caseFile: null, entryArchiveSystemId: null, journalpostnummer: null });
    const r = archived(await adapter.deliver(reply.delivery));
    expect(r.caseFile.archiveSystemId).toBe(first.caseFile.archiveSystemId);
    expect(sim.state.avskrivninger()).toEqual([{ entrySystemId: first.entry.archiveSystemId, byEntrySystemId: r.entry.archiveSystemId, maate: 'BU' }]);
  });

  it('maps dokumenttype as profiles write it (SØKNAD, VEDLEGG) to the codes the archive declares (#13 item 4)', async () => {
    // an archive that added Søknad and Vedlegg to its list (see noark5-metadata.test.ts for one that did not)
    const own = await startNoark5RestSimulator({ now: () => Date.UTC(2026, 10, 27, 9, 0, 0), dokumenttyper: { SOK: 'Søknad', VEDL: 'Vedlegg' } });
    try {
      const adapter = adapterFor(own);
      const app = incomingApplication();
      app.delivery.entry.documents = app.delivery.entry.documents.map((d) => ({ ...d, dokumenttype: d.role === 'hoveddokument' ? 'SØKNAD' : 'VEDLEGG' }));
      const r = archived(await adapter.deliver(app.delivery));
      expect(own.state.entry(r.entry.archiveSystemId)?.documents.map((d) => d.dokumenttype)).toEqual(['SOK', 'VEDL']);
    } finally {
      await own.close();
    }
  });

  it('screens a health application: restriction and hjemmel on case and entry, public title, screened avsender, PNR class', async () => {
    const adapter = adapterFor(sim);
    const app = incomingApplication({ screening: HEALTH_SCREENING, applicant: 'Ola Nordmann', personNumber: '02029912345' });
    const r = archived(await adapter.deliver(app.delivery));

    const c = sim.state.caseFile(r.caseFile.archiveSystemId);
    expect(c).toMatchObject({ tilgangsrestriksjon: '13', skjermingshjemmel: HEALTH_SCREENING.skjermingshjemmel, titlePublic: 'Søknad om helse- og omsorgstjenester - ******' });
    expect(c?.classification).toEqual([{ ordningsprinsipp: 'PNR', ordningsverdi: '02029912345' }]);
    const e = sim.state.entry(r.entry.archiveSystemId);
    expect(e).toMatchObject({ tilgangsrestriksjon: '13', skjermingshjemmel: HEALTH_SCREENING.skjermingshjemmel, titlePublic: 'Søknad om helse- og omsorgstjenester - ******' });
    expect(e?.correspondents).toEqual([expect.objectContaining({ type: 'EA', personNumber: '02029912345', screened: true })]);
    const skjerming = (e?.raw as { skjerming: { skjermingMetadata: { kode: string }[] } }).skjerming;
    expect(skjerming.skjermingMetadata.map((m) => m.kode)).toEqual(['TRO', 'NA']);
    const caseSkjerming = (c?.raw as { skjerming: { skjermingMetadata: { kode: string }[] } }).skjerming;
    expect(caseSkjerming.skjermingMetadata.map((m) => m.kode)).toEqual(['TMO', 'NPS', 'KID']);

    // a second application from the same person lands in the same PNR class, without a second class
    const before = sim.requestsByOperation()['klasse.create'] ?? 0;
    await adapter.deliver(incomingApplication({ screening: HEALTH_SCREENING, personNumber: '02029912345' }).delivery);
    expect(sim.requestsByOperation()['klasse.create'] ?? 0).toBe(before);
  });

  it('two applications of a class the archive does not have yet, delivered at once by two nodes: one class, both archived (#15 crash test)', async () => {
    const slow = await startNoark5RestSimulator({ now: () => Date.UTC(2026, 10, 27, 9, 0, 0), faults: { '*': { latencyMs: 20 } } });
    try {
      const apps = [incomingApplication(), incomingApplication({ applicant: 'Ola Nordmann', personNumber: '02029912345' })];
      for (const a of apps) a.delivery.caseFile.classification = { ordningsprinsipp: 'KK', ordningsverdi: '461' };
      // two adapters: two hub nodes, each with its own class cache, both finding no class 461 before either makes it
      const nodes = [adapterFor(slow), adapterFor(slow)];
      // warmed up (service metadata known), so the two runs go step for step into the class lookup
      for (const n of nodes) await n.deliver(incomingApplication().delivery);
      const results = await Promise.all(apps.map((a, i) => nodes[i]!.deliver(a.delivery)));
      expect(results.map((r) => r.state)).toEqual(['archived', 'archived']);
      expect(slow.state.caseFiles().filter((c) => c.classification[0]?.ordningsverdi === '461')).toHaveLength(2);
      // the second node's «ny klasse» was refused (the race happened) and it found the first node's class instead
      expect(slow.state.rejections().filter((r) => r.operation === 'klasse.create')).toEqual([expect.objectContaining({ message: expect.stringMatching(/finnes allerede/) })]);
      expect(slow.requestsByOperation()['klasse.create']).toBe(2);
    } finally {
      await slow.close();
    }
  });

  describe('idempotency', () => {
    it('the same delivery twice makes one case file and one journalpost', async () => {
      const adapter = adapterFor(sim);
      const app = incomingApplication();
      const a = archived(await adapter.deliver(app.delivery));
      const b = archived(await adapter.deliver(app.delivery));
      expect(b).toEqual(a);
      expect(sim.state.caseFiles()).toHaveLength(1);
      expect(sim.state.entries()).toHaveLength(1);
      expect(sim.state.entries()[0]?.documents).toHaveLength(2);
      expect(sim.state.entries()[0]?.correspondents).toHaveLength(1);
    });

    it('an answer lost after the journalpost was made: the retry finds and completes it', async () => {
      const adapter = adapterFor(sim);
      const app = incomingApplication();
      sim.faults.set({ 'journalpost.create': { dropAfterRate: 1 } });
      const e = await failure(adapter.deliver(app.delivery));
      expect(e.kind).toBe('transient');
      expect(sim.state.entries()).toHaveLength(1);
      expect(sim.state.entries()[0]?.documents).toHaveLength(0);

      sim.faults.set({});
      const r = archived(await adapter.deliver(app.delivery));
      expect(sim.state.caseFiles()).toHaveLength(1);
      expect(sim.state.entries()).toHaveLength(1);
      const entry = sim.state.entries()[0];
      expect(r.entry.archiveSystemId).toBe(entry?.systemId);
      expect(entry?.correspondents).toHaveLength(1);
      expect(entry?.documents.map((d) => d.sha256)).toEqual(app.docs.map((d) => sha256Hex(d.bytes)));
    });

    it('an answer lost after the case file was made: the retry uses that case file', async () => {
      const adapter = adapterFor(sim);
      const app = incomingApplication();
      sim.faults.set({ 'saksmappe.create': { dropAfterRate: 1 } });
      expect((await failure(adapter.deliver(app.delivery))).kind).toBe('transient');
      expect(sim.state.caseFiles()).toHaveLength(1);
      sim.faults.set({});
      const r = archived(await adapter.deliver(app.delivery));
      expect(sim.state.caseFiles()).toHaveLength(1);
      expect(r.caseFile.archiveSystemId).toBe(sim.state.caseFiles()[0]?.systemId);
      expect(sim.state.entries()).toHaveLength(1);
    });

    it('completes a half-done earlier call: journalpost made, second document missing, a lost upload answer', async () => {
      const adapter = adapterFor(sim);
      const app = incomingApplication();
      // the first file is stored but its answer is lost
      sim.faults.set({ 'fil.upload': { dropAfterRate: 1 } });
      expect((await failure(adapter.deliver(app.delivery))).kind).toBe('transient');
      const half = sim.state.entries()[0];
      expect(half?.documents).toHaveLength(1);
      expect(half?.documents[0]?.sha256).toBe(app.docs[0]?.doc.sha256);

      sim.faults.set({});
      const r = archived(await adapter.deliver(app.delivery));
      const entry = sim.state.entries()[0];
      expect(sim.state.entries()).toHaveLength(1);
      expect(entry?.correspondents).toHaveLength(1);
      expect(entry?.documents.map((d) => [d.dokumentnummer, d.sha256])).toEqual(app.docs.map((d) => [d.doc.number, d.doc.sha256]));
      expect(r.entry.documents.map((d) => d.archiveSystemId)).toEqual(entry?.documents.map((d) => d.systemId));
      expect(sim.state.rejections()).toEqual([]);
    });

    it('completes a journalpost whose documents were never made (archive down mid-delivery)', async () => {
      const adapter = adapterFor(sim);
      const app = incomingApplication();
      sim.faults.set({ 'dokumentbeskrivelse.create': { errorRate: 1 } });
      expect((await failure(adapter.deliver(app.delivery))).kind).toBe('transient');
      expect(sim.state.entries()[0]?.documents).toHaveLength(0);
      expect(sim.state.entries()[0]?.correspondents).toHaveLength(1);
      sim.faults.set({});
      await adapter.deliver(app.delivery);
      expect(sim.state.entries()).toHaveLength(1);
      expect(sim.state.entries()[0]?.documents).toHaveLength(2);
      expect(sim.state.entries()[0]?.correspondents).toHaveLength(1);
    });
  });

  describe('errors', () => {
    it('a schema-invalid record is a validation error carrying the archive’s own message; the next delivery works', async () => {
      const adapter = adapterFor(sim);
      const bad = incomingApplication({ title: '  ' });
      const e = await failure(adapter.deliver(bad.delivery));
      expect(e.kind).toBe('validation');
      const rejected = sim.state.rejections();
      expect(rejected).toHaveLength(1);
      expect(rejected[0]?.operation).toBe('saksmappe.create');
      expect(e.message).toBe(rejected[0]?.message);
      expect(e.message).toContain('tittel er påkrevd');
      expect(sim.state.caseFiles()).toHaveLength(0);

      const good = archived(await adapter.deliver(incomingApplication().delivery));
      expect(sim.state.caseFile(good.caseFile.archiveSystemId)).toBeDefined();
    });

    it('an unknown code is refused by the code list and never echoes a fødselsnummer', async () => {
      const adapter = adapterFor(sim);
      const app = incomingApplication({ screening: { ...HEALTH_SCREENING, tilgangsrestriksjon: '99' } });
      const e = await failure(adapter.deliver(app.delivery));
      expect(e.kind).toBe('validation');
      expect(e.message).toContain('tilgangsrestriksjon');
      expect(e.message).toContain('kodelisten');
      expect(e.message).not.toMatch(/\d{11}/);
    });

    it('a journalposttype outside the code list is refused', async () => {
      const adapter = adapterFor(sim);
      const app = incomingApplication();
      (app.delivery.entry as { journalposttype: string }).journalposttype = 'I';
      const res = await fetch(`${sim.apiUrl}/sakarkiv/saksmappe/${(archived(await adapter.deliver(app.delivery))).caseFile.archiveSystemId}/ny-journalpost`, {
        method: 'POST',
        headers: { 'content-type': 'application/vnd.noark5+json' },
        body: JSON.stringify({ tittel: 'x', journalposttype: { kode: 'Q' } }),
      });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { feil: { kode: number; beskrivelse: string } };
      expect(body.feil.kode).toBe(400);
      expect(body.feil.beskrivelse).toMatch(/journalposttype.*'Q'.*kodelisten journalposttype/);
    });

    it('latency beyond timeoutMs is transient, and so is a 5xx', async () => {
      const adapter = adapterFor(sim, 200);
      await adapter.deliver(incomingApplication().delivery); // discovery cached
      sim.faults.set({ 'saksmappe.list': { latencyMs: 600 } });
      const slow = await failure(adapter.deliver(incomingApplication().delivery));
      expect(slow.kind).toBe('transient');

      sim.faults.set({ 'journalpost.create': { errorRate: 1 } });
      const down = await failure(adapter.deliver(incomingApplication().delivery));
      expect(down.kind).toBe('transient');
      expect(down.message).toContain('503');
    });

    it('wrong credentials are an auth error', async () => {
      const locked = await startNoark5RestSimulator({ auth: { kind: 'basic', username: 'postmottak', password: 'riktig' } });
      try {
        const wrong = createNoark5RestAdapter({ url: locked.apiUrl, auth: { kind: 'basic', username: 'postmottak', password: 'feil' }, timeoutMs: 2_000 });
        expect((await failure(wrong.deliver(incomingApplication().delivery))).kind).toBe('auth');
        const right = createNoark5RestAdapter({ url: locked.apiUrl, auth: { kind: 'basic', username: 'postmottak', password: 'riktig' }, timeoutMs: 2_000 });
        expect((await right.deliver(incomingApplication().delivery)).state).toBe('archived');
      } finally {
        await locked.close();
      }
    });
  });

  it('keeps round trips low: 10 requests per warm application with a 50 KB PDF', async () => {
    const adapter = adapterFor(sim);
    await adapter.deliver(incomingApplication().delivery); // discovery, arkivdel and class cached
    const n = 100;
    const apps = Array.from({ length: n }, () => incomingApplication({ pdfSize: 50_000 }));
    const before = sim.requests();
    const t0 = performance.now();
    for (const app of apps) await adapter.deliver(app.delivery);
    const ms = performance.now() - t0;
    const perApp = (sim.requests() - before) / n;
    console.log(`noark5-rest: ${(ms / n).toFixed(2)} ms and ${perApp} requests per application (sequential, ${n} applications)`);
    expect(perApp).toBe(10);
    expect(sim.state.caseFiles()).toHaveLength(n + 1);
  });
});
