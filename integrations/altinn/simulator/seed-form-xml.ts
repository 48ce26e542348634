import type { FieldDef } from '../../../electron/core/profiles/profile.schema';
import type { LoadedProfile } from '../../../electron/core/profiles/profile.types';
import { childDecls, lookupPath, type XsdElementDecl, type XsdModel, type XsdParticle, type XsdSimple } from '../../shared/xml/xsd-model';
import type { PersonFactory, SeedHousehold } from './seed-person';
import type { SeedRng } from './seed-random';

/**
 * Form data XML for a seeded submission, valid against the profile's XSD: the XSD decides
 * the elements and their order, the profile says which element holds what (applicant,
 * children, period, …), and each value is made to fit the element's type and facets.
 */

const DAY_MS = 86_400_000;
const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const norm = (path: string): string =>
  path
    .split('/')
    .map((s) => s.slice(s.indexOf(':') + 1))
    .join('/');

export interface FormPlan {
  /** Value per element path under the root. */
  values: Map<string, string>;
  /** Repeated items per list element path; each item's values by path under the item. */
  lists: Map<string, Map<string, string>[]>;
}

interface PlanContext {
  rng: SeedRng;
  people: PersonFactory;
  completedAt: number;
}

const weekday = (ms: number): number => new Date(ms).getUTCDay();
const toWeekday = (ms: number): number => (weekday(ms) === 6 ? ms + 2 * DAY_MS : weekday(ms) === 0 ? ms + DAY_MS : ms);
const addWeekdays = (ms: number, n: number): number => {
  let t = ms;
  for (let left = n; left > 0; ) {
    t += DAY_MS;
    if (weekday(t) !== 0 && weekday(t) !== 6) left--;
  }
  return t;
};

function fitText(value: string, simple: XsdSimple | undefined): string {
  if (simple?.enumeration?.length && !simple.enumeration.includes(value)) return simple.enumeration[0]!;
  const max = simple?.maxLength ?? simple?.length;
  return max !== undefined && value.length > max ? value.slice(0, max).trimEnd() : value;
}

/** A value for a field nobody's role covers, fitting the field type and the XSD facets. */
function genericValue(key: string, def: FieldDef, simple: XsdSimple | undefined, ctx: PlanContext, age?: number): string {
  const { rng, people } = ctx;
  if (simple?.enumeration?.length) return rng.pick(simple.enumeration);
  switch (def.type) {
    case 'fnr':
      return people.person(rng.int(20, 80), ctx.completedAt).personNumber;
    case 'date':
      return iso(ctx.completedAt - rng.int(1, 60) * DAY_MS);
    case 'boolean':
      return rng.chance(/consent|samtykke/i.test(key) ? 0.95 : 0.7) ? 'true' : 'false';
    case 'number': {
      const lo = simple?.minInclusive ?? 1;
      const hi = simple?.maxInclusive ?? 100;
      // school year follows the child's age
      if (/grade|trinn/i.test(key) && age !== undefined) return String(Math.min(hi, Math.max(lo, age - 5)));
      return String(rng.int(lo, hi));
    }
    case 'email':
      return `${people.faker.internet.username().toLowerCase().replace(/[^a-z0-9._]/g, '')}@example.no`;
    case 'phone':
      return `${rng.pick(['4', '9'])}${String(rng.int(0, 9_999_999)).padStart(7, '0')}`;
    default:
      if (def.examples) return fitText(rng.pick(def.examples), simple);
      if (/name|navn/i.test(key)) return fitText(people.faker.person.fullName(), simple);
      return fitText(people.faker.lorem.sentence(), simple);
  }
}

/** The first optional element on the path: fields under it are included or left out together. */
function optionalAnchor(root: XsdElementDecl, path: string): string | null {
  const segs = path.split('/');
  let decl = root;
  for (let i = 0; i < segs.length; i++) {
    const next = childDecls(decl).find((c) => c.name === segs[i]);
    if (!next) return null;
    if (next.minOccurs === 0) return segs.slice(0, i + 1).join('/');
    decl = next;
  }
  return null;
}

