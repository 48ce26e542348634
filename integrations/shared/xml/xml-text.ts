/** XML written as text: escaping, and elements from children already written (empty ones left out). */

export const escapeXml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\r/g, '&#xD;');

export type Child = string | null | undefined | false;
/** An element from children already written (in schema order); empty children are dropped. */
export const el = (name: string, children: Child[]): string => `<${name}>${children.filter((c): c is string => !!c).join('')}</${name}>`;
/** A simple element, left out when the value is null/undefined/empty. */
export const opt = (name: string, value: string | number | null | undefined): string | null =>
  value === null || value === undefined || value === '' ? null : `<${name}>${escapeXml(String(value))}</${name}>`;
/** Simple elements in the object's key order (write them in the schema's xs:sequence order), empty ones left out. */
export const optAll = (values: Record<string, string | number | null | undefined>): (string | null)[] => Object.entries(values).map(([name, v]) => opt(name, v));
