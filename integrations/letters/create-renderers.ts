import path from 'node:path';
import type { LetterRenderer } from '../../electron/core/ports/letter-renderer.port';
import type { PrintRenderer } from '../../electron/core/ports/print-channel.port';
import { createLetterPdfRenderer } from './letter-pdf.renderer';
import { createPrintPdfRenderer } from './print-pdf.renderer';

/** Reply letters as PDF/A, with the fonts and colour profile the app ships. */
export function createLetterRenderer(o: { resourcesDir: string }): LetterRenderer {
  return createLetterPdfRenderer({ fontDir: path.join(o.resourcesDir, 'fonts'), iccProfile: path.join(o.resourcesDir, 'icc', 'sRGB.icc') });
}

/** Print-ready PDFs for the postal fallback. */
export function createPrintRenderer(o: { resourcesDir: string }): PrintRenderer {
  return createPrintPdfRenderer({ resourcesDir: o.resourcesDir });
}
