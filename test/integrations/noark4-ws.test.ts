import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ArchivePort } from '../../electron/core/ports/archive.port';
import { createNoark4WsAdapter } from '../../integrations/noark/noark4-ws.adapter';
import { startNoark4WsSimulator, type Noark4WsSimulator } from '../../integrations/noark/simulator/noark4-ws.simulator';
import { archived, casesWithKey, entriesWithKey, expectHealthScreened, failure, type Archived } from '../helpers/archive-test-env';
import { HEALTH_SCREENING, incomingApplication, outgoingReply, sha256Hex, type ApplicationFixture } from '../helpers/archive-fixture';
import { xsdCheck } from '../helpers/xsd-check';

const WSDL = path.resolve(__dirname, '../../resources/wsdl/noark4/noark4ws.wsdl');
const TYPES_XSD = path.resolve(__dirname, '../../resources/wsdl/noark4/noark4ws-types.xsd');
const USER = 'postmottak';
const PASSWORD = 'hemmelig-passord';
const NOW = Date.UTC(2026, 10, 27, 10, 0, 0);

let sim: Noark4WsSimulator;
let port: ArchivePort;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'n4ws-'));

const adapter = (over: Partial<{ timeoutMs: number; password: string }> = {}): ArchivePort =>
  createNoark4WsAdapter({ url: sim.url, username: USER, password: over.password ?? PASSWORD, timeoutMs: over.timeoutMs ?? 10_000 }, { wsdlPath: WSDL });


/** libxml2 outside the simulator's validator: xmllint-wasm's validateXML, and the system xmllint as a second opinion when present. */
function xmllint(xml: string, name: string): Promise<void> {
  const file = path.join(tmp, `${name}.xml`);
  fs.writeFileSync(file, xml);
  return xsdCheck(TYPES_XSD, file);
}

beforeAll(async () => {
  sim = await startNoark4WsSimulator({ wsdlPath: WSDL, username: USER, password: PASSWORD, now: () => NOW });
  port = adapter();
});

afterEach(() => sim.faults.set({}));

