import { createHash } from 'node:crypto';
import path from 'node:path';
import { PDFDocument, PDFName, PDFRawStream, PDFArray, PDFDict } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { IntegrationError } from '../../electron/core/errors';
import type { LetterDocument } from '../../electron/core/ports/letter-renderer.port';
import { createLetterPdfRenderer } from '../../integrations/letters/letter-pdf.renderer';
import { countryLine, createPrintPdfRenderer } from '../../integrations/letters/print-pdf.renderer';

const RESOURCES = path.resolve(__dirname, '../../resources');
const letterRenderer = createLetterPdfRenderer({ fontDir: path.join(RESOURCES, 'fonts') });
const renderer = createPrintPdfRenderer({ resourcesDir: RESOURCES });

const paragraph = (i: number) => `Avsnitt ${i}. Kommunen har behandlet søknaden om plass i skolefritidsordningen, og vi har lagt vekt på opplysningene i søknaden.`;
const letterDoc: LetterDocument = {
  municipality: { name: 'Ørland kommune', orgNumber: '964 982 953', unit: 'Oppvekst og kultur' },
  recipient: { name: 'Åse Ærøe Øvrebø', street: 'Storgata 12 B', postalCode: '7130', postalPlace: 'BREKSTAD' },
  caseNumber: '2026/123',
  date: '2026-11-29',
  title: 'Vedtak om plass i SFO',
  body: Array.from({ length: 30 }, (_, i) => paragraph(i + 1)).join('\n\n'),
  caseworker: { name: 'Kari Nordmann', unit: null },
  language: 'nb',
};

const input = (letter: Uint8Array, over: Partial<Parameters<typeof renderer.printReady>[0]> = {}) => ({
  letter,
  recipient: { name: 'Åse Ærøe Øvrebø', address: { lines: ['Storgata 12 B', 'c/o Nordmann'], postalCode: '7130', postalPlace: 'BREKSTAD', country: null } },
  sender: { name: 'Ørland kommune', orgNumber: '964 982 953' },
  reference: '2026/123-4',
  date: '2026-11-29',
  ...over,
});

/** Text per page, with pdfjs-dist (legacy build: runs in Node without a worker file). */
async function pageTexts(bytes: Uint8Array): Promise<string[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({ data: bytes.slice(), useSystemFonts: false, verbosity: 0 });
  const doc = await task.promise;
  const out: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    out.push(content.items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : ' ') : '')).join(''));
  }
  await task.destroy();
  return out;
}

/** Where each text item is, in mm from the page's top-left corner. */
async function positions(bytes: Uint8Array, pageNo: number): Promise<{ str: string; x: number; top: number }[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({ data: bytes.slice(), verbosity: 0 });
  const doc = await task.promise;
  const page = await doc.getPage(pageNo);
  const height = page.view[3]!;
  const content = await page.getTextContent();
  const mm = 25.4 / 72;
  const out = content.items.flatMap((it) => ('str' in it && it.str.trim() ? [{ str: it.str, x: it.transform[4] * mm, top: (height - it.transform[5]) * mm }] : []));
  await task.destroy();
  return out;
}

/** A page's content as the bytes of its (decoded-or-not) content streams, for an unchanged-page check. */
function contentBytes(doc: PDFDocument, index: number): string {
  const page = doc.getPage(index);
  const contents = page.node.get(PDFName.of('Contents'));
  const refs = contents instanceof PDFArray ? contents.asArray() : [contents];
  return refs
    .map((r) => doc.context.lookup(r))
    .map((s) => (s instanceof PDFRawStream ? createHash('sha256').update(s.contents).digest('hex') : String(s)))
    .join('|');
}

let letter: Uint8Array;
let letterPages: number;
let out: { bytes: Uint8Array; pages: number };

beforeAll(async () => {
  ({ bytes: letter, pages: letterPages } = await letterRenderer.render(letterDoc));
  out = await renderer.printReady(input(letter));
});

