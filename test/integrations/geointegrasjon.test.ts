import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveDelivery, ArchivePort } from '../../electron/core/ports/archive.port';
import type { IntegrationError } from '../../electron/core/errors';
import { createGeoIntegrasjonAdapter, type GeoIntegrasjonConfig } from '../../integrations/noark/geointegrasjon.adapter';
import { giCombinedSchemaSet, startGeoIntegrasjonSimulator, type GeoIntegrasjonSimulator } from '../../integrations/noark/simulator/geointegrasjon.simulator';
import { createWorkerEngine } from '../../integrations/shared/xml/xmllint-engine';
import { createXsdValidator } from '../../integrations/shared/xml/xsd-validator';
import { archived as archivedResult, casesWithKey, entriesWithKey, expectHealthScreened, failure, type Archived } from '../helpers/archive-test-env';
import { HEALTH_SCREENING, incomingApplication, outgoingReply, sha256Hex, type ApplicationFixture } from '../helpers/archive-fixture';
import { xsdCheck } from '../helpers/xsd-check';

const WSDL_DIR = path.resolve(__dirname, '../../resources/wsdl/geointegrasjon');
const USER = 'postmottak-gi';
const PASSWORD = 'Hemm&lig<pass>';
const OPS = [
  'FinnSaksmapperGittNoekkel',
  'NySaksmappe',
  'FinnJournalposterGittNoekkel',
  'NyJournalpost',
  'NyKorrespondansepart',
  'FinnDokumenterGittJournalpostnoekkel',
  'NyDokument',
  'NyAvskrivning',
] as const;

let sim: GeoIntegrasjonSimulator;
let adapter: ArchivePort;

const config = (over: Partial<GeoIntegrasjonConfig> = {}): GeoIntegrasjonConfig => ({
  oppdateringUrl: sim.oppdateringUrl,
  innsynUrl: sim.innsynUrl,
  username: USER,
  password: PASSWORD,
  klientnavn: 'Postmottak',
  timeoutMs: 10_000,
  ...over,
});

const callCount = () => OPS.reduce((n, op) => n + sim.requestsOf(op).length, 0);
const callsByOp = () => Object.fromEntries(OPS.map((op) => [op, sim.requestsOf(op).length]));
const diffCalls = (before: Record<string, number>) => Object.fromEntries(Object.entries(callsByOp()).filter(([op, n]) => n !== before[op]).map(([op, n]) => [op, n - before[op]!]));

const archived = async (d: ArchiveDelivery, a: ArchivePort = adapter): Promise<Archived> => archivedResult(await a.deliver(d));
const entryByKey = (key: string) => entriesWithKey(sim, key);
const caseByKey = (key: string) => casesWithKey(sim, key);

beforeAll(async () => {
  sim = await startGeoIntegrasjonSimulator({ wsdlDir: WSDL_DIR, username: USER, password: PASSWORD, now: () => Date.UTC(2026, 10, 27, 10) });
  adapter = createGeoIntegrasjonAdapter(config(), { wsdlDir: WSDL_DIR });
});

afterAll(async () => {
  await adapter?.close?.();
  await sim?.close();
});

