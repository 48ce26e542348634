import { createHash } from 'node:crypto';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';
import { IntegrationError } from '../../../electron/core/errors';
import type { ExtractDocument } from '../../../electron/core/ports/archive-extract.port';
import { embedLetterFont, loadLetterAssets, type LetterAssets } from '../../shared/pdf/font/letter-fonts';
import { savePdfA } from '../../shared/pdf/pdfa-metadata';
import { INTEGRATION } from './uttrekk.mapper';

/**
 * Every document goes into the package «archived as PDF/A» (Riksarkivarens forskrift § 5-17; the
 * issue #16). What an archivist expects, per kind of file:
 *  - a PDF that declares PDF/A-1 or PDF/A-2 in its XMP (pdfaid:part/conformance) is an archival
 *    format already: copied byte for byte, with its PRONOM PUID (fmt/95 … fmt/478);
 *  - any other PDF (also PDF/A-3/-4, which § 5-17 does not list) is re-saved as PDF/A-2b: XMP with
 *    pdfaid, sRGB output intent, document ID. Its content is kept as it is (a font it does not embed
 *    stays unembedded); the konvertering record says so;
 *  - a JPEG or PNG becomes one A4 page of a new PDF/A-2b, the image scaled to fit;
 *  - XML and plain text are printed (their text, wrapped, in DejaVu Sans) into a PDF/A-2b, so the
 *    content itself stays readable in the archival format;
 *  - anything else cannot be rendered here: a PDF/A-2b page names the file, its type, size and
 *    SHA-256, and says the original could not be converted. The konvertering record names the
 *    source format, so the archive can ask the municipality for the original.
 * The original of a converted file is not kept in the package: the package holds archival formats only.
 */

export interface ArchivalFile {
  bytes: Uint8Array;
  /** PRONOM PUID of the file as written (dokumentobjekt/format). */
  puid: string;
  /** dokumentobjekt/formatDetaljer, e.g. "PDF/A-2b". */
  details: string;
  /** Set when the file was converted (dokumentobjekt/konvertering). */
  conversion: { fromFormat: string; toFormat: string; tool: string; comment: string } | null;
}

export interface PdfAConverter {
  toArchival(original: Uint8Array, doc: ExtractDocument, at: Date): Promise<ArchivalFile>;
}

/** PRONOM PUIDs of the PDF/A levels (nationalarchives.gov.uk/PRONOM). */
const PDFA_PUID: Record<string, string> = {
  '1A': 'fmt/95',
  '1B': 'fmt/354',
  '2A': 'fmt/476',
  '2B': 'fmt/477',
  '2U': 'fmt/478',
  '3A': 'fmt/479',
  '3B': 'fmt/480',
  '3U': 'fmt/481',
};
/** PDF versions by header (PRONOM: fmt/14 … fmt/20, fmt/276, fmt/1129). */
const PDF_PUID: Record<string, string> = {
  '1.0': 'fmt/14',
  '1.1': 'fmt/15',
  '1.2': 'fmt/16',
  '1.3': 'fmt/17',
  '1.4': 'fmt/18',
  '1.5': 'fmt/19',
  '1.6': 'fmt/20',
  '1.7': 'fmt/276',
  '2.0': 'fmt/1129',
};
const PDFA_2B = { puid: 'fmt/477', details: 'PDF/A-2b' };
const TOOL = 'Postmottak (pdf-lib)';

