import type { XmlElement } from '../../../electron/core/profiles/xml-tree';
import { parseXmlSafe } from './safe-xml';

/**
 * A reading of the XSD subset Altinn data models use (one file; elements, named and
 * anonymous types, sequence/choice/all, simple restrictions, simpleContent and
 * complexContent extensions). Used to check profile paths and to generate demo forms.
 * Validation itself is xmllint's job; what this does not understand is marked `opaque`.
 */

export const XSD_NS = 'http://www.w3.org/2001/XMLSchema';

export interface XsdFacets {
  enumeration?: string[];
  pattern?: string[];
  length?: number;
  minLength?: number;
  maxLength?: number;
  minInclusive?: number;
  maxInclusive?: number;
  totalDigits?: number;
  fractionDigits?: number;
}

export interface XsdSimple extends XsdFacets {
  /** Local name of the built-in base type: string, date, boolean, integer, decimal, … */
  base: string;
}

export interface XsdAttribute {
  name: string;
  required: boolean;
  simple: XsdSimple;
}

export interface XsdCompositor {
  kind: 'sequence' | 'choice' | 'all';
  minOccurs: number;
  maxOccurs: number;
  items: XsdParticle[];
}

export interface XsdElementDecl {
  kind: 'element';
  name: string;
  minOccurs: number;
  /** Infinity for unbounded. */
  maxOccurs: number;
  /** Text content type (simple type, or simpleContent). */
  simple?: XsdSimple;
  /** Element content. */
  content?: XsdCompositor;
  attributes: XsdAttribute[];
  /** Content this model cannot describe (xs:any, groups, unknown types): path checks stop here. */
  opaque?: boolean;
}

export type XsdParticle = XsdElementDecl | XsdCompositor;

export interface XsdModel {
  targetNamespace?: string;
  elementFormQualified: boolean;
  /** Global element declarations by name. */
  elements: Map<string, XsdElementDecl>;
  /** xs:import / xs:include / xs:redefine found: the schema is not self-contained. */
  externalRefs: string[];
}

export class XsdModelError extends Error {
  override readonly name = 'XsdModelError';
}

const child = (el: XmlElement, name: string) => el.children.find((c) => c.namespace === XSD_NS && c.name === name);
const childrenOf = (el: XmlElement, names: string[]) => el.children.filter((c) => c.namespace === XSD_NS && names.includes(c.name));
const occurs = (v: string | undefined, dflt: number): number => (v === undefined ? dflt : v === 'unbounded' ? Infinity : Number(v));

const FACETS = ['length', 'minLength', 'maxLength', 'minInclusive', 'maxInclusive', 'totalDigits', 'fractionDigits'] as const;
const MAX_DEPTH = 40;

