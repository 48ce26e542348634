import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';
import { IntegrationError } from '../../../../electron/core/errors';
import { LETTER_FONT_FEATURES, PlainGlyphs, usePlainGlyphs, type SubsetEmbedder } from './plain-glyphs';
import { encodeSubset, TtfSubsetWriter, type FkTtfSubset, type FontkitSubset, type SubsetEncodeStream } from './ttf-subset-writer';

/** The letter fonts (DejaVu Sans), parsed once per renderer, and how a document embeds them as subsets. */

export interface LetterPdfRendererDeps {
  /** Folder holding DejaVuSans.ttf and DejaVuSans-Bold.ttf (resources/fonts). */
  fontDir: string;
  /** The sRGB ICC profile for the output intent: a path or its bytes. Default: <fontDir>/../icc/sRGB.icc. */
  iccProfile?: string | Uint8Array;
}

export const LETTER_FONT_FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' } as const;

/** pdf-lib's fontkit interface (pdf-lib does not export the name). */
type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];

export interface LetterAssets {
  regular: Uint8Array;
  bold: Uint8Array;
  icc: Uint8Array;
  /** Code points both fonts have a glyph for. */
  coverage: Set<number>;
  /**
   * fontkit for pdf-lib that parses each font file once per renderer: decoding the tables is most
   * of a render's time, and a parsed font is only read from (each document makes its own subset).
   */
  fontkit: Fontkit;
  /** fontkit's encode stream class, for serializing a subset without its timer-driven stream (see embedLetterFont). */
  encodeStream: (new () => SubsetEncodeStream) | null;
  /** Per font, the glyphs of the characters shaping leaves alone (see PlainGlyphs); null: every line is shaped. */
  plain: { regular: PlainGlyphs | null; bold: PlainGlyphs | null };
  /** Per font, a writer of subsets with the bytes fontkit's would have (see TtfSubsetWriter); null: fontkit's encoder. */
  subsetWriter: { regular: TtfSubsetWriter | null; bold: TtfSubsetWriter | null };
}


/**
 * Embeds one of the letter fonts as a subset. pdf-lib serializes a subset through fontkit's
 * browser stream shim, whose every tick is a setTimeout (≥ 1 ms each, a few per font): most of a
 * render's wall time. The subset is written synchronously here instead, by TtfSubsetWriter (or
 * else by the subset's own encode()); the bytes are the same, only the waiting and the re-decoding
 * go. Text is encoded and measured through PlainGlyphs, without fontkit's shaping where it changes
 * nothing. If pdf-lib's or fontkit's internals ever differ from what this expects, the stock path
 * is left in place.
 */
export async function embedLetterFont(doc: PDFDocument, a: LetterAssets, which: 'regular' | 'bold', customName: string): Promise<PDFFont> {
  const font = await doc.embedFont(which === 'bold' ? a.bold : a.regular, { subset: true, features: LETTER_FONT_FEATURES, customName });
  const embedder = (font as unknown as { embedder?: { subset?: Partial<FkTtfSubset>; serializeFont?: () => Promise<Uint8Array> } }).embedder;
  if (!embedder || typeof embedder.serializeFont !== 'function') return font;
  const plain = a.plain[which];
  if (plain) usePlainGlyphs(embedder as unknown as Partial<SubsetEmbedder>, plain);
  const { subset } = embedder;
  const writer = a.subsetWriter[which];
  const Ctor = a.encodeStream;
  if (writer && Array.isArray(subset?.glyphs) && typeof subset.includeGlyph === 'function') {
    const s = subset as FkTtfSubset;
    embedder.serializeFont = () => Promise.resolve(writer.write(s));
  } else if (Ctor && typeof subset?.encode === 'function') {
    const s = subset as Pick<FontkitSubset, 'encode'>;
    embedder.serializeFont = () => Promise.resolve(encodeSubset(s, Ctor));
  }
  return font;
}

/** Characters whose glyphs check TtfSubsetWriter against fontkit: simple glyphs and composites (accented letters). */
const SUBSET_SAMPLE = Array.from('Åå Øø Ææ Éé aAiI1§–«»\uFFFD', (c) => c.codePointAt(0)!);

export async function loadLetterAssets(deps: LetterPdfRendererDeps): Promise<LetterAssets> {
  const read = async (file: string, what: string) => {
    try {
      return new Uint8Array(await readFile(file));
    } catch (e) {
      throw new IntegrationError('permanent', `Fant ikke ${what} for brev-PDF: ${file}`, { integration: 'letter-pdf', cause: e });
    }
  };
  const iccPath = path.join(deps.fontDir, '..', 'icc', 'sRGB.icc');
  const [regular, bold, icc] = await Promise.all([
    read(path.join(deps.fontDir, LETTER_FONT_FILES.regular), 'skrifttypen'),
    read(path.join(deps.fontDir, LETTER_FONT_FILES.bold), 'skrifttypen (fet)'),
    deps.iccProfile instanceof Uint8Array ? Promise.resolve(deps.iccProfile) : read(deps.iccProfile ?? iccPath, 'ICC-profilen'),
  ]);
  const parsed = new Map<Uint8Array, ReturnType<Fontkit['create']>>([
    [regular, fontkit.create(regular)],
    [bold, fontkit.create(bold)],
  ]);
  const cachingFontkit: Fontkit = { create: (bytes, postscriptName) => parsed.get(bytes) ?? fontkit.create(bytes, postscriptName) };
  const boldSet = new Set(parsed.get(bold)!.characterSet);
  const coverage = new Set(parsed.get(regular)!.characterSet.filter((c) => boldSet.has(c)));
  // One throw-away stream (of an empty subset) names fontkit's EncodeStream class, which fontkit does not export.
  let encodeStream: LetterAssets['encodeStream'] = null;
  try {
    const probe = (parsed.get(regular) as unknown as { createSubset?: () => Partial<FontkitSubset> }).createSubset?.();
    const ctor = probe?.encodeStream?.().constructor as (new () => SubsetEncodeStream) | undefined;
    if (typeof ctor === 'function') encodeStream = ctor;
  } catch {
    encodeStream = null;
  }
  const plain = { regular: PlainGlyphs.of(parsed.get(regular), LETTER_FONT_FEATURES), bold: PlainGlyphs.of(parsed.get(bold), LETTER_FONT_FEATURES) };
  const writerFor = (bytes: Uint8Array) => {
    try {
      return TtfSubsetWriter.of(parsed.get(bytes), fontkit.create(bytes), encodeStream, SUBSET_SAMPLE);
    } catch {
      return null;
    }
  };
  const subsetWriter = { regular: writerFor(regular), bold: writerFor(bold) };
  return { regular, bold, icc, coverage, fontkit: cachingFontkit, encodeStream, plain, subsetWriter };
}

