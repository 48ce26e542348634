import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import jsonata from 'jsonata';
import { afterEach, describe, expect, it } from 'vitest';
import type { InternalSystemPort } from '../../electron/core/ports/internal-system.port';
import type { HandoverDocument } from '../../electron/core/routing/handover-document';
import { createFileTarget } from '../../integrations/internal/file/file.adapter';
import { internalTargetSchema, type InternalDeps, type InternalTargetConfig } from '../../integrations/internal/internal.config';
import { toCsv } from '../../integrations/internal/mapping/csv-payload.serialiser';
import { toXml } from '../../integrations/internal/mapping/xml-payload.serialiser';
import { gericaDemoTarget, startGericaSimulator } from '../../integrations/internal/simulator/gerica.simulator';
import { istBarnehageDemoTarget, startIstBarnehageSimulator, type IstBarnehageSimulator } from '../../integrations/internal/simulator/ist-barnehage.simulator';
import { istSfoDemoTarget, startIstSfoSimulator } from '../../integrations/internal/simulator/ist-sfo.simulator';
import { failure } from '../helpers/integration-error';
import { tempDir } from '../helpers/temp-dir';

const RESOURCES = path.resolve(__dirname, '../../resources');
const FNR = '01017012345';
const CHILD = '15041954321';
const deps = (now: () => number = Date.now): InternalDeps => ({ now, resourcesDir: RESOURCES, secrets: {} as never, maskinporten: {} as never });

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

function handoverDoc(key: string, target: string, over: { form: Record<string, string | null>; lists?: HandoverDocument['lists']; subjects?: HandoverDocument['subjects'] }): HandoverDocument {
  return {
    handover: { key, target },
    service: { id: target, version: 1, name: 'Søknad' },
    case: { publicId: 'PM-7Q2X', number: '2026/1234', journalpost: '2026/1234-1', receivedAt: '2026-03-02T10:15:00+01:00', receivedDate: '2026-03-02' },
    applicant: {
      name: 'Åse Ærøe Øvrebø',
      personNumber: FNR,
      birthDate: '1970-01-01',
      address: { street: 'Storgata 12 B', postalCode: '7130', postalPlace: 'BREKSTAD' },
      email: 'ase@example.no',
      phone: '+4791234567',
    },
    form: over.form,
    lists: over.lists ?? {},
    subjects: over.subjects ?? [],
    period: { from: over.form.desiredStart ?? null, to: null },
    registers: { applicant: null },
    decision: null,
    attachments: [{ title: 'Epikrise', filename: 'epikrise.pdf', contentType: 'application/pdf', size: 12345 }],
    municipality: { name: 'Ørland kommune', orgNumber: '964982953' },
  };
}

const mapping = (profile: string, target: string) => fs.readFileSync(path.join(RESOURCES, 'profiles', profile, 'mappings', `${target}.jsonata`), 'utf8');
const evaluate = async (profile: string, target: string, doc: HandoverDocument): Promise<unknown> =>
  JSON.parse(JSON.stringify(await jsonata(mapping(profile, target)).evaluate(doc))) as unknown;

const kindergartenDoc = (key: string) =>
  handoverDoc(key, 'ist-barnehage', {
    form: { desiredStart: '2026-08-15', firstChoice: 'Solstrålen barnehage', secondChoice: 'Regnbuen barnehage', thirdChoice: null, hours: '100 %', siblingInKindergarten: 'false', specialNeeds: 'Barnet har matallergi (nøtter).' },
    subjects: [{ name: 'Lille Øvrebø', personNumber: CHILD, birthDate: '2024-04-15' }],
  });

async function kindergartenXml(key: string): Promise<string> {
  const r = toXml(await evaluate('barnehageplass', 'ist-barnehage', kindergartenDoc(key)));
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.text;
}

