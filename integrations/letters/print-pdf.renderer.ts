import { createHash } from 'node:crypto';
import path from 'node:path';
import { PDFDocument, PDFName, PDFString, PDFHexString, rgb, type PDFFont } from 'pdf-lib';
import { IntegrationError } from '../../electron/core/errors';
import type { PrintRenderer } from '../../electron/core/ports/print-channel.port';
import type { PostalAddress } from '../../electron/core/ports/register.port';
import {
  A4,
  cleanText,
  deflatedOnce,
  embedLetterFont,
  formatLetterDate,
  loadLetterAssets,
  Measure,
  MM,
  PageText,
  parseLetterDate,
  subsetTag,
  useNodeDeflate,
  wrapLine,
  type LetterAssets,
} from './letter-pdf.renderer';
import { savePdfA } from '../shared/pdf/pdfa-metadata';

/**
 * The print-ready PDF for the postal fallback: page 1 is an address page for a C5/C4 envelope
 * with a left window, then every page of the archived letter copied in unchanged. The output is
 * PDF/A-2b like the letter (DejaVu subsets, XMP, sRGB output intent) and a pure function of the
 * input: the document ID and the subset tags come from a hash of it.
 */

export interface PrintPdfRendererOptions {
  /** The app's resources folder: fonts/DejaVuSans*.ttf and icc/sRGB.icc. */
  resourcesDir: string;
}

const LAYOUT_VERSION = 'print-pdf/1';

/** The window of a C5/C4 envelope with a left window (about 20 mm from the left, 50 mm from the top, 90 × 45 mm). */
export const ENVELOPE_WINDOW = { x: 20 * MM, top: 50 * MM, width: 90 * MM, height: 45 * MM } as const;
/** Inside the window, with a margin so the text never touches the window's edge when the sheet shifts. */
const ADDRESS = { x: ENVELOPE_WINDOW.x + 4 * MM, top: ENVELOPE_WINDOW.top + 5 * MM, width: ENVELOPE_WINDOW.width - 8 * MM, maxLines: 7 };
const SENDER = { x: 20 * MM, top: 20 * MM };
const META = { x: 125 * MM, top: ENVELOPE_WINDOW.top + 5 * MM };
const SIZE = { sender: 12, senderSmall: 8.5, address: 11, meta: 8 } as const;
const BLACK = rgb(0, 0, 0);
const GREY = rgb(0.33, 0.33, 0.33);

const countryNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
/** The destination country as the last address line of a letter abroad (UPU: capitals, a language the origin's post reads). */
export function countryLine(country: string | null): string | null {
  const code = country?.trim().toUpperCase();
  if (!code || code === 'NO' || code === 'NOR') return null;
  let name: string | undefined;
  try {
    name = /^[A-Z]{2}$/.test(code) ? countryNames.of(code) : undefined;
  } catch {
    name = undefined;
  }
  return (name ?? country!.trim()).toUpperCase();
}

/** The date as "YYYY-MM-DD", also when given as a full ISO timestamp. */
function isoDay(date: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})(T.*)?$/.exec(date.trim());
  return m ? m[1]! : date;
}

function inputHash(letterSha: string, input: Parameters<PrintRenderer['printReady']>[0]): Buffer {
  const a = input.recipient.address;
  const canonical = [
    LAYOUT_VERSION,
    letterSha,
    [input.recipient.name, a.lines, a.postalCode, a.postalPlace, a.country],
    [input.sender.name, input.sender.orgNumber],
    input.reference,
    input.date,
  ];
  return createHash('sha256').update(JSON.stringify(canonical), 'utf8').digest();
}

/** The envelope lines: name, 1–3 street lines, postal code and place, the country when abroad. */
export function envelopeLines(name: string, address: PostalAddress): string[] {
  const postal = [address.postalCode, address.postalPlace].map((s) => s?.trim() ?? '').filter((s) => s !== '').join(' ');
  return [name, ...address.lines, postal, countryLine(address.country) ?? ''];
}

function drawAt(page: PageText, text: string, x: number, top: number, font: PDFFont, size: number, color = BLACK): void {
  if (text) page.draw(text, x, A4.height - top, font, size, color);
}

