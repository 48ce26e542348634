import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { degrees, drawLinesOfText, PDFContentStream, PDFDocument, rgb, type PDFFont, type PDFName, type PDFOperator, type PDFPage } from 'pdf-lib';
import { IntegrationError } from '../../electron/core/errors';
import type { LetterDocument, LetterRenderer } from '../../electron/core/ports/letter-renderer.port';
import { embedLetterFont, loadLetterAssets, type LetterAssets, type LetterPdfRendererDeps } from '../shared/pdf/font/letter-fonts';
import { savePdfA } from '../shared/pdf/pdfa-metadata';

export { embedLetterFont, LETTER_FONT_FILES, loadLetterAssets, type LetterAssets, type LetterPdfRendererDeps } from '../shared/pdf/font/letter-fonts';
export { LETTER_FONT_FEATURES } from '../shared/pdf/font/plain-glyphs';

/**
 * The reply letter as PDF/A-2b: A4, DejaVu Sans embedded as subsets, XMP metadata and an sRGB
 * output intent. The output is a pure function of the letter: dates come from letter.date and
 * the document ID and font subset tags from a hash of the letter, so a preview is byte for byte
 * what is archived later.
 */


/** Changing the layout changes this, and so the document IDs: an old ID never names a new rendering. */
const LAYOUT_VERSION = 'letter-pdf/1';

export const MM = 72 / 25.4;
export const A4 = { width: 210 * MM, height: 297 * MM };
const MARGIN = { left: 25 * MM, right: 20 * MM, top: 25 * MM, bottom: 25 * MM };
const TEXT_WIDTH = A4.width - MARGIN.left - MARGIN.right;
/** Window envelope (C5/DL with a left window): the address field starts 45 mm from the top, 25 mm from the left. */
const ADDRESS = { x: 25 * MM, top: 45 * MM, width: 85 * MM };
const REFS = { x: 120 * MM, valueX: 140 * MM, top: 45 * MM };
const BODY_START_FIRST_PAGE = 95 * MM;
const FOOTER_BASELINE = 12 * MM;

const SIZE = { letterhead: 18, unit: 10, address: 11, refs: 10, title: 13, body: 11, footer: 8.5 } as const;
const LEADING = 1.4;
const BLACK = rgb(0, 0, 0);
const GREY = rgb(0.33, 0.33, 0.33);

type Lang = LetterDocument['language'];
const LABELS: Record<Lang, { ourRef: string; date: string; page: (n: number, m: number) => string; closing: string; orgNo: string; locale: string; bcp47: string }> = {
  nb: { ourRef: 'Vår ref.', date: 'Dato', page: (n, m) => `Side ${n} av ${m}`, closing: 'Med hilsen', orgNo: 'Org.nr.', locale: 'nb-NO', bcp47: 'nb-NO' },
  nn: { ourRef: 'Vår ref.', date: 'Dato', page: (n, m) => `Side ${n} av ${m}`, closing: 'Med helsing', orgNo: 'Org.nr.', locale: 'nn-NO', bcp47: 'nn-NO' },
  en: { ourRef: 'Our ref.', date: 'Date', page: (n, m) => `Page ${n} of ${m}`, closing: 'Yours sincerely', orgNo: 'Org. no.', locale: 'en-GB', bcp47: 'en' },
};

/** "2026-11-29" → the letter's date at 12:00 UTC (the same calendar day in every time zone a viewer may use). */
export function parseLetterDate(iso: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12)) : null;
  if (!m || !d || d.getUTCFullYear() !== Number(m[1]) || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) {
    throw new IntegrationError('validation', `Brevdatoen «${iso}» er ikke en gyldig dato (ÅÅÅÅ-MM-DD).`, { integration: 'letter-pdf' });
  }
  return d;
}