export function parseXsd(xsdText: string): XsdModel {
  const parsed = parseXmlSafe(xsdText, { maxBytes: 10 * 1024 * 1024, maxDepth: 256 });
  if (!parsed.ok) throw new XsdModelError(`XSD-en kan ikke leses: ${parsed.reason}`);
  const schema = parsed.root;
  if (schema.namespace !== XSD_NS || schema.name !== 'schema') throw new XsdModelError('rotelementet er ikke xs:schema');

  // prefix → namespace, from the schema element's declarations (Altinn XSDs declare all there)
  const prefixes = new Map<string, string>();
  for (const [k, v] of Object.entries(schema.attributes)) {
    if (k === 'xmlns') prefixes.set('', v);
    else if (k.startsWith('xmlns:')) prefixes.set(k.slice(6), v);
  }
  const qname = (q: string): { ns: string | undefined; local: string } => {
    const i = q.indexOf(':');
    return i < 0 ? { ns: prefixes.get(''), local: q } : { ns: prefixes.get(q.slice(0, i)), local: q.slice(i + 1) };
  };

  const tops = (name: string) => new Map(childrenOf(schema, [name]).map((e) => [e.attributes.name ?? '', e]));
  const complexTypes = tops('complexType');
  const simpleTypes = tops('simpleType');
  const globalElements = tops('element');

  const builtin = (q: string): XsdSimple | null => {
    const { ns, local } = qname(q);
    return ns === XSD_NS ? { base: local } : null;
  };

  function simpleFrom(st: XmlElement, depth: number): XsdSimple | null {
    const r = child(st, 'restriction');
    if (!r) return null; // list/union: treat as opaque text
    const inner = child(r, 'simpleType');
    const base = r.attributes.base ? resolveSimple(r.attributes.base, depth + 1) : inner ? simpleFrom(inner, depth + 1) : null;
    if (!base) return null;
    const out: XsdSimple = { ...base };
    const enums = childrenOf(r, ['enumeration']).map((e) => e.attributes.value ?? '');
    if (enums.length) out.enumeration = enums;
    const patterns = childrenOf(r, ['pattern']).map((e) => e.attributes.value ?? '');
    if (patterns.length) out.pattern = [...(base.pattern ?? []), ...patterns];
    for (const f of FACETS) {
      const v = child(r, f)?.attributes.value;
      if (v !== undefined) out[f] = Number(v);
    }
    return out;
  }

  function resolveSimple(q: string, depth: number): XsdSimple | null {
    if (depth > MAX_DEPTH) return null;
    const b = builtin(q);
    if (b) return b;
    const st = simpleTypes.get(qname(q).local);
    return st ? simpleFrom(st, depth) : null;
  }

  function attributesOf(ct: XmlElement, depth: number): XsdAttribute[] {
    return childrenOf(ct, ['attribute']).map((a) => {
      const inline = child(a, 'simpleType');
      const simple = (a.attributes.type ? resolveSimple(a.attributes.type, depth) : null) ?? (inline ? simpleFrom(inline, depth) : null);
      return { name: a.attributes.name ?? a.attributes.ref ?? '', required: a.attributes.use === 'required', simple: simple ?? { base: 'string' } };
    });
  }

  function compositor(el: XmlElement, depth: number): XsdCompositor {
    const items: XsdParticle[] = [];
    for (const c of el.children) {
      if (c.namespace !== XSD_NS) continue;
      if (c.name === 'element') items.push(elementDecl(c, depth + 1));
      else if (c.name === 'sequence' || c.name === 'choice' || c.name === 'all') items.push(compositor(c, depth + 1));
      else if (c.name === 'any' || c.name === 'group') items.push({ kind: 'element', name: '*', minOccurs: 0, maxOccurs: Infinity, attributes: [], opaque: true });
    }
    return { kind: el.name as XsdCompositor['kind'], minOccurs: occurs(el.attributes.minOccurs, 1), maxOccurs: occurs(el.attributes.maxOccurs, 1), items };
  }

  /** Fills decl from a complexType element (named or anonymous). */
  function applyComplex(decl: XsdElementDecl, ct: XmlElement, depth: number): void {
    if (depth > MAX_DEPTH) {
      decl.opaque = true;
      return;
    }
    decl.attributes.push(...attributesOf(ct, depth));
    const sc = child(ct, 'simpleContent');
    const cc = child(ct, 'complexContent');
    const comp = childrenOf(ct, ['sequence', 'choice', 'all'])[0];
    if (sc) {
      const ext = child(sc, 'extension') ?? child(sc, 'restriction');
      const base = ext?.attributes.base;
      const simple = base ? resolveSimple(base, depth + 1) : null;
      if (simple) decl.simple = simple;
      else decl.opaque = true;
      if (ext) decl.attributes.push(...attributesOf(ext, depth));
    } else if (cc) {
      const ext = child(cc, 'extension');
      const baseType = ext?.attributes.base ? complexTypes.get(qname(ext.attributes.base).local) : undefined;
      if (!ext || !baseType) {
        decl.opaque = true;
        return;
      }
      applyComplex(decl, baseType, depth + 1);
      const own = childrenOf(ext, ['sequence', 'choice', 'all'])[0];
      decl.attributes.push(...attributesOf(ext, depth));
      if (own) {
        const mine = compositor(own, depth);
        decl.content = decl.content ? { kind: 'sequence', minOccurs: 1, maxOccurs: 1, items: [decl.content, mine] } : mine;
      }
    } else if (comp) {
      decl.content = compositor(comp, depth);
    }
    if (ct.attributes.mixed === 'true') decl.simple ??= { base: 'string' };
  }

  function elementDecl(el: XmlElement, depth: number): XsdElementDecl {
    const minOccurs = occurs(el.attributes.minOccurs, 1);
    const maxOccurs = occurs(el.attributes.maxOccurs, 1);
    if (el.attributes.ref) {
      const target = globalElements.get(qname(el.attributes.ref).local);
      const decl: XsdElementDecl = target && depth <= MAX_DEPTH
        ? elementDecl(target, depth + 1)
        : { kind: 'element', name: qname(el.attributes.ref).local, minOccurs, maxOccurs, attributes: [], opaque: true };
      return { ...decl, minOccurs, maxOccurs };
    }
    const decl: XsdElementDecl = { kind: 'element', name: el.attributes.name ?? '', minOccurs, maxOccurs, attributes: [] };
    if (depth > MAX_DEPTH) return { ...decl, opaque: true };
    const inlineComplex = child(el, 'complexType');
    const inlineSimple = child(el, 'simpleType');
    if (inlineComplex) applyComplex(decl, inlineComplex, depth);
    else if (inlineSimple) {
      const s = simpleFrom(inlineSimple, depth);
      if (s) decl.simple = s;
      else decl.opaque = true;
    } else if (el.attributes.type) {
      const t = el.attributes.type;
      const s = resolveSimple(t, depth);
      const ct = complexTypes.get(qname(t).local);
      if (s) decl.simple = s;
      else if (ct && qname(t).ns !== XSD_NS) applyComplex(decl, ct, depth + 1);
      else decl.opaque = true;
    } else {
      decl.simple = { base: 'anyType' };
      decl.opaque = true;
    }
    return decl;
  }

  const elements = new Map<string, XsdElementDecl>();
  for (const [name, el] of globalElements) elements.set(name, elementDecl(el, 0));
  const externalRefs = childrenOf(schema, ['import', 'include', 'redefine']).map((e) => `xs:${e.name} ${e.attributes.schemaLocation ?? e.attributes.namespace ?? ''}`.trim());
  const model: XsdModel = { elementFormQualified: schema.attributes.elementFormDefault === 'qualified', elements, externalRefs };
  if (schema.attributes.targetNamespace) model.targetNamespace = schema.attributes.targetNamespace;
  return model;
}

