import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { XmlElement } from '../../../electron/core/profiles/xml-tree';
import { DEFAULT_SHAPE_LIMITS, scanXmlShape, type XmlShapeLimits } from './xml-prescan';

/**
 * Parsing XML that comes from outside (citizens' forms). A document type declaration is
 * refused before any parsing, so external entities (XXE) and entity expansion ("billion
 * laughs") cannot happen; the parser never expands entities, we decode only the five
 * predefined ones and character references. Size, then (in one linear pre-scan, before the
 * parser) elements, attributes per element and in all, attribute value and text length, and
 * depth are bounded (xml-prescan.ts).
 */

export interface SafeXmlLimits extends Partial<XmlShapeLimits> {
  maxBytes: number;
}

export type SafeXmlFailureCode = 'too-large' | 'dtd-forbidden' | 'not-well-formed';
export type SafeXmlResult = { ok: true; root: XmlElement; text: string } | { ok: false; code: SafeXmlFailureCode; reason: string };

const LT = 0x3c;
const BANG = 0x21;

/** Finds "<!DOCTYPE" or "<!ENTITY" (any case) in the raw bytes, wherever they are. */
function findDeclaration(bytes: Uint8Array): string | null {
  for (let i = bytes.indexOf(LT); i >= 0 && i < bytes.length - 1; i = bytes.indexOf(LT, i + 1)) {
    if (bytes[i + 1] !== BANG) continue;
    let word = '';
    for (let j = i + 2; j < i + 9 && j < bytes.length; j++) word += String.fromCharCode(bytes[j]! | 0x20);
    if (word.startsWith('doctype')) return 'DOCTYPE';
    if (word.startsWith('entity')) return 'ENTITY';
  }
  return null;
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

class NotWellFormed extends Error {}

function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

/** Decodes the predefined entities and character references; any other entity is an error (none can be declared). */
function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&([^;&\s]*);?/g, (whole, name: string) => {
    if (!whole.endsWith(';')) throw new NotWellFormed(`«&» uten avsluttende «;» i «${whole.slice(0, 20)}»`);
    if (name.startsWith('#')) {
      const cp = /^#x[0-9a-fA-F]+$/.test(name) ? parseInt(name.slice(2), 16) : /^#[0-9]+$/.test(name) ? parseInt(name.slice(1), 10) : NaN;
      if (!isXmlChar(cp)) throw new NotWellFormed(`ugyldig tegnreferanse &${name};`);
      return String.fromCodePoint(cp);
    }
    const v = PREDEFINED[name];
    if (v === undefined) throw new NotWellFormed(`udeklarert entitet &${name};`);
    return v;
  });
}

type OrderedNode = Record<string, unknown>;
const ATTRS = ':@';
const TEXT = '#text';
const CDATA = '#cdata';

function toElement(node: OrderedNode, tag: string, scope: Map<string, string>): XmlElement {
  const rawAttrs = (node[ATTRS] ?? {}) as Record<string, string>;
  let inner = scope;
  const attributes: Record<string, string> = {};
  for (const [name, raw] of Object.entries(rawAttrs)) {
    if (raw.includes('<')) throw new NotWellFormed(`«<» i attributtet ${name} på <${tag}>`);
    const value = decodeEntities(raw);
    attributes[name] = value;
    if (name === 'xmlns' || name.startsWith('xmlns:')) {
      if (inner === scope) inner = new Map(scope);
      inner.set(name === 'xmlns' ? '' : name.slice(6), value);
    }
  }
  const colon = tag.indexOf(':');
  const prefix = colon >= 0 ? tag.slice(0, colon) : '';
  const namespace = inner.get(prefix);
  if (prefix && namespace === undefined) throw new NotWellFormed(`udeklarert navnerom-prefiks «${prefix}» på <${tag}>`);

  const children: XmlElement[] = [];
  let text = '';
  for (const child of node[tag] as OrderedNode[]) {
    if (TEXT in child) text += decodeEntities(String(child[TEXT]));
    else if (CDATA in child) text += (child[CDATA] as OrderedNode[]).map((c) => String(c[TEXT] ?? '')).join('');
    else {
      const childTag = Object.keys(child).find((k) => k !== ATTRS);
      if (childTag) children.push(toElement(child, childTag, inner));
    }
  }
  const el: XmlElement = { name: tag.slice(colon + 1), attributes, children, text };
  if (namespace) el.namespace = namespace;
  return el;
}

const encoder = new TextEncoder();
const DECLARED = /^<\?xml[^>]*?\bencoding\s*=\s*["']([^"']+)["']/;

/**
 * Bytes → text by BOM or declaration (UTF-8 unless said otherwise). The text handed on
 * says UTF-8, because that is what it becomes when passed along as a string. A form
 * declared UTF-16 but arriving without a BOM as ASCII-compatible bytes was transcoded on
 * the way (e.g. a .NET string put into SOAP) and is read as UTF-8.
 */
