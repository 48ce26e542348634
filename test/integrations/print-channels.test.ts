import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IntegrationError } from '../../electron/core/errors';
import type { PrintOrder } from '../../electron/core/ports/print-channel.port';
import { createPrintChannel } from '../../integrations/print/create-print-channel';
import { createHotFolderChannel, hotFolderSafeKey, type HotFolderManifest } from '../../integrations/print/hot-folder.channel';
import { startPrintVendor } from '../../integrations/print/simulator/print-vendor.simulator';
import { startSvarUtSimulator, type SvarUtSimulator } from '../../integrations/print/simulator/svarut.simulator';
import { createSvarUtPrintChannel, type SvarUtPrintChannelConfig } from '../../integrations/print/svarut-print.channel';
import { listenSimServer } from '../../integrations/shared/simulator/sim-server';

const FNR = '01017012345';
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function pdf(pages: number, filler = 0): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage([595.28, 841.89]);
  // a big, incompressible attachment makes writes slow enough for a reader to catch them half-way
  if (filler > 0) await doc.attach(Uint8Array.from({ length: filler }, (_, i) => (i * 2654435761) >>> 24), 'filler.bin', { mimeType: 'application/octet-stream' });
  return doc.save();
}

async function order(key: string, over: Partial<PrintOrder> = {}, o: { pages?: number; filler?: number } = {}): Promise<PrintOrder> {
  const letter = await pdf(2);
  const printReady = await pdf(o.pages ?? 3, o.filler ?? 0);
  return {
    key,
    recipient: { name: 'Åse Ærøe Øvrebø', address: { lines: ['Storgata 12 B', 'c/o Nordmann'], postalCode: '7130', postalPlace: 'BREKSTAD', country: null } },
    sender: { name: 'Ørland kommune', orgNumber: '964982953' },
    title: 'Vedtak om plass i SFO',
    letter: { bytes: letter, sha256: sha(letter), filename: 'Vedtak om plass i SFO.pdf' },
    printReady: { bytes: printReady, sha256: sha(printReady), pages: o.pages ?? 3 },
    options: { color: false, duplex: true },
    ...over,
  };
}