async function barnehage(): Promise<{ sim: IstBarnehageSimulator; target: InternalSystemPort }> {
  const sim = await startIstBarnehageSimulator({ dir: tempDir('ist-bhg-'), receiptsDir: tempDir('ist-bhg-kv-') });
  closers.push(() => sim.close());
  return { sim, target: await createFileTarget('ist-barnehage', istBarnehageDemoTarget(sim), deps()) };
}

const leftovers = (dir: string) => fs.readdirSync(dir).filter((n) => n.startsWith('.') || n.endsWith('.tmp'));

describe('IST barnehage: XML file drop with receipts', () => {
  it('hands over the sample mapping, waits while IST is down, then reads the receipt back with IST’s reference', async () => {
    const { sim, target } = await barnehage();
    sim.faults.pause();
    const xml = await kindergartenXml('hov-0001');
    expect(await target.handOver({ key: 'hov-0001', payload: null, text: xml })).toEqual({ state: 'awaiting-receipt', token: 'hov-0001.xml' });
    expect(fs.readFileSync(path.join(sim.dir, 'hov-0001.xml'), 'utf8')).toBe(xml);
    expect(await target.checkReceipt!('hov-0001', 'hov-0001.xml')).toEqual({ state: 'awaiting-receipt' });

    sim.faults.resume();
    expect(await sim.whenProcessed('hov-0001')).toMatchObject({ status: 'imported', reference: 'IST-BHG-000001' });
    expect(await target.checkReceipt!('hov-0001', 'hov-0001.xml')).toEqual({ state: 'delivered', reference: 'IST-BHG-000001' });
    // read again (a crash before we recorded it): the same answer
    expect(await target.checkReceipt!('hov-0001', 'hov-0001.xml')).toEqual({ state: 'delivered', reference: 'IST-BHG-000001' });
    expect(sim.items()).toMatchObject([
      {
        eksternId: 'hov-0001',
        saksnummer: '2026/1234',
        foresatt: { fodselsnummer: FNR, navn: 'Åse Ærøe Øvrebø' },
        barn: [{ fodselsnummer: CHILD, navn: 'Lille Øvrebø' }],
        onsketOppstart: '2026-08-15',
        barnehager: [
          { prioritet: 1, navn: 'Solstrålen barnehage' },
          { prioritet: 2, navn: 'Regnbuen barnehage' },
        ],
      },
    ]);
    expect(fs.existsSync(path.join(sim.dir, 'arkiv', 'hov-0001.xml'))).toBe(true);
    expect(leftovers(sim.dir)).toEqual([]);
  });

  it('shows IST’s own message from a rejection receipt, and a retry after the fix is not answered by the old receipt', async () => {
    const { sim, target } = await barnehage();
    sim.faults.rejectNext('Barnet har allerede en aktiv søknad i IST.');
    await target.handOver({ key: 'hov-0002', payload: null, text: await kindergartenXml('hov-0002') });
    await sim.whenProcessed('hov-0002');
    expect(await target.checkReceipt!('hov-0002', 'hov-0002.xml')).toEqual({ state: 'rejected', message: 'Barnet har allerede en aktiv søknad i IST.' });

    // a mapping that breaks the XSD: refused with xmllint's words, the fødselsnummer masked
    const broken = (await kindergartenXml('hov-0003')).replace(`<Fodselsnummer>${CHILD}</Fodselsnummer>`, `<Fodselsnummer>${CHILD}9</Fodselsnummer>`);
    sim.faults.pause();
    await target.handOver({ key: 'hov-0003', payload: null, text: broken });
    sim.faults.resume();
    await sim.whenProcessed('hov-0003');
    const refused = await target.checkReceipt!('hov-0003', 'hov-0003.xml');
    expect(refused.state).toBe('rejected');
    const message = (refused as { message: string }).message;
    expect(message).toMatch(/^Skjemafeil: .*Fodselsnummer/);
    expect(message).not.toContain(CHILD);

    sim.faults.pause(); // the old receipt must be gone before IST answers the new file
    await target.handOver({ key: 'hov-0003', payload: null, text: await kindergartenXml('hov-0003') });
    expect(await target.checkReceipt!('hov-0003', 'hov-0003.xml')).toEqual({ state: 'awaiting-receipt' });
    sim.faults.resume();
    await sim.whenProcessed('hov-0003', 2);
    expect(await target.checkReceipt!('hov-0003', 'hov-0003.xml')).toEqual({ state: 'delivered', reference: 'IST-BHG-000001' });
    expect(sim.items().map((i) => i.eksternId)).toEqual(['hov-0003']);
  });

  it('a lost receipt, then the same key handed over again: one item, answered with the original reference', async () => {
    const { sim, target } = await barnehage();
    const xml = await kindergartenXml('hov-0004');
    sim.faults.dropNextReceipt();
    await target.handOver({ key: 'hov-0004', payload: null, text: xml });
    await sim.whenProcessed('hov-0004');
    expect(sim.items()).toHaveLength(1);
    expect(await target.checkReceipt!('hov-0004', 'hov-0004.xml')).toEqual({ state: 'awaiting-receipt' });

    await target.handOver({ key: 'hov-0004', payload: null, text: xml });
    expect(await sim.whenProcessed('hov-0004', 2)).toMatchObject({ status: 'duplicate', reference: 'IST-BHG-000001' });
    expect(await target.checkReceipt!('hov-0004', 'hov-0004.xml')).toEqual({ state: 'delivered', reference: 'IST-BHG-000001' });
    expect(sim.items()).toHaveLength(1);
  });

  it('writing a key whose file is still waiting in the folder replaces it: one file, one item', async () => {
    const { sim, target } = await barnehage();
    sim.faults.pause();
    const xml = await kindergartenXml('hov-0005');
    await target.handOver({ key: 'hov-0005', payload: null, text: xml });
    await target.handOver({ key: 'hov-0005', payload: null, text: xml });
    expect(fs.readdirSync(sim.dir).filter((n) => n.endsWith('.xml'))).toEqual(['hov-0005.xml']);
    sim.faults.resume();
    await sim.whenProcessed('hov-0005');
    expect(sim.items()).toHaveLength(1);
  });

  it('masks a fødselsnummer the target quotes; a receipt half written waits, one still unreadable after the grace period is an error', async () => {
    const receipts = tempDir('kv-');
    let now = Date.now();
    const t: InternalTargetConfig = { ...istBarnehageDemoTarget({ dir: tempDir('bhg-'), receiptsDir: receipts }) };
    const target = await createFileTarget('ist-barnehage', t, deps(() => now));
    fs.writeFileSync(path.join(receipts, 'k0.receipt.xml'), `<Kvittering><Status>AVVIST</Status><Melding>Ukjent barn ${CHILD}.</Melding></Kvittering>`);
    expect(await target.checkReceipt!('k0', 'k0.xml')).toEqual({ state: 'rejected', message: 'Ukjent barn ###########.' });
    fs.writeFileSync(path.join(receipts, 'k1.receipt.xml'), '<Kvittering xmlns="urn:ist:barnehage:kvittering:1"><Status>OK</Sta');
    expect(await target.checkReceipt!('k1', 'k1.xml')).toEqual({ state: 'awaiting-receipt' });
    now += 60_000;
    const e = await failure(target.checkReceipt!('k1', 'k1.xml'));
    expect(e.kind).toBe('permanent');
    expect(e.message).toContain('k1.receipt.xml');
  });
});

