import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ArchiveDelivery, ArchivePort, DeliveryResult } from '../../electron/core/ports/archive.port';
import { createArkivmeldingAdapter } from '../../integrations/noark/arkivmelding.adapter';
import type { ArkivmeldingDialect } from '../../integrations/noark/arkivmelding.mapper';
import { createNoark4WsAdapter } from '../../integrations/noark/noark4-ws.adapter';
import { createNoark5RestAdapter } from '../../integrations/noark/noark5-rest.adapter';
import type { ArchiveSimulator } from '../../integrations/noark/simulator/archive-sim-state';
import { startArkivmeldingSimulator } from '../../integrations/noark/simulator/arkivmelding.simulator';
import { startNoark4WsSimulator } from '../../integrations/noark/simulator/noark4-ws.simulator';
import { startNoark5RestSimulator } from '../../integrations/noark/simulator/noark5-rest.simulator';
import { parseXmlSafe } from '../../integrations/shared/xml/safe-xml';
import { childrenOf, textOf } from '../../integrations/shared/xml/xml-tree';
import { HEALTH_SCREENING, incomingApplication } from '../helpers/archive-fixture';
import { archived, type Archived } from '../helpers/archive-test-env';
import { coreRecords } from '../helpers/archive-core-records';
import { tempDir } from '../helpers/temp-dir';
import { xsdCheck } from '../helpers/xsd-check';

/**
 * #13, read from what each archive simulator RECEIVED (not from mapper output): item 2 (eFormidling
 * avskrivning on the I), item 3 (dokumenttype per dialect), item 9 (person class title) and item 1
 * (Oslo dates at 00:30) for Noark 5 REST, Noark 4 WS and both arkivmelding dialects.
 */

/** 2026-03-10T23:30:00Z is 00:30 on 11 March in Oslo (CET, +01:00). */
const AT = Date.UTC(2026, 2, 10, 23, 30);
const OSLO_DAY = '2026-03-11';
const SCHEMA_DIR = path.resolve(__dirname, '../../resources/schemas/arkivmelding');
const N4_WSDL = path.resolve(__dirname, '../../resources/wsdl/noark4/noark4ws.wsdl');

const closers: { close(): Promise<void> | void }[] = [];
afterEach(async () => {
  vi.useRealTimers();
  while (closers.length) await closers.pop()!.close();
});