/** Every file under dir (relative paths) with size and mtime, to prove that nothing was written. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else {
        const st = fs.statSync(p);
        out[path.relative(dir, p)] = `${st.size}:${st.mtimeMs}:${st.ino}`;
      }
    }
  };
  walk(dir);
  return out;
}

// ---------------------------------------------------------------------------------------------
describe('hot folder channel', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-hotfolder-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes <safeKey>.pdf and a manifest with the order facts, and no temp files', async () => {
    const channel = createHotFolderChannel({ dir, now: () => Date.UTC(2026, 10, 29, 10) });
    const o = await order('reply:AB12-cd34');
    const receipt = await channel.submit(o);
    expect(channel.kind).toBe('hot-folder');
    expect(receipt).toEqual({ reference: hotFolderSafeKey('reply:AB12-cd34'), at: Date.UTC(2026, 10, 29, 10) });
    expect(receipt.reference).toMatch(/^reply_AB12-cd34-[0-9a-f]{16}$/);
    expect(fs.readdirSync(dir).sort()).toEqual([`${receipt.reference}.json`, `${receipt.reference}.pdf`]);
    const pdfBytes = fs.readFileSync(path.join(dir, `${receipt.reference}.pdf`));
    expect(sha(pdfBytes)).toBe(o.printReady.sha256);
    const m = JSON.parse(fs.readFileSync(path.join(dir, `${receipt.reference}.json`), 'utf8')) as HotFolderManifest;
    expect(m).toMatchObject({
      schema: 'postmottak.print-order/1',
      key: 'reply:AB12-cd34',
      reference: receipt.reference,
      created: '2026-11-29T10:00:00.000Z',
      file: `${receipt.reference}.pdf`,
      bytes: pdfBytes.length,
      sha256: o.printReady.sha256,
      pages: 3,
      title: 'Vedtak om plass i SFO',
      recipient: { name: 'Åse Ærøe Øvrebø', addressLines: ['Storgata 12 B', 'c/o Nordmann'], postalCode: '7130', postalPlace: 'BREKSTAD', country: null },
      sender: { name: 'Ørland kommune', orgNumber: '964982953' },
      options: { color: false, duplex: true },
    });
  });

  it('a reader never sees a manifest before its whole PDF (files appear atomically)', async () => {
    const channel = createHotFolderChannel({ dir });
    const orders = await Promise.all(Array.from({ length: 6 }, (_, i) => order(`reply:atomic-${i}`, {}, { filler: 3_000_000 })));
    const sizes = new Map(orders.map((o) => [`${hotFolderSafeKey(o.key)}.pdf`, o.printReady.bytes.length]));
    let done = false;
    let observations = 0;
    const violations: string[] = [];
    const watcher = (async () => {
      while (!done) {
        for (const n of fs.readdirSync(dir)) {
          if (n.startsWith('.')) continue;
          const p = path.join(dir, n);
          if (n.endsWith('.pdf')) {
            const size = fs.statSync(p, { throwIfNoEntry: false })?.size;
            if (size !== undefined && size !== sizes.get(n)) violations.push(`${n}: ${size} of ${sizes.get(n)} bytes visible`);
          } else if (n.endsWith('.json')) {
            const m = JSON.parse(fs.readFileSync(p, 'utf8')) as HotFolderManifest;
            const bytes = fs.readFileSync(path.join(dir, m.file));
            if (sha(bytes) !== m.sha256) violations.push(`${n}: manifest present, PDF incomplete`);
            observations++;
          }
        }
        await new Promise((r) => setImmediate(r));
      }
    })();
    for (const o of orders) await channel.submit(o);
    done = true;
    await watcher;
    expect(violations).toEqual([]);
    expect(observations).toBeGreaterThan(0);
    expect(fs.readdirSync(dir).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('is idempotent: a second submit of the key writes nothing and returns the same reference', async () => {
    let t = 1_000;
    const channel = createHotFolderChannel({ dir, now: () => (t += 1000) });
    const o = await order('reply:idem');
    const first = await channel.submit(o);
    const before = snapshot(dir);
    await new Promise((r) => setTimeout(r, 20));
    const second = await channel.submit(o);
    expect(second).toEqual(first);
    expect(snapshot(dir)).toEqual(before);

    // a fresh channel (after a restart) and concurrent submits: still one order
    const again = createHotFolderChannel({ dir });
    const results = await Promise.all([again.submit(o), again.submit(o)]);
    expect(results.map((r) => r.reference)).toEqual([first.reference, first.reference]);
    expect(snapshot(dir)).toEqual(before);

    // concurrent first submits of a new key write it once
    const n = await order('reply:concurrent');
    const [a, b] = await Promise.all([again.submit(n), again.submit(n)]);
    expect(a).toEqual(b);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith(a.reference))).toHaveLength(2);
  });

  it('does not write again once the vendor has taken the order (done/, archive/, .ok receipt)', async () => {
    const channel = createHotFolderChannel({ dir });
    const vendor = startPrintVendor({ dir });
    const o = await order('reply:taken');
    const first = await channel.submit(o);
    expect(await vendor.scanOnce()).toHaveLength(1);
    const before = snapshot(dir);
    expect(await channel.submit(o)).toMatchObject({ reference: first.reference });
    expect(snapshot(dir)).toEqual(before);

    // a vendor that archives instead, and one that only leaves a receipt
    fs.mkdirSync(path.join(dir, 'archive'));
    fs.renameSync(path.join(dir, 'done', `${first.reference}.json`), path.join(dir, 'archive', `${first.reference}.json`));
    expect((await channel.submit(o)).reference).toBe(first.reference);
    fs.rmSync(path.join(dir, 'archive'), { recursive: true });
    fs.rmSync(path.join(dir, 'done'), { recursive: true });
    const onlyReceipt = snapshot(dir);
    expect(Object.keys(onlyReceipt)).toEqual([`${first.reference}.ok.json`]);
    expect((await channel.submit(o)).reference).toBe(first.reference);
    expect(snapshot(dir)).toEqual(onlyReceipt);
    await vendor.stop();
  });

  it('survives a crash mid-write: a stale dot-temp and an orphan PDF are replaced by a complete order', async () => {
    const o = await order('reply:crash');
    const ref = hotFolderSafeKey(o.key);
    fs.writeFileSync(path.join(dir, `.${ref}.pdf.0123456789ab.tmp`), o.printReady.bytes.subarray(0, 100));
    fs.writeFileSync(path.join(dir, `${ref}.pdf`), o.printReady.bytes.subarray(0, 200)); // renamed, crash before the manifest
    const vendor = startPrintVendor({ dir });
    expect(await vendor.scanOnce()).toEqual([]); // no manifest: nothing for the vendor yet

    const channel = createHotFolderChannel({ dir });
    await channel.submit(o);
    expect(fs.readdirSync(dir).sort()).toEqual([`${ref}.json`, `${ref}.pdf`]);
    const printed = await vendor.scanOnce();
    expect(printed).toHaveLength(1);
    expect(printed[0]).toMatchObject({ reference: ref, pages: 3, sha256: o.printReady.sha256 });
    await vendor.stop();
  });

  it('the vendor simulator verifies sha256 and page count, moves to done/ and writes receipts', async () => {
    const channel = createHotFolderChannel({ dir });
    const vendor = startPrintVendor({ dir });
    const good = await order('reply:good');
    const bad = await order('reply:bad-pages');
    const tampered = await order('reply:tampered');
    const g = await channel.submit(good);
    const b = await channel.submit(bad);
    const t = await channel.submit(tampered);
    // a manifest that lies about the pages, and a PDF changed after the manifest was written
    const bm = path.join(dir, `${b.reference}.json`);
    fs.writeFileSync(bm, JSON.stringify({ ...JSON.parse(fs.readFileSync(bm, 'utf8')), pages: 7 }));
    fs.appendFileSync(path.join(dir, `${t.reference}.pdf`), '\n% changed\n');

    const printed = await vendor.scanOnce();
    expect(printed.map((p) => p.reference)).toEqual([g.reference]);
    expect(vendor.printed()[0]!.manifest.recipient.name).toBe('Åse Ærøe Øvrebø');
    expect(fs.existsSync(path.join(dir, 'done', `${g.reference}.pdf`))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'done', `${g.reference}.json`))).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(dir, `${g.reference}.ok.json`), 'utf8'))).toMatchObject({ status: 'printed', pages: 3, sha256: good.printReady.sha256 });
    expect(vendor.rejected().map((r) => r.reference).sort()).toEqual([b.reference, t.reference].sort());
    expect(JSON.parse(fs.readFileSync(path.join(dir, `${b.reference}.error.json`), 'utf8')).reason).toMatch(/sidetallet/);
    expect(JSON.parse(fs.readFileSync(path.join(dir, `${t.reference}.error.json`), 'utf8')).reason).toMatch(/sha256/);
    expect(await vendor.scanOnce()).toEqual([]); // receipts are never taken for manifests
    await vendor.stop();
  });

  it('the vendor simulator polls on its own with intervalMs', async () => {
    const channel = createHotFolderChannel({ dir });
    const vendor = startPrintVendor({ dir, intervalMs: 10 });
    const r = await channel.submit(await order('reply:polled'));
    const until = Date.now() + 5000;
    while (vendor.printed().length === 0 && Date.now() < until) await new Promise((res) => setTimeout(res, 10));
    expect(vendor.printed().map((p) => p.reference)).toEqual([r.reference]);
    await vendor.stop();
  });

  it('keeps fødselsnummer out of file names and manifests', async () => {
    const channel = createHotFolderChannel({ dir });
    const o = await order(`reply:${FNR}`, { title: `Vedtak for ${FNR}` });
    const r = await channel.submit(o);
    expect(r.reference).not.toContain(FNR);
    for (const n of fs.readdirSync(dir)) {
      expect(n).not.toContain(FNR);
      if (n.endsWith('.json')) expect(fs.readFileSync(path.join(dir, n), 'utf8')).not.toContain(FNR);
    }
    // distinct keys stay distinct after the digits are dropped
    expect(hotFolderSafeKey(`reply:${FNR}`)).not.toBe(hotFolderSafeKey('reply:01017054321'));
  });

  it('refuses an order whose bytes do not match its sha256', async () => {
    const channel = createHotFolderChannel({ dir });
    const o = await order('reply:mismatch');
    await expect(channel.submit({ ...o, printReady: { ...o.printReady, sha256: '0'.repeat(64) } })).rejects.toMatchObject({ kind: 'validation' });
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('createPrintChannel builds the hot folder from config', async () => {
    const channel = createPrintChannel({ channel: 'hot-folder', hotFolder: { dir } });
    expect(channel.kind).toBe('hot-folder');
    await channel.submit(await order('reply:factory'));
    expect(fs.readdirSync(dir)).toHaveLength(2);
    expect(() => createPrintChannel({ channel: 'svarut', svarut: { url: 'http://x', kontoId: 'k', integrasjonId: 'i', integrasjonPassord: 'p' } })).toThrow(IntegrationError);
  });
});

// ---------------------------------------------------------------------------------------------
describe('SvarUt print channel', () => {
  const KONTO = '6f1c8c3e-1b7a-4d0e-9a55-3c2f6a7b8c9d';
  const INTEGRASJON = '0a9b8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d';
  const PASSORD = 'hemmelig-passord';
  const TOKEN = 'maskinporten-token';
  let sim: SvarUtSimulator;

  const channel = (over: Partial<SvarUtPrintChannelConfig> = {}) =>
    createSvarUtPrintChannel({
      url: sim.url,
      kontoId: KONTO,
      integrasjonId: INTEGRASJON,
      integrasjonPassord: PASSORD,
      token: async () => TOKEN,
      timeoutMs: 5000,
      ...over,
    });

  beforeAll(async () => {
    sim = await startSvarUtSimulator({ kontoId: KONTO, integrasjonId: INTEGRASJON, integrasjonPassord: PASSORD, bearer: TOKEN });
  });
  afterAll(() => sim.close());
  afterEach(() => sim.faults.set({}));

  it('sends a print-only forsendelse: postal address without digitalId, the letter as filer_0', async () => {
    const c = channel({ now: () => 42 });
    const o = await order('reply:svarut-1', { options: { color: true, duplex: false } });
    const receipt = await c.submit(o);
    expect(c.kind).toBe('svarut');
    expect(receipt.at).toBe(42);
    const f = sim.forsendelse(receipt.reference)!;
    expect(f).toBeDefined();
    expect(f.channel).toBe('print');
    expect(f.forsendelse).toMatchObject({
      tittel: 'Vedtak om plass i SFO',
      mottaker: { navn: 'Åse Ærøe Øvrebø', adresselinje1: 'Storgata 12 B', adresselinje2: 'c/o Nordmann', postnummer: '7130', poststed: 'BREKSTAD' },
      eksternReferanse: 'reply:svarut-1',
      kunDigitalLevering: false,
      utskriftskonfigurasjon: { utskriftMedFarger: true, tosidig: false },
      dokumenter: [{ filnavn: 'Vedtak om plass i SFO.pdf', mimeType: 'application/pdf' }],
    });
    expect(f.forsendelse.mottaker).not.toHaveProperty('digitalId');
    expect(f.forsendelse.mottaker).not.toHaveProperty('land');
    expect(f.files).toHaveLength(1);
    expect(f.files[0]).toMatchObject({ part: 'filer_0', filename: 'Vedtak om plass i SFO.pdf', contentType: 'application/pdf' });
    expect(sha(f.files[0]!.bytes)).toBe(o.letter.sha256); // the letter, not the print-ready file: SvarUt makes its own cover page
    expect(JSON.stringify(f.forsendelse)).not.toContain(FNR);

    expect(await c.status([receipt.reference])).toEqual([{ id: receipt.reference, status: 'MOTTATT', sisteStatusEndring: expect.any(String) }]);
    expect(sim.advance(receipt.reference)).toBe(1);
    expect(sim.advance(receipt.reference)).toBe(1);
    expect(sim.advance(receipt.reference)).toBe(0);
    expect((await c.status([receipt.reference]))[0]!.status).toBe('PRINTET');
    expect((await c.hendelser(receipt.reference)).map((h) => h.hendelse)).toEqual(['Forsendelse mottatt', 'Sendt til print', 'Printet og sendt med post']);
  });

  it('a letter abroad carries land', async () => {
    const o = await order('reply:svarut-abroad', {
      recipient: { name: 'Sven Svensson', address: { lines: ['Storgatan 1'], postalCode: '111 22', postalPlace: 'STOCKHOLM', country: 'SE' } },
    });
    const r = await channel().submit(o);
    expect(sim.forsendelse(r.reference)!.forsendelse.mottaker).toMatchObject({ navn: 'Sven Svensson', postnummer: '111 22', poststed: 'STOCKHOLM', land: 'Sverige' });
  });

  it('is idempotent by key: a second submit returns the same id and sends nothing', async () => {
    const c = channel();
    const o = await order('reply:svarut-idem');
    const first = await c.submit(o);
    const sends = sim.requestsByOperation().send ?? 0;
    const second = await channel().submit(o);
    expect(second.reference).toBe(first.reference);
    expect(sim.countByEksternReferanse('reply:svarut-idem')).toBe(1);
    expect(sim.requestsByOperation().send ?? 0).toBe(sends);
  });

  it('looks up before sending, so a lost answer does not make a second letter', async () => {
    const c = channel();
    const o = await order('reply:svarut-lost');
    sim.faults.set({ send: { dropAfterRate: 1 } });
    const err = await c.submit(o).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IntegrationError);
    expect((err as IntegrationError).kind).toBe('transient');
    expect(sim.countByEksternReferanse('reply:svarut-lost')).toBe(1); // SvarUt has it, the client does not know
    sim.faults.set({});
    const retry = await c.submit(o);
    expect(retry.reference).toBe(sim.forsendelser().find((f) => f.forsendelse.eksternReferanse === 'reply:svarut-lost')!.id);
    expect(sim.countByEksternReferanse('reply:svarut-lost')).toBe(1);
  });

  it('400 → validation with SvarUt’s message', async () => {
    const o = await order('reply:svarut-400');
    const notPdf = new TextEncoder().encode('dette er ikke en pdf');
    const err = (await channel()
      .submit({ ...o, letter: { ...o.letter, bytes: notPdf, sha256: sha(notPdf) } })
      .catch((e: unknown) => e)) as IntegrationError;
    expect(err).toBeInstanceOf(IntegrationError);
    expect(err.kind).toBe('validation');
    expect(err.message).toMatch(/HTTP 400/);
    expect(err.message).toMatch(/ikke en PDF/);
    expect(sim.countByEksternReferanse('reply:svarut-400')).toBe(0);

    // Norwegian postnummer must be four digits (the simulator's rule from the spec's descriptions)
    const bad = await order('reply:svarut-400b', { recipient: { name: 'A', address: { lines: ['Gate 1'], postalCode: '71300', postalPlace: 'BREKSTAD', country: null } } });
    await expect(channel().submit(bad)).rejects.toMatchObject({ kind: 'validation' });
    // an incomplete address is refused before the call
    const noPlace = await order('reply:svarut-400c', { recipient: { name: 'A', address: { lines: ['Gate 1'], postalCode: '7130', postalPlace: '', country: null } } });
    await expect(channel().submit(noPlace)).rejects.toMatchObject({ kind: 'validation' });
    expect(sim.rejected().length).toBeGreaterThanOrEqual(2);
  });

  it('401 → auth (wrong IntegrasjonPassord, wrong token, failing token source)', async () => {
    const o = await order('reply:svarut-401');
    await expect(channel({ integrasjonPassord: 'feil' }).submit(o)).rejects.toMatchObject({ kind: 'auth' });
    await expect(channel({ token: async () => 'feil-token' }).submit(o)).rejects.toMatchObject({ kind: 'auth' });
    await expect(
      channel({
        token: async () => {
          throw new Error('maskinporten nede');
        },
      }).submit(o),
    ).rejects.toMatchObject({ kind: 'auth' });
    // a konto the integration has no access to is 403
    await expect(channel({ kontoId: '00000000-0000-4000-8000-000000000000' }).submit(o)).rejects.toMatchObject({ kind: 'auth' });
    expect(sim.countByEksternReferanse('reply:svarut-401')).toBe(0);
  });

  it('5xx → transient, on the lookup and on the send', async () => {
    const o = await order('reply:svarut-5xx');
    sim.faults.set({ eksternref: { errorRate: 1 } });
    await expect(channel().submit(o)).rejects.toMatchObject({ kind: 'transient' });
    sim.faults.set({ send: { errorRate: 1 } });
    await expect(channel().submit(o)).rejects.toMatchObject({ kind: 'transient' });
    expect(sim.countByEksternReferanse('reply:svarut-5xx')).toBe(0);
  });

  it('a timeout → transient', async () => {
    sim.faults.set({ '*': { latencyMs: 400 } });
    const err = (await channel({ timeoutMs: 100 })
      .submit(await order('reply:svarut-timeout'))
      .catch((e: unknown) => e)) as IntegrationError;
    expect(err.kind).toBe('transient');
    expect(err.message).toMatch(/tidsavbrudd/);
  });

  it('429 → rate-limited with Retry-After', async () => {
    const server = http.createServer((_req, res) => {
      res.writeHead(429, { 'Retry-After': '7', 'Content-Type': 'application/json' });
      res.end('{}');
    });
    const s = await listenSimServer(server);
    try {
      const err = (await channel({ url: `${s.origin}/api` })
        .submit(await order('reply:svarut-429'))
        .catch((e: unknown) => e)) as IntegrationError;
      expect(err.kind).toBe('rate-limited');
      expect(err.retryAfterMs).toBe(7000);
    } finally {
      await s.close();
    }
  });

  it('createPrintChannel builds SvarUt from config with the token from deps', async () => {
    const c = createPrintChannel(
      { channel: 'svarut', svarut: { url: sim.url, kontoId: KONTO, integrasjonId: INTEGRASJON, integrasjonPassord: PASSORD } },
      { svarUtToken: async () => TOKEN },
    );
    expect(c.kind).toBe('svarut');
    const r = await c.submit(await order('reply:svarut-factory'));
    expect(sim.forsendelse(r.reference)).toBeDefined();
  });

  it('the simulator validates the Forsendelse against the spec', async () => {
    const post = async (forsendelse: unknown, files: { name: string; type: string; bytes: Uint8Array }[] = []) => {
      const form = new FormData();
      form.append('forsendelse', new Blob([JSON.stringify(forsendelse)], { type: 'application/json' }));
      files.forEach((f, i) => form.append(`filer_${i}`, new Blob([f.bytes as Uint8Array<ArrayBuffer>], { type: f.type }), f.name));
      const res = await fetch(`${sim.url}/v2/kontoer/${KONTO}/forsendelser`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${TOKEN}`, IntegrasjonId: INTEGRASJON, IntegrasjonPassord: PASSORD },
        body: form,
      });
      return { status: res.status, body: (await res.json()) as { message?: string; id?: string } };
    };
    const letter = await pdf(1);
    const base = { tittel: 'T', mottaker: { navn: 'N', adresselinje1: 'Gate 1', postnummer: '7130', poststed: 'BREKSTAD' }, dokumenter: [{ filnavn: 'a.pdf', mimeType: 'application/pdf' }] };
    const files = [{ name: 'a.pdf', type: 'application/pdf', bytes: letter }];
    expect((await post(base, files)).status).toBe(200);
    expect((await post({ ...base, tittel: '' }, files)).body.message).toMatch(/tittel/);
    expect((await post({ ...base, mottaker: { navn: 'N' } }, files)).body.message).toMatch(/poststed/);
    expect((await post({ ...base, mottaker: { navn: 'N', poststed: 'X' } }, files)).body.message).toMatch(/postnummer/);
    expect((await post({ ...base, kunDigitalLevering: true, mottaker: { navn: 'N' } }, files)).body.message).toMatch(/digitalId/);
    expect((await post({ ...base, dokumenter: [{ filnavn: 'a.txt', mimeType: 'text/plain' }] }, [{ name: 'a.txt', type: 'text/plain', bytes: letter }])).body.message).toMatch(
      /application\/pdf/,
    );
    expect((await post({ ...base, dokumenter: [{ filnavn: 'a:b.pdf', mimeType: 'application/pdf' }] }, [{ name: 'a:b.pdf', type: 'application/pdf', bytes: letter }])).status).toBe(400);
    expect((await post(base, [])).status).toBe(400);
  });
});
