import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ArchivePort, ArchiveDelivery, DeliveryResult, ReceiptResult } from '../../electron/core/ports/archive.port';
import { IntegrationError } from '../../electron/core/errors';
import { createArkivmeldingAdapter } from '../../integrations/noark/arkivmelding.adapter';
import { EFORMIDLING_RECEIPT_XSD, MESSAGE_FILE, messageNameOf, type ArkivmeldingDialect } from '../../integrations/noark/arkivmelding.mapper';
import { startArkivmeldingSimulator, type ArkivmeldingSimulator } from '../../integrations/noark/simulator/arkivmelding.simulator';
import { HEALTH_SCREENING, incomingApplication, outgoingReply, sha256Hex, type ApplicationFixture } from '../helpers/archive-fixture';
import { createXsdValidator, type XsdValidator } from '../../integrations/shared/xml/xsd-validator';
import { tempDir } from '../helpers/temp-dir';
import { xsdCheck } from '../helpers/xsd-check';

const SCHEMA_DIR = path.resolve(__dirname, '../../resources/schemas/arkivmelding');
const OFFICIAL: Record<ArkivmeldingDialect, { message: string; receipt: string; error: string | null }> = {
  eformidling: { message: path.join(SCHEMA_DIR, 'eformidling/arkivmelding.xsd'), receipt: '', error: null },
  'fiks-arkiv-v2': {
    message: path.join(SCHEMA_DIR, 'fiks-arkiv-v2/no.ks.fiks.arkiv.v2.arkivering.arkivmelding.opprett.xsd'),
    receipt: path.join(SCHEMA_DIR, 'fiks-arkiv-v2/no.ks.fiks.arkiv.v2.arkivering.arkivmelding.opprett.kvittering.xsd'),
    error: path.join(SCHEMA_DIR, 'fiks-arkiv-v2/no.ks.fiks.arkiv.v2.feilmelding.ugyldigforespoersel.xsd'),
  },
};

/** libxml2 outside the app's validator: xmllint-wasm's own validateXML, and the system xmllint as a second opinion when present. */
const xmllint = (xsd: string, file: string): Promise<void> => xsdCheck(xsd, file);

interface Env {
  dialect: ArkivmeldingDialect;
  outDir: string;
  receiptDir: string;
  adapter: ArchivePort;
  sim: ArkivmeldingSimulator;
  receiptXsd: string;
}

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

async function setup(dialect: ArkivmeldingDialect): Promise<Env> {
  const root = tempDir('pm-arkivmelding-');
  const outDir = path.join(root, 'ut');
  const receiptDir = path.join(root, 'kvittering');
  const sim = await startArkivmeldingSimulator({ dialect, outDir, receiptDir, schemaDir: SCHEMA_DIR, paused: true, now: () => Date.parse('2026-11-29T10:00:00Z') });
  const adapter = createArkivmeldingAdapter({ dialect, outDir, receiptDir }, { schemaDir: SCHEMA_DIR });
  open.push(sim, { close: async () => adapter.close?.() });
  let receiptXsd = OFFICIAL[dialect].receipt;
  if (dialect === 'eformidling') {
    receiptXsd = path.join(root, 'arkivmelding-kvittering.xsd');
    fs.writeFileSync(receiptXsd, EFORMIDLING_RECEIPT_XSD);
  }
  return { dialect, outDir, receiptDir, adapter, sim, receiptXsd };
}

const visible = (dir: string): string[] => (fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []);