afterAll(async () => {
  await port.close?.();
  await sim.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('Noark 4 WS adapter against the simulator', () => {
  let app: ApplicationFixture;
  let first: Archived;

  it('(1) an incoming application becomes a sak and a journalpost I with avsender, klassering and intact files', async () => {
    app = incomingApplication({ attachments: 2 });
    first = archived(await port.deliver(app.delivery));

    const [sak] = casesWithKey(sim, app.delivery.caseFile.externalKey);
    expect(sak).toBeDefined();
    expect(sak!.fagsystem).toBe('Postmottak');
    expect(first.caseFile).toEqual({ archiveSystemId: sak!.systemId, saksaar: sak!.saksaar, sakssekvensnummer: sak!.sakssekvensnummer });
    expect(first.caseFile.saksaar).toBe(2026);
    expect(sak!.classification).toEqual([{ ordningsprinsipp: 'KK', ordningsverdi: 'A10' }]);
    expect(sak!.title).toBe(app.delivery.caseFile.title);
    expect(sak!.arkivdel).toBe('Saksarkiv');
    expect(sak!.administrativEnhet).toBe('OPPV');
    expect(sak!.tilgangsrestriksjon).toBeNull();

    const [jp] = entriesWithKey(sim, app.delivery.entry.externalKey);
    expect(jp).toBeDefined();
    expect(jp!.caseFileSystemId).toBe(sak!.systemId);
    expect(jp!.journalposttype).toBe('I');
    expect(first.entry).toMatchObject({ archiveSystemId: jp!.systemId, journalaar: jp!.journalaar, journalsekvensnummer: jp!.journalsekvensnummer, journalpostnummer: 1 });
    expect(jp!.correspondents).toEqual([{ type: 'EA', name: 'Kari Nordmann', personNumber: null, organisationNumber: null, screened: false }]);

    expect(jp!.documents.map((d) => [d.dokumentnummer, d.tilknyttetRegistreringSom, d.title])).toEqual([
      [1, 'H', 'Søknad'],
      [2, 'V', 'Vedlegg 1'],
      [3, 'V', 'Vedlegg 2'],
    ]);
    for (const d of jp!.documents) {
      const sent = app.docs.find((x) => x.doc.number === d.dokumentnummer)!;
      expect(d.sha256).toBe(sent.doc.sha256);
      expect(sha256Hex(sim.state.files.get(d.systemId)!)).toBe(sha256Hex(sent.bytes));
    }
    expect(first.entry.documents).toEqual([1, 2, 3].map((n) => ({ number: n, archiveSystemId: `${jp!.systemId}/${n}` })));

    // the payload carries the key in the schema's own field
    const put = sim.lastRequestXml('PutNoarksak')!;
    expect(put).toContain(`<saEksternNokkel><eksternSystem>Postmottak</eksternSystem><nokkel>${app.delivery.caseFile.externalKey}</nokkel></saEksternNokkel>`);
    expect(put).toContain('<klassering><klSort>1</klSort><klOrdnpri>KK</klOrdnpri><klOrdnver>A10</klOrdnver><klU1>0</klU1></klassering>');
    expect(put).toContain('<amIhtype>0</amIhtype><amBehansv>1</amBehansv><amNavn>Kari Nordmann</amNavn>');
  });

  it('(2) the reply is a journalpost U in the same sak with mottaker, and the I is avskrevet (BU) on its AVSMOT row', async () => {
    const reply = outgoingReply(app, { caseFile: first.caseFile, entryArchiveSystemId: first.entry.archiveSystemId, journalpostnummer: first.entry.journalpostnummer });
    const r = archived(await port.deliver(reply.delivery));
    expect(r.caseFile).toEqual(first.caseFile);
    expect(r.entry.journalpostnummer).toBe(2);
    expect(r.entry.journalsekvensnummer).toBe(first.entry.journalsekvensnummer + 1);

    const [u] = entriesWithKey(sim, reply.delivery.entry.externalKey);
    expect(u!.journalposttype).toBe('U');
    expect(u!.caseFileSystemId).toBe(first.caseFile.archiveSystemId);
    expect(u!.correspondents.map((c) => [c.type, c.name])).toEqual([['EM', 'Kari Nordmann']]);
    expect(sha256Hex(sim.state.files.get(u!.documents[0]!.systemId)!)).toBe(sha256Hex(reply.docs[0]!.bytes));

    expect(sim.state.avskrivninger()).toEqual([{ entrySystemId: first.entry.archiveSystemId, byEntrySystemId: u!.systemId, maate: 'BU' }]);
    const avskriv = sim.lastRequestXml('PutJournpost')!;
    expect(avskriv).toContain(`<jpId>${first.entry.archiveSystemId}</jpId>`);
    expect(avskriv).toMatch(/<amAvskm>BU<\/amAvskm><amAvskdato>2026-11-28<\/amAvskdato>/);
    expect(avskriv).toContain(`<amAvsavdok>${u!.systemId}</amAvsavdok>`);
    expect(avskriv).toContain(`<amAvsavEksternNokkel><eksternSystem>Postmottak</eksternSystem><nokkel>${reply.delivery.entry.externalKey}</nokkel></amAvsavEksternNokkel>`);

    // a second delivery of the reply changes nothing
    const again = archived(await port.deliver(reply.delivery));
    expect(again.entry).toEqual(r.entry);
    expect(entriesWithKey(sim, reply.delivery.entry.externalKey)).toHaveLength(1);
    expect(sim.state.avskrivninger()).toHaveLength(1);
  });

  it('(3) a screened health application: tilgangskode + hjemmel on sak and journalpost, offentlig tittel, skjermet avsender, PNR klassering', async () => {
    const health = incomingApplication({ screening: HEALTH_SCREENING, title: 'Søknad om helse- og omsorgstjenester - Ola Syk', applicant: 'Ola Syk', personNumber: '24038812345' });
    const r = archived(await port.deliver(health.delivery));
    const { entry: jp } = expectHealthScreened(sim, r, '24038812345');
    expect(jp.correspondents[0]!.screened).toBe(true);
    const put = sim.lastRequestXml('PutNoarksak')!;
    expect(put).toMatch(/<saU1>1<\/saU1>.*<saTgkode>13<\/saTgkode><saUoff>Offl\. § 13 jf\. fvl\. § 13 første ledd nr\. 1<\/saUoff>/s);
    expect(put).toContain('<klOrdnpri>PNR</klOrdnpri><klOrdnver>24038812345</klOrdnver><klU1>1</klU1>');
    expect(put).toMatch(/<jpU1>1<\/jpU1><jpTgkode>13<\/jpTgkode>/);
    expect(put).toContain('<amU1>1</amU1>');
  });

  it('(4a) the same delivery twice makes one sak and one journalpost', async () => {
    const a = incomingApplication();
    const r1 = archived(await port.deliver(a.delivery));
    const r2 = archived(await port.deliver(a.delivery));
    expect(r2).toEqual(r1);
    expect(casesWithKey(sim, a.delivery.caseFile.externalKey)).toHaveLength(1);
    expect(entriesWithKey(sim, a.delivery.entry.externalKey)).toHaveLength(1);
  });

  it('(4b) an answer lost after the archive stored the case: the retry finds it', async () => {
    const a = incomingApplication();
    sim.faults.set({ PutNoarksak: { dropAfterRate: 1 } });
    const e = await failure(port.deliver(a.delivery));
    expect(e.kind).toBe('transient');
    expect(casesWithKey(sim, a.delivery.caseFile.externalKey)).toHaveLength(1); // it did happen
    sim.faults.set({});
    const r = archived(await port.deliver(a.delivery));
    expect(casesWithKey(sim, a.delivery.caseFile.externalKey)).toHaveLength(1);
    expect(entriesWithKey(sim, a.delivery.entry.externalKey)).toHaveLength(1);
    expect(r.entry.archiveSystemId).toBe(entriesWithKey(sim, a.delivery.entry.externalKey)[0]!.systemId);
  });

  it('(4c) an answer lost after PutJournpost stored the reply: the retry finds it and completes the avskrivning', async () => {
    const a = incomingApplication();
    const i = archived(await port.deliver(a.delivery));
    const reply = outgoingReply(a, { caseFile: i.caseFile, entryArchiveSystemId: i.entry.archiveSystemId, journalpostnummer: i.entry.journalpostnummer });
    sim.faults.set({ PutJournpost: { dropAfterRate: 1 } });
    expect((await failure(port.deliver(reply.delivery))).kind).toBe('transient');
    expect(entriesWithKey(sim, reply.delivery.entry.externalKey)).toHaveLength(1);
    expect(sim.state.avskrivninger().filter((x) => x.entrySystemId === i.entry.archiveSystemId)).toHaveLength(0); // half done
    sim.faults.set({});
    const r = archived(await port.deliver(reply.delivery));
    expect(entriesWithKey(sim, reply.delivery.entry.externalKey)).toHaveLength(1);
    expect(sim.state.avskrivninger().filter((x) => x.entrySystemId === i.entry.archiveSystemId)).toEqual([
      { entrySystemId: i.entry.archiveSystemId, byEntrySystemId: r.entry.archiveSystemId, maate: 'BU' },
    ]);
  });

  it('(4d) half-done earlier work is completed: a sak without its journalpost, a journalpost missing a document', async () => {
    const a = incomingApplication({ attachments: 1 });
    // an earlier call made the sak only
    const sak = sim.state.addCaseFile({
      externalKey: a.delivery.caseFile.externalKey,
      fagsystem: 'Postmottak',
      title: a.delivery.caseFile.title,
      titlePublic: null,
      arkivdel: 'Saksarkiv',
      classification: [{ ordningsprinsipp: 'KK', ordningsverdi: 'A10' }],
      administrativEnhet: 'OPPV',
      saksansvarlig: null,
      tilgangsrestriksjon: null,
      skjermingshjemmel: null,
    });
    const r = archived(await port.deliver(a.delivery));
    expect(r.caseFile.archiveSystemId).toBe(sak.systemId);
    expect(casesWithKey(sim, a.delivery.caseFile.externalKey)).toHaveLength(1);
    const [jp] = entriesWithKey(sim, a.delivery.entry.externalKey);
    expect(jp!.caseFileSystemId).toBe(sak.systemId);
    expect(jp!.documents).toHaveLength(2);

    // an earlier call made the journalpost with its avsender and the main document only
    const b = incomingApplication({ attachments: 2 });
    const sakB = sim.state.addCaseFile({ ...sak, systemId: undefined, externalKey: b.delivery.caseFile.externalKey } as never);
    const jpB = sim.state.addEntry({
      externalKey: b.delivery.entry.externalKey,
      fagsystem: 'Postmottak',
      caseFileSystemId: sakB.systemId,
      journalposttype: 'I',
      title: b.delivery.entry.title,
      titlePublic: null,
      tilgangsrestriksjon: null,
      skjermingshjemmel: null,
      correspondents: [{ type: 'EA', name: 'Kari Nordmann', personNumber: null, organisationNumber: null, screened: false }],
    });
    sim.state.addDocument(jpB.systemId, { dokumentnummer: 1, tilknyttetRegistreringSom: 'H', title: 'Søknad', dokumenttype: 'Søknad', filename: null, contentType: null, size: null, sha256: b.docs[0]!.doc.sha256 });
    const rb = archived(await port.deliver(b.delivery));
    expect(rb.entry.archiveSystemId).toBe(jpB.systemId);
    expect(entriesWithKey(sim, b.delivery.entry.externalKey)).toHaveLength(1);
    const docs = sim.state.entry(jpB.systemId)!.documents;
    expect(docs.map((d) => d.dokumentnummer)).toEqual([1, 2, 3]);
    expect(sha256Hex(sim.state.files.get(docs[2]!.systemId)!)).toBe(b.docs[2]!.doc.sha256);
    expect(sim.state.entry(jpB.systemId)!.correspondents).toHaveLength(1); // the avsender was there already
  });

  it('(5) every payload the adapter sent validates with xmllint against the official noark4ws types XSD', async () => {
    for (const op of ['GetNoarksak', 'PutNoarksak', 'GetJournpost', 'PutJournpost']) {
      const xml = sim.lastRequestXml(op);
      expect(xml, op).toBeDefined();
      expect(xml!).toContain(`<types:${op}Request xmlns:types="http://www.arkivverket.no/Noark4WS/types">`);
      await expect(xmllint(xml!, op)).resolves.toBeUndefined();
    }
    // and the check can fail: an element the schema does not know
    await expect(xmllint(sim.lastRequestXml('PutNoarksak')!.replace('<saTittel>', '<saFoo>x</saFoo><saTittel>'), 'broken')).rejects.toThrow();
  });

  it("(6) a schema-invalid record is 'validation' with the archive's own message; the next valid one works", async () => {
    const bad = incomingApplication();
    bad.delivery.caseFile.classification = { ordningsprinsipp: 'KK', ordningsverdi: '' }; // KL.ORDNVER is required
    const before = sim.state.rejections().length;
    const e = await failure(port.deliver(bad.delivery));
    expect(e.kind).toBe('validation');
    const rejections = sim.state.rejections().slice(before);
    expect(rejections).toHaveLength(1);
    expect(rejections[0]!.operation).toBe('PutNoarksak');
    expect(rejections[0]!.message).toMatch(/klOrdnver/);
    expect(e.message).toContain(rejections[0]!.message);
    expect(casesWithKey(sim, bad.delivery.caseFile.externalKey)).toHaveLength(0);

    const good = incomingApplication();
    archived(await port.deliver(good.delivery));
    expect(casesWithKey(sim, good.delivery.caseFile.externalKey)).toHaveLength(1);
  });

  it('(6b) no fødselsnummer in error messages', async () => {
    const bad = incomingApplication({ screening: HEALTH_SCREENING, personNumber: '24038812345' });
    bad.delivery.entry.journalposttype = 'Q' as never; // refused by the archive (status ERROR)
    const e = await failure(port.deliver(bad.delivery));
    expect(e.kind).toBe('validation');
    expect(e.message).toMatch(/NDOKTYPE/);
    expect(e.message).not.toMatch(/\d{11}/);
  });

  it("(7) latency beyond timeoutMs is 'transient'; wrong password is 'auth'; a 5xx is 'transient'", async () => {
    sim.faults.set({ '*': { latencyMs: 400 } });
    const slow = adapter({ timeoutMs: 100 });
    const t0 = Date.now();
    const e = await failure(slow.deliver(incomingApplication().delivery));
    expect(e.kind).toBe('transient');
    expect(Date.now() - t0).toBeLessThan(390);
    sim.faults.set({});

    const e2 = await failure(adapter({ password: 'feil' }).deliver(incomingApplication().delivery));
    expect(e2.kind).toBe('auth');
    expect(e2.message).not.toContain('feil');

    sim.faults.set({ GetNoarksak: { errorRate: 1 } });
    expect((await failure(port.deliver(incomingApplication().delivery))).kind).toBe('transient');
    sim.faults.set({ PutNoarksak: { dropRate: 1 } });
    expect((await failure(port.deliver(incomingApplication().delivery))).kind).toBe('transient');
  });

  it('costs 3 SOAP calls for a new application and 4 for a reply', async () => {
    const calls: string[] = [];
    const original = sim.faults.before.bind(sim.faults);
    sim.faults.before = async (op: string) => {
      calls.push(op);
      return original(op);
    };
    try {
      const a = incomingApplication();
      const t0 = performance.now();
      const i = archived(await port.deliver(a.delivery));
      const ms = performance.now() - t0;
      expect(calls).toEqual(['GetNoarksak', 'PutNoarksak', 'GetNoarksak']);
      calls.length = 0;
      const reply = outgoingReply(a, { caseFile: i.caseFile, entryArchiveSystemId: i.entry.archiveSystemId, journalpostnummer: i.entry.journalpostnummer });
      await port.deliver(reply.delivery);
      expect(calls).toEqual(['GetNoarksak', 'PutJournpost', 'GetJournpost', 'PutJournpost']);
      expect(ms).toBeLessThan(2_000);
    } finally {
      sim.faults.before = original;
    }
  });
});