describe('IST SFO: CSV file drop', () => {
  it('hands over one row per child from the sample mapping; IST SFO reads them', async () => {
    const sim = await startIstSfoSimulator({ dir: tempDir('ist-sfo-') });
    closers.push(() => sim.close());
    const t = istSfoDemoTarget(sim);
    const target = await createFileTarget('ist-sfo', t, deps());
    const doc = handoverDoc('hov-sfo-1', 'ist-sfo', {
      form: { school: 'Nordby skole', desiredStart: '2026-08-17', placeType: '60', comment: 'Henter selv; «onsdager» kl. 14;30\nog fredager' },
      lists: {
        children: [
          { name: 'Per Øvrebø', personNumber: CHILD, grade: '1' },
          { name: 'Pål "Junior" Øvrebø', personNumber: '15041954322', grade: '3' },
        ],
      },
    });
    const csv = toCsv(await evaluate('sfo-plass', 'ist-sfo', doc), { columns: t.file!.csv!.columns, delimiter: t.file!.csv!.delimiter });
    if (!csv.ok) throw new Error(JSON.stringify(csv.problems));
    expect(await target.handOver({ key: 'hov-sfo-1', payload: null, text: csv.text })).toEqual({ state: 'delivered', reference: null });
    expect(await sim.whenProcessed('hov-sfo-1')).toMatchObject({ status: 'imported' });
    expect(sim.items().map((i) => i.row)).toMatchObject([
      { EksternId: 'hov-sfo-1', BarnNavn: 'Per Øvrebø', BarnFodselsnummer: CHILD, Trinn: '1', Skole: 'Nordby skole', Plasstype: '60', Merknad: 'Henter selv; «onsdager» kl. 14;30\nog fredager' },
      { EksternId: 'hov-sfo-1', BarnNavn: 'Pål "Junior" Øvrebø', Trinn: '3', Saksnummer: '2026/1234', ForesattNavn: 'Åse Ærøe Øvrebø' },
    ]);

    // the same file again (a crash before we recorded the hand-over): not imported twice
    await target.handOver({ key: 'hov-sfo-1', payload: null, text: csv.text });
    expect(await sim.whenProcessed('hov-sfo-1', 2)).toMatchObject({ status: 'duplicate' });
    expect(sim.items()).toHaveLength(2);
  });

  it('refuses a file without the columns it needs, and the rejection fault', async () => {
    const sim = await startIstSfoSimulator({ dir: tempDir('ist-sfo-') });
    closers.push(() => sim.close());
    const target = await createFileTarget('ist-sfo', istSfoDemoTarget(sim), deps());
    await target.handOver({ key: 'bad', payload: null, text: 'EksternId;Skole\r\nbad;Nordby skole\r\n' });
    expect(await sim.whenProcessed('bad')).toMatchObject({ status: 'rejected', message: expect.stringMatching(/^Mangler kolonnen ForesattFodselsnummer/) as unknown });
    sim.faults.rejectNext('Skolen finnes ikke i IST SFO.');
    await target.handOver({ key: 'bad2', payload: null, text: 'x\r\n' });
    expect(await sim.whenProcessed('bad2')).toEqual({ key: 'bad2', status: 'rejected', message: 'Skolen finnes ikke i IST SFO.' });
    expect(fs.readFileSync(path.join(sim.dir, 'avvist', 'bad2.feil.txt'), 'utf8')).toContain('Skolen finnes ikke');
    expect(sim.items()).toEqual([]);
  });
});

