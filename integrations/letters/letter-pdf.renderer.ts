import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { deflateSync } from 'node:zlib';
import { degrees, drawLinesOfText, PDFContentStream, PDFDocument, PDFHexString, rgb, type PDFFont, type PDFName, type PDFOperator, type PDFPage } from 'pdf-lib';
import { IntegrationError } from '../../electron/core/errors';
import type { LetterDocument, LetterRenderer } from '../../electron/core/ports/letter-renderer.port';
import { applyPdfA, SRGB_OUTPUT_INTENT } from './pdfa-metadata';

/**
 * The reply letter as PDF/A-2b: A4, DejaVu Sans embedded as subsets, XMP metadata and an sRGB
 * output intent. The output is a pure function of the letter: dates come from letter.date and
 * the document ID and font subset tags from a hash of the letter, so a preview is byte for byte
 * what is archived later.
 */

export interface LetterPdfRendererDeps {
  /** Folder holding DejaVuSans.ttf and DejaVuSans-Bold.ttf (resources/fonts). */
  fontDir: string;
  /** The sRGB ICC profile for the output intent: a path or its bytes. Default: <fontDir>/../icc/sRGB.icc. */
  iccProfile?: string | Uint8Array;
}

export const LETTER_FONT_FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' } as const;

/** Changing the layout changes this, and so the document IDs: an old ID never names a new rendering. */
const LAYOUT_VERSION = 'letter-pdf/1';
const PRODUCER = 'Postmottak (pdf-lib)';
const CREATOR_TOOL = 'Postmottak';

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

/** The part of fontkit's (restructure's) EncodeStream a subset is written through. */
interface SubsetEncodeStream {
  push(chunk: Uint8Array | null): boolean;
  end(): void;
}
interface FontkitSubset {
  encode(stream: SubsetEncodeStream): void;
  encodeStream(): SubsetEncodeStream;
}

/** A subset's bytes from fontkit's own (synchronous) encode(), collected from the stream it writes to. */
function encodeSubset(subset: Pick<FontkitSubset, 'encode'>, Ctor: new () => SubsetEncodeStream): Uint8Array {
  const parts: Uint8Array[] = [];
  const stream = new Ctor();
  stream.push = (chunk) => {
    if (chunk) parts.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength).slice());
    return true;
  };
  subset.encode(stream);
  stream.end();
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The parts of a TrueType font in fontkit that its subsetter reads (TTFSubset._addGlyph). */
interface FkTrueType {
  getGlyph(id: number): FkGlyph & {
    _decode(): { numberOfContours: number; components?: { glyphID: number; pos: number }[] } | null;
    _getMetrics(): { leftBearing: number };
  };
  loca: { offsets: number[] };
  _getTableStream(tag: string): { pos: number; readBuffer(length: number): Uint8Array };
  _variationProcessor?: unknown;
  directory: { tables: Record<string, unknown> };
  createSubset(): FkTtfSubset;
}
interface FkTtfSubset extends FontkitSubset {
  glyphs: number[];
  includeGlyph(glyph: number): number;
}

interface SubsetGlyph {
  /** The glyph's entry in the font's glyf table. */
  bytes: Uint8Array;
  /** A composite glyph's components: their glyph ids go at these byte offsets, renumbered for the subset. */
  components: { glyphID: number; pos: number }[];
  advance: number;
  bearing: number;
}

/**
 * Writes a TrueType subset byte for byte as fontkit's TTFSubset.encode() does (head, hhea, loca,
 * maxp, cvt, prep, glyf, hmtx, fpgm; the glyphs in the subset's order, composites renumbered),
 * without decoding each glyph's outline and re-encoding the unchanged tables for every letter:
 * a glyph's glyf entry and metrics are read once per renderer, and the other tables are taken from
 * a subset fontkit encoded itself. Built only if it writes exactly what fontkit writes for a sample.
 */
export class TtfSubsetWriter {
  private readonly glyphs = new Map<number, SubsetGlyph>();
  private constructor(
    private readonly font: FkTrueType,
    /** The tables in fontkit's order; null for the three written per subset. */
    private readonly tables: { tag: string; bytes: Uint8Array | null }[],
    /** The first 12 bytes (sfnt version "true", table count, search fields), the same for every subset. */
    private readonly header: Uint8Array,
  ) {}