/** pdfaid:part / pdfaid:conformance from the XMP (element or attribute form); PDF/A wants the packet unfiltered. */
export function declaredPdfA(bytes: Uint8Array): { part: string; conformance: string } | null {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const part = /pdfaid:part(?:>\s*|\s*=\s*["'])(\d)/.exec(text)?.[1];
  const conf = /pdfaid:conformance(?:>\s*|\s*=\s*["'])([abuABU])/.exec(text)?.[1];
  return part ? { part, conformance: (conf ?? '').toUpperCase() } : null;
}

type Kind = 'pdf' | 'jpeg' | 'png' | 'text' | 'other';
function kindOf(bytes: Uint8Array, doc: ExtractDocument): Kind {
  if (bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46) return 'pdf';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'png';
  const ct = doc.contentType.toLowerCase();
  const ext = path.extname(doc.filename).toLowerCase();
  if (ct.includes('xml') || ct.startsWith('text/') || ['.xml', '.txt', '.csv', '.json'].includes(ext)) return 'text';
  return 'other';
}

const sourceFormat = (kind: Kind, bytes: Uint8Array, doc: ExtractDocument): string => {
  if (kind === 'pdf') {
    const v = /^%PDF-(\d\.\d)/.exec(Buffer.from(bytes.subarray(0, 16)).toString('latin1'))?.[1] ?? '';
    const a = declaredPdfA(bytes);
    return (a && PDFA_PUID[a.part + a.conformance]) || PDF_PUID[v] || 'fmt/14';
  }
  if (kind === 'jpeg') return 'fmt/43';
  if (kind === 'png') return 'fmt/13';
  if (doc.contentType.toLowerCase().includes('xml') || doc.filename.toLowerCase().endsWith('.xml')) return 'fmt/101';
  if (kind === 'text') return 'x-fmt/111';
  return doc.contentType || path.extname(doc.filename) || 'ukjent';
};

const A4 = { w: 595.28, h: 841.89 };
const MARGIN = 56.7; // 20 mm

export function createPdfAConverter(deps: { resourcesDir: string }): PdfAConverter {
  let assets: Promise<LetterAssets> | null = null;
  let deflated: Uint8Array | null = null;
  const loadAssets = () => (assets ??= loadLetterAssets({ fontDir: path.join(deps.resourcesDir, 'fonts'), iccProfile: path.join(deps.resourcesDir, 'icc', 'sRGB.icc') }));

  async function save(doc: PDFDocument, title: string, original: Uint8Array, at: Date): Promise<Uint8Array> {
    const a = await loadAssets();
    deflated ??= new Uint8Array(deflateSync(a.icc));
    const documentId = createHash('sha256').update(original).update(title).digest().subarray(0, 16);
    return savePdfA(doc, { title, author: 'Postmottak', subject: null, language: 'nb-NO', date: at, documentId }, { profile: a.icc, deflated });
  }

  async function textPages(doc: PDFDocument, lines: string[]): Promise<void> {
    const a = await loadAssets();
    doc.registerFontkit(a.fontkit);
    const tag = createHash('sha256').update(lines.join('\n')).digest();
    const font: PDFFont = await embedLetterFont(doc, a, 'regular', `${Array.from(tag.subarray(0, 6), (b) => String.fromCharCode(65 + (b % 26))).join('')}+DejaVuSans`);
    const size = 9;
    const lead = size * 1.35;
    const maxW = A4.w - 2 * MARGIN;
    const clean = (s: string) =>
      Array.from(s.replace(/\t/g, '    '), (ch) => {
        const cp = ch.codePointAt(0) ?? 0;
        if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return '';
        return a.coverage.has(cp) ? ch : a.coverage.has(0xfffd) ? '\uFFFD' : '?';
      }).join('');
    const wrapped: string[] = [];
    for (const raw of lines) {
      let line = clean(raw);
      if (!line) wrapped.push('');
      while (line) {
        let n = line.length;
        while (n > 1 && font.widthOfTextAtSize(line.slice(0, n), size) > maxW) n = Math.floor(n * 0.9);
        wrapped.push(line.slice(0, n));
        line = line.slice(n);
      }
    }
    const perPage = Math.floor((A4.h - 2 * MARGIN) / lead);
    for (let i = 0; i < Math.max(1, wrapped.length); i += perPage) {
      const page: PDFPage = doc.addPage([A4.w, A4.h]);
      wrapped.slice(i, i + perPage).forEach((l, j) => {
        if (l) page.drawText(l, { x: MARGIN, y: A4.h - MARGIN - (j + 1) * lead, size, font });
      });
    }
  }

  return {
    async toArchival(original, doc, at) {
      const kind = kindOf(original, doc);
      const from = sourceFormat(kind, original, doc);
      const title = doc.title || doc.filename;
      const converted = (bytes: Uint8Array, comment: string): ArchivalFile => ({
        bytes,
        ...PDFA_2B,
        conversion: { fromFormat: from, toFormat: PDFA_2B.puid, tool: TOOL, comment },
      });
      try {
        if (kind === 'pdf') {
          const a = declaredPdfA(original);
          const puid = a && ['1', '2'].includes(a.part) ? PDFA_PUID[a.part + a.conformance] : undefined;
          if (a && puid) return { bytes: original, puid, details: `PDF/A-${a.part}${a.conformance.toLowerCase()}`, conversion: null };
          const pdf = await PDFDocument.load(original, { updateMetadata: false });
          return converted(await save(pdf, title, original, at), 'PDF lagret på nytt som PDF/A-2b (XMP-metadata og sRGB-fargeprofil); innholdet er ikke endret.');
        }
        if (kind === 'jpeg' || kind === 'png') {
          const pdf = await PDFDocument.create({ updateMetadata: false });
          // pdf-lib reads the image through a DataView of its whole ArrayBuffer: a pooled Buffer's view starts elsewhere
          const own = original.byteOffset === 0 && original.byteLength === original.buffer.byteLength ? original : new Uint8Array(original);
          const img = kind === 'jpeg' ? await pdf.embedJpg(own) : await pdf.embedPng(own);
          const scale = Math.min(1, (A4.w - 2 * MARGIN) / img.width, (A4.h - 2 * MARGIN) / img.height);
          const w = img.width * scale;
          const h = img.height * scale;
          pdf.addPage([A4.w, A4.h]).drawImage(img, { x: (A4.w - w) / 2, y: A4.h - MARGIN - h, width: w, height: h });
          return converted(await save(pdf, title, original, at), `Bildet (${kind.toUpperCase()}) er lagt inn som en side i en ny PDF/A-2b.`);
        }
        const pdf = await PDFDocument.create({ updateMetadata: false });
        if (kind === 'text') {
          const text = new TextDecoder('utf-8', { fatal: false }).decode(original);
          await textPages(pdf, [`Fil: ${doc.filename} (${doc.contentType})`, '', ...text.replace(/\r\n?/g, '\n').split('\n')]);
          return converted(await save(pdf, title, original, at), 'Teksten i filen er skrevet ut i en PDF/A-2b.');
        }
        const sha = createHash('sha256').update(original).digest('hex');
        await textPages(pdf, [
          'Dokumentet kunne ikke konverteres til PDF/A.',
          '',
          `Filnavn: ${doc.filename}`,
          `Filtype: ${doc.contentType || 'ukjent'}`,
          `Størrelse: ${original.length} byte`,
          `SHA-256 for originalen: ${sha}`,
        ]);
        return converted(await save(pdf, title, original, at), `Formatet ${doc.contentType || 'ukjent'} kan ikke gjengis; siden beskriver originalfilen (SHA-256 ${sha}).`);
      } catch (e) {
        if (e instanceof IntegrationError) throw e;
        throw new IntegrationError('permanent', `Dokument ${doc.number} (SHA-256 ${doc.sha256}) kunne ikke lagres som PDF/A: ${e instanceof Error ? e.message : String(e)}`, {
          integration: INTEGRATION,
          cause: e,
        });
      }
    },
  };
}