const careDoc = (key: string, description = 'Jeg brakk hoften i februar og trenger opptrening for å klare meg hjemme.') =>
  handoverDoc(key, 'gerica', {
    form: {
      serviceType: 'rehabilitering',
      description,
      dischargedFromHospital: '2026-02-20',
      desiredStart: '2026-03-15',
      gp: 'Dr. Ingrid Solberg, Torget legesenter',
      nextOfKinName: 'Kari Øvrebø',
      nextOfKinPhone: '90000000',
      nextOfKinRelation: 'datter',
      consentToCollect: 'true',
    },
  });

describe('Gerica: structured JSON hand-over', () => {
  it('the sample mapping meets gerica.schema.json and Gerica imports it once', async () => {
    const sim = await startGericaSimulator({ dir: tempDir('gerica-') });
    closers.push(() => sim.close());
    const t = gericaDemoTarget(sim);
    expect(t.manualFallback).toBe(true);
    const payload = await evaluate('helse-omsorg', 'gerica', careDoc('hov-g-1'));
    const schema = JSON.parse(fs.readFileSync(path.join(RESOURCES, t.schema!), 'utf8')) as object;
    const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
    expect(validate(payload), JSON.stringify(validate.errors)).toBe(true);
    expect(payload).toMatchObject({ samtykkeInnhenting: true, tjenester: [{ kode: 'rehabilitering', onsketOppstart: '2026-03-15' }], skjerming: { taushetsbelagt: true } });

    const target = await createFileTarget('gerica', t, deps());
    expect(await target.handOver({ key: 'hov-g-1', payload, text: null })).toEqual({ state: 'delivered', reference: null });
    expect(await sim.whenProcessed('hov-g-1')).toMatchObject({ status: 'imported', reference: 'GER-000001' });
    expect(sim.items()[0]!.document).toEqual(payload);
    await target.handOver({ key: 'hov-g-1', payload, text: null });
    expect(await sim.whenProcessed('hov-g-1', 2)).toMatchObject({ status: 'duplicate', reference: 'GER-000001' });
    expect(sim.items()).toHaveLength(1);
  });

  it('Gerica refuses a document without the patient', async () => {
    const sim = await startGericaSimulator({ dir: tempDir('gerica-') });
    closers.push(() => sim.close());
    const target = await createFileTarget('gerica', gericaDemoTarget(sim), deps());
    await target.handOver({ key: 'hov-g-2', payload: { skjemaversjon: '1', eksternId: 'hov-g-2', tjenester: [{ kode: 'trygghetsalarm' }], situasjon: { beskrivelse: 'x' } }, text: null });
    expect(await sim.whenProcessed('hov-g-2')).toMatchObject({ status: 'rejected', message: 'Mangler pasient.fodselsnummer, pasient.navn.' });
  });
});