  static of(font: unknown, reference: unknown, Ctor: (new () => SubsetEncodeStream) | null, sampleCodePoints: readonly number[]): TtfSubsetWriter | null {
    try {
      const f = font as FkTrueType;
      const ref = reference as FkTrueType & FkFont;
      if (!Ctor || typeof f.createSubset !== 'function' || f._variationProcessor || !f.directory?.tables?.glyf || !f.loca) return null;
      if (typeof ref.createSubset !== 'function' || ref._variationProcessor || typeof ref._cmapProcessor?.lookup !== 'function') return null;
      // a subset of the reference font (a second parse of the same file: glyphs made here must not be the letters' glyphs)
      const ids = sampleCodePoints.map((cp) => ref._cmapProcessor!.lookup(cp)).filter((id) => id !== 0);
      const sample = () => {
        const subset = ref.createSubset();
        for (const id of ids) subset.includeGlyph(id);
        return subset;
      };
      const expected = encodeSubset(sample(), Ctor);
      const view = new DataView(expected.buffer, expected.byteOffset, expected.byteLength);
      const n = view.getUint16(4);
      const tables: { tag: string; bytes: Uint8Array | null }[] = [];
      for (let i = 0; i < n; i++) {
        const at = 12 + 16 * i;
        const tag = String.fromCharCode(...expected.subarray(at, at + 4));
        const offset = view.getUint32(at + 8);
        const length = view.getUint32(at + 12);
        tables.push({ tag, bytes: tag === 'loca' || tag === 'glyf' || tag === 'hmtx' ? null : expected.slice(offset, offset + length) });
      }
      const need = ['head', 'hhea', 'maxp', 'loca', 'glyf', 'hmtx'];
      if (!need.every((t) => tables.some((x) => x.tag === t)) || view.getUint32(12 + 4) !== 0) return null;
      const header = expected.slice(0, 12);
      if (!equalBytes(new TtfSubsetWriter(ref, tables, header).write(sample()), expected)) return null;
      return new TtfSubsetWriter(f, tables, header);
    } catch {
      return null;
    }
  }

  private glyph(id: number): SubsetGlyph {
    let g = this.glyphs.get(id);
    if (!g) {
      const glyph = this.font.getGlyph(id);
      const decoded = glyph._decode();
      const stream = this.font._getTableStream('glyf');
      stream.pos += this.font.loca.offsets[id]!;
      const bytes = Uint8Array.from(stream.readBuffer(this.font.loca.offsets[id + 1]! - this.font.loca.offsets[id]!));
      const components = decoded && decoded.numberOfContours < 0 ? (decoded.components ?? []).map((c) => ({ glyphID: c.glyphID, pos: c.pos })) : [];
      g = { bytes, components, advance: glyph.advanceWidth, bearing: glyph._getMetrics().leftBearing };
      this.glyphs.set(id, g);
    }
    return g;
  }