const dateFormats = new Map<Lang, Intl.DateTimeFormat>();
/** "2026-11-29" → "29. november 2026" (nb/nn) or "29 November 2026" (en). */
export function formatLetterDate(iso: string, language: Lang = 'nb'): string {
  let f = dateFormats.get(language);
  if (!f) {
    f = new Intl.DateTimeFormat(LABELS[language].locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    dateFormats.set(language, f);
  }
  return f.format(parseLetterDate(iso));
}

/** The letter's canonical form, hashed for the document ID and the font subset tags. */
function letterHash(letter: LetterDocument): Buffer {
  const canonical = [
    LAYOUT_VERSION,
    [letter.municipality.name, letter.municipality.orgNumber, letter.municipality.unit],
    [letter.recipient.name, letter.recipient.street, letter.recipient.postalCode, letter.recipient.postalPlace],
    letter.caseNumber,
    letter.date,
    letter.title,
    letter.body,
    [letter.caseworker.name, letter.caseworker.unit],
    letter.language,
  ];
  return createHash('sha256').update(JSON.stringify(canonical), 'utf8').digest();
}

/** Six capital letters, as ISO 32000 wants before the "+" of a subset font's name. */
export const subsetTag = (bytes: Uint8Array): string => Array.from(bytes.subarray(0, 6), (b) => String.fromCharCode(65 + (b % 26))).join('');

/**
 * Plain text as the fonts can draw it: NFC (so "å" is one glyph), tabs as spaces, no control
 * characters, and anything the font lacks as U+FFFD, never the .notdef glyph PDF/A forbids.
 */
export function cleanText(text: string, coverage: Set<number>): string {
  const fallback = coverage.has(0xfffd) ? '\uFFFD' : '?';
  let out = '';
  for (const ch of text.normalize('NFC').replace(/\r\n?/g, '\n').replace(/\t/g, ' ')) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '\n') out += ch;
    else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp === 0xad || (cp >= 0x200b && cp <= 0x200f) || cp === 0xfeff) continue;
    else if (cp === 0xa0 || cp === 0x202f) out += coverage.has(cp) ? ch : ' ';
    else out += coverage.has(cp) ? ch : fallback;
  }
  return out;
}

/** Measures words once per render; widths add up because ligatures and kerning are off. */
export class Measure {
  private readonly cache = new Map<string, number>();
  constructor(
    readonly font: PDFFont,
    readonly size: number,
  ) {}
  width(text: string): number {
    let w = this.cache.get(text);
    if (w === undefined) {
      w = this.font.widthOfTextAtSize(text, this.size);
      this.cache.set(text, w);
    }
    return w;
  }
}

/** Greedy word wrap of one hard line; a word wider than the line is broken between characters. */
export function wrapLine(line: string, m: Measure, maxWidth: number): string[] {
  const words = line.split(/ +/).filter((w) => w.length > 0);
  if (words.length === 0) return [''];
  const space = m.width(' ');
  const lines: string[] = [];
  let current = '';
  let currentWidth = 0;
  const push = () => {
    if (current) lines.push(current);
    current = '';
    currentWidth = 0;
  };
  for (const word of words) {
    const w = m.width(word);
    if (current && currentWidth + space + w <= maxWidth) {
      current += ' ' + word;
      currentWidth += space + w;
      continue;
    }
    push();
    if (w <= maxWidth) {
      current = word;
      currentWidth = w;
      continue;
    }
    for (const ch of word) {
      const cw = m.width(ch);
      if (current && currentWidth + cw > maxWidth) push();
      current += ch;
      currentWidth += cw;
    }
  }
  push();
  return lines;
}

interface TextOp {
  text: string;
  x: number;
  /** Baseline, measured from the page's top edge. */
  y: number;
  font: PDFFont;
  size: number;
  color?: ReturnType<typeof rgb>;
}

/** A run of lines that flows over pages; `keepTogether` moves the whole block to the next page if it does not fit. */
interface Block {
  lines: { text: string; font: PDFFont; size: number }[];
  spaceBefore: number;
  keepTogether?: boolean;
}

function flow(blocks: Block[], firstTop: number): TextOp[][] {
  const pages: TextOp[][] = [[]];
  const bottom = A4.height - MARGIN.bottom;
  let y = firstTop;
  const newPage = () => {
    pages.push([]);
    y = MARGIN.top;
  };
  for (const block of blocks) {
    const height = block.lines.reduce((h, l) => h + l.size * LEADING, 0);
    const onFreshPage = () => pages[pages.length - 1]!.length === 0;
    if (!onFreshPage()) y += block.spaceBefore;
    if (block.keepTogether && y + height > bottom && !onFreshPage()) newPage();
    for (const line of block.lines) {
      const lh = line.size * LEADING;
      if (y + lh > bottom && !onFreshPage()) newPage();
      y += lh;
      if (line.text) pages[pages.length - 1]!.push({ text: line.text, x: MARGIN.left, y: y - lh * 0.25, font: line.font, size: line.size });
      else if (onFreshPage()) y -= lh; // no blank line at the top of a page
    }
  }
  return pages;
}

