/**
 * One linear pass over a form's text before any parser or validator sees it (#12 item 16):
 * counts elements, attributes per element and in all, the longest attribute value and text
 * run, and the nesting depth, and stops at the first limit passed. It allocates nothing in
 * proportion to the input, so a form packed with attributes, one huge value or 90,000 levels
 * costs one scan, not a parse tree. It is not a well-formedness check: what it cannot make
 * sense of it leaves to the parser, which reports it.
 */

export interface XmlShapeLimits {
  /** Upper bound on elements; default 100,000. */
  maxElements: number;
  /** Deepest element nesting; default 64. */
  maxDepth: number;
  /** Attributes on one element (namespace declarations included); default 100. */
  maxAttributesPerElement: number;
  /** Attributes in the whole form; default 100,000. */
  maxAttributes: number;
  /** Characters in one attribute value; default 10,000. */
  maxAttributeValueLength: number;
  /** Characters of text (CDATA included) between two tags; default 1,048,576. */
  maxTextLength: number;
}

export const DEFAULT_SHAPE_LIMITS: XmlShapeLimits = {
  maxElements: 100_000,
  maxDepth: 64,
  maxAttributesPerElement: 100,
  maxAttributes: 100_000,
  maxAttributeValueLength: 10_000,
  maxTextLength: 1024 * 1024,
};

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const EQ = 0x3d;
const DQ = 0x22;
const SQ = 0x27;

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/** Returns a Norwegian reason at the first limit passed, or null. */
export function scanXmlShape(s: string, l: XmlShapeLimits): string | null {
  const n = s.length;
  let elements = 0;
  let attributes = 0;
  let depth = 0;
  let text = 0;
  const textOver = () => `Skjemaet har en tekst på mer enn ${l.maxTextLength} tegn.`;
  let i = 0;
  while (i < n) {
    if (s.charCodeAt(i) !== LT) {
      const next = s.indexOf('<', i);
      const end = next < 0 ? n : next;
      text += end - i;
      if (text > l.maxTextLength) return textOver();
      i = end;
      continue;
    }
    const c = s.charCodeAt(i + 1);
    if (c === BANG) {
      if (s.startsWith('<![CDATA[', i)) {
        const end = s.indexOf(']]>', i + 9);
        if (end < 0) return null;
        text += end - (i + 9);
        if (text > l.maxTextLength) return textOver();
        i = end + 3;
      } else if (s.startsWith('<!--', i)) {
        const end = s.indexOf('-->', i + 4);
        if (end < 0) return null;
        i = end + 3;
      } else i += 2;
      continue;
    }
    if (c === QUESTION) {
      const end = s.indexOf('?>', i + 2);
      if (end < 0) return null;
      i = end + 2;
      continue;
    }
    text = 0;
    if (c === SLASH) {
      depth--;
      const end = s.indexOf('>', i + 2);
      if (end < 0) return null;
      i = end + 1;
      continue;
    }
    // a start tag: its name, then attributes up to ">" or "/>"
    if (++elements > l.maxElements) return `Skjemaet har flere enn ${l.maxElements} elementer.`;
    i++;
    while (i < n && !isSpace(s.charCodeAt(i)) && s.charCodeAt(i) !== GT && s.charCodeAt(i) !== SLASH) i++;
    let own = 0;
    for (;;) {
      while (i < n && isSpace(s.charCodeAt(i))) i++;
      if (i >= n) return null;
      const a = s.charCodeAt(i);
      if (a === GT) {
        if (++depth > l.maxDepth) return `Skjemaet er nøstet dypere enn ${l.maxDepth} nivåer.`;
        i++;
        break;
      }
      if (a === SLASH) {
        i += s.charCodeAt(i + 1) === GT ? 2 : 1;
        break;
      }
      const nameStart = i;
      while (i < n && !isSpace(s.charCodeAt(i)) && s.charCodeAt(i) !== EQ && s.charCodeAt(i) !== GT && s.charCodeAt(i) !== SLASH) i++;
      if (i === nameStart && s.charCodeAt(i) !== EQ) i++; // nothing a name can start with: step over it
      if (++own > l.maxAttributesPerElement) return `Et element i skjemaet har flere enn ${l.maxAttributesPerElement} attributter.`;
      if (++attributes > l.maxAttributes) return `Skjemaet har flere enn ${l.maxAttributes} attributter.`;
      while (i < n && isSpace(s.charCodeAt(i))) i++;
      if (s.charCodeAt(i) !== EQ) continue;
      i++;
      while (i < n && isSpace(s.charCodeAt(i))) i++;
      const q = s.charCodeAt(i);
      if (q !== DQ && q !== SQ) continue;
      const end = s.indexOf(q === DQ ? '"' : "'", i + 1);
      if (end < 0) return null;
      if (end - i - 1 > l.maxAttributeValueLength) return `Skjemaet har en attributtverdi på mer enn ${l.maxAttributeValueLength} tegn.`;
      i = end + 1;
    }
  }
  return null;
}