/**
 * A watcher that reads every file it sees the moment it appears (in a tight loop, like a
 * target polling hard) and chokes on half a JSON document.
 */
function eagerReader(dir: string) {
  const partial: string[] = [];
  const seen = new Set<string>();
  let stopped = false;
  let onPartial: () => void = () => undefined;
  const firstPartial = new Promise<void>((r) => (onPartial = r));
  let wanted = Infinity;
  let onSeen: () => void = () => undefined;
  const tick = () => {
    if (stopped) return;
    for (const n of fs.readdirSync(dir)) {
      if (n.startsWith('.') || n.endsWith('.tmp') || !n.endsWith('.json') || seen.has(n)) continue;
      let text: string;
      try {
        text = fs.readFileSync(path.join(dir, n), 'utf8');
      } catch {
        continue; // taken by the target meanwhile
      }
      try {
        JSON.parse(text);
        seen.add(n);
        if (seen.size >= wanted) onSeen();
      } catch {
        partial.push(n);
        onPartial();
      }
    }
    setImmediate(tick);
  };
  setImmediate(tick);
  const whenSeen = (n: number) =>
    new Promise<void>((r) => {
      wanted = n;
      onSeen = r;
      if (seen.size >= n) r();
    });
  return { partial, seen, firstPartial, whenSeen, stop: () => void (stopped = true) };
}