describe('print-ready PDF', () => {
  it('has the address page plus every letter page', async () => {
    expect(letterPages).toBeGreaterThanOrEqual(2);
    expect(out.pages).toBe(1 + letterPages);
    const doc = await PDFDocument.load(out.bytes);
    expect(doc.getPageCount()).toBe(1 + letterPages);
    for (const p of doc.getPages()) expect(p.getSize().width).toBeCloseTo(595.28, 1);
  });

  it('prints sender, recipient, address, date and reference on page 1', async () => {
    const [first] = await pageTexts(out.bytes);
    for (const s of ['Ørland kommune', 'Åse Ærøe Øvrebø', 'Storgata 12 B', 'c/o Nordmann', '7130 BREKSTAD', '29. november 2026', '2026/123-4']) expect(first).toContain(s);
    expect(first).not.toContain('NORWAY');
  });

  it('puts the recipient inside the envelope window (left window, about 20 mm from the left, 50 mm from the top)', async () => {
    const items = await positions(out.bytes, 1);
    for (const s of ['Åse Ærøe Øvrebø', 'Storgata 12 B', '7130 BREKSTAD']) {
      const it = items.find((i) => i.str === s)!;
      expect(it, s).toBeDefined();
      expect(it.x).toBeGreaterThanOrEqual(20);
      expect(it.x).toBeLessThan(30);
      expect(it.top).toBeGreaterThan(50);
      expect(it.top).toBeLessThan(95);
    }
    const sender = items.find((i) => i.str === 'Ørland kommune')!;
    expect(sender.top).toBeLessThan(30);
  });

  it('copies the letter pages unchanged', async () => {
    const printDoc = await PDFDocument.load(out.bytes);
    const letterDocPdf = await PDFDocument.load(letter);
    for (let i = 0; i < letterPages; i++) expect(contentBytes(printDoc, i + 1)).toBe(contentBytes(letterDocPdf, i));
    const [, ...rest] = await pageTexts(out.bytes);
    expect(rest).toEqual(await pageTexts(letter));
  });

  it('keeps the PDF/A-2b traits: XMP with pdfaid, sRGB output intent, embedded subset fonts, document ID', async () => {
    const doc = await PDFDocument.load(out.bytes, { updateMetadata: false });
    const meta = doc.context.lookup(doc.catalog.get(PDFName.of('Metadata')));
    expect(meta).toBeInstanceOf(PDFRawStream);
    const xmp = Buffer.from((meta as PDFRawStream).contents).toString('utf8');
    expect(xmp).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(xmp).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    expect(xmp).toContain('Vedtak om plass i SFO');
    const intents = doc.catalog.lookup(PDFName.of('OutputIntents'), PDFArray);
    const intent = intents.lookup(0, PDFDict);
    expect(intent.get(PDFName.of('S'))).toBe(PDFName.of('GTS_PDFA1'));
    expect(intent.get(PDFName.of('DestOutputProfile'))).toBeDefined();
    expect(doc.getTitle()).toBe('Vedtak om plass i SFO');
    expect(doc.getAuthor()).toBe('Ørland kommune');
    const raw = Buffer.from(out.bytes).toString('latin1');
    expect(raw).toMatch(/\/ID \[ <[0-9A-F]{32}> <[0-9A-F]{32}> \]/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans/);
    expect(raw).toContain('/FontFile2');
  });

  it('is deterministic: the same input gives the same bytes', async () => {
    const again = await renderer.printReady(input(letter));
    expect(Buffer.from(again.bytes).equals(Buffer.from(out.bytes))).toBe(true);
  });

  it('prints the country for an address abroad', async () => {
    const abroad = await renderer.printReady(
      input(letter, { recipient: { name: 'Sven Svensson', address: { lines: ['Storgatan 1'], postalCode: '111 22', postalPlace: 'STOCKHOLM', country: 'SE' } } }),
    );
    const [first] = await pageTexts(abroad.bytes);
    expect(first).toContain('111 22 STOCKHOLM');
    expect(first).toContain('SWEDEN');
    expect(countryLine('NO')).toBeNull();
    expect(countryLine(null)).toBeNull();
    expect(countryLine('dk')).toBe('DENMARK');
  });

  it('refuses what is not a PDF, a bad date and an address too long for the window', async () => {
    await expect(renderer.printReady(input(new TextEncoder().encode('not a pdf')))).rejects.toMatchObject({ kind: 'validation' });
    await expect(renderer.printReady(input(letter, { date: '2026-13-40' }))).rejects.toBeInstanceOf(IntegrationError);
    const lines = Array.from({ length: 8 }, (_, i) => `Linje ${i + 1}`);
    await expect(renderer.printReady(input(letter, { recipient: { name: 'X', address: { lines, postalCode: '7130', postalPlace: 'BREKSTAD', country: null } } }))).rejects.toMatchObject({
      kind: 'validation',
    });
  });

  it('renders print-ready letters fast (target 50/s; CPU time, so a busy machine does not decide it)', async () => {
    for (let i = 0; i < 5; i++) await renderer.printReady(input(letter, { reference: `warm/${i}` }));
    const n = 60;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < n; i++) await renderer.printReady(input(letter, { reference: `2026/${i}` }));
    const wall = n / ((performance.now() - t0) / 1000);
    const used = process.cpuUsage(cpu0);
    const cpuMs = (used.user + used.system) / 1000 / n;
    console.log(`print-ready PDF (${letterPages + 1} pages): ${cpuMs.toFixed(1)} ms CPU each = ${(1000 / cpuMs).toFixed(0)}/s on one core; ${wall.toFixed(1)}/s wall`);
    // the target is 50/s (test/bench); a quiet machine does ~90/s on one core, a shared CI runner about half that,
    // so the floor here only catches a regression by a factor, never a busy neighbour
    expect(1000 / cpuMs).toBeGreaterThanOrEqual(30);
  });
});