/** Every calendar date written in a payload (dates and the date part of date-times). */
const datesIn = (text: string): string[] => [...text.matchAll(/\b(\d{4}-\d{2}-\d{2})(?=[T<"'\s,]|$)/g)].map((m) => m[1]!);
/** A payload without its namespace prefixes. */
const bare = (xml: string): string => xml.replace(/<(\/?)[A-Za-z0-9]+:/g, '<$1');
/** Everything the simulator received and kept: case files' and entries' raw requests and their updates. */
const received = (sim: ArchiveSimulator): string =>
  [...sim.state.caseFiles().map((c) => c.raw), ...sim.state.entries().flatMap((e) => [e.raw, ...(e.updates ?? [])])].map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n');

/** The core's reply, pointed at what the simulator gave the application (case file, the I's systemID and number). */
const replyTo = (reply: ArchiveDelivery, i: Archived): ArchiveDelivery => ({
  ...reply,
  knownCaseFile: i.caseFile,
  entry: { ...reply.entry, closes: { ...reply.entry.closes!, archiveSystemId: i.entry.archiveSystemId, journalpostnummer: i.entry.journalpostnummer } },
});

/** A drop-folder simulator (paused) and its adapter; deliver() hands over, lets the archive take it, reads the receipt. */
async function dropFolder(dialect: ArkivmeldingDialect) {
  const root = tempDir('pm-13-recv-');
  const outDir = path.join(root, 'ut');
  const receiptDir = path.join(root, 'kvittering');
  const sim = await startArkivmeldingSimulator({ dialect, outDir, receiptDir, schemaDir: SCHEMA_DIR, paused: true, now: () => AT });
  const adapter = createArkivmeldingAdapter({ dialect, outDir, receiptDir }, { schemaDir: SCHEMA_DIR, now: () => AT, timeZone: 'Europe/Oslo' });
  closers.push(sim, { close: async () => adapter.close?.() });
  // the archive takes what is in the folder until the receipt check (given the delivery, as the core does) is done:
  // an eFormidling reply that closes the application takes a second message (#13 item 2)
  const deliver = async (d: ArchiveDelivery): Promise<Archived> => {
    const first = (await adapter.deliver(d)) as Extract<DeliveryResult, { state: 'awaiting-receipt' }>;
    for (let round = 0; round < 3; round++) {
      await sim.processNow();
      const r = await adapter.checkReceipt!(first.reference, d);
      if (r.state === 'archived') return r;
      if (r.state === 'rejected') throw new Error(r.message);
    }
    throw new Error('no receipt');
  };
  return { sim, adapter, deliver, root, outDir };
}

/** The application and its reply from the core at 00:30 Oslo, delivered in order. */
async function deliverBoth(deliver: (d: ArchiveDelivery) => Promise<Archived>) {
  const { incoming, reply } = await coreRecords(AT);
  const i = await deliver(incoming);
  const replyDelivery = replyTo(reply, i);
  const u = await deliver(replyDelivery);
  return { i, u, incoming, reply: replyDelivery };
}

async function noark5(): Promise<{ sim: Awaited<ReturnType<typeof startNoark5RestSimulator>>; adapter: ArchivePort }> {
  const sim = await startNoark5RestSimulator({ now: () => AT });
  const adapter = createNoark5RestAdapter({ url: sim.apiUrl, auth: { kind: 'none' }, timeoutMs: 10_000 });
  closers.push(sim);
  return { sim, adapter };
}

async function noark4(): Promise<{ sim: Awaited<ReturnType<typeof startNoark4WsSimulator>>; adapter: ArchivePort }> {
  const sim = await startNoark4WsSimulator({ wsdlPath: N4_WSDL, username: 'u', password: 'p', now: () => AT });
  const adapter = createNoark4WsAdapter({ url: sim.url, username: 'u', password: 'p', timeoutMs: 10_000 }, { wsdlPath: N4_WSDL });
  closers.push(sim, { close: async () => adapter.close?.() });
  return { sim, adapter };
}

describe('#13 item 2: eFormidling avskrivning sits on the application and names the reply', () => {
  it('the reply’s arkivmelding carries the U alone; a follow-up carries the I with avskrivning BU → the U’s systemID; both valid against the XSD', async () => {
    // #13 item 2 — specs/noark/arkivmelding/eformidling/metadatakatalog.xsd:481 referanseAvskrivesAvJournalpost
    // (M215, Noark 5: «journalposter som avskriver denne journalposten»): the avskrivning belongs to the closed entry
    // (the I) and references the closing one (the U); the spec's example examples-authored/arkivmelding-eformidling-minimal.xml:61-66.
    // specs/noark/RESEARCH-NOTES.md:73-76 (eFormidling 2): one saksmappe, containing ONE journalpost, per message.
    const { sim, adapter, deliver, root, outDir } = await dropFolder('eformidling');
    const { i, u, reply } = await deliverBoth(deliver);
    const journalposts = (raw: string) => {
      const parsed = parseXmlSafe(raw, { maxBytes: 16 * 1024 * 1024, maxDepth: 64 });
      if (!parsed.ok) throw new Error(parsed.reason);
      const mapper = childrenOf(parsed.root, 'mappe');
      expect(mapper).toHaveLength(1);
      return childrenOf(mapper[0], 'basisregistrering');
    };
    // the reply's message: exactly one journalpost, the U, with no avskrivning (none pointing to the I)
    const replyRaw = String(sim.state.entry(u.entry.archiveSystemId)?.raw ?? '');
    const [theU, ...moreInReply] = journalposts(replyRaw);
    expect(moreInReply).toEqual([]);
    expect(textOf(theU, 'journalposttype')).toBe('Utgående dokument');
    expect(textOf(theU, 'systemID')).toBe(reply.entry.systemId);
    expect(childrenOf(theU, 'avskrivning')).toEqual([]);
    expect(replyRaw).not.toContain('<referanseAvskrivesAvJournalpost>');
    // the follow-up: exactly one journalpost, the I as the archive has it, carrying the avskrivning
    const followUps = (sim.state.entry(i.entry.archiveSystemId)?.updates ?? []).map(String);
    expect(followUps).toHaveLength(1);
    const followRaw = followUps[0]!;
    const [theI, ...moreInFollowUp] = journalposts(followRaw);
    expect(moreInFollowUp).toEqual([]);
    expect(textOf(theI, 'journalposttype')).toBe('Inngående dokument');
    expect(textOf(theI, 'systemID')).toBe(i.entry.archiveSystemId);
    const av = childrenOf(theI, 'avskrivning');
    expect(av).toHaveLength(1);
    expect(textOf(av[0], 'referanseAvskrivesAvJournalpost')).toBe(u.entry.archiveSystemId);
    // metadatakatalog.xsd avskrivningsmaate: «Besvart med brev» = BU
    expect(textOf(av[0], 'avskrivningsmaate')).toBe('Besvart med brev');
    expect(textOf(av[0], 'avskrivningsdato')).toBe(reply.entry.journaldato);
    // both valid against the official XSD
    for (const [n, raw] of [['reply', replyRaw], ['follow-up', followRaw]] as const) {
      const file = path.join(root, `received-${n}.xml`);
      fs.writeFileSync(file, raw);
      await xsdCheck(path.join(SCHEMA_DIR, 'eformidling/arkivmelding.xsd'), file);
    }
    // the archive read it the spec's way: the I is avskrevet (closed) by the U; no third entry
    expect(sim.state.avskrivninger()).toEqual([{ entrySystemId: i.entry.archiveSystemId, byEntrySystemId: u.entry.archiveSystemId, maate: 'Besvart med brev' }]);
    expect(sim.state.entries()).toHaveLength(2);
    expect(sim.state.rejections()).toEqual([]);
    // delivering again (a crash after the follow-up was written): no third message
    const received = () => sim.state.entries().reduce((n, e) => n + 1 + (e.updates ?? []).length, 0);
    expect(received()).toBe(3);
    expect(await adapter.deliver(reply)).toEqual(u);
    expect(fs.readdirSync(outDir)).toEqual([]);
    await sim.processNow();
    expect(received()).toBe(3);
    expect(sim.state.avskrivninger()).toHaveLength(1);
  }, 60_000);

  it('a crash after the follow-up is written, before its receipt: delivering again writes nothing more', async () => {
    const { sim, adapter, deliver, outDir } = await dropFolder('eformidling');
    const { incoming, reply } = await coreRecords(AT);
    const i = await deliver(incoming);
    const r = replyTo(reply, i);
    const first = (await adapter.deliver(r)) as Extract<DeliveryResult, { state: 'awaiting-receipt' }>;
    await sim.processNow();
    expect(await adapter.checkReceipt!(first.reference, r)).toEqual({ state: 'awaiting-receipt' });
    const folders = fs.readdirSync(outDir);
    expect(folders).toHaveLength(1);
    // the sender restarts: deliver again finds the follow-up in the folder
    expect(await adapter.deliver(r)).toEqual({ state: 'awaiting-receipt', reference: first.reference });
    expect(fs.readdirSync(outDir)).toEqual(folders);
    await sim.processNow();
    const done = await adapter.checkReceipt!(first.reference, r);
    expect(done.state).toBe('archived');
    expect(await adapter.deliver(r)).toEqual(done);
    await sim.processNow();
    expect(sim.state.entries().reduce((n, e) => n + 1 + (e.updates ?? []).length, 0)).toBe(3);
    expect(sim.state.avskrivninger()).toHaveLength(1);
  }, 60_000);

  it('the simulator refuses an eFormidling message with more than one journalpost', async () => {
    // specs/noark/RESEARCH-NOTES.md:73-76: that saksmappe must contain one journalpost
    const { sim, deliver, outDir } = await dropFolder('eformidling');
    const { incoming } = await coreRecords(AT);
    await deliver(incoming);
    const raw = String(sim.state.entries()[0]?.raw ?? '');
    const jp = /<basisregistrering[\s\S]*<\/basisregistrering>/.exec(raw)![0];
    const twice = raw.replace(jp, `${jp}${jp.replace(/<systemID>[^<]+<\/systemID>/, '<systemID>00000000-0000-4000-8000-000000000abc</systemID>')}`);
    const dir = path.join(outDir, 'pm-two-journalposts');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'arkivmelding.xml'), twice.replace(/<antallFiler>\d+<\/antallFiler>/, '<antallFiler>0</antallFiler>'));
    await sim.processNow();
    expect(sim.state.rejections().map((x) => x.message)).toEqual([expect.stringContaining('nøyaktig én journalpost')]);
    expect(sim.state.entries()).toHaveLength(1);
  }, 60_000);
});

describe('#13 item 3: dokumenttype as each simulator received it', () => {
  it('Fiks Arkiv v2: SØKNAD and VEDLEGG on the I, KORR on the U', async () => {
    // #13 item 3 — specs/noark/arkivmelding/fiks-arkiv-v2/kodelister/no.ks.fiks.arkiv.v2.kodelister.dokumenttype/
    // no.ks.fiks.arkiv.v2.kodelister.dokumenttype.json:8 (SØKNAD), :16 (KORR)
    const { sim, deliver } = await dropFolder('fiks-arkiv-v2');
    const { i, u } = await deliverBoth(deliver);
    const codes = (raw: unknown) => [...String(raw).matchAll(/<dokumenttype>\s*<mdk:kode>([^<]+)<\/mdk:kode>/g)].map((m) => m[1]);
    expect(codes(sim.state.entry(i.entry.archiveSystemId)?.raw)).toEqual(['SØKNAD', 'VEDLEGG']);
    expect(codes(sim.state.entry(u.entry.archiveSystemId)?.raw)).toEqual(['KORR']);
    expect(sim.state.entry(i.entry.archiveSystemId)?.documents.map((d) => d.dokumenttype)).toEqual(['SØKNAD', 'VEDLEGG']);
  }, 60_000);

  it('eFormidling: the M083 texts', async () => {
    // #13 item 3 — specs/noark/arkivmelding/eformidling/metadatakatalog.xsd:276 dokumenttype (M083, free text; Noark 5 texts)
    const { sim, deliver } = await dropFolder('eformidling');
    const { i, u } = await deliverBoth(deliver);
    const texts = (raw: unknown) => [...String(raw).matchAll(/<dokumenttype>([^<]+)<\/dokumenttype>/g)].map((m) => m[1]);
    expect(texts(sim.state.entry(i.entry.archiveSystemId)?.raw)).toEqual(['Søknad', 'Vedlegg']);
    expect(texts(sim.state.entry(u.entry.archiveSystemId)?.raw)).toEqual(['Brev']);
  }, 60_000);

  it('Noark 4 WS: dbKategori SØKNAD', async () => {
    // #13 item 3 — specs/noark/noark4/dtd/DOKBESK.DTD:11 DB.KATEGORI, a DOKKATEGORI code
    const { sim, adapter } = await noark4();
    await deliverBoth(async (d) => archived(await adapter.deliver(d)));
    const kategori = [...bare(received(sim)).matchAll(/<dbKategori>([^<]+)<\/dbKategori>/g)].map((m) => m[1]);
    expect(kategori).toEqual(expect.arrayContaining(['SØKNAD']));
    expect(kategori).not.toContain('DOKUMENT');
  }, 60_000);
});

describe('#13 item 9: a new person class is «Personmappe», as received', () => {
  const health = () => incomingApplication({ screening: HEALTH_SCREENING, title: 'Søknad om helse- og omsorgstjenester - Hans Helse', personNumber: '03039012345' });

  it('Noark 5 REST: ny-klasse tittel', async () => {
    // #13 item 9 — n5ws/spec-text/07-tjenester_og_informasjonsmodell.rst:71-80 Klasse (klasseID, tittel); the class as the archive holds it
    const { sim, adapter } = await noark5();
    archived(await adapter.deliver(health().delivery));
    const get = async (p: string) => (await (await fetch(p.startsWith('http') ? p : `${sim.apiUrl}/${p}`, { headers: { accept: 'application/vnd.noark5+json' } })).json()) as { results?: Record<string, unknown>[] };
    const klasser: Record<string, unknown>[] = [];
    for (const a of (await get('arkivstruktur/arkivdel')).results ?? []) {
      for (const s of (await get(`arkivstruktur/arkivdel/${String(a.systemID)}/klassifikasjonssystem`)).results ?? []) {
        klasser.push(...((await get(`arkivstruktur/klassifikasjonssystem/${String(s.systemID)}/klasse`)).results ?? []));
      }
    }
    const k = klasser.find((x) => x.klasseID === '03039012345');
    expect(k?.tittel).toBe('Personmappe');
    expect(JSON.stringify(klasser)).not.toContain('Hans Helse');
  }, 60_000);

  it.each(['eformidling', 'fiks-arkiv-v2'] as const)('arkivmelding (%s): klassifikasjon/tittel', async (dialect) => {
    // #13 item 9 — specs/noark/arkivmelding/eformidling/arkivmelding.xsd:288-293 (klassifikasjon: tittel);
    // fiks-arkiv-v2/no.ks.fiks.arkiv.v2.arkivering.arkivmelding.opprett.xsd:387-391 (klassifikasjon: tittel)
    const { sim, deliver } = await dropFolder(dialect);
    const r = await deliver(health().delivery);
    const raw = String(sim.state.caseFile(r.caseFile.archiveSystemId)?.raw ?? '');
    const titles = [...raw.matchAll(/<klassifikasjon>.*?<tittel>([^<]*)<\/tittel>.*?<\/klassifikasjon>/gs)].map((m) => m[1]);
    expect(titles).toEqual(['Personmappe']);
  }, 60_000);
});

describe('#13 item 1: at 00:30 Oslo every date the simulators received is 11 March', () => {
  const expectOslo = (text: string, transport: string) => {
    const dates = datesIn(text);
    expect(dates.length, transport).toBeGreaterThan(0);
    expect(new Set(dates), transport).toEqual(new Set([OSLO_DAY]));
  };

  it('Noark 5 REST: saksmappe and journalpost bodies', async () => {
    // #13 item 1 — n5ws/spec-text/07-tjenester_og_informasjonsmodell.rst:7373 saksdato, :6919 journaldato (dates, the register's day)
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(AT);
    const { sim, adapter } = await noark5();
    await deliverBoth(async (d) => archived(await adapter.deliver(d)));
    expectOslo(received(sim), 'noark5-rest');
  }, 60_000);

  it('Noark 4 WS: PutNoarksak and PutJournpost', async () => {
    // #13 item 1 — specs/noark/noark4/n4ws/noark4ws-types.xsd:17 saDato, :103 jpDokdato (and jpJDato)
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(AT);
    const { sim, adapter } = await noark4();
    await deliverBoth(async (d) => archived(await adapter.deliver(d)));
    expectOslo(received(sim), 'noark4-ws');
  }, 60_000);

  it.each(['eformidling', 'fiks-arkiv-v2'] as const)('arkivmelding (%s): the messages the drop folder received', async (dialect) => {
    // #13 item 1 — eformidling/metadatakatalog.xsd:339 saksdato, :346 journaldato; fiks-arkiv-v2/metadatakatalog.xsd:427, :434
    const { sim, deliver } = await dropFolder(dialect);
    await deliverBoth(deliver);
    const text = received(sim);
    expectOslo(text, dialect);
    expect(text).toContain(`${OSLO_DAY}T00:30:00+01:00`);
  }, 60_000);
});