  /** The subset's font program; like fontkit's encode(), adds the components of composite glyphs to the subset. */
  write(subset: Pick<FkTtfSubset, 'glyphs' | 'includeGlyph'>): Uint8Array {
    const entries: Uint8Array[] = [];
    const used: SubsetGlyph[] = [];
    const offsets: number[] = [];
    let glyfLength = 0;
    for (let i = 0; i < subset.glyphs.length; i++) {
      const g = this.glyph(subset.glyphs[i]!);
      let bytes = g.bytes;
      if (g.components.length > 0) {
        bytes = bytes.slice();
        const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        for (const c of g.components) v.setUint16(c.pos, subset.includeGlyph(c.glyphID));
      }
      entries.push(bytes);
      used.push(g);
      offsets.push(glyfLength);
      glyfLength += bytes.length;
    }
    offsets.push(glyfLength);
    const count = entries.length;
    const longLoca = glyfLength > 0xffff;

    const sizes = this.tables.map((t) => {
      if (t.tag === 'loca') return offsets.length * (longLoca ? 4 : 2);
      if (t.tag === 'glyf') return glyfLength;
      if (t.tag === 'hmtx') return count * 4;
      return t.bytes!.length;
    });
    const out = new Uint8Array(12 + 16 * this.tables.length + sizes.reduce((a, b) => a + b, 0));
    const v = new DataView(out.buffer);
    out.set(this.header, 0);
    let at = 12 + 16 * this.tables.length;
    this.tables.forEach((t, i) => {
      const rec = 12 + 16 * i;
      for (let k = 0; k < 4; k++) out[rec + k] = t.tag.charCodeAt(k);
      v.setUint32(rec + 4, 0);
      v.setUint32(rec + 8, at);
      v.setUint32(rec + 12, sizes[i]!);
      if (t.tag === 'loca') {
        offsets.forEach((o, j) => (longLoca ? v.setUint32(at + 4 * j, o) : v.setUint16(at + 2 * j, o >>> 1)));
      } else if (t.tag === 'glyf') {
        let p = at;
        for (const e of entries) {
          out.set(e, p);
          p += e.length;
        }
      } else if (t.tag === 'hmtx') {
        used.forEach((g, j) => {
          v.setUint16(at + 4 * j, g.advance);
          v.setInt16(at + 4 * j + 2, g.bearing);
        });
      } else {
        out.set(t.bytes!, at);
        if (t.tag === 'head') v.setInt16(at + 50, longLoca ? 1 : 0); // indexToLocFormat
        if (t.tag === 'hhea') v.setUint16(at + 34, count); // numberOfMetrics
        if (t.tag === 'maxp') v.setUint16(at + 4, count); // numGlyphs
      }
      at += sizes[i]!;
    });
    return out;
  }
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The font features the letters use: no ligatures or kerning, so word widths add up. */
export const LETTER_FONT_FEATURES = { liga: false, clig: false, calt: false, kern: false } as const;

/** The parts of a fontkit glyph and font read here (pdf-lib's types do not name them). */
interface FkGlyph {
  readonly id: number;
  readonly advanceWidth: number;
  readonly codePoints: readonly number[];
}
interface FkFont {
  readonly unitsPerEm: number;
  readonly characterSet: readonly number[];
  layout(text: string, features?: object): { glyphs: FkGlyph[] };
  glyphForCodePoint(codePoint: number): FkGlyph;
  readonly _cmapProcessor?: { lookup(codePoint: number): number };
  readonly GSUB?: FkGsub;
}
/** fontkit's lazily decoded OpenType arrays are iterable but not always arrays. */
type FkList<T> = Iterable<T> | null | undefined;
interface FkCoverage {
  version: number;
  glyphs?: FkList<number>;
  rangeRecords?: FkList<{ start: number; end: number }>;
}
interface FkClassDef {
  version: number;
  startGlyph?: number;
  classValueArray?: FkList<number>;
  classRangeRecord?: FkList<{ start: number; end: number; class: number }>;
}
interface FkSubtable {
  version?: number;
  lookupType?: number;
  extension?: FkSubtable;
  coverage?: FkCoverage;
  coverages?: FkList<FkCoverage>;
  backtrackCoverage?: FkList<FkCoverage>;
  inputCoverage?: FkList<FkCoverage>;
  lookaheadCoverage?: FkList<FkCoverage>;
  classDef?: FkClassDef;
  classSet?: FkList<FkList<{ classes?: FkList<number> } | null> | null>;
  backtrackClassDef?: FkClassDef;
  inputClassDef?: FkClassDef;
  lookaheadClassDef?: FkClassDef;
  chainClassSet?: FkList<FkList<{ backtrack?: FkList<number>; input?: FkList<number>; lookahead?: FkList<number> } | null> | null>;
}
interface FkGsub {
  featureList: FkList<{ tag: string; feature: { lookupListIndexes: FkList<number> } }>;
  lookupList: { get(i: number): { lookupType: number; subTables: FkList<FkSubtable> } | null | undefined };
}

const list = <T>(xs: FkList<T>): T[] => (xs ? Array.from(xs) : []);

/** Features fontkit applies only when asked for; with these and the ones LETTER_FONT_FEATURES turns off, a glyph may stay as the cmap gives it. */
const OPTIONAL_FEATURES =
  /^(aalt|salt|dlig|hlig|case|smcp|c2sc|pcap|c2pc|unic|titl|onum|lnum|pnum|tnum|frac|afrc|numr|dnom|sups|subs|sinf|ordn|zero|swsh|cswh|hist|ornm|nalt|ss\d\d|cv\d\d)$/;

/**
 * Code points fontkit shapes with its default shaper and nothing but the font's own substitutions:
 * Latin, Greek, Cyrillic, punctuation and symbols; no combining marks, default-ignorables, the
 * fraction slash (contextual fractions) or scripts with a shaper of their own.
 */
function plainCodePoint(cp: number): boolean {
  return (
    (cp >= 0x20 && cp <= 0x7e) ||
    (cp >= 0xa0 && cp <= 0x2ff && cp !== 0xad) ||
    (cp >= 0x370 && cp <= 0x482) ||
    (cp >= 0x48a && cp <= 0x52f) ||
    (cp >= 0x1e00 && cp <= 0x1fff) ||
    (cp >= 0x2010 && cp <= 0x2027) ||
    cp === 0x202f ||
    (cp >= 0x2030 && cp <= 0x205e && cp !== 0x2044) ||
    (cp >= 0x2070 && cp <= 0x20cf) ||
    (cp >= 0x2100 && cp <= 0x2bff) ||
    cp === 0xfffd
  );
}

function coverageGlyphs(c: FkCoverage | null | undefined): number[] {
  if (!c) return [];
  if (c.version === 1) return list(c.glyphs);
  const out: number[] = [];
  for (const r of list(c.rangeRecords)) for (let g = r.start; g <= r.end; g++) out.push(g);
  return out;
}

/** A class definition as glyph → class (glyphs it does not list are in class 0). */
function classMap(def: FkClassDef): Map<number, number> {
  const m = new Map<number, number>();
  if (def.version === 1) {
    const start = def.startGlyph ?? 0;
    list(def.classValueArray).forEach((k, i) => m.set(start + i, k));
  } else {
    for (const r of list(def.classRangeRecord)) for (let g = r.start; g <= r.end; g++) m.set(g, r.class);
  }
  return m;
}

/**
 * The glyphs (of `candidates`) that a substitution fontkit applies with these features could start
 * on in a text made of candidates only; null if the GSUB table holds something not understood here.
 * A contextual rule counts only if every glyph or class it needs could occur in such a text.
 */
function substitutedGlyphs(gsub: FkGsub | undefined, candidates: Set<number>, features: Record<string, boolean>): Set<number> | null {
  const out = new Set<number>();
  if (!gsub) return out;
  const inCandidates = (c: FkCoverage | null | undefined) => coverageGlyphs(c).some((g) => candidates.has(g));
  const maps = new Map<FkClassDef, { classes: Map<number, number>; present: Set<number> }>();
  const classDef = (def: FkClassDef) => {
    let d = maps.get(def);
    if (!d) {
      const classes = classMap(def);
      d = { classes, present: new Set(Array.from(candidates, (g) => classes.get(g) ?? 0)) };
      maps.set(def, d);
    }
    return d;
  };
  const classOf = (def: FkClassDef | null | undefined, glyph: number) => (def ? (classDef(def).classes.get(glyph) ?? 0) : 0);
  const classCanOccur = (def: FkClassDef | null | undefined, k: number) => (def ? classDef(def).present.has(k) : k === 0);
  const lookups = new Set<number>();
  for (const f of list(gsub.featureList)) {
    if (OPTIONAL_FEATURES.test(f.tag) || features[f.tag] === false) continue;
    for (const i of list(f.feature.lookupListIndexes)) lookups.add(i);
  }
  for (const i of lookups) {
    const lookup = gsub.lookupList.get(i);
    if (!lookup) return null;
    for (let table of list(lookup.subTables)) {
      let type = lookup.lookupType;
      if (type === 7) {
        if (!table.extension || typeof table.lookupType !== 'number') return null;
        type = table.lookupType;
        table = table.extension;
      }
      let starts: number[];
      if (type === 1 || type === 2 || type === 3 || type === 4 || type === 8 || ((type === 5 || type === 6) && table.version === 1)) {
        starts = coverageGlyphs(table.coverage);
      } else if (type === 5 && table.version === 2) {
        const sets = list(table.classSet);
        starts = coverageGlyphs(table.coverage).filter((g) =>
          list(sets[classOf(table.classDef, g)]).some((rule) => !!rule && list(rule.classes).every((k) => classCanOccur(table.classDef, k))),
        );
      } else if (type === 6 && table.version === 2) {
        const sets = list(table.chainClassSet);
        starts = coverageGlyphs(table.coverage).filter((g) =>
          list(sets[classOf(table.inputClassDef, g)]).some(
            (rule) =>
              !!rule &&
              list(rule.backtrack).every((k) => classCanOccur(table.backtrackClassDef, k)) &&
              list(rule.input).every((k) => classCanOccur(table.inputClassDef, k)) &&
              list(rule.lookahead).every((k) => classCanOccur(table.lookaheadClassDef, k)),
          ),
        );
      } else if (type === 5 && table.version === 3) {
        const [first, ...rest] = list(table.coverages);
        starts = rest.every(inCandidates) ? coverageGlyphs(first) : [];
      } else if (type === 6 && table.version === 3) {
        const [first, ...rest] = list(table.inputCoverage);
        starts = [...rest, ...list(table.backtrackCoverage), ...list(table.lookaheadCoverage)].every(inCandidates) ? coverageGlyphs(first) : [];
      } else {
        return null;
      }
      for (const g of starts) if (candidates.has(g)) out.add(g);
    }
  }
  return out;
}

/**
 * Glyphs without shaping, for the characters where shaping changes nothing. With ligatures and
 * kerning off, fontkit's layout() of plain text (see plainCodePoint) is the cmap's glyph for each
 * character, unless a substitution the font applies by default starts on one of them
 * (substitutedGlyphs: in DejaVu, e.g. the dotless i before a combining accent, which never occurs
 * in plain text). Such text is mapped here character by character, with the same glyph objects
 * layout() returns; any other text goes through layout() as before. One per parsed font, shared
 * by every letter a renderer draws.
 */
export class PlainGlyphs {
  private readonly byCodePoint = new Map<number, FkGlyph | null>();
  readonly scale: number;
  private constructor(
    private readonly font: FkFont,
    private readonly substituted: Set<number>,
    private readonly lookup: (cp: number) => number,
  ) {
    this.scale = 1000 / font.unitsPerEm;
  }

