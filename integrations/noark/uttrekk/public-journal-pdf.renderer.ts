import { createHash, type Hash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { degrees, drawLine, drawLinesOfText, PDFContentStream, PDFDocument, rgb, type PDFFont, type PDFName, type PDFOperator, type PDFPage } from 'pdf-lib';
import type { ExtractionMeta, PublicJournalRow } from '../../../electron/core/ports/archive-extraction.port';
import { embedLetterFont, loadLetterAssets, type LetterAssets, type LetterPdfRendererDeps } from '../../shared/pdf/font/letter-fonts';
import { savePdfA } from '../../shared/pdf/pdfa-metadata';

/**
 * The public journal as a PDF/A-2b list ready to publish: landscape A4, one table row per registry
 * entry (date, case number, journalpost number, I/U, case title, document title, avsender/mottaker,
 * skjermingshjemmel), a page header with the column titles on every page, and «Side n av m».
 * Rows arrive one by one and are laid out at once; pdf-lib holds the document in memory until it
 * is saved, so the list stops after MAX_PDF_ROWS rows with a note that the XML has them all
 * (a day's or a month's journal is far below it). The rows are already screened by core.
 */

export type PublicJournalPdfDeps = LetterPdfRendererDeps & {
  /** Rows the list holds at most (default MAX_PDF_ROWS). */
  maxRows?: number;
};

export interface PublicJournalPdfMeta {
  meta: Omit<ExtractionMeta, 'scope'> & { range: { from: string; to: string } };
}

export interface PublicJournalPdf {
  add(row: PublicJournalRow): void;
  /** Adds the footers and saves; `leftOut` rows lacked the archive's numbers and are in neither file. */
  finish(summary: { rows: number; leftOut: number }): Promise<Uint8Array>;
}

/** 200 pages or so at ~25 rows a page: a few MB in memory, and more than any one day's journal. */
export const MAX_PDF_ROWS = 5000;

const MM = 72 / 25.4;
const PAGE = { width: 297 * MM, height: 210 * MM };
const MARGIN = { left: 12 * MM, right: 12 * MM, top: 12 * MM, bottom: 14 * MM };
const SIZE = { title: 13, sub: 8.5, head: 7.5, body: 7.5, footer: 7.5 } as const;
const LEADING = 1.25;
const PAD = 3;
const MAX_LINES_PER_CELL = 8;
const BLACK = rgb(0, 0, 0);
const GREY = rgb(0.35, 0.35, 0.35);
const RULE = rgb(0.7, 0.7, 0.7);

interface Column {
  title: string;
  width: number;
  cell: (r: PublicJournalRow) => string;
}

const isoToNorwegian = (iso: string): string => {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
};

const COLUMNS: Column[] = [
  { title: 'Journaldato', width: 56, cell: (r) => isoToNorwegian(r.journaldato) },
  { title: 'Saksnr.', width: 48, cell: (r) => r.saksnummer ?? '' },
  { title: 'Jp.nr.', width: 30, cell: (r) => (r.journalpostnummer === null ? '' : String(r.journalpostnummer)) },
  { title: 'I/U', width: 20, cell: (r) => r.journalposttype },
  { title: 'Sakstittel', width: 170, cell: (r) => r.caseTitle },
  { title: 'Dokumenttittel', width: 190, cell: (r) => r.title },
  { title: 'Avsender/mottaker', width: 146, cell: (r) => r.correspondents.map((c) => `${c.role === 'avsender' ? 'Fra' : 'Til'}: ${c.name}`).join('\n') },
  { title: 'Skjermingshjemmel', width: 0, cell: (r) => r.skjermingshjemmel ?? '' },
];
// the last column takes what is left of the width
COLUMNS[COLUMNS.length - 1]!.width = PAGE.width - MARGIN.left - MARGIN.right - COLUMNS.slice(0, -1).reduce((w, c) => w + c.width, 0);

/** Plain text the font can draw: NFC, no control characters, anything without a glyph as U+FFFD (never .notdef, which PDF/A forbids). */
function cleanText(text: string, coverage: Set<number>): string {
  const fallback = coverage.has(0xfffd) ? '\uFFFD' : '?';
  let out = '';
  for (const ch of text.normalize('NFC').replace(/\r\n?/g, '\n').replace(/\t/g, ' ')) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '\n') out += ch;
    else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp === 0xad || (cp >= 0x200b && cp <= 0x200f) || cp === 0xfeff) continue;
    else if (cp === 0xa0 || cp === 0x202f) out += ' ';
    else out += coverage.has(cp) ? ch : fallback;
  }
  return out;
}