/**
 * pdf-lib deflates with pako, which sets up a fresh 200 KB state per stream; this document's
 * font programs, ToUnicode maps, page contents and ICC profile go through Node's zlib instead
 * (the same FlateDecode format, other bytes than pako's).
 */
export function useNodeDeflate(doc: PDFDocument): void {
  const ctx = doc.context;
  ctx.flateStream = (contents, dict = {}) =>
    ctx.stream(deflateSync(typeof contents === 'string' ? Buffer.from(contents, 'latin1') : contents), { ...dict, Filter: 'FlateDecode' });
}

const deflated = new WeakMap<Uint8Array, Uint8Array>();
/** `bytes` compressed as useNodeDeflate does it, once per array (the ICC profile: the same in every document). */
export function deflatedOnce(bytes: Uint8Array): Uint8Array {
  let out = deflated.get(bytes);
  if (!out) {
    out = new Uint8Array(deflateSync(bytes));
    deflated.set(bytes, out);
  }
  return out;
}

/** What page.drawText() does to a string before encoding it (pdf-lib's cleanText and lineSplit). */
const pdfLibLines = (text: string): string[] =>
  text
    .replace(/\t|\u0085|\u2028|\u2029/g, '    ')
    .replace(/[\b\v]/g, '')
    .split(/[\n\f\r\v]/);

/**
 * The text of one page, drawn with the operators page.drawText() writes for it, but with one
 * font resource per font (drawText adds a new resource name at every call, and another when it
 * puts the previous font back) and the content stream compressed by the document's flateStream().
 */
export class PageText {
  private readonly ops: PDFOperator[] = [];
  private readonly fontKeys = new Map<PDFFont, PDFName>();
  constructor(private readonly page: PDFPage) {}

  draw(text: string, x: number, y: number, font: PDFFont, size: number, color = BLACK): void {
    let key = this.fontKeys.get(font);
    if (!key) {
      key = this.page.node.newFontDictionary(font.name, font.ref);
      this.fontKeys.set(font, key);
    }
    const lines = pdfLibLines(text).map((line) => font.encodeText(line));
    this.ops.push(...drawLinesOfText(lines, { color, font: key, size, rotate: degrees(0), xSkew: degrees(0), ySkew: degrees(0), x, y, lineHeight: 24 }));
  }

  /** Adds the page's content stream; call once, after the last draw(). */
  finish(): void {
    if (this.ops.length === 0) return;
    const ctx = this.page.doc.context;
    const contents = PDFContentStream.of(ctx.obj({}), this.ops, false).getContents();
    this.page.node.addContentStream(ctx.register(ctx.flateStream(contents)));
  }
}

function draw(page: PageText, op: TextOp): void {
  page.draw(op.text, op.x, A4.height - op.y, op.font, op.size, op.color ?? BLACK);
}

