/**
 * The TrueType subset writer: a letter font's subset written synchronously with the bytes
 * fontkit's own encoder would give (checked against it once per font), so embedding a font
 * needs neither fontkit's timer-driven stream nor re-decoding the glyphs.
 */
import type { FkFont, FkGlyph } from './plain-glyphs';
/** The part of fontkit's (restructure's) EncodeStream a subset is written through. */
export interface SubsetEncodeStream {
  push(chunk: Uint8Array | null): boolean;
  end(): void;
}
export interface FontkitSubset {
  encode(stream: SubsetEncodeStream): void;
  encodeStream(): SubsetEncodeStream;
}

/** A subset's bytes from fontkit's own (synchronous) encode(), collected from the stream it writes to. */
export function encodeSubset(subset: Pick<FontkitSubset, 'encode'>, Ctor: new () => SubsetEncodeStream): Uint8Array {
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
export interface FkTtfSubset extends FontkitSubset {
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