  /** null if the font is not one this can reason about: then every line is shaped. */
  static of(font: unknown, features: Record<string, boolean>): PlainGlyphs | null {
    try {
      const f = font as FkFont;
      const cmap = f._cmapProcessor;
      if (typeof f.layout !== 'function' || typeof f.glyphForCodePoint !== 'function' || typeof cmap?.lookup !== 'function' || !(f.unitsPerEm > 0)) return null;
      const lookup = (cp: number) => cmap.lookup(cp);
      // glyph ids from the cmap directly: creating fontkit glyphs here would fix their code points before the letters do
      const candidates = new Set<number>();
      for (const cp of f.characterSet) if (plainCodePoint(cp)) candidates.add(lookup(cp));
      candidates.delete(0);
      const substituted = substitutedGlyphs(f.GSUB, candidates, features);
      return substituted ? new PlainGlyphs(f, substituted, lookup) : null;
    } catch {
      return null;
    }
  }

  private glyphFor(cp: number): FkGlyph | null {
    let g = this.byCodePoint.get(cp);
    if (g === undefined) {
      g = null;
      const id = plainCodePoint(cp) ? this.lookup(cp) : 0;
      if (id !== 0 && !this.substituted.has(id)) {
        const glyph = this.font.glyphForCodePoint(cp);
        // the glyph's first code point is what fontkit checks for ignorables and fractions; and a last check against layout() itself
        const shaped = plainCodePoint(glyph.codePoints[0] ?? -1) ? this.font.layout(String.fromCodePoint(cp), LETTER_FONT_FEATURES).glyphs : [];
        if (glyph.id === id && shaped.length === 1 && shaped[0] === glyph) g = glyph;
      }
      this.byCodePoint.set(cp, g);
    }
    return g;
  }

