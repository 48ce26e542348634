/**
 * The glyph cache: per font, the glyphs of the characters shaping leaves alone, so text is
 * encoded and measured without fontkit's shaping where it changes nothing.
 */
import { PDFHexString } from 'pdf-lib';

/** The font features the letters use: no ligatures or kerning, so word widths add up. */
export const LETTER_FONT_FEATURES = { liga: false, clig: false, calt: false, kern: false } as const;

/** The parts of a fontkit glyph and font read here (pdf-lib's types do not name them). */
export interface FkGlyph {
  readonly id: number;
  readonly advanceWidth: number;
  readonly codePoints: readonly number[];
}
export interface FkFont {
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
export interface SubsetEmbedder {
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
export function usePlainGlyphs(embedder: Partial<SubsetEmbedder>, plain: PlainGlyphs): void {
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