interface FieldShape {
  key: string;
  def: FieldDef;
  path: string;
  anchor: string | null;
  simple: XsdSimple | undefined;
}

// what the XSD says about each field, worked out once per profile rather than per submission
const shapes = new WeakMap<XsdElementDecl, FieldShape[]>();
function fieldShapes(loaded: LoadedProfile, root: XsdElementDecl): FieldShape[] {
  let s = shapes.get(root);
  if (!s) {
    s = Object.entries(loaded.profile.fields).map(([key, def]) => {
      const path = norm(def.path);
      const found = lookupPath(root, path);
      return { key, def, path, anchor: optionalAnchor(root, path), simple: found.found ? found.decl.simple : undefined };
    });
    shapes.set(root, s);
  }
  return s;
}

export function planForm(loaded: LoadedProfile, root: XsdElementDecl, household: SeedHousehold, ctx: PlanContext): FormPlan {
  const p = loaded.profile;
  const { rng } = ctx;
  const byRole = new Map<string, string>();
  const a = p.roles.applicant;
  const h = household.applicant;
  byRole.set(a.name, h.name);
  byRole.set(a.personNumber, h.personNumber);
  if (a.address) {
    byRole.set(a.address.street, h.street);
    byRole.set(a.address.postalCode, h.postalCode);
    byRole.set(a.address.postalPlace, h.postalPlace);
  }
  if (a.email) byRole.set(a.email, h.email);
  if (a.phone) byRole.set(a.phone, h.mobile);
  if (p.roles.period) {
    if (p.roles.period.to) {
      const from = toWeekday(ctx.completedAt + rng.int(5, 45) * DAY_MS);
      // mostly short leaves, some longer ones
      const schoolDays = rng.chance(0.75) ? rng.int(1, 5) : rng.int(6, 20);
      byRole.set(p.roles.period.from, iso(from));
      byRole.set(p.roles.period.to, iso(addWeekdays(from, schoolDays - 1)));
    } else {
      const soon = (p.audience?.applicantAge?.min ?? 0) >= 60;
      byRole.set(p.roles.period.from, iso(ctx.completedAt + (soon ? rng.int(1, 21) : rng.int(14, 180)) * DAY_MS));
    }
  }
  const optionalIn = new Map<string, boolean>();
  const optionalChance = (key: string) => (key === a.email || key === a.phone ? 0.85 : 0.6);

  const values = new Map<string, string>();
  for (const f of fieldShapes(loaded, root)) {
    if (f.anchor !== null) {
      if (!optionalIn.has(f.anchor)) optionalIn.set(f.anchor, rng.chance(optionalChance(f.key)));
      if (!optionalIn.get(f.anchor)) continue;
    }
    values.set(f.path, byRole.get(f.key) ?? genericValue(f.key, f.def, f.simple, ctx));
  }

  const lists = new Map<string, Map<string, string>[]>();
  for (const [name, list] of Object.entries(p.lists)) {
    const found = lookupPath(root, norm(list.path));
    if (!found.found) continue;
    const subjects = p.roles.subjects?.list === name ? household.subjects : null;
    const count = subjects ? subjects.length : rng.int(found.decl.minOccurs, Math.min(2, found.decl.maxOccurs));
    const items: Map<string, string>[] = [];
    for (let i = 0; i < count; i++) {
      const subject = subjects?.[i];
      const item = new Map<string, string>();
      for (const [key, def] of Object.entries(list.fields)) {
        const rel = norm(def.path);
        const f = lookupPath(found.decl, rel);
        const simple = f.found ? f.decl.simple : undefined;
        const age = subject ? new Date(ctx.completedAt).getUTCFullYear() - Number(subject.birthDate.slice(0, 4)) : undefined;
        if (subject && key === p.roles.subjects?.name) item.set(rel, subject.name);
        else if (subject && key === p.roles.subjects?.personNumber) item.set(rel, subject.personNumber);
        else item.set(rel, genericValue(key, def, simple, ctx, age));
      }
      items.push(item);
    }
    lists.set(norm(list.path), items);
  }
  return { values, lists };
}

