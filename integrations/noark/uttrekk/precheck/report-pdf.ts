import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { PreCheckReport } from '../../../../electron/core/ports/archive-extraction.port';
import { embedLetterFont, loadLetterAssets, type LetterAssets, type LetterPdfRendererDeps } from '../../../shared/pdf/font/letter-fonts';
import { savePdfA } from '../../../shared/pdf/pdfa-metadata';
import { formatOsloTime, KIND_LABEL, verdict } from './report-html';

/** The pre-check report as PDF/A-2b (DejaVu Sans embedded, sRGB output intent), A4, text extractable. */

const MM = 72 / 25.4;
const A4 = { w: 210 * MM, h: 297 * MM };
const M = { left: 20 * MM, right: 20 * MM, top: 20 * MM, bottom: 20 * MM };
const WIDTH = A4.w - M.left - M.right;
const BLACK = rgb(0, 0, 0);
const GREY = rgb(0.3, 0.3, 0.3);

const assetCache = new Map<string, Promise<LetterAssets>>();

function clean(text: string, coverage: Set<number>): string {
  let out = '';
  for (const ch of text.normalize('NFC').replace(/[\r\n\t]+/g, ' ')) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) continue;
    out += coverage.has(cp) ? ch : '?';
  }
  return out;
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let cur = '';
  for (const word of text.split(/ +/)) {
    const next = cur ? `${cur} ${word}` : word;
    if (font.widthOfTextAtSize(next, size) <= width) {
      cur = next;
      continue;
    }
    if (cur) lines.push(cur);
    // a word wider than the line (a path, a checksum) is broken between characters
    cur = '';
    for (const ch of word) {
      if (cur && font.widthOfTextAtSize(cur + ch, size) > width) {
        lines.push(cur);
        cur = '';
      }
      cur += ch;
    }
  }
  if (cur) lines.push(cur);
  return lines.length ? lines : [''];
}

export async function renderReportPdf(report: PreCheckReport, deps: LetterPdfRendererDeps): Promise<Uint8Array> {
  const key = `${deps.fontDir}|${typeof deps.iccProfile === 'string' ? deps.iccProfile : deps.iccProfile ? 'bytes' : ''}`;
  let pending = assetCache.get(key);
  if (!pending) {
    pending = loadLetterAssets(deps);
    assetCache.set(key, pending);
    pending.catch(() => assetCache.delete(key));
  }
  const a = await pending;
  const hash = createHash('sha256').update(JSON.stringify(report)).digest();
  const tag = (b: Uint8Array) => Array.from(b.subarray(0, 6), (x) => String.fromCharCode(65 + (x % 26))).join('');

  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(a.fontkit);
  const regular = await embedLetterFont(doc, a, 'regular', `${tag(hash.subarray(16))}+DejaVuSans`);
  const bold = await embedLetterFont(doc, a, 'bold', `${tag(hash.subarray(22))}+DejaVuSans-Bold`);
  const t = (s: string) => clean(s, a.coverage);

  let page: PDFPage = doc.addPage([A4.w, A4.h]);
  let y = M.top;
  const newPage = () => {
    page = doc.addPage([A4.w, A4.h]);
    y = M.top;
  };
  const line = (text: string, font: PDFFont, size: number, opts: { indent?: number; color?: ReturnType<typeof rgb>; space?: number } = {}) => {
    const indent = opts.indent ?? 0;
    if (opts.space) y += opts.space;
    for (const l of wrap(t(text), font, size, WIDTH - indent)) {
      const lh = size * 1.35;
      if (y + lh > A4.h - M.bottom) newPage();
      y += lh;
      if (l) page.drawText(l, { x: M.left + indent, y: A4.h - y + size * 0.3, size, font, color: opts.color ?? BLACK });
    }
  };

  line('Forhåndskontroll av arkivuttrekk (Noark 5)', bold, 16);
  line(`Resultat: ${verdict(report.passed)}`, bold, 12, { space: 6 });
  line(`Arkivuttrekk: ${report.packageDir}`, regular, 9.5, { color: GREY, space: 4 });
  line(`Kontrollert: ${formatOsloTime(report.checkedAt)}`, regular, 9.5, { color: GREY });
  const failed = report.results.filter((r) => !r.passed);
  line(`Kontroller som ikke er bestått: ${failed.length ? failed.map((r) => `${r.id} ${r.name}`).join('; ') : 'ingen'}`, regular, 9.5, { space: 4 });

  line('Oversikt', bold, 13, { space: 10 });
  for (const r of report.results) line(`${r.id}  ${r.name} – ${verdict(r.passed)} (${r.errorCount} feil)`, regular, 9.5);

  for (const r of report.results) {
    line(`${r.id} ${r.name}`, bold, 12, { space: 12 });
    line(`${verdict(r.passed)} · ${KIND_LABEL[r.kind]} · ${r.errorCount} feil`, regular, 9.5, { color: GREY });
    for (const [k, v] of Object.entries(r.counts)) line(`${k}: ${v}`, regular, 9.5, { indent: 8 });
    if (r.errors.length > 0) {
      line(r.errorCount > r.errors.length ? `Feil (de første ${r.errors.length} av ${r.errorCount}):` : 'Feil:', bold, 9.5, { space: 3 });
      r.errors.forEach((e, i) => line(`${i + 1}. ${e.message}${e.location ? ` [${e.location}]` : ''}`, regular, 9, { indent: 8 }));
    }
  }

  const pages = doc.getPages();
  pages.forEach((p, i) => {
    const label = `Side ${i + 1} av ${pages.length}`;
    p.drawText(label, { x: A4.w - M.right - regular.widthOfTextAtSize(label, 8), y: 10 * MM, size: 8, font: regular, color: GREY });
  });

  return savePdfA(
    doc,
    {
      title: 'Forhåndskontroll av arkivuttrekk',
      author: 'Postmottak',
      subject: `${verdict(report.passed)}: ${report.packageDir}`,
      language: 'nb-NO',
      date: new Date(Math.floor(report.checkedAt / 1000) * 1000),
      documentId: hash.subarray(0, 16),
    },
    { profile: a.icc, deflated: new Uint8Array(deflateSync(a.icc)) },
  );
}