function decode(bytes: Uint8Array): { ok: true; text: string } | { ok: false; reason: string } {
  let label = 'utf-8';
  let body = bytes;
  if (bytes[0] === 0xfe && bytes[1] === 0xff) [label, body] = ['utf-16be', bytes.subarray(2)];
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) [label, body] = ['utf-16le', bytes.subarray(2)];
  else if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) body = bytes.subarray(3);
  else {
    const head = String.fromCharCode(...bytes.subarray(0, 200));
    const declared = DECLARED.exec(head)?.[1]?.toLowerCase();
    if (declared && !/^utf-?16/.test(declared)) label = declared;
  }
  let text: string;
  try {
    text = new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(body);
  } catch (e) {
    return { ok: false, reason: e instanceof RangeError ? `Tegnkodingen «${label}» støttes ikke.` : `Skjemaet er ikke gyldig ${label.toUpperCase()}.` };
  }
  return { ok: true, text: text.replace(DECLARED, (decl, enc: string) => decl.replace(enc, 'UTF-8')) };
}

/**
 * The validator's report in libxml2's words, at the right place (#13 item 13). A form that breaks
 * off is reported by fast-xml-parser at line 1, column 1 as "Invalid '[ "Soknad", … ]' found.":
 * it is where the data ends, with the elements left open; a mismatched end tag reads as libxml2 says it.
 */
function notWellFormed(text: string, err: { code: string; msg: string; line: number; col: number }): string {
  const unclosed = /^Invalid '\[(.*)\]' found\.?$/s.exec(err.msg);
  if (err.code === 'InvalidXml' && unclosed) {
    const open = [...unclosed[1]!.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!);
    const lines = text.replace(/\s+$/, '').split(/\r?\n/);
    const where = `Linje ${lines.length}, kolonne ${lines[lines.length - 1]!.length + 1}`;
    if (open.length) return `${where}: Premature end of data in tag ${open[open.length - 1]} (unclosed: ${open.join(', ')})`;
  }
  const mismatch = /^Expected closing tag '([^']+)' \(opened in line (\d+), col \d+\) instead of closing tag '([^']+)'/.exec(err.msg);
  if (mismatch) return `Linje ${err.line}, kolonne ${err.col}: Opening and ending tag mismatch: ${mismatch[1]} line ${mismatch[2]} and ${mismatch[3]}`;
  return `Linje ${err.line}, kolonne ${err.col}: ${err.msg}`;
}

/** The limits given, the defaults for the rest (undefined means "not set"). */
export function shapeLimits(limits: Partial<XmlShapeLimits>): XmlShapeLimits {
  const out = { ...DEFAULT_SHAPE_LIMITS };
  for (const k of Object.keys(out) as (keyof XmlShapeLimits)[]) out[k] = limits[k] ?? out[k];
  return out;
}

export function parseXmlSafe(input: Uint8Array | string, limits: SafeXmlLimits): SafeXmlResult {
  const bytes = typeof input === 'string' ? encoder.encode(input) : input;
  if (bytes.length > limits.maxBytes) {
    return { ok: false, code: 'too-large', reason: `Skjemaet er ${bytes.length} byte; grensen er ${limits.maxBytes}.` };
  }
  const decl = findDeclaration(bytes);
  if (decl) return { ok: false, code: 'dtd-forbidden', reason: `Skjemaet inneholder <!${decl}>; dokumenttypedeklarasjoner avvises.` };

  const decoded = decode(bytes);
  if (!decoded.ok) return { ok: false, code: 'not-well-formed', reason: decoded.reason };
  const text = decoded.text;
  // the byte scan cannot see a declaration in UTF-16; look again in the text
  const late = /<!(doctype|entity)/i.exec(text);
  if (late) return { ok: false, code: 'dtd-forbidden', reason: `Skjemaet inneholder <!${late[1]!.toUpperCase()}>; dokumenttypedeklarasjoner avvises.` };

  const shape = shapeLimits(limits);
  const over = scanXmlShape(text, shape);
  if (over) return { ok: false, code: 'too-large', reason: over };

  const check = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (check !== true) return { ok: false, code: 'not-well-formed', reason: notWellFormed(text, check.err) };
  const maxDepth = shape.maxDepth;
  try {
    const parser = new XMLParser({
      preserveOrder: true,
      ignoreAttributes: false,
      attributeNamePrefix: '',
      processEntities: false,
      htmlEntities: false,
      parseTagValue: false,
      parseAttributeValue: false,
      trimValues: false,
      ignoreDeclaration: true,
      ignorePiTags: true,
      cdataPropName: CDATA,
      maxNestedTags: maxDepth,
    });
    const top = parser.parse(text) as OrderedNode[];
    const roots = top.filter((n) => !(TEXT in n) || String(n[TEXT]).trim() !== '');
    const root = roots[0];
    const tag = root && Object.keys(root).find((k) => k !== ATTRS && k !== TEXT);
    if (roots.length !== 1 || !root || !tag) {
      return { ok: false, code: 'not-well-formed', reason: roots.length > 1 ? 'Skjemaet har mer enn ett rotelement.' : 'Skjemaet har ikke et rotelement.' };
    }
    return { ok: true, root: toElement(root, tag, new Map([['xml', 'http://www.w3.org/XML/1998/namespace']])), text };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/nested tags/i.test(msg)) return { ok: false, code: 'too-large', reason: `Skjemaet er nøstet dypere enn ${maxDepth} nivåer.` };
    return { ok: false, code: 'not-well-formed', reason: msg };
  }
}
