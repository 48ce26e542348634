import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IntegrationError } from '../../electron/core/errors';
import type { LetterDocument } from '../../electron/core/ports/letter-renderer.port';
import fontkit from '@pdf-lib/fontkit';
import { createLetterPdfRenderer, formatLetterDate, LETTER_FONT_FEATURES, loadLetterAssets, type LetterAssets } from '../../integrations/letters/letter-pdf.renderer';
import { buildXmp } from '../../integrations/shared/pdf/pdfa-metadata';
import { pdffonts, pdfinfo, pdftotext } from '../helpers/pdf-tools';

const FONT_DIR = path.resolve(__dirname, '../../resources/fonts');
const ICC = path.resolve(__dirname, '../../resources/icc/sRGB.icc');
const NORWEGIAN = 'Særlige tegn: æ ø å Æ Ø Å, § 13-7, «sitat» og tankestrek – ferdig.';

const paragraph = (i: number) =>
  `Avsnitt ${i}. Kommunen har behandlet søknaden om plass i skolefritidsordningen. Etter opplæringsloven skal kommunen ha et tilbud ` +
  `før og etter skoletid for elever på 1.–4. trinn, og vi har lagt vekt på opplysningene i søknaden og på retningslinjene for opptak.`;

function letter(over: Partial<LetterDocument> = {}): LetterDocument {
  return {
    municipality: { name: 'Ørland kommune', orgNumber: '964 982 953', unit: 'Oppvekst og kultur' },
    recipient: { name: 'Åse Ærøe Øvrebø', street: 'Storgata 12 B', postalCode: '7130', postalPlace: 'BREKSTAD' },
    caseNumber: '2026/123',
    date: '2026-11-29',
    title: 'Vedtak om plass i SFO – skoleåret 2026/2027',
    body: [NORWEGIAN, ...Array.from({ length: 22 }, (_, i) => paragraph(i + 1))].join('\n\n'),
    caseworker: { name: 'Kari Nordmann', unit: 'Seksjon for oppvekst' },
    language: 'nb',
    ...over,
  };
}

const renderer = createLetterPdfRenderer({ fontDir: FONT_DIR, iccProfile: ICC });
let dir: string;
let file: string;
let bytes: Uint8Array;
let pages: number;

// pdfinfo / pdffonts / pdftotext: read with pdfjs-dist (and pdf-lib for fonts) always, and with poppler-utils too when installed;
// every assertion runs on each opinion (test/helpers/pdf-tools.ts)
const latin1 = (b: Uint8Array) => Buffer.from(b).toString('latin1');