/** deliver → (message validated with xmllint outside the app) → archive processes → receipt. */
async function deliverAndArchive(env: Env, d: ArchiveDelivery): Promise<Extract<ReceiptResult, { state: 'archived' }>> {
  const first = await env.adapter.deliver(d);
  expect(first.state).toBe('awaiting-receipt');
  const reference = (first as Extract<DeliveryResult, { state: 'awaiting-receipt' }>).reference;
  const folder = path.join(env.outDir, reference);
  await xmllint(OFFICIAL[env.dialect].message, path.join(folder, MESSAGE_FILE));
  expect(await env.adapter.checkReceipt!(reference)).toEqual({ state: 'awaiting-receipt' });
  expect(await env.sim.processNow()).toBe(1);
  expect(fs.existsSync(folder)).toBe(false);
  await xmllint(env.receiptXsd, path.join(env.receiptDir, `${reference}.xml`));
  let r = await env.adapter.checkReceipt!(reference, d);
  if (r.state === 'awaiting-receipt' && env.dialect === 'eformidling' && d.entry.closes) {
    // #13 item 2: eFormidling has one journalpost per message; the application's avskrivning follows the reply's receipt
    const [followUp, ...more] = visible(env.outDir);
    expect(more).toEqual([]);
    await xmllint(OFFICIAL[env.dialect].message, path.join(env.outDir, followUp!, MESSAGE_FILE));
    expect(await env.sim.processNow()).toBe(1);
    r = await env.adapter.checkReceipt!(reference, d);
  }
  if (r.state !== 'archived') throw new Error(`expected archived, got ${JSON.stringify(r)}`);
  return r;
}

const replyTo = (app: ApplicationFixture, r: Extract<ReceiptResult, { state: 'archived' }>): ApplicationFixture =>
  outgoingReply(app, { caseFile: r.caseFile, entryArchiveSystemId: r.entry.archiveSystemId, journalpostnummer: r.entry.journalpostnummer });

