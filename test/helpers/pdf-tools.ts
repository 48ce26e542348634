import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef } from 'pdf-lib';
import { findOnPath } from './system-tool';

/**
 * poppler-utils' pdftotext, pdfinfo and pdffonts, for the tests that read a PDF back.
 *
 * Every call gives a list of opinions. The first is always computed in-process: text, boxes, the Info
 * dictionary and XMP from pdfjs-dist (Mozilla's PDF reader, legacy build for Node), the font table from
 * the PDF's objects read with pdf-lib; each is printed in the poppler tool's own output format (the
 * lines the tests read), so one assertion reads both. When the poppler tool is on PATH its output
 * follows as a second opinion. CI (.ci/run) installs poppler-utils, so both are exercised there.
 */
export interface PdfOpinion {
  tool: string;
  out: string;
}

type PdfjsModule = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type PdfjsDoc = Awaited<ReturnType<PdfjsModule['getDocument']>['promise']>;

async function withPdfjs<T>(file: string, fn: (doc: PdfjsDoc, pdfjs: PdfjsModule) => Promise<T>): Promise<T> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({ data: new Uint8Array(fs.readFileSync(file)), useSystemFonts: false, verbosity: 0 });
  try {
    return await fn(await task.promise, pdfjs);
  } finally {
    await task.destroy();
  }
}

function popplerOpinion(tool: 'pdftotext' | 'pdfinfo' | 'pdffonts', args: string[]): PdfOpinion[] {
  const exe = findOnPath(tool);
  return exe ? [{ tool, out: execFileSync(exe, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) }] : [];
}

interface Line {
  text: string;
  /** Top of the first glyph box, in points from the page's top edge. */
  words: { word: string; xMin: number; yMin: number; xMax: number; yMax: number }[];
}

/** A page's text as lines: text items in stream order, a new line at hasEOL or a change of baseline, a space across a gap. */
async function pageLines(doc: PdfjsDoc, n: number): Promise<Line[]> {
  const page = await doc.getPage(n);
  const height = page.view[3]!;
  const content = await page.getTextContent();
  const lines: Line[] = [];
  let cur: Line | null = null;
  let last: { x: number; y: number; end: number; size: number } | null = null;
  for (const item of content.items) {
    if (!('str' in item)) continue;
    const [size, , , , x, y] = item.transform as number[];
    if (item.str) {
      if (!cur || (last && Math.abs(last.y - y!) > 0.5)) {
        cur = { text: '', words: [] };
        lines.push(cur);
      } else if (last && x! - last.end > 0.1 * last.size && !/\s$/.test(cur.text) && !/^\s/.test(item.str)) {
        cur.text += ' ';
      }
      cur.text += item.str;
      const ascent = content.styles[item.fontName]?.ascent ?? 0.9;
      const descent = content.styles[item.fontName]?.descent ?? -0.2;
      // word boxes: exact at the item's start, proportional to the characters after it
      const perChar = item.str.length ? item.width / item.str.length : 0;
      for (const m of item.str.matchAll(/\S+/g)) {
        const xMin = x! + m.index * perChar;
        cur.words.push({ word: m[0], xMin, xMax: xMin + m[0].length * perChar, yMin: height - (y! + ascent * size!), yMax: height - (y! + descent * size!) });
      }
      last = { x: x!, y: y!, end: x! + item.width, size: size! };
    }
    if (item.hasEOL) cur = null;
  }
  return lines;
}

const pageRange = (args: readonly string[], count: number): number[] => {
  const opt = (name: string) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : undefined);
  const first = opt('-f') ?? 1;
  const last = opt('-l') ?? count;
  return Array.from({ length: Math.max(0, Math.min(last, count) - first + 1) }, (_, i) => first + i);
};

/** `pdftotext [-f n] [-l n] [-bbox] <file> -`: pages end with a form feed; -bbox gives pdftotext's <word xMin=… > lines. */
export async function pdftotext(file: string, args: readonly string[] = []): Promise<PdfOpinion[]> {
  const bbox = args.includes('-bbox');
  const mine = await withPdfjs(file, async (doc) => {
    let out = '';
    for (const n of pageRange(args, doc.numPages)) {
      const page = await doc.getPage(n);
      const lines = await pageLines(doc, n);
      if (bbox) {
        out += `  <page width="${page.view[2]!.toFixed(6)}" height="${page.view[3]!.toFixed(6)}">\n`;
        for (const w of lines.flatMap((l) => l.words)) {
          out += `    <word xMin="${w.xMin.toFixed(6)}" yMin="${w.yMin.toFixed(6)}" xMax="${w.xMax.toFixed(6)}" yMax="${w.yMax.toFixed(6)}">${w.word.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</word>\n`;
        }
        out += '  </page>\n';
      } else {
        out += lines.map((l) => `${l.text}\n`).join('') + '\f';
      }
    }
    return bbox ? `<doc>\n${out}</doc>\n` : out;
  });
  return [{ tool: 'pdfjs-dist', out: mine }, ...popplerOpinion('pdftotext', [...(bbox ? [] : ['-enc', 'UTF-8']), ...args, file, '-'])];
}

const PAPER: [string, number, number][] = [
  ['A4', 595.276, 841.89],
  ['A3', 841.89, 1190.55],
  ['A5', 419.528, 595.276],
  ['letter', 612, 792],
  ['legal', 612, 1008],
];