/** Greedy word wrap; a word wider than the cell is broken between characters. */
function wrap(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  for (const hard of text.split('\n')) {
    let cur = '';
    for (const word of hard.split(/ +/).filter(Boolean)) {
      const candidate = cur ? `${cur} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= maxWidth) {
        cur = candidate;
        continue;
      }
      if (cur) lines.push(cur);
      cur = '';
      for (const ch of word) {
        if (cur && font.widthOfTextAtSize(cur + ch, size) > maxWidth) {
          lines.push(cur);
          cur = '';
        }
        cur += ch;
      }
    }
    lines.push(cur);
  }
  return lines;
}

/** One page's content: text with one font resource per font (page.drawText adds one per call), rules, compressed once at the end. */
class PageContent {
  private readonly ops: PDFOperator[] = [];
  private readonly fontKeys = new Map<PDFFont, PDFName>();
  constructor(readonly page: PDFPage) {}

  /** y: baseline from the page's top edge. */
  text(text: string, x: number, y: number, font: PDFFont, size: number, color = BLACK): void {
    let key = this.fontKeys.get(font);
    if (!key) {
      key = this.page.node.newFontDictionary(font.name, font.ref);
      this.fontKeys.set(font, key);
    }
    this.ops.push(...drawLinesOfText([font.encodeText(text)], { color, font: key, size, rotate: degrees(0), xSkew: degrees(0), ySkew: degrees(0), x, y: PAGE.height - y, lineHeight: size }));
  }

  rule(y: number, thickness = 0.5, color = RULE): void {
    this.ops.push(...drawLine({ start: { x: MARGIN.left, y: PAGE.height - y }, end: { x: PAGE.width - MARGIN.right, y: PAGE.height - y }, thickness, color }));
  }

  finish(): void {
    const ctx = this.page.doc.context;
    const contents = PDFContentStream.of(ctx.obj({}), this.ops, false).getContents();
    this.page.node.addContentStream(ctx.register(ctx.stream(deflateSync(contents), { Filter: 'FlateDecode' })));
  }
}

const subsetTag = (bytes: Uint8Array): string => Array.from(bytes.subarray(0, 6), (b) => String.fromCharCode(65 + (b % 26))).join('');

export function createPublicJournalPdfRenderer(deps: PublicJournalPdfDeps): { start(m: PublicJournalPdfMeta): Promise<PublicJournalPdf> } {
  const maxRows = deps.maxRows ?? MAX_PDF_ROWS;
  let assets: Promise<{ a: LetterAssets; deflatedIcc: Uint8Array }> | null = null;
  const getAssets = () => {
    assets ??= loadLetterAssets(deps)
      .then((a) => ({ a, deflatedIcc: new Uint8Array(deflateSync(a.icc)) }))
      .catch((e: unknown) => {
        assets = null;
        throw e;
      });
    return assets;
  };

  return {
    async start({ meta }) {
      const { a, deflatedIcc } = await getAssets();
      const t = (s: string) => cleanText(s, a.coverage);
      const oneLine = (s: string) => t(s).replace(/\s*\n\s*/g, ' ').trim();
      // the document ID and subset tags come from what the list shows, so the same journal gives the same bytes
      const hash: Hash = createHash('sha256').update(JSON.stringify(['public-journal-pdf/1', meta.arkivskaper, meta.range, meta.producedAt]));
      const seed = createHash('sha256').update(JSON.stringify([meta.arkivskaper, meta.range])).digest();

      const doc = await PDFDocument.create({ updateMetadata: false });
      doc.registerFontkit(a.fontkit);
      const regular = await embedLetterFont(doc, a, 'regular', `${subsetTag(seed.subarray(0, 6))}+DejaVuSans`);
      const bold = await embedLetterFont(doc, a, 'bold', `${subsetTag(seed.subarray(6, 12))}+DejaVuSans-Bold`);

      const title = oneLine(`Offentlig journal – ${meta.arkivskaper.name}`);
      const period = meta.range.from === meta.range.to ? isoToNorwegian(meta.range.from) : `${isoToNorwegian(meta.range.from)}–${isoToNorwegian(meta.range.to)}`;
      const bottom = PAGE.height - MARGIN.bottom;
      const pages: PageContent[] = [];
      let y = 0;
      let added = 0;
      let overflow = 0;

      const newPage = () => {
        const p = new PageContent(doc.addPage([PAGE.width, PAGE.height]));
        pages.push(p);
        let top = MARGIN.top + SIZE.title;
        p.text(title, MARGIN.left, top, bold, SIZE.title);
        top += SIZE.sub * 1.6;
        p.text(oneLine(`Journaldato ${period}. Opplysninger som er unntatt offentlighet, er skjermet.`), MARGIN.left, top, regular, SIZE.sub, GREY);
        top += SIZE.head * 2;
        let x = MARGIN.left;
        for (const c of COLUMNS) {
          p.text(c.title, x + PAD, top, bold, SIZE.head);
          x += c.width;
        }
        top += SIZE.head * 0.6;
        p.rule(top, 0.8, BLACK);
        y = top + 2;
        return p;
      };
      let page = newPage();

      return {
        add(row) {
          hash.update(JSON.stringify(row));
          if (added >= maxRows) {
            overflow++;
            return;
          }
          const cells = COLUMNS.map((c) => wrap(t(c.cell(row)).trim(), regular, SIZE.body, c.width - 2 * PAD).slice(0, MAX_LINES_PER_CELL));
          const lines = Math.max(1, ...cells.map((c) => c.length));
          const height = lines * SIZE.body * LEADING + 3;
          if (y + height > bottom) page = newPage();
          let x = MARGIN.left;
          cells.forEach((cell, i) => {
            cell.forEach((line, j) => {
              if (line) page.text(line, x + PAD, y + SIZE.body * (1 + j * LEADING), regular, SIZE.body);
            });
            x += COLUMNS[i]!.width;
          });
          y += height;
          page.rule(y - 1);
          added++;
        },

        async finish(summary) {
          const notes: string[] = [];
          if (summary.rows === 0) notes.push('Ingen journalposter i perioden.');
          if (overflow > 0) notes.push(`Listen viser de første ${added} av ${summary.rows} journalpostene; alle står i offentligJournal.xml.`);
          if (summary.leftOut > 0) notes.push(`${summary.leftOut} journalposter uten saks- og journalnummer fra arkivet er ikke med.`);
          for (const note of notes) {
            if (y + SIZE.body * 2 > bottom) page = newPage();
            y += SIZE.body * 1.8;
            page.text(oneLine(note), MARGIN.left, y, regular, SIZE.body);
          }
          const produced = new Date(meta.producedAt);
          const day = new Intl.DateTimeFormat('nb-NO', { timeZone: meta.timezone, day: '2-digit', month: '2-digit', year: 'numeric' }).format(produced);
          const producedText = oneLine(`Produsert ${day} av ${meta.systemName}`);
          pages.forEach((p, i) => {
            const label = `Side ${i + 1} av ${pages.length}`;
            const fy = PAGE.height - MARGIN.bottom / 2;
            p.text(label, PAGE.width - MARGIN.right - regular.widthOfTextAtSize(label, SIZE.footer), fy, regular, SIZE.footer, GREY);
            p.text(producedText, MARGIN.left, fy, regular, SIZE.footer, GREY);
            p.finish();
          });
          const digest = hash.update(JSON.stringify(summary)).digest();
          return savePdfA(
            doc,
            { title: oneLine(`${title}, ${period}`), author: oneLine(meta.arkivskaper.name), subject: oneLine(`Offentlig journal ${period}`), language: 'nb-NO', date: produced, documentId: digest.subarray(0, 16) },
            { profile: a.icc, deflated: deflatedIcc },
          );
        },
      };
    },
  };
}