export function createLetterPdfRenderer(deps: LetterPdfRendererDeps): LetterRenderer {
  let assets: Promise<LetterAssets> | null = null;
  const getAssets = () => {
    assets ??= loadLetterAssets(deps).catch((e: unknown) => {
      assets = null; // a missing file may be put in place; try again next time
      throw e;
    });
    return assets;
  };

  return {
    async render(letter: LetterDocument) {
      const date = parseLetterDate(letter.date);
      const a = await getAssets();
      const labels = LABELS[letter.language] ?? LABELS.nb;
      const hash = letterHash(letter);
      const t = (s: string) => cleanText(s, a.coverage);
      const oneLine = (s: string) => t(s).replace(/\s*\n\s*/g, ' ').trim();

      const doc = await PDFDocument.create({ updateMetadata: false });
      doc.registerFontkit(a.fontkit);
      useNodeDeflate(doc);
      const regular = await embedLetterFont(doc, a, 'regular', `${subsetTag(hash.subarray(16))}+DejaVuSans`);
      const bold = await embedLetterFont(doc, a, 'bold', `${subsetTag(hash.subarray(22))}+DejaVuSans-Bold`);
      const body = new Measure(regular, SIZE.body);
      const titleM = new Measure(bold, SIZE.title);

      // Page 1's fixed parts: letterhead, address field, references.
      const fixed: TextOp[] = [];
      fixed.push({ text: oneLine(letter.municipality.name), x: MARGIN.left, y: 20 * MM, font: bold, size: SIZE.letterhead });
      if (letter.municipality.unit) fixed.push({ text: oneLine(letter.municipality.unit), x: MARGIN.left, y: 26 * MM, font: regular, size: SIZE.unit, color: GREY });

      const postal = [letter.recipient.postalCode, letter.recipient.postalPlace].filter((s): s is string => !!s && s.trim() !== '').join(' ');
      const addressLines = [letter.recipient.name, letter.recipient.street ?? '', postal]
        .flatMap((s) => t(s).split('\n'))
        .map((s) => s.trim())
        .filter((s) => s !== '');
      const addressM = new Measure(regular, SIZE.address);
      addressLines
        .flatMap((l) => wrapLine(l, addressM, ADDRESS.width))
        .slice(0, 6)
        .forEach((text, i) => fixed.push({ text, x: ADDRESS.x, y: ADDRESS.top + SIZE.address + i * SIZE.address * 1.25, font: regular, size: SIZE.address }));

      const refs: [string, string][] = [];
      if (letter.caseNumber) refs.push([`${labels.ourRef}:`, oneLine(letter.caseNumber)]);
      refs.push([`${labels.date}:`, formatLetterDate(letter.date, letter.language)]);
      refs.forEach(([label, value], i) => {
        const y = REFS.top + SIZE.refs + i * SIZE.refs * 1.5;
        fixed.push({ text: label, x: REFS.x, y, font: regular, size: SIZE.refs, color: GREY });
        fixed.push({ text: value, x: REFS.valueX, y, font: regular, size: SIZE.refs });
      });

      // The flowing part: title, paragraphs, signature.
      const blocks: Block[] = [];
      blocks.push({ lines: wrapLine(oneLine(letter.title), titleM, TEXT_WIDTH).map((text) => ({ text, font: bold, size: SIZE.title })), spaceBefore: 0 });
      const paragraphs = t(letter.body)
        .split(/\n[ \u00a0]*\n/)
        .map((p) => p.replace(/^\n+|\n+$/g, ''))
        .filter((p) => p.trim() !== '');
      paragraphs.forEach((p, i) => {
        const lines = p.split('\n').flatMap((l) => wrapLine(l.trim(), body, TEXT_WIDTH));
        blocks.push({ lines: lines.map((text) => ({ text, font: regular, size: SIZE.body })), spaceBefore: i === 0 ? SIZE.body : SIZE.body * LEADING * 0.6 });
      });
      // a letter that signs itself (a line opens with the closing, wherever it stands: a line typed after
      // "Med hilsen" makes it no longer the last paragraph) gets no second signature (#13 item 12)
      const signed = paragraphs.some((p) => p.split('\n').some((l) => l.trim().startsWith(labels.closing)));
      if (!signed) {
        const signature = [labels.closing, '', oneLine(letter.caseworker.name), ...(letter.caseworker.unit ? [oneLine(letter.caseworker.unit)] : [])];
        blocks.push({
          lines: signature.flatMap((s) => (s ? wrapLine(s, body, TEXT_WIDTH) : [''])).map((text) => ({ text, font: regular, size: SIZE.body })),
          spaceBefore: SIZE.body * LEADING,
          keepTogether: true,
        });
      }

      const flowed = flow(blocks, BODY_START_FIRST_PAGE);
      flowed[0]!.unshift(...fixed);

      const footerLeft = [oneLine(letter.municipality.name), letter.municipality.orgNumber ? `${labels.orgNo} ${oneLine(letter.municipality.orgNumber)}` : '']
        .filter(Boolean)
        .join(' · ');
      const footerM = new Measure(regular, SIZE.footer);
      flowed.forEach((ops, i) => {
        const page = new PageText(doc.addPage([A4.width, A4.height]));
        for (const op of ops) draw(page, op);
        const pageLabel = labels.page(i + 1, flowed.length);
        draw(page, { text: pageLabel, x: A4.width - MARGIN.right - footerM.width(pageLabel), y: A4.height - FOOTER_BASELINE, font: regular, size: SIZE.footer, color: GREY });
        if (footerLeft) draw(page, { text: footerLeft, x: MARGIN.left, y: A4.height - FOOTER_BASELINE, font: regular, size: SIZE.footer, color: GREY });
        page.finish();
      });

      const bytes = await savePdfA(
        doc,
        {
          title: oneLine(letter.title),
          author: oneLine(letter.municipality.name),
          subject: letter.caseNumber ? `${labels.ourRef} ${oneLine(letter.caseNumber)}` : null,
          language: labels.bcp47,
          date,
          documentId: hash.subarray(0, 16),
        },
        { profile: a.icc, deflated: deflatedOnce(a.icc) },
      );
      return { bytes, pages: flowed.length };
    },
  };
}
