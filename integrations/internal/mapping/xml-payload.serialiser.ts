import type { MappingProblem } from '../../../electron/core/ports/payload-mapper.port';

/**
 * The mapping's JSON as an XML document, by one convention IT can write in JSONata:
 * one root key = the root element; a nested object = an element; an array repeats the element;
 * `@name` = an attribute (`@xmlns`, `@xmlns:x` = namespaces); `#text` = the element's text.
 * null leaves the element (or attribute) out, "" writes an empty one. Written here rather than
 * with a generic builder so every value is escaped the one way and a bad name is a problem with
 * its path, not an exception.
 */

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

// XML 1.0 Name (with an optional prefix), the usual letters; enough for every schema we ship
const NAME = /^[A-Za-z_\u00C0-\u024F][\w.\-\u00B7\u00C0-\u024F]*(:[A-Za-z_\u00C0-\u024F][\w.\-\u00B7\u00C0-\u024F]*)?$/;
// characters XML 1.0 cannot carry at all, even escaped
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

const clean = (s: string): string => s.replace(FORBIDDEN, '');
export const escapeText = (s: string): string => clean(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#xD;');
export const escapeAttr = (s: string): string =>
  clean(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\r/g, '&#xD;').replace(/\n/g, '&#xA;').replace(/\t/g, '&#x9;');

type Scalar = string | number | boolean;
const isScalar = (v: unknown): v is Scalar => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
const scalarText = (v: Scalar): string => (typeof v === 'number' && !Number.isFinite(v) ? '' : String(v));

export type XmlResult = { ok: true; text: string } | { ok: false; problems: MappingProblem[] };

export function toXml(payload: unknown): XmlResult {
  const problems: MappingProblem[] = [];
  const problem = (at: string, message: string) => {
    if (problems.length < 20) problems.push({ stage: 'serialise', message, at });
  };
  if (!payload || typeof payload !== 'object' || Array.isArray(payload) || Object.keys(payload).length !== 1) {
    return { ok: false, problems: [{ stage: 'serialise', message: 'XML trenger ett objekt med nøyaktig én nøkkel: rotelementet, f.eks. { "Soknad": { … } }.', at: '$' }] };
  }
  const lines: string[] = [XML_DECLARATION];

  const element = (name: string, value: unknown, path: string, indent: string): void => {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        if (Array.isArray(item)) problem(`${path}[${i}]`, 'en liste i en liste kan ikke skrives som XML');
        else element(name, item, `${path}[${i}]`, indent);
      });
      return;
    }
    if (!NAME.test(name)) return problem(path, `«${name.slice(0, 60)}» er ikke et gyldig XML-elementnavn`);
    if (isScalar(value)) {
      const text = escapeText(scalarText(value));
      lines.push(text ? `${indent}<${name}>${text}</${name}>` : `${indent}<${name}/>`);
      return;
    }
    if (typeof value !== 'object') return problem(path, 'verdien kan ikke skrives som XML (en funksjon?)');
    let attrs = '';
    let text: string | null = null;
    const children: [string, unknown][] = [];
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      if (key.startsWith('@')) {
        const attr = key.slice(1);
        if (!NAME.test(attr)) problem(`${path}.${key}`, `«${attr.slice(0, 60)}» er ikke et gyldig attributtnavn`);
        else if (v === null || v === undefined) continue;
        else if (!isScalar(v)) problem(`${path}.${key}`, 'et attributt må ha en enkel verdi (tekst, tall eller sann/usann)');
        else attrs += ` ${attr}="${escapeAttr(scalarText(v))}"`;
      } else if (key === '#text') {
        if (v === null || v === undefined) continue;
        if (!isScalar(v)) problem(`${path}.#text`, '«#text» må være en enkel verdi');
        else text = escapeText(scalarText(v));
      } else children.push([key, v]);
    }
    const present = children.filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0));
    if (!present.length) {
      lines.push(text ? `${indent}<${name}${attrs}>${text}</${name}>` : `${indent}<${name}${attrs}/>`);
      return;
    }
    // mixed content (text and elements) is rare in a target's schema; the text goes first, unindented
    lines.push(`${indent}<${name}${attrs}>${text ?? ''}`);
    for (const [key, v] of present) element(key, v, `${path}.${key}`, `${indent}  `);
    lines.push(`${indent}</${name}>`);
  };

  const [root, value] = Object.entries(payload as Record<string, unknown>)[0]!;
  if (Array.isArray(value)) return { ok: false, problems: [{ stage: 'serialise', message: 'rotelementet kan ikke være en liste', at: root }] };
  if (value === null || value === undefined) return { ok: false, problems: [{ stage: 'serialise', message: 'rotelementet er tomt', at: root }] };
  element(root, value, root, '');
  return problems.length ? { ok: false, problems } : { ok: true, text: `${lines.join('\n')}\n` };
}