describe.each(['eformidling', 'fiks-arkiv-v2'] as const)('arkivmelding drop folder (%s)', (dialect) => {
  it('hands an incoming application over atomically; the archive files it and the receipt carries its numbers; bytes intact', async () => {
    const env = await setup(dialect);
    const app = incomingApplication({ pdfSize: 3_000_000, attachments: 2 });
    const name = messageNameOf(app.delivery.entry.externalKey);
    const finalDir = path.join(env.outDir, name);
    const seen: string[][] = [];
    const load = app.delivery.loadDocument;
    // look at the drop folder while the adapter is half way through writing
    const delivery: ArchiveDelivery = {
      ...app.delivery,
      loadDocument: async (sha) => {
        seen.push(visible(env.outDir));
        expect(fs.existsSync(finalDir)).toBe(false);
        expect(await env.sim.processNow()).toBe(0); // the archive ignores the dot-folder
        return load(sha);
      },
    };
    const r = await deliverAndArchive(env, delivery);
    expect(seen).toHaveLength(3);
    expect(seen[0]).toEqual([`.${name}.partial`]);
    expect(seen[2]).toEqual([`.${name}.partial`]); // files were being written there, never under the final name

    const c = env.sim.state.caseFiles();
    const e = env.sim.state.entries();
    expect(c).toHaveLength(1);
    expect(e).toHaveLength(1);
    expect(r.caseFile).toEqual({ archiveSystemId: c[0]!.systemId, saksaar: 2026, sakssekvensnummer: c[0]!.sakssekvensnummer });
    expect(r.entry).toMatchObject({ archiveSystemId: e[0]!.systemId, journalaar: 2026, journalsekvensnummer: e[0]!.journalsekvensnummer, journalpostnummer: 1 });
    expect(r.entry.documents).toEqual(e[0]!.documents.map((d) => ({ number: d.dokumentnummer, archiveSystemId: d.systemId })));
    expect(c[0]).toMatchObject({ externalKey: app.delivery.caseFile.externalKey, title: app.delivery.caseFile.title, classification: [{ ordningsprinsipp: 'KK', ordningsverdi: 'A10' }] });
    expect(e[0]).toMatchObject({ externalKey: app.delivery.entry.externalKey, journalposttype: 'I', title: app.delivery.entry.title });
    expect(e[0]!.correspondents).toEqual([
      expect.objectContaining({ type: 'EA', name: 'Kari Nordmann', screened: false, personNumber: dialect === 'fiks-arkiv-v2' ? '01017012345' : null }),
    ]);
    // the documents' bytes, as the archive holds them
    expect(e[0]!.documents).toHaveLength(3);
    for (const { doc, bytes } of app.docs) {
      const held = e[0]!.documents.find((d) => d.dokumentnummer === doc.number)!;
      expect(held.tilknyttetRegistreringSom).toBe(doc.role === 'hoveddokument' ? (dialect === 'eformidling' ? 'Hoveddokument' : 'H') : dialect === 'eformidling' ? 'Vedlegg' : 'V');
      expect(held.sha256).toBe(doc.sha256);
      expect(sha256Hex(env.sim.state.files.get(held.systemId)!)).toBe(sha256Hex(bytes));
    }
    expect(visible(env.outDir)).toEqual([]);
  });

  it('files the reply (U) in the same case file and avskriver the application', async () => {
    const env = await setup(dialect);
    const app = incomingApplication();
    const i = await deliverAndArchive(env, app.delivery);
    const reply = replyTo(app, i);
    const u = await deliverAndArchive(env, reply.delivery);

    expect(u.caseFile).toEqual(i.caseFile);
    expect(u.entry.journalpostnummer).toBe(2);
    expect(u.entry.journalsekvensnummer).toBe(i.entry.journalsekvensnummer + 1);
    expect(env.sim.state.caseFiles()).toHaveLength(1);
    const entries = env.sim.state.entriesOf(i.caseFile.archiveSystemId);
    expect(entries.map((x) => x.journalposttype)).toEqual(['I', 'U']);
    expect(entries[1]!.correspondents).toEqual([expect.objectContaining({ type: 'EM', name: 'Kari Nordmann' })]);
    expect(env.sim.state.avskrivninger()).toEqual([
      { entrySystemId: i.entry.archiveSystemId, byEntrySystemId: u.entry.archiveSystemId, maate: dialect === 'eformidling' ? 'Besvart med brev' : 'BU' },
    ]);
    expect(sha256Hex(env.sim.state.files.get(u.entry.documents[0]!.archiveSystemId)!)).toBe(reply.docs[0]!.doc.sha256);
  });

  it('carries the screening of a health application: restriction, legal basis, public title, screened correspondent and class', async () => {
    const env = await setup(dialect);
    const app = incomingApplication({ screening: HEALTH_SCREENING, personNumber: '12048012345', title: 'Søknad om helsetjenester - Kari Nordmann' });
    const name = messageNameOf(app.delivery.entry.externalKey);
    await env.adapter.deliver(app.delivery);
    const xml = fs.readFileSync(path.join(env.outDir, name, MESSAGE_FILE), 'utf8');
    if (dialect === 'eformidling') {
      expect(xml).toContain('<skjermingMetadata>Skjerming navn avsender</skjermingMetadata>');
      expect(xml).toContain('<skjermingMetadata>Skjerming klasseID</skjermingMetadata>');
      expect(xml).toContain('<skjermingDokument>Skjerming av hele dokumentet</skjermingDokument>');
    } else {
      expect(xml).toMatch(/<erSkjermet>true<\/erSkjermet>/);
      expect(xml).toContain('<mdk:kode>13</mdk:kode>');
    }
    const r = await deliverAndArchive(env, app.delivery); // already waiting: same message, then archived
    const c = env.sim.state.caseFile(r.caseFile.archiveSystemId)!;
    const e = env.sim.state.entry(r.entry.archiveSystemId)!;
    expect(c).toMatchObject({ tilgangsrestriksjon: '13', skjermingshjemmel: HEALTH_SCREENING.skjermingshjemmel, titlePublic: 'Søknad om helse- og omsorgstjenester - ******' });
    expect(c.classification).toEqual([{ ordningsprinsipp: 'PNR', ordningsverdi: '12048012345' }]);
    expect(e).toMatchObject({ tilgangsrestriksjon: '13', skjermingshjemmel: HEALTH_SCREENING.skjermingshjemmel, titlePublic: 'Søknad om helse- og omsorgstjenester - ******' });
    expect(e.correspondents).toEqual([expect.objectContaining({ name: 'Kari Nordmann', screened: true })]);
  });

  it('is idempotent: twice before the receipt → one message; after the receipt → archived, no new message; a crashed write is replaced', async () => {
    const env = await setup(dialect);
    const app = incomingApplication();
    const a = await env.adapter.deliver(app.delivery);
    const b = await env.adapter.deliver(app.delivery);
    expect(b).toEqual(a);
    expect(visible(env.outDir)).toHaveLength(1);
    expect(await env.sim.processNow()).toBe(1);
    const again = await env.adapter.deliver(app.delivery);
    expect(again.state).toBe('archived');
    expect(visible(env.outDir)).toEqual([]);
    expect(env.sim.state.entries()).toHaveLength(1);
    const receipt = await env.adapter.checkReceipt!((a as { reference: string }).reference);
    expect(again).toEqual(receipt);

    // the receipt lost: the message goes again, and the archive's own dedupe answers «Eksisterende» with the same numbers
    fs.rmSync(path.join(env.receiptDir, `${(a as { reference: string }).reference}.xml`));
    expect((await env.adapter.deliver(app.delivery)).state).toBe('awaiting-receipt');
    await env.sim.processNow();
    expect(fs.readFileSync(path.join(env.receiptDir, `${(a as { reference: string }).reference}.xml`), 'utf8')).toContain('Eksisterende');
    expect(await env.adapter.checkReceipt!((a as { reference: string }).reference)).toEqual(receipt);
    expect(env.sim.state.entries()).toHaveLength(1);

    // a crash half way (the second document cannot be read): only the dot-folder remains, and the archive ignores it
    const other = incomingApplication();
    const name = messageNameOf(other.delivery.entry.externalKey);
    let calls = 0;
    const crashing: ArchiveDelivery = {
      ...other.delivery,
      loadDocument: async (sha) => {
        if (++calls === 2) throw new Error('disk gone');
        return other.delivery.loadDocument(sha);
      },
    };
    await expect(env.adapter.deliver(crashing)).rejects.toThrow('disk gone');
    expect(visible(env.outDir)).toEqual([`.${name}.partial`]);
    expect(await env.sim.processNow()).toBe(0);
    const next = await env.adapter.deliver(other.delivery);
    expect(next).toEqual({ state: 'awaiting-receipt', reference: name });
    expect(visible(env.outDir)).toEqual([name]);
    expect(visible(path.join(env.outDir, name))).toEqual(['1-soknad.pdf', '2-vedlegg-1.pdf', MESSAGE_FILE]);
    await xmllint(OFFICIAL[dialect].message, path.join(env.outDir, name, MESSAGE_FILE));
  });

  it('refuses to write a message its XSD rejects (a bug, surfaced as validation), and writes nothing', async () => {
    const env = await setup(dialect);
    const app = incomingApplication();
    const bad: ArchiveDelivery = { ...app.delivery, entry: { ...app.delivery.entry, journaldato: '27.11.2026' } };
    const err = await env.adapter.deliver(bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IntegrationError);
    expect((err as IntegrationError).kind).toBe('validation');
    expect((err as IntegrationError).message).toMatch(/journaldato/);
    expect(visible(env.outDir)).toEqual([]);
  });

  it('the archive rejects an invalid message with its own message, and a record made invalid at the archive side', async () => {
    const env = await setup(dialect);
    // 1. a hand-written message without the required tittel of its mappe
    const handWritten = 'handskrevet-1';
    fs.mkdirSync(path.join(env.outDir, handWritten), { recursive: true });
    const bad =
      dialect === 'fiks-arkiv-v2'
        ? `<?xml version="1.0" encoding="UTF-8"?>
<arkivmelding xmlns="https://ks-no.github.io/standarder/fiks-protokoll/fiks-arkiv/arkivmelding/opprett/v2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <system>Annet</system><antallFiler>0</antallFiler>
  <mappe xsi:type="saksmappe"><beskrivelse>uten tittel</beskrivelse></mappe>
</arkivmelding>`
        : `<?xml version="1.0" encoding="UTF-8"?>
<arkivmelding xmlns="http://www.arkivverket.no/standarder/noark5/arkivmelding" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <system>Annet</system><meldingId>1</meldingId><tidspunkt>2026-11-29T10:00:00Z</tidspunkt><antallFiler>0</antallFiler>
  <mappe xsi:type="saksmappe"><systemID>0b8f6a43-5f0e-4d9e-8d8a-1d1e2f3a4b5c</systemID><opprettetDato>2026-11-29T10:00:00Z</opprettetDato></mappe>
</arkivmelding>`;
    fs.writeFileSync(path.join(env.outDir, handWritten, MESSAGE_FILE), bad);
    expect(await env.sim.processNow()).toBe(1);
    const rejected = await env.adapter.checkReceipt!(handWritten);
    expect(rejected.state).toBe('rejected');
    expect((rejected as { message: string }).message).toMatch(/tittel/);
    expect((rejected as { message: string }).message).toMatch(/not expected|missing/i); // xmllint's own words
    if (OFFICIAL[dialect].error) await xmllint(OFFICIAL[dialect].error!, path.join(env.receiptDir, `${handWritten}.xml`));
    else await xmllint(env.receiptXsd, path.join(env.receiptDir, `${handWritten}.xml`));

    // 2. a valid message whose document disappears before the archive reads it
    const app = incomingApplication();
    const sent = (await env.adapter.deliver(app.delivery)) as { reference: string };
    fs.rmSync(path.join(env.outDir, sent.reference, '2-vedlegg-1.pdf'));
    expect(await env.sim.processNow()).toBe(1);
    const r = await env.adapter.checkReceipt!(sent.reference);
    expect(r).toEqual({ state: 'rejected', message: expect.stringMatching(/antallFiler|2-vedlegg-1\.pdf/) });
    expect(env.sim.state.rejections()).toHaveLength(2);
    expect(env.sim.state.entries()).toHaveLength(0);
    // delivering it again answers with the archive's rejection
    const again = await env.adapter.deliver(app.delivery).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(IntegrationError);
    expect(again).toMatchObject({ kind: 'validation', message: (r as { message: string }).message });
    expect(visible(env.outDir)).toEqual([]);
  });

  it('the simulator polls by itself when not paused', async () => {
    const env = await setup(dialect);
    env.sim.resume();
    const app = incomingApplication();
    const sent = (await env.adapter.deliver(app.delivery)) as { reference: string };
    let r: ReceiptResult = { state: 'awaiting-receipt' };
    for (let i = 0; i < 100 && r.state === 'awaiting-receipt'; i++) {
      await new Promise((res) => setTimeout(res, 50));
      r = await env.adapter.checkReceipt!(sent.reference);
    }
    expect(r.state).toBe('archived');
  });

  it('validates the messages of one pass together (one xmllint run), and applies them in order', async () => {
    const root = tempDir('pm-arkivmelding-batch-');
    const [outDir, receiptDir] = [path.join(root, 'ut'), path.join(root, 'kvittering')];
    const real = createXsdValidator();
    let waiting = 0;
    let mostWaiting = 0;
    // #18: each message waited for its own run before, so xmllint parsed the schema once per message
    const validator: XsdValidator = {
      async validate(xml, xsd) {
        mostWaiting = Math.max(mostWaiting, ++waiting);
        try {
          return await real.validate(xml, xsd);
        } finally {
          waiting--;
        }
      },
      close: () => real.close(),
    };
    const sim = await startArkivmeldingSimulator({ dialect, outDir, receiptDir, schemaDir: SCHEMA_DIR, paused: true, validator });
    const adapter = createArkivmeldingAdapter({ dialect, outDir, receiptDir }, { schemaDir: SCHEMA_DIR });
    open.push(sim, { close: async () => adapter.close?.() });
    const apps = [incomingApplication(), incomingApplication(), incomingApplication()];
    const refs: string[] = [];
    for (const a of apps) refs.push(((await adapter.deliver(a.delivery)) as { reference: string }).reference);
    fs.mkdirSync(path.join(outDir, 'zz-ugyldig'));
    fs.writeFileSync(path.join(outDir, 'zz-ugyldig', MESSAGE_FILE), '<arkivmelding/>');
    expect(await sim.processNow()).toBe(4);
    expect(mostWaiting).toBe(4);
    for (const ref of refs) expect((await adapter.checkReceipt!(ref)).state).toBe('archived');
    expect((await adapter.checkReceipt!('zz-ugyldig')).state).toBe('rejected');
    // applied in name order: the archive numbered the entries in that order
    const byName = [...refs].sort();
    const numbers = byName.map((ref) => sim.state.entries().find((e) => messageNameOf(e.externalKey ?? '') === ref)?.journalsekvensnummer);
    expect(numbers.every((n) => typeof n === 'number')).toBe(true);
    expect(numbers).toEqual([...numbers].sort((a, b) => a! - b!));
    expect(visible(outDir)).toEqual([]);
  });

  it('refuses a receipt reference that could leave the receipt folder', async () => {
    const env = await setup(dialect);
    await expect(env.adapter.checkReceipt!('../etc/passwd')).rejects.toMatchObject({ kind: 'permanent' });
  });
});