/** `pdfinfo [-isodates] <file>` (the lines the tests read), or with `-meta` the XMP metadata stream. */
export async function pdfinfo(file: string, args: readonly string[] = []): Promise<PdfOpinion[]> {
  const mine = await withPdfjs(file, async (doc, pdfjs) => {
    const { info, metadata } = (await doc.getMetadata()) as { info: Record<string, unknown>; metadata: { getRaw(): string } | null };
    if (args.includes('-meta')) return metadata ? `${metadata.getRaw()}\n` : '';
    const date = (raw: unknown): string => {
      const d = typeof raw === 'string' ? pdfjs.PDFDateString.toDateObject(raw) : null;
      if (!d) return '';
      return args.includes('-isodates') ? d.toISOString().replace(/\.\d{3}Z$/, 'Z') : d.toUTCString();
    };
    const page = await doc.getPage(1);
    const [w, h] = [page.view[2]! - page.view[0]!, page.view[3]! - page.view[1]!];
    const paper = PAPER.find(([, pw, ph]) => Math.abs(pw - w) < 1 && Math.abs(ph - h) < 1)?.[0];
    const g = (v: number) => String(Number(v.toPrecision(6)));
    const some = (a: unknown) => (a instanceof Map ? a.size > 0 : !!a && Object.keys(a).length > 0);
    let js = some(await doc.getJSActions());
    for (let n = 1; n <= doc.numPages && !js; n++) js = some(await (await doc.getPage(n)).getJSActions());
    const rows: [string, string | undefined][] = [
      ['Title', info['Title'] as string | undefined],
      ['Subject', info['Subject'] as string | undefined],
      ['Author', info['Author'] as string | undefined],
      ['Creator', info['Creator'] as string | undefined],
      ['Producer', info['Producer'] as string | undefined],
      ['CreationDate', date(info['CreationDate']) || undefined],
      ['ModDate', date(info['ModDate']) || undefined],
      ['Metadata Stream', metadata ? 'yes' : 'no'],
      ['Pages', String(doc.numPages)],
      ['Encrypted', info['EncryptFilterName'] ? 'yes' : 'no'],
      ['Page size', `${g(w)} x ${g(h)} pts${paper ? ` (${paper})` : ''}`],
      ['PDF version', String(info['PDFFormatVersion'] ?? '')],
      ['JavaScript', js ? 'yes' : 'no'],
    ];
    return rows.filter(([, v]) => v !== undefined).map(([k, v]) => `${`${k}:`.padEnd(15)} ${v}\n`).join('');
  });
  return [{ tool: 'pdfjs-dist', out: mine }, ...popplerOpinion('pdfinfo', [...args, file])];
}

const FONT_TYPES: Record<string, string> = {
  Type1: 'Type 1',
  MMType1: 'Type 1',
  Type3: 'Type 3',
  TrueType: 'TrueType',
  CIDFontType0: 'CID Type 0',
  CIDFontType2: 'CID TrueType',
};

/** `pdffonts <file>`: every font the pages use, read from the PDF's objects with pdf-lib. */
export async function pdffonts(file: string): Promise<PdfOpinion[]> {
  const doc = await PDFDocument.load(fs.readFileSync(file), { updateMetadata: false });
  const name = (d: PDFDict | undefined, key: string) => d?.get(PDFName.of(key))?.toString().replace(/^\//, '');
  const rows = new Map<string, string>();
  for (const page of doc.getPages()) {
    const fonts = page.node.Resources()?.lookupMaybe(PDFName.of('Font'), PDFDict);
    for (const [, ref] of fonts?.entries() ?? []) {
      const font = doc.context.lookup(ref, PDFDict);
      const subtype = name(font, 'Subtype') ?? '';
      const descendant =
        subtype === 'Type0' ? doc.context.lookup(font.lookup(PDFName.of('DescendantFonts'), PDFArray).get(0), PDFDict) : undefined;
      const descriptor = (descendant ?? font).lookupMaybe(PDFName.of('FontDescriptor'), PDFDict);
      const base = name(font, 'BaseFont') ?? '[none]';
      const type = FONT_TYPES[descendant ? (name(descendant, 'Subtype') ?? '') : subtype] ?? subtype;
      const encoding = font.get(PDFName.of('Encoding')) instanceof PDFName ? name(font, 'Encoding')! : 'Custom';
      const emb = ['FontFile', 'FontFile2', 'FontFile3'].some((k) => descriptor?.has(PDFName.of(k)));
      const sub = /^[A-Z]{6}\+/.test(base);
      const uni = font.has(PDFName.of('ToUnicode'));
      const yn = (b: boolean) => (b ? 'yes' : 'no ');
      const id = ref instanceof PDFRef ? `${String(ref.objectNumber).padStart(6)} ${String(ref.generationNumber).padStart(2)}` : '';
      rows.set(`${base}|${id}`, `${base.padEnd(36)} ${type.padEnd(17)} ${encoding.padEnd(16)} ${yn(emb)} ${yn(sub)} ${yn(uni)} ${id}`);
    }
  }
  const header = 'name                                 type              encoding         emb sub uni object ID\n------------------------------------ ----------------- ---------------- --- --- --- ---------\n';
  return [{ tool: 'pdf-lib', out: header + [...rows.values()].sort().map((r) => `${r}\n`).join('') }, ...popplerOpinion('pdffonts', [file])];
}