const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function fallbackSimple(simple: XsdSimple, path: string, completedAt: number): string {
  if (simple.enumeration?.length) return simple.enumeration[0]!;
  switch (simple.base) {
    case 'date':
      return iso(completedAt);
    case 'dateTime':
      return new Date(completedAt).toISOString();
    case 'boolean':
      return 'false';
    case 'integer':
    case 'int':
    case 'long':
    case 'short':
    case 'positiveInteger':
    case 'nonNegativeInteger':
    case 'decimal':
      return String(simple.minInclusive ?? 1);
    default:
      if (simple.pattern?.length) throw new Error(`kan ikke lage en verdi for ${path} (mønster ${simple.pattern[0]}); knytt elementet til et profilfelt`);
      return 'x'.repeat(Math.max(1, simple.minLength ?? simple.length ?? 1));
  }
}

/** Writes the form XML: root with the schema's namespace, elements in XSD order, two-space indent. */
export function writeFormXml(model: XsdModel, root: XsdElementDecl, plan: FormPlan, completedAt: number): string {
  const out: string[] = ['<?xml version="1.0" encoding="utf-8"?>'];
  const ns = model.targetNamespace;
  const qualified = ns !== undefined && model.elementFormQualified;
  const rootTag = ns !== undefined && !qualified ? `ns0:${root.name}` : root.name;
  const nsAttr = ns === undefined ? '' : qualified ? ` xmlns="${ns}"` : ` xmlns:ns0="${ns}"`;

  const hasValuesUnder = (values: Map<string, string>, lists: Map<string, unknown[]>, path: string) => {
    const prefix = `${path}/`;
    for (const k of values.keys()) if (k === path || k.startsWith(prefix)) return true;
    for (const [k, items] of lists) if ((k === path || k.startsWith(prefix)) && items.length > 0) return true;
    return false;
  };

  function body(decl: XsdElementDecl, base: string, values: Map<string, string>, lists: Map<string, Map<string, string>[]>, indent: string): void {
    const visit = (particle: XsdParticle): void => {
      if (particle.kind !== 'element') {
        if (particle.kind === 'choice') {
          const chosen = particle.items.find((i) => i.kind !== 'element' || hasValuesUnder(values, lists, base ? `${base}/${i.name}` : i.name)) ?? particle.items[0];
          if (chosen) visit(chosen);
        } else particle.items.forEach(visit);
        return;
      }
      const e = particle;
      const path = base ? `${base}/${e.name}` : e.name;
      const items = lists.get(path);
      if (items) {
        for (const item of items) element(e, '', item, new Map(), indent);
        return;
      }
      if (e.opaque) {
        if (e.minOccurs > 0) throw new Error(`kan ikke lage innhold for ${path}: XSD-konstruksjonen støttes ikke av generatoren`);
        return;
      }
      if (e.simple && !e.content) {
        const v = values.get(path);
        if (v === undefined && e.minOccurs === 0) return;
        const text = v ?? fallbackSimple(e.simple, path, completedAt);
        for (let i = 0; i < Math.max(1, e.minOccurs); i++) out.push(`${indent}<${e.name}>${escapeXml(text)}</${e.name}>`);
        return;
      }
      if (e.minOccurs === 0 && !hasValuesUnder(values, lists, path)) return;
      for (let i = 0; i < Math.max(1, e.minOccurs); i++) element(e, path, values, lists, indent);
    };
    if (decl.content) visit(decl.content);
  }

  function element(decl: XsdElementDecl, path: string, values: Map<string, string>, lists: Map<string, Map<string, string>[]>, indent: string): void {
    out.push(`${indent}<${decl.name}>`);
    body(decl, path, values, lists, `${indent}  `);
    out.push(`${indent}</${decl.name}>`);
  }

  out.push(`<${rootTag}${nsAttr} xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`);
  body(root, '', plan.values, plan.lists, '  ');
  out.push(`</${rootTag}>`);
  return `${out.join('\n')}\n`;
}