  /** The glyphs layout() gives for `text`, or null when the text needs shaping. */
  glyphs(text: string): FkGlyph[] | null {
    const out: FkGlyph[] = [];
    for (let i = 0; i < text.length; i++) {
      let cp = text.charCodeAt(i);
      if (cp >= 0xd800 && cp <= 0xdbff) {
        cp = text.codePointAt(i)!;
        if (cp > 0xffff) i++;
      }
      const g = this.glyphFor(cp);
      if (!g) return null;
      out.push(g);
    }
    return out;
  }
}

/** The part of pdf-lib's CustomFontSubsetEmbedder that encodeText touches. */
interface SubsetEmbedder {
  encodeText(text: string): PDFHexString;
  widthOfTextAtSize(text: string, size: number): number;
  subset: { includeGlyph(glyph: FkGlyph | number): number };
  glyphs: FkGlyph[];
  glyphIdMap: Map<number, number>;
  glyphCache: { invalidate(): void };
}

/**
 * Text encoding and widths without fontkit's shaping where PlainGlyphs says it changes nothing:
 * the same glyphs go into the subset in the same order, so the bytes are those of the stock path.
 */
function usePlainGlyphs(embedder: Partial<SubsetEmbedder>, plain: PlainGlyphs): void {
  const { subset, glyphs, glyphIdMap, glyphCache } = embedder;
  if (
    typeof embedder.encodeText !== 'function' ||
    typeof embedder.widthOfTextAtSize !== 'function' ||
    typeof subset?.includeGlyph !== 'function' ||
    !Array.isArray(glyphs) ||
    !(glyphIdMap instanceof Map) ||
    typeof glyphCache?.invalidate !== 'function'
  ) {
    return;
  }
  const shapeAndEncode = embedder.encodeText.bind(embedder);
  const shapeAndMeasure = embedder.widthOfTextAtSize.bind(embedder);
  /** Original glyph id → its subset glyph id as 4 hex digits, in this document. */
  const codes = new Map<number, string>();
  embedder.encodeText = (text) => {
    const run = plain.glyphs(text);
    if (!run) return shapeAndEncode(text);
    let hex = '';
    for (const glyph of run) {
      let code = codes.get(glyph.id);
      if (code === undefined) {
        const id = subset.includeGlyph(glyph);
        glyphs[id - 1] = glyph;
        glyphIdMap.set(glyph.id, id);
        glyphCache.invalidate();
        code = id.toString(16).padStart(4, '0').toUpperCase();
        codes.set(glyph.id, code);
      }
      hex += code;
    }
    return PDFHexString.of(hex);
  };
  embedder.widthOfTextAtSize = (text, size) => {
    const run = plain.glyphs(text);
    if (!run) return shapeAndMeasure(text, size);
    let total = 0;
    for (const glyph of run) total += glyph.advanceWidth * plain.scale;
    return total * (size / 1000);
  };
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
      // a template that signs the letter itself (its last paragraph opens with the closing) gets no second signature
      const signed = paragraphs.length > 0 && paragraphs[paragraphs.length - 1]!.trimStart().startsWith(labels.closing);
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

      applyPdfA(
        doc,
        {
          title: oneLine(letter.title),
          author: oneLine(letter.municipality.name),
          subject: letter.caseNumber ? `${labels.ourRef} ${oneLine(letter.caseNumber)}` : null,
          language: labels.bcp47,
          creatorTool: CREATOR_TOOL,
          producer: PRODUCER,
          date,
          documentId: hash.subarray(0, 16),
        },
        { iccProfile: a.icc, deflatedProfile: deflatedOnce(a.icc), ...SRGB_OUTPUT_INTENT },
      );

      // no yielding to the event loop every 50 objects (a setTimeout of ≥ 1 ms each): a letter is small
      const bytes = await doc.save({ useObjectStreams: false, addDefaultPage: false, objectsPerTick: Number.POSITIVE_INFINITY });
      return { bytes, pages: flowed.length };
    },
  };
}
