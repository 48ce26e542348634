import { XMLBuilder } from 'fast-xml-parser';
import type { XmlElement } from '../../../electron/core/profiles/xml-tree';

/** XML trees: writing them (fast-xml-parser's builder, pretty-printed) and reading the ones parseXmlSafe gives. */

// ---------------------------------------------------------------------------------------------
// XML building (fast-xml-parser's XMLBuilder, ordered form; it escapes text and attributes)

export type XNode = Record<string, unknown>;
type Child = XNode | null | undefined | false;

const builder = new XMLBuilder({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', format: true, indentBy: '  ', suppressEmptyNode: false });

/** An element with child elements, or with text. */
export function el(name: string, content: Child[] | string | number, attrs?: Record<string, string>): XNode {
  const children = Array.isArray(content) ? content.filter((c): c is XNode => !!c) : [{ '#text': String(content) }];
  const node: XNode = { [name]: children };
  if (attrs) node[':@'] = attrs;
  return node;
}
/** An element only when it has a value (Noark: no empty elements). */
export const opt = (name: string, v: string | number | null | undefined): XNode | null => (v === null || v === undefined || v === '' ? null : el(name, v));

export function toXml(root: XNode): string {
  return builder.build([{ '?xml': [{ '#text': '' }], ':@': { version: '1.0', encoding: 'UTF-8' } }, root]) as string;
}

// ---------------------------------------------------------------------------------------------
// Reading parsed XML trees

export const child = (e: XmlElement | undefined, name: string): XmlElement | undefined => e?.children.find((c) => c.name === name);
export const childrenOf = (e: XmlElement | undefined, name: string): XmlElement[] => e?.children.filter((c) => c.name === name) ?? [];
export const textOf = (e: XmlElement | undefined, name: string): string | null => {
  const t = child(e, name)?.text.trim();
  return t ? t : null;
};
/** xsi:type's local name, whatever prefix the writer used. */
export const xsiType = (e: XmlElement | undefined): string | null => {
  if (!e) return null;
  for (const [k, v] of Object.entries(e.attributes)) if (k === 'type' || k.endsWith(':type')) return v.slice(v.indexOf(':') + 1);
  return null;
};