/** Element declarations directly under a declaration's content, compositors flattened. */
export function childDecls(decl: XsdElementDecl): XsdElementDecl[] {
  const out: XsdElementDecl[] = [];
  const walk = (p: XsdParticle) => (p.kind === 'element' ? out.push(p) : p.items.forEach(walk));
  if (decl.content) walk(decl.content);
  return out;
}

export type PathLookup =
  | { found: true; decl: XsdElementDecl; /** Some element on the way (the target included) may repeat. */ repeats: boolean; repeatsBefore: boolean }
  | { found: false; /** Passed through content the model cannot describe: the path may still exist. */ unknown: boolean; missing?: string };

/** Follows a slash path (prefixes ignored) from a declaration. */
export function lookupPath(from: XsdElementDecl, path: string): PathLookup {
  let decl = from;
  let repeatsBefore = false;
  const segs = path.split('/').map((s) => s.slice(s.indexOf(':') + 1));
  for (let i = 0; i < segs.length; i++) {
    if (decl.opaque) return { found: false, unknown: true };
    const seg = segs[i]!;
    const kids = childDecls(decl);
    const next = kids.find((k) => k.name === seg);
    if (!next) return kids.some((k) => k.opaque) ? { found: false, unknown: true } : { found: false, unknown: false, missing: seg };
    if (i < segs.length - 1 && next.maxOccurs > 1) repeatsBefore = true;
    decl = next;
  }
  return { found: true, decl, repeats: repeatsBefore || decl.maxOccurs > 1, repeatsBefore };
}