describe('file drop: atomic writes and folder errors', () => {
  it('a target reading eagerly never sees a partial file, and no temp files are left', async () => {
    // the control: the same reader does choke on a file written in place
    const naiveDir = tempDir('naive-');
    const control = eagerReader(naiveDir);
    const fh = fs.openSync(path.join(naiveDir, 'naive.json'), 'w');
    fs.writeSync(fh, '{"situasjon": {"beskrivelse": "');
    await control.firstPartial;
    fs.writeSync(fh, 'x"}}');
    fs.closeSync(fh);
    control.stop();
    expect(control.partial).toContain('naive.json');

    const sim = await startGericaSimulator({ dir: tempDir('gerica-') });
    closers.push(() => sim.close());
    sim.faults.pause(); // until the eager reader has read every file whole
    const reader = eagerReader(sim.dir);
    const target = await createFileTarget('gerica', gericaDemoTarget(sim), deps());
    const big = 'Opptrening etter hoftebrudd. '.repeat(70_000); // ~2 MB per file
    const keys = Array.from({ length: 8 }, (_, i) => `hov-big-${i}`);
    const payloads = await Promise.all(keys.map((k) => evaluate('helse-omsorg', 'gerica', careDoc(k, big))));
    await Promise.all(keys.map((key, i) => target.handOver({ key, payload: payloads[i], text: null })));
    await reader.whenSeen(keys.length);
    sim.faults.resume();
    for (const k of keys) expect(await sim.whenProcessed(k)).toMatchObject({ status: 'imported' });
    reader.stop();
    expect(reader.partial).toEqual([]);
    expect(sim.items()).toHaveLength(keys.length);
    expect(leftovers(sim.dir)).toEqual([]);
  });

  it('a missing folder is transient, naming the folder and nothing of the application', async () => {
    const missing = path.join(tempDir('drop-'), 'ikke-montert');
    const t: InternalTargetConfig = { ...gericaDemoTarget({ dir: missing }) };
    const target = await createFileTarget('gerica', t, deps());
    const e = await failure(target.handOver({ key: 'hov-m-1', payload: (await evaluate('helse-omsorg', 'gerica', careDoc('hov-m-1'))) as object, text: null }));
    expect(e.kind).toBe('transient');
    expect(e.message).toBe(`Gerica: mappen «${missing}» finnes ikke (ENOENT).`);
    expect(fs.existsSync(missing)).toBe(false); // never created: it may be a share that is not mounted
  });

  it('a folder that cannot be written to is permanent; a receipts folder that is gone is transient', async () => {
    const notADir = path.join(tempDir('drop-'), 'fil');
    fs.writeFileSync(notADir, '');
    const target = await createFileTarget('gerica', { ...gericaDemoTarget({ dir: notADir }) }, deps());
    const e = await failure(target.handOver({ key: 'hov-m-2', payload: { a: FNR }, text: null }));
    expect(e.kind).toBe('permanent');
    expect(e.message).toContain(notADir);
    expect(e.message).not.toContain(FNR);

    const receipts = path.join(tempDir('kv-'), 'borte');
    const ist = await createFileTarget('ist-barnehage', istBarnehageDemoTarget({ dir: tempDir('bhg-'), receiptsDir: receipts }), deps());
    const gone = await failure(ist.checkReceipt!('hov-m-3', 'hov-m-3.xml'));
    expect(gone.kind).toBe('transient');
    expect(gone.message).toContain(receipts);
  });

  it('the demo targets are valid config; a receipts folder that is the import folder is not', () => {
    for (const t of [istBarnehageDemoTarget({ dir: '/a', receiptsDir: '/b' }), istSfoDemoTarget({ dir: '/a' }), gericaDemoTarget({ dir: '/a' })]) {
      expect(internalTargetSchema.parse(t)).toEqual(t);
    }
    const same = internalTargetSchema.safeParse(istBarnehageDemoTarget({ dir: '/a/inn', receiptsDir: '/a/inn/' }));
    expect(same.success).toBe(false);
    expect(same.error?.issues[0]?.path).toEqual(['file', 'receipts', 'dir']);
  });

  it('refuses a key that is not a plain file name, and XML without its text', async () => {
    const dir = tempDir('drop-');
    const target = await createFileTarget('ist-barnehage', istBarnehageDemoTarget({ dir, receiptsDir: tempDir('kv-') }), deps());
    for (const key of ['../utenfor', '.skjult', 'a/b', 'a:b', '']) {
      expect((await failure(target.handOver({ key, payload: {}, text: '<x/>' }))).kind).toBe('permanent');
    }
    expect((await failure(target.handOver({ key: 'k', payload: {}, text: null }))).kind).toBe('validation');
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