export function createPrintPdfRenderer(o: PrintPdfRendererOptions): PrintRenderer {
  let assets: Promise<LetterAssets> | null = null;
  const getAssets = () => {
    assets ??= loadLetterAssets({ fontDir: path.join(o.resourcesDir, 'fonts'), iccProfile: path.join(o.resourcesDir, 'icc', 'sRGB.icc') }).catch((e: unknown) => {
      assets = null;
      throw e;
    });
    return assets;
  };

  return {
    async printReady(input) {
      const day = isoDay(input.date);
      const date = parseLetterDate(day);
      const a = await getAssets();

      let letter: PDFDocument;
      try {
        letter = await PDFDocument.load(input.letter, { updateMetadata: false, parseSpeed: Number.POSITIVE_INFINITY });
      } catch (e) {
        throw new IntegrationError('validation', 'Brevet kan ikke leses som PDF, så utskriftsfilen kan ikke lages.', { integration: 'print-pdf', cause: e });
      }
      const letterPages = letter.getPageCount();
      if (letterPages === 0) throw new IntegrationError('validation', 'Brevet har ingen sider.', { integration: 'print-pdf' });

      const letterSha = createHash('sha256').update(input.letter).digest('hex');
      const hash = inputHash(letterSha, input);
      const t = (s: string) => cleanText(s, a.coverage).replace(/\s*\n\s*/g, ' ').trim();

      const doc = await PDFDocument.create({ updateMetadata: false });
      doc.registerFontkit(a.fontkit);
      useNodeDeflate(doc);
      const regular = await embedLetterFont(doc, a, 'regular', `${subsetTag(hash.subarray(16))}+DejaVuSans`);
      const bold = await embedLetterFont(doc, a, 'bold', `${subsetTag(hash.subarray(22))}+DejaVuSans-Bold`);

      // Page 1: the address page.
      const page = new PageText(doc.addPage([A4.width, A4.height]));
      drawAt(page, t(input.sender.name), SENDER.x, SENDER.top, bold, SIZE.sender);
      if (input.sender.orgNumber) drawAt(page, `Org.nr. ${t(input.sender.orgNumber)}`, SENDER.x, SENDER.top + 5 * MM, regular, SIZE.senderSmall, GREY);

      const addressM = new Measure(regular, SIZE.address);
      const lines = envelopeLines(input.recipient.name, input.recipient.address)
        .map(t)
        .filter((s) => s !== '')
        .flatMap((l) => wrapLine(l, addressM, ADDRESS.width));
      if (lines.length > ADDRESS.maxLines) {
        throw new IntegrationError('validation', `Adressen har ${lines.length} linjer; vinduet i konvolutten har plass til ${ADDRESS.maxLines}.`, { integration: 'print-pdf' });
      }
      lines.forEach((text, i) => drawAt(page, text, ADDRESS.x, ADDRESS.top + SIZE.address + i * SIZE.address * 1.25, regular, SIZE.address));

      const meta: [string, string][] = [['Dato:', formatLetterDate(day, 'nb')]];
      if (input.reference.trim()) meta.push(['Ref.:', t(input.reference)]);
      meta.forEach(([label, value], i) => {
        const top = META.top + SIZE.meta + i * SIZE.meta * 1.5;
        drawAt(page, label, META.x, top, regular, SIZE.meta, GREY);
        drawAt(page, value, META.x + 10 * MM, top, regular, SIZE.meta);
      });

      page.finish();

      // Then the letter, page for page.
      const copied = await doc.copyPages(
        letter,
        letter.getPageIndices(),
      );
      for (const p of copied) doc.addPage(p);

      const title = letter.getTitle();
      const lang = letter.catalog.lookupMaybe(PDFName.of('Lang'), PDFString, PDFHexString)?.decodeText();
      const bytes = await savePdfA(
        doc,
        {
          title: title ? t(title) : 'Brev',
          author: t(input.sender.name),
          subject: input.reference.trim() ? `Utskrift med adresseside, ref. ${t(input.reference)}` : 'Utskrift med adresseside',
          language: lang || 'nb-NO',
          date,
          documentId: hash.subarray(0, 16),
        },
        { profile: a.icc, deflated: deflatedOnce(a.icc) },
      );
      return { bytes, pages: 1 + letterPages };
    },
  };
}