/** The text of "n 0 obj … endobj" and, if it has one, its stream's bytes (inflated when FlateDecode). */
function pdfObject(pdf: Uint8Array, n: number): { dict: string; stream: Buffer | null } {
  const text = latin1(pdf);
  const start = text.search(new RegExp(`(^|\\n)${n} 0 obj\\b`));
  expect(start, `object ${n}`).toBeGreaterThanOrEqual(0);
  const end = text.indexOf('endobj', start);
  const body = text.slice(start, end);
  const s = body.indexOf('stream\n');
  if (s < 0) return { dict: body, stream: null };
  const dict = body.slice(0, s);
  const length = Number(/\/Length (\d+)/.exec(dict)?.[1]);
  const raw = Buffer.from(pdf.subarray(start + s + 'stream\n'.length, start + s + 'stream\n'.length + length));
  return { dict, stream: dict.includes('/FlateDecode') ? zlib.inflateSync(raw) : raw };
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-letter-'));
  ({ bytes, pages } = await renderer.render(letter()));
  file = path.join(dir, 'letter.pdf');
  fs.writeFileSync(file, bytes);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('letter PDF: layout and text', () => {
  it('three A4 pages with the title in the Info dictionary', async () => {
    expect(pages).toBe(3);
    for (const { tool, out: info } of await pdfinfo(file)) {
      expect(info, tool).toMatch(/^Pages:\s+3$/m);
      expect(info, tool).toMatch(/^Page size:\s+595\.27\d x 841\.89 pts \(A4\)$/m);
      expect(info, tool).toMatch(/^Title:\s+Vedtak om plass i SFO – skoleåret 2026\/2027$/m);
      expect(info, tool).toMatch(/^Encrypted:\s+no$/m);
      expect(info, tool).toMatch(/^JavaScript:\s+no$/m);
    }
  });

  it('every font is embedded and subset', async () => {
    for (const { tool, out } of await pdffonts(file)) {
      const rows = out.trim().split('\n').slice(2);
      expect(rows.length, tool).toBe(2);
      for (const row of rows) {
        expect(row, tool).toMatch(/^[A-Z]{6}\+DejaVuSans(-Bold)? +CID TrueType +Identity-H +yes yes yes /);
      }
    }
  });

  it('the text comes back exactly: Norwegian characters, recipient, references, date, footer, signature', async () => {
    for (const { tool, out: text } of await pdftotext(file)) {
      expect(text, tool).toContain(NORWEGIAN);
      for (const s of ['Ørland kommune', 'Oppvekst og kultur', 'Åse Ærøe Øvrebø', 'Storgata 12 B', '7130 BREKSTAD', 'Vår ref.:', '2026/123', 'Dato:', '29. november 2026']) {
        expect(text, tool).toContain(s);
      }
      expect(text, tool).toContain('Vedtak om plass i SFO – skoleåret 2026/2027');
      for (const n of [1, 2, 3]) expect(text, tool).toContain(`Side ${n} av 3`);
      expect(text, tool).toMatch(/Med hilsen\s+Kari Nordmann\s+Seksjon for oppvekst/);
      // every paragraph is there, in order; words are only wrapped, never lost (footers aside)
      const flat = text
        .replace(/Ørland kommune · Org\.nr\. 964 982 953|Side \d av 3/g, ' ')
        .replace(/\s+/g, ' ');
      let at = 0;
      for (let i = 1; i <= 22; i++) {
        const next = flat.indexOf(paragraph(i), at);
        expect(next, `${tool}: paragraph ${i}`).toBeGreaterThan(at);
        at = next;
      }
    }
  });

  it('adds no second signature when the template signs the letter itself', async () => {
    const signed = await renderer.render(letter({ body: 'Hei!\n\nSøknaden er innvilget.\n\nMed hilsen\nKari Nordmann\nSeksjon for oppvekst' }));
    const f = path.join(dir, 'signed.pdf');
    fs.writeFileSync(f, signed.bytes);
    for (const { tool, out: text } of await pdftotext(f)) {
      expect(text.match(/Med hilsen/g), tool).toHaveLength(1);
      expect(text, tool).toMatch(/Med hilsen\s+Kari Nordmann\s+Seksjon for oppvekst/);
    }
  });

  it('#13 item 12: a line typed after "Med hilsen" does not print the closing twice', async () => {
    const body = 'Hei!\n\nSøknaden er innvilget.\n\nMed hilsen\nKari Nordmann\nSeksjon for oppvekst\n\nPS: Husk å svare på tilbudet innen fristen.';
    const out = await renderer.render(letter({ body }));
    const f = path.join(dir, 'signed-ps.pdf');
    fs.writeFileSync(f, out.bytes);
    for (const { tool, out: text } of await pdftotext(f)) {
      expect(text.match(/Med hilsen/g), tool).toHaveLength(1);
      expect(text, tool).toContain('PS: Husk å svare på tilbudet innen fristen.');
    }
  });

  it('page 1 carries the letterhead and the address; the signature ends up on the last page', async () => {
    const pageTexts = await Promise.all([1, 2, 3].map((n) => pdftotext(file, ['-f', String(n), '-l', String(n)])));
    for (const [k, { tool }] of pageTexts[0]!.entries()) {
      const page = (n: number) => pageTexts[n - 1]![k]!.out;
      expect(page(1), tool).toContain('Åse Ærøe Øvrebø');
      expect(page(1), tool).toContain('Side 1 av 3');
      expect(page(2), tool).not.toContain('Åse Ærøe Øvrebø');
      expect(page(3), tool).toContain('Med hilsen');
      expect(page(3), tool).toContain('Side 3 av 3');
    }
  });

  it('the address sits in the envelope window: left, about 45 mm from the top', async () => {
    for (const { tool, out: bbox } of await pdftotext(file, ['-bbox', '-f', '1', '-l', '1'])) {
      const word = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">Åse<\/word>/.exec(bbox);
      expect(word, tool).not.toBeNull();
      const mm = (pt: number) => (pt * 25.4) / 72;
      expect(mm(Number(word![1])), tool).toBeCloseTo(25, 0);
      expect(mm(Number(word![2])), tool).toBeGreaterThan(44);
      expect(mm(Number(word![2])), tool).toBeLessThan(50);
    }
  });

  it('a short letter is one page with "Side 1 av 1"; a case without number has no "Vår ref."', async () => {
    const r = await renderer.render(letter({ body: 'Kort svar.', caseNumber: null }));
    expect(r.pages).toBe(1);
    const f = path.join(dir, 'short.pdf');
    fs.writeFileSync(f, r.bytes);
    for (const { tool, out: text } of await pdftotext(f)) {
      expect(text, tool).toContain('Side 1 av 1');
      expect(text, tool).not.toContain('Vår ref.');
      expect(text, tool).toContain('Dato:');
    }
  });

  it('a character the font lacks becomes U+FFFD, never the .notdef glyph; control characters are dropped', async () => {
    const r = await renderer.render(letter({ body: 'Gratulerer 🎉 med\u0007 plassen!\r\n\r\nNytt\tavsnitt.', caseNumber: null }));
    const f = path.join(dir, 'fallback.pdf');
    fs.writeFileSync(f, r.bytes);
    for (const { tool, out: text } of await pdftotext(f)) {
      expect(text, tool).toContain('Gratulerer \uFFFD med plassen!');
      expect(text, tool).toContain('Nytt avsnitt.');
    }
  });

  it('nynorsk and English labels and dates', async () => {
    expect(formatLetterDate('2026-01-05', 'nb')).toBe('5. januar 2026');
    expect(formatLetterDate('2026-11-29', 'nn')).toBe('29. november 2026');
    expect(formatLetterDate('2026-11-29', 'en')).toBe('29 November 2026');
    const r = await renderer.render(letter({ language: 'en', body: 'Short.' }));
    const f = path.join(dir, 'en.pdf');
    fs.writeFileSync(f, r.bytes);
    for (const { tool, out: text } of await pdftotext(f)) {
      for (const s of ['Our ref.:', 'Date:', '29 November 2026', 'Page 1 of 1', 'Yours sincerely']) expect(text, tool).toContain(s);
    }
  });
});

describe('letter PDF: PDF/A-2b', () => {
  it('XMP metadata: pdfaid part 2 / conformance B, title, language, dates equal to the Info dictionary', async () => {
    for (const { tool, out: xmp } of await pdfinfo(file, ['-meta'])) {
      expect(xmp, tool).toContain('<pdfaid:part>2</pdfaid:part>');
      expect(xmp, tool).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
      expect(xmp, tool).toContain('<rdf:li xml:lang="x-default">Vedtak om plass i SFO – skoleåret 2026/2027</rdf:li>');
      expect(xmp, tool).toContain('<dc:language><rdf:Bag><rdf:li>nb-NO</rdf:li></rdf:Bag></dc:language>');
      expect(xmp, tool).toContain('<xmp:CreateDate>2026-11-29T12:00:00Z</xmp:CreateDate>');
      expect(xmp, tool).toContain('<xmp:ModifyDate>2026-11-29T12:00:00Z</xmp:ModifyDate>');
      expect(xmp, tool).toContain('<pdf:Producer>Postmottak (pdf-lib)</pdf:Producer>');
    }
    for (const { tool, out: info } of await pdfinfo(file, ['-isodates'])) {
      expect(info, tool).toMatch(/^CreationDate:\s+2026-11-29T12:00:00Z$/m);
      expect(info, tool).toMatch(/^ModDate:\s+2026-11-29T12:00:00Z$/m);
      expect(info, tool).toMatch(/^Producer:\s+Postmottak \(pdf-lib\)$/m);
      expect(info, tool).toMatch(/^Creator:\s+Postmottak$/m);
      expect(info, tool).toMatch(/^Author:\s+Ørland kommune$/m);
      expect(info, tool).toMatch(/^Metadata Stream:\s+yes$/m);
    }
  });

  it('the metadata stream is unfiltered and the catalog has /Lang', () => {
    const text = latin1(bytes);
    const ref = /\/Metadata (\d+) 0 R/.exec(text);
    expect(ref).not.toBeNull();
    const meta = pdfObject(bytes, Number(ref![1]));
    expect(meta.dict).toContain('/Type /Metadata');
    expect(meta.dict).toContain('/Subtype /XML');
    expect(meta.dict).not.toContain('/Filter');
    expect(meta.stream!.toString('utf8')).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(text).toContain('/Lang (nb-NO)');
  });

  it('an OutputIntent GTS_PDFA1 with an embedded RGB ICC profile', () => {
    const text = latin1(bytes);
    const intents = /\/OutputIntents \[ (\d+) 0 R \]/.exec(text);
    expect(intents).not.toBeNull();
    const intent = pdfObject(bytes, Number(intents![1]));
    expect(intent.dict).toContain('/Type /OutputIntent');
    expect(intent.dict).toContain('/S /GTS_PDFA1');
    expect(intent.dict).toContain('/OutputConditionIdentifier (sRGB IEC61966-2.1)');
    const profileRef = /\/DestOutputProfile (\d+) 0 R/.exec(intent.dict);
    const profile = pdfObject(bytes, Number(profileRef![1]));
    expect(profile.dict).toContain('/N 3');
    expect(profile.stream!.subarray(36, 40).toString('latin1')).toBe('acsp');
    expect(profile.stream!.subarray(16, 20).toString('latin1')).toBe('RGB ');
    expect(profile.stream!.equals(fs.readFileSync(ICC))).toBe(true);
  });

  it('a document ID in the trailer; no encryption, JavaScript or transparency', async () => {
    const text = latin1(bytes);
    expect(text.slice(0, 9)).toBe('%PDF-1.7\n');
    // the binary comment line PDF/A wants after the header
    expect([...bytes.subarray(10, 14)].every((b) => b > 127)).toBe(true);
    const trailer = text.slice(text.lastIndexOf('trailer'));
    const id = /\/ID \[ <([0-9A-F]{32})> <([0-9A-F]{32})> \]/.exec(trailer);
    expect(id).not.toBeNull();
    expect(id![1]).toBe(id![2]);
    for (const { tool, out } of await pdfinfo(file, ['-meta'])) expect(out, tool).toContain(`uuid:${id![1]!.toLowerCase().slice(0, 8)}-`);
    for (const forbidden of ['/Encrypt', '/JavaScript', '/JS ', '/SMask', '/Group', '/Transparency', '/CA ', '/ca ', '/AA ', '/OpenAction']) {
      expect(text, forbidden).not.toContain(forbidden);
    }
  });

  it('the XMP escapes markup in the title', () => {
    const xmp = buildXmp({
      title: 'A <b> & "c"',
      author: 'K',
      subject: null,
      language: 'nb-NO',
      creatorTool: 'x',
      producer: 'y',
      date: new Date(Date.UTC(2026, 0, 1)),
      documentId: new Uint8Array(16),
    });
    expect(xmp).toContain('A &lt;b&gt; &amp; &quot;c&quot;');
    expect(xmp).not.toContain('<dc:description>');
  });
});

describe('letter PDF: deterministic, validated', () => {
  it('the same letter gives the same bytes, also from a new renderer; another letter gives another ID', async () => {
    const again = await renderer.render(letter());
    expect(Buffer.from(again.bytes).equals(Buffer.from(bytes))).toBe(true);
    const fresh = await createLetterPdfRenderer({ fontDir: FONT_DIR, iccProfile: new Uint8Array(fs.readFileSync(ICC)) }).render(letter());
    expect(Buffer.from(fresh.bytes).equals(Buffer.from(bytes))).toBe(true);
    const other = await renderer.render(letter({ body: `${letter().body}\n\nEtterskrift.` }));
    const idOf = (b: Uint8Array) => /\/ID \[ <([0-9A-F]{32})>/.exec(latin1(b))?.[1];
    expect(idOf(other.bytes)).toBeDefined();
    expect(idOf(other.bytes)).not.toBe(idOf(bytes));
  });

  it('an invalid date is a validation error', async () => {
    for (const date of ['29.11.2026', '2026-02-30', '']) {
      const e = await renderer.render(letter({ date })).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(IntegrationError);
      expect((e as IntegrationError).kind).toBe('validation');
    }
  });

  it('a missing font folder is a permanent error naming the file', async () => {
    const broken = createLetterPdfRenderer({ fontDir: path.join(dir, 'no-fonts'), iccProfile: ICC });
    const e = await broken.render(letter()).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(IntegrationError);
    expect((e as IntegrationError).kind).toBe('permanent');
    expect((e as IntegrationError).message).toContain('DejaVuSans');
  });
});

describe('letter PDF: the fast paths give what fontkit gives', () => {
  /** What a test reads of a fontkit font (pdf-lib's types do not name it). */
  type Font = {
    layout(text: string, features?: object): { glyphs: { id: number }[] };
    createSubset(): { glyphs: number[]; includeGlyph(id: number): number; encode(stream: { push(c: Uint8Array | null): boolean; end(): void }): void };
    numGlyphs: number;
  };
  let a: LetterAssets;
  beforeAll(async () => {
    a = await loadLetterAssets({ fontDir: FONT_DIR, iccProfile: ICC });
  });

  it('both fonts get the unshaped glyph lookup and the subset writer', () => {
    expect(a.plain.regular && a.plain.bold && a.subsetWriter.regular && a.subsetWriter.bold).toBeTruthy();
  });

  it('the unshaped glyphs are the ones layout() returns, and text that needs shaping is left to layout()', () => {
    for (const which of ['regular', 'bold'] as const) {
      const font = a.fontkit.create(which === 'bold' ? a.bold : a.regular) as unknown as Font;
      const texts = [NORWEGIAN, paragraph(1), letter().title, 'Åse Ærøe Øvrebø, Storgata 12 B, 7130 BREKSTAD', '«sitat» “sitat” ‘x’ … — – § ½ € ™ ¶ \uFFFD', 'Ελληνικά Кириллица ŋ ĳ ǅ', 'fi fl ffi ij'];
      for (const text of texts) {
        const fast = a.plain[which]!.glyphs(text);
        expect(fast, text).not.toBeNull();
        expect(fast!.map((g) => g.id)).toEqual(font.layout(text, LETTER_FONT_FEATURES).glyphs.map((g) => g.id));
      }
      // i before a combining accent becomes the dotless i (DejaVu's ccmp): shaped, not looked up
      expect(a.plain[which]!.glyphs('i\u0301')).toBeNull();
    }
  });

  it('the subset writer writes the bytes fontkit writes, also with long loca offsets', () => {
    for (const which of ['regular', 'bold'] as const) {
      const bytes = which === 'bold' ? a.bold : a.regular;
      const mine = (a.fontkit.create(bytes) as unknown as Font).createSubset();
      const theirs = (fontkit.create(bytes) as unknown as Font).createSubset();
      const n = (fontkit.create(bytes) as unknown as Font).numGlyphs;
      for (let i = 0; i < 1200; i++) {
        const id = 1 + ((i * 7919) % (n - 1));
        mine.includeGlyph(id);
        theirs.includeGlyph(id);
      }
      const parts: Uint8Array[] = [];
      const stream = new a.encodeStream!();
      stream.push = (c) => (c && parts.push(Uint8Array.from(c)), true);
      theirs.encode(stream);
      stream.end();
      const expected = Buffer.concat(parts);
      expect(expected.length).toBeGreaterThan(0x20000); // loca with 32-bit offsets
      expect(Buffer.from(a.subsetWriter[which]!.write(mine)).equals(expected)).toBe(true);
      expect(mine.glyphs).toEqual(theirs.glyphs); // composites' components added in the same order
    }
  });
});