describe('GeoIntegrasjon adapter against the GI simulator', () => {
  let app: ApplicationFixture;
  let first: Archived;

  it('(1) files an incoming application: case file, journalpost I with avsender, classification, documents byte for byte', async () => {
    app = incomingApplication({ attachments: 2 });
    const before = callsByOp();
    const t0 = performance.now();
    first = await archived(app.delivery);
    const ms = performance.now() - t0;
    console.log(`GI: one application (3 documents) took ${ms.toFixed(0)} ms in ${callCount() - Object.values(before).reduce((a, b) => a + b, 0)} SOAP calls`, diffCalls(before));

    const [c] = caseByKey(app.delivery.caseFile.externalKey);
    expect(c).toBeDefined();
    expect(c!.fagsystem).toBe('Postmottak');
    expect(first.caseFile).toEqual({ archiveSystemId: c!.systemId, saksaar: c!.saksaar, sakssekvensnummer: c!.sakssekvensnummer });
    expect(c!.saksaar).toBe(2026);
    expect(c!.title).toBe(app.delivery.caseFile.title);
    expect(c!.arkivdel).toBe('Saksarkiv');
    expect(c!.administrativEnhet).toBe('OPPV');
    expect(c!.classification).toEqual([{ ordningsprinsipp: 'KK', ordningsverdi: 'A10' }]);
    expect(c!.tilgangsrestriksjon).toBeNull();

    const [e] = entryByKey(app.delivery.entry.externalKey);
    expect(e).toBeDefined();
    expect(e!.caseFileSystemId).toBe(c!.systemId);
    expect(e!.journalposttype).toBe('I');
    expect(first.entry).toMatchObject({ archiveSystemId: e!.systemId, journalaar: e!.journalaar, journalsekvensnummer: e!.journalsekvensnummer, journalpostnummer: 1 });
    expect(e!.correspondents).toEqual([{ type: 'EA', name: 'Kari Nordmann', personNumber: '01017012345', organisationNumber: null, screened: false }]);

    expect(e!.documents.map((d) => [d.dokumentnummer, d.tilknyttetRegistreringSom, d.filename, d.contentType])).toEqual([
      [1, 'H', 'soknad.pdf', 'application/pdf'],
      [2, 'V', 'vedlegg-1.pdf', 'application/pdf'],
      [3, 'V', 'vedlegg-2.pdf', 'application/pdf'],
    ]);
    for (const { doc, bytes } of app.docs) {
      const simDoc = e!.documents.find((d) => d.dokumentnummer === doc.number)!;
      expect(simDoc.sha256).toBe(doc.sha256);
      expect(simDoc.size).toBe(bytes.byteLength);
      expect(sha256Hex(sim.state.files.get(simDoc.systemId)!)).toBe(doc.sha256);
    }
    expect(first.entry.documents).toEqual(e!.documents.map((d) => ({ number: d.dokumentnummer, archiveSystemId: d.systemId })));

    // what went over the wire: ArkivKontekst.klientnavn, EksternNoekkel, Basic auth accepted
    const nyJp = sim.lastRequestXml('NyJournalpost')!;
    expect(nyJp).toMatch(/<tek:klientnavn>Postmottak<\/tek:klientnavn>/);
    expect(nyJp).toContain(`<kj:noekkel>${app.delivery.entry.externalKey}</kj:noekkel>`);
    expect(nyJp).toMatch(/xsi:type="ko:Person"/);
  });

  it('(2) files the reply as journalpost U in the same case with mottaker, and avskriver the application (BU)', async () => {
    const reply = outgoingReply(app, { caseFile: first.caseFile, entryArchiveSystemId: first.entry.archiveSystemId, journalpostnummer: first.entry.journalpostnummer });
    const before = callsByOp();
    const r = await archived(reply.delivery);
    expect(diffCalls(before)).toEqual({ FinnJournalposterGittNoekkel: 1, NyJournalpost: 1, NyDokument: 1, NyAvskrivning: 1 });

    expect(r.caseFile).toEqual(first.caseFile);
    const [u] = entryByKey(reply.delivery.entry.externalKey);
    expect(u!.caseFileSystemId).toBe(first.caseFile.archiveSystemId);
    expect(u!.journalposttype).toBe('U');
    expect(r.entry.journalpostnummer).toBe(2);
    expect(u!.correspondents).toEqual([{ type: 'EM', name: 'Kari Nordmann', personNumber: '01017012345', organisationNumber: null, screened: false }]);
    expect(sha256Hex(sim.state.files.get(u!.documents[0]!.systemId)!)).toBe(reply.docs[0]!.doc.sha256);
    expect(sim.state.avskrivninger().filter((a) => a.entrySystemId === first.entry.archiveSystemId)).toEqual([
      { entrySystemId: first.entry.archiveSystemId, byEntrySystemId: u!.systemId, maate: 'BU' },
    ]);

    // a reply that knows neither the case numbers nor the application's archive id finds both by key
    const other = incomingApplication();
    const o1 = await archived(other.delivery);
    const reply2 = outgoingReply(other, { caseFile: null, entryArchiveSystemId: null, journalpostnummer: null });
    const r2 = await archived(reply2.delivery);
    expect(r2.caseFile).toEqual(o1.caseFile);
    expect(r2.entry.journalpostnummer).toBe(2);
    expect(sim.state.avskrivninger().filter((a) => a.entrySystemId === o1.entry.archiveSystemId)).toEqual([
      { entrySystemId: o1.entry.archiveSystemId, byEntrySystemId: r2.entry.archiveSystemId, maate: 'BU' },
    ]);
  });

  it('(3) screens a health application: skjerming on saksmappe and journalpost, public title, PNR class and correspondent skjermet', async () => {
    const health = incomingApplication({ screening: HEALTH_SCREENING, title: 'Søknad om omsorgsstønad - Ola Syk', applicant: 'Ola Syk', personNumber: '12039012345' });
    const t0 = performance.now();
    const r = await archived(health.delivery);
    console.log(`GI: a warm application (2 documents) took ${(performance.now() - t0).toFixed(0)} ms`);
    const { caseFile: c, entry: e } = expectHealthScreened(sim, r, '12039012345');
    expect(c.title).toBe('Søknad om omsorgsstønad - Ola Syk');
    expect(e.correspondents).toEqual([{ type: 'EA', name: 'Ola Syk', personNumber: '12039012345', organisationNumber: null, screened: true }]);

    const mappe = sim.lastRequestXml('NySaksmappe')!;
    expect(mappe).toMatch(/<kj:skjermetTittel>true<\/kj:skjermetTittel>/);
    expect(mappe).toMatch(/<kj:klasseID>12039012345<\/kj:klasseID><kj:skjermetKlasse>true<\/kj:skjermetKlasse>/);
    expect(mappe).toMatch(/<kj:skjerming><kj:tilgangsrestriksjon><kl:kodeverdi>13<\/kl:kodeverdi><\/kj:tilgangsrestriksjon><kj:skjermingshjemmel>Offl\. § 13/);
    const jp = sim.lastRequestXml('NyJournalpost')!;
    expect(jp).toMatch(/<kj:skjermetKorrespondansepart>true<\/kj:skjermetKorrespondansepart>/);
    expect(jp).toMatch(/<kj:offentligTittel>Søknad om helse- og omsorgstjenester - \*{6}<\/kj:offentligTittel>/);
  });

  describe('(4) idempotency', () => {
    it('the same delivery twice makes one case file, one journalpost and one set of documents', async () => {
      const a = incomingApplication();
      const r1 = await archived(a.delivery);
      const before = callsByOp();
      const r2 = await archived(a.delivery);
      expect(r2).toEqual(r1);
      expect(diffCalls(before)).toEqual({ FinnSaksmapperGittNoekkel: 1, FinnJournalposterGittNoekkel: 1, FinnDokumenterGittJournalpostnoekkel: 1 });
      expect(caseByKey(a.delivery.caseFile.externalKey)).toHaveLength(1);
      expect(entryByKey(a.delivery.entry.externalKey)).toHaveLength(1);
      expect(entryByKey(a.delivery.entry.externalKey)[0]!.documents).toHaveLength(2);

      // the reply twice: one U, one avskrivning
      const reply = outgoingReply(a, { caseFile: r1.caseFile, entryArchiveSystemId: r1.entry.archiveSystemId, journalpostnummer: 1 });
      const u1 = await archived(reply.delivery);
      const u2 = await archived(reply.delivery);
      expect(u2).toEqual(u1);
      expect(entryByKey(reply.delivery.entry.externalKey)).toHaveLength(1);
      expect(sim.state.avskrivninger().filter((x) => x.entrySystemId === r1.entry.archiveSystemId)).toHaveLength(1);
    });

    it('an answer lost after NyJournalpost changed the archive: the retry finds the journalpost and makes no second one', async () => {
      const a = incomingApplication();
      sim.faults.set({ NyJournalpost: { dropAfterRate: 1 } });
      let err: IntegrationError;
      try {
        err = await failure(adapter.deliver(a.delivery));
      } finally {
        sim.faults.set({});
      }
      expect(err.kind).toBe('transient');
      expect(entryByKey(a.delivery.entry.externalKey)).toHaveLength(1);
      expect(entryByKey(a.delivery.entry.externalKey)[0]!.documents).toHaveLength(0);

      const r = await archived(a.delivery);
      const entries = entryByKey(a.delivery.entry.externalKey);
      expect(entries).toHaveLength(1);
      expect(r.entry.archiveSystemId).toBe(entries[0]!.systemId);
      expect(entries[0]!.documents.map((d) => d.sha256)).toEqual(a.docs.map((d) => d.doc.sha256));
      expect(caseByKey(a.delivery.caseFile.externalKey)).toHaveLength(1);
    });

    it('completes a half-done earlier call: journalpost without its correspondent and with only the first document', async () => {
      const a = incomingApplication({ attachments: 2 });
      // what a crashed earlier run left: the entry without korrespondansepart, document 1 only
      await archived({ ...a.delivery, entry: { ...a.delivery.entry, correspondents: [], documents: [a.delivery.entry.documents[0]!] } });
      expect(entryByKey(a.delivery.entry.externalKey)[0]!.documents).toHaveLength(1);

      const before = callsByOp();
      const r = await archived(a.delivery);
      expect(diffCalls(before)).toEqual({ FinnSaksmapperGittNoekkel: 1, FinnJournalposterGittNoekkel: 1, NyKorrespondansepart: 1, FinnDokumenterGittJournalpostnoekkel: 1, NyDokument: 2 });
      const [e] = entryByKey(a.delivery.entry.externalKey);
      expect(e!.correspondents.map((k) => [k.type, k.name])).toEqual([['EA', 'Kari Nordmann']]);
      expect(e!.documents.map((d) => [d.dokumentnummer, d.sha256])).toEqual(a.docs.map((d) => [d.doc.number, d.doc.sha256]));
      expect(r.entry.documents.map((d) => d.number)).toEqual([1, 2, 3]);
    });

    it('a NyDokument that fails leaves the journalpost without documents; the retry adds them', async () => {
      const a = incomingApplication();
      sim.faults.set({ NyDokument: { errorRate: 1 } });
      try {
        expect((await failure(adapter.deliver(a.delivery))).kind).toBe('transient');
      } finally {
        sim.faults.set({});
      }
      expect(entryByKey(a.delivery.entry.externalKey)[0]!.documents).toHaveLength(0);
      await archived(a.delivery);
      expect(entryByKey(a.delivery.entry.externalKey)).toHaveLength(1);
      expect(entryByKey(a.delivery.entry.externalKey)[0]!.documents).toHaveLength(2);
    });
  });

  // xmllint outside the app's validator: xmllint-wasm's validateXML, and the system xmllint as a second opinion when present
  it('(5) every payload Postmottak sent validates with xmllint against the official GI schemas', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gi-xsd-'));
    try {
      const local = (xsd: string) => xsd.replace(/schemaLocation="http:\/\/rep\.geointegrasjon\.no\/[^"]*\/([^"/]+\.xsd)"/g, 'schemaLocation="$1"');
      for (const f of fs.readdirSync(WSDL_DIR).filter((f) => f.endsWith('.xsd'))) fs.writeFileSync(path.join(dir, f), local(fs.readFileSync(path.join(WSDL_DIR, f), 'utf8')));
      const typesSchema = (wsdl: string, out: string) => {
        const schema = /<xs:schema\b[\s\S]*?<\/xs:schema>/.exec(fs.readFileSync(path.join(WSDL_DIR, wsdl), 'utf8'))![0];
        fs.writeFileSync(path.join(dir, out), `<?xml version="1.0" encoding="UTF-8"?>\n${local(schema)}`);
        return path.join(dir, out);
      };
      const schema = { oppdatering: typesSchema('giArkivOppdatering20120131.wsdl', 'oppdatering.xsd'), innsyn: typesSchema('giArkivInnsyn20120131.wsdl', 'innsyn.xsd') };
      const xmllint = (xsd: string, xml: string, name: string) => {
        const file = path.join(dir, name);
        fs.writeFileSync(file, xml);
        return xsdCheck(xsd, file);
      };

      let n = 0;
      for (const op of OPS) {
        const payloads = sim.requestsOf(op);
        expect(payloads.length, op).toBeGreaterThan(0);
        expect(payloads.at(-1)).toBe(sim.lastRequestXml(op));
        const xsd = op.startsWith('Finn') ? schema.innsyn : schema.oppdatering;
        for (const [i, xml] of payloads.entries()) {
          await expect(xmllint(xsd, xml, `${op}-${i}.xml`), `${op} #${i}`).resolves.toBeUndefined();
          n++;
        }
      }
      expect(n).toBeGreaterThan(30);
      expect(sim.lastRequestXml('NyDokument')).toMatch(/<dok:Fil xsi:type="dok:Filinnhold">.*<dok:base64>[A-Za-z0-9+/=]{100,}<\/dok:base64>/);

      // the check can fail: elements out of sequence order, an unknown element
      const jp = sim.lastRequestXml('NyJournalpost')!;
      const swapped = jp.replace(/(<kj:journaldato>[^<]*<\/kj:journaldato>)(<kj:journalposttype>.*?<\/kj:journalposttype>)/, '$2$1');
      expect(swapped).not.toBe(jp);
      await expect(xmllint(schema.oppdatering, swapped, 'bad-1.xml')).rejects.toThrow();
      await expect(xmllint(schema.oppdatering, jp.replace('<kj:tittel>', '<kj:tittelen>x</kj:tittelen><kj:tittel>'), 'bad-2.xml')).rejects.toThrow();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('(6) a record the archive refuses is a validation error with the archive\'s own message', () => {
    it('schema-invalid (a date that is not xs:dateTime): xmllint\'s message; the next valid one still works', async () => {
      const bad = incomingApplication();
      bad.delivery.caseFile.saksdato = '27.11.2026';
      const err = await failure(adapter.deliver(bad.delivery));
      expect(err.kind, err.message).toBe('validation');
      expect(err.integration).toBe('archive');
      expect(err.message).toContain("'27.11.2026T00:00:00' is not a valid value of the atomic type 'xs:dateTime'");
      const rejection = sim.state.rejections().at(-1)!;
      expect(rejection.operation).toBe('NySaksmappe');
      expect(err.message).toContain(rejection.message);
      expect(err.message).not.toMatch(/\d{11}/);
      expect(caseByKey(bad.delivery.caseFile.externalKey)).toHaveLength(0);

      const good = incomingApplication();
      const r = await archived(good.delivery);
      expect(sim.state.caseFile(r.caseFile.archiveSystemId)?.externalKey).toBe(good.delivery.caseFile.externalKey);
    });

    it('an unknown code and an empty title: the archive\'s ValidationFault text, no fødselsnummer in the message', async () => {
      const unknown = incomingApplication({ screening: { ...HEALTH_SCREENING, tilgangsrestriksjon: 'ZZ' } });
      const e1 = await failure(adapter.deliver(unknown.delivery));
      expect(e1.kind).toBe('validation');
      expect(e1.message).toContain('Ugyldig kodeverdi «ZZ» for tilgangsrestriksjon');
      expect(e1.message).not.toContain('01017012345');

      const empty = incomingApplication({ title: '' });
      const e2 = await failure(adapter.deliver(empty.delivery));
      expect(e2.kind).toBe('validation');
      expect(e2.message).toContain('tittel er påkrevd');
      expect(sim.state.rejections().slice(-2).map((x) => x.operation)).toEqual(['NySaksmappe', 'NySaksmappe']);

      await expect(adapter.deliver(incomingApplication().delivery)).resolves.toMatchObject({ state: 'archived' });
    });
  });

  describe('(7) transport failures', () => {
    it('latency beyond timeoutMs is transient', async () => {
      const quick = createGeoIntegrasjonAdapter(config({ timeoutMs: 250 }), { wsdlDir: WSDL_DIR });
      sim.faults.set({ '*': { latencyMs: 1_500 } });
      try {
        const t0 = performance.now();
        const err = await failure(quick.deliver(incomingApplication().delivery));
        expect(err.kind).toBe('transient');
        expect(err.message).toMatch(/tidsavbrudd/);
        expect(performance.now() - t0).toBeLessThan(1_400); // WSDL load + 250 ms, not the 1.5 s answer
      } finally {
        sim.faults.set({});
        await quick.close?.();
        await new Promise((r) => setTimeout(r, 1_600)); // let the delayed request finish in the simulator
      }
    });

    it('HTTP 5xx without a fault and a dropped connection are transient; wrong credentials are auth', async () => {
      sim.faults.set({ FinnSaksmapperGittNoekkel: { errorRate: 1 } });
      try {
        const err = await failure(adapter.deliver(incomingApplication().delivery));
        expect(err.kind).toBe('transient');
        expect(err.message).toMatch(/HTTP 503/);
      } finally {
        sim.faults.set({});
      }
      sim.faults.set({ FinnSaksmapperGittNoekkel: { dropRate: 1 } });
      try {
        expect((await failure(adapter.deliver(incomingApplication().delivery))).kind).toBe('transient');
      } finally {
        sim.faults.set({});
      }
      const wrong = createGeoIntegrasjonAdapter(config({ password: 'feil' }), { wsdlDir: WSDL_DIR });
      const err = await failure(wrong.deliver(incomingApplication().delivery));
      await wrong.close?.();
      expect(err.kind).toBe('auth');
      expect(err.message).toMatch(/HTTP 401/);
    });
  });
});

describe('GeoIntegrasjon simulator schemas', () => {
  it('validates both services against one schema set, so payloads that arrive together share one xmllint run (#18), and still refuses what the schemas refuse', async () => {
    const set = giCombinedSchemaSet(WSDL_DIR);
    const runs: number[] = [];
    const engine = createWorkerEngine({ timeoutMs: 30_000, maxMemoryMiB: 512 });
    const validator = createXsdValidator({
      engine: {
        run: (xsd, docs, files) => {
          runs.push(docs.length);
          return engine.run(xsd, docs, files);
        },
        close: () => engine.close(),
      },
    });
    try {
      const [find, create, wrongChild, unknown] = await Promise.all([
        validator.validate('<FinnSaksmapperGittNoekkel xmlns="http://rep.geointegrasjon.no/Arkiv/Innsyn/xml.wsdl/2012.01.31"/>', set),
        validator.validate('<NySaksmappe xmlns="http://rep.geointegrasjon.no/Arkiv/Oppdatering/xml.wsdl/2012.01.31"/>', set),
        validator.validate('<NySaksmappe xmlns="http://rep.geointegrasjon.no/Arkiv/Oppdatering/xml.wsdl/2012.01.31"><ukjent/></NySaksmappe>', set),
        validator.validate('<NySaksmappe xmlns="urn:ikke-gi"/>', set),
      ]);
      expect(find).toEqual({ valid: true });
      expect(create).toEqual({ valid: true });
      expect(wrongChild).toMatchObject({ valid: false, kind: 'invalid', errors: [expect.objectContaining({ message: expect.stringMatching(/ukjent.*not expected/) })] });
      expect(unknown).toMatchObject({ valid: false, kind: 'invalid' });
      // an Innsyn and an Oppdatering payload in the same run: one schema parse
      expect(runs).toEqual([4]);
    } finally {
      await validator.close();
    }
  });
});
