import { isValidFodselsnummer } from '../fodselsnummer';
import { mapForm } from '../profiles';
import type { FieldDef, ServiceProfile } from '../profiles/profile.schema';
import type { MappedForm } from '../profiles/profile.types';
import type { XmlElement } from '../profiles/xml-tree';

/**
 * A form typed by hand from the submission's PDF, mapped exactly as a received form is: the
 * values are placed at the profile's element paths and read back by the same field mapper, so
 * the case, its title and its archive registration come out as for any application.
 */

export interface TypedForm {
  fields: Record<string, string>;
  /** One record per list item (e.g. per child), by the list's field keys. */
  lists: Record<string, Record<string, string>[]>;
}

/** A field of the form to type, as the quarantine panel shows it. */
export interface ManualField {
  key: string;
  /** The list it belongs to, or null for a field of the form itself. */
  list: string | null;
  label: string;
  type: FieldDef['type'];
  required: boolean;
}

const localName = (segment: string) => segment.slice(segment.indexOf(':') + 1);

/** The profile's fields in order, the applicant's name and fødselsnummer marked required. */
export function manualFields(profile: ServiceProfile): { fields: ManualField[]; lists: { key: string; label: string }[] } {
  const required = new Set([profile.roles.applicant.name, profile.roles.applicant.personNumber]);
  const fields: ManualField[] = Object.entries(profile.fields).map(([key, f]) => ({ key, list: null, label: f.label.nb, type: f.type, required: required.has(key) }));
  for (const [listKey, l] of Object.entries(profile.lists)) {
    for (const [key, f] of Object.entries(l.fields)) fields.push({ key, list: listKey, label: f.label.nb, type: f.type, required: false });
  }
  return { fields, lists: Object.entries(profile.lists).map(([key, l]) => ({ key, label: l.label.nb })) };
}

const element = (name: string): XmlElement => ({ name, attributes: {}, children: [], text: '' });

/** The element at `path` under `from`, made on the way; the last step is always new when `fresh`. */
function place(from: XmlElement, path: string, fresh = false): XmlElement {
  const segs = path.split('/').map(localName);
  let at = from;
  segs.forEach((seg, i) => {
    let next = fresh && i === segs.length - 1 ? undefined : at.children.find((c) => c.name === seg);
    if (!next) {
      next = element(seg);
      at.children.push(next);
    }
    at = next;
  });
  return at;
}

/** Checks a typed value by its field type; the message names the field. */
function checkValue(label: string, type: FieldDef['type'], v: string): string | null {
  if (type === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(v)) return `«${label}» må være en dato (åååå-mm-dd).`;
  if (type === 'fnr' && !isValidFodselsnummer(v.replace(/\s+/g, ''), { allowSynthetic: true })) return `«${label}» er ikke et gyldig fødselsnummer.`;
  if (type === 'number' && !/^-?\d+(?:[.,]\d+)?$/.test(v)) return `«${label}» må være et tall.`;
  if (type === 'boolean' && !/^(true|false)$/.test(v)) return `«${label}» må være ja eller nei.`;
  return null;
}

/** The typed values as a mapped form, or the problems with them (each names the field). */
export function formFromTyped(profile: ServiceProfile, typed: TypedForm): { ok: true; form: MappedForm } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const root = element(localName(profile.form.rootElement));
  const known = new Set(Object.keys(profile.fields));
  for (const key of Object.keys(typed.fields)) if (!known.has(key)) problems.push(`Ukjent felt «${key}».`);
  for (const [key, def] of Object.entries(profile.fields)) {
    const v = typed.fields[key]?.trim() ?? '';
    if (!v) continue;
    const bad = checkValue(def.label.nb, def.type, v);
    if (bad) problems.push(bad);
    else place(root, def.path).text = v;
  }
  for (const [listKey, items] of Object.entries(typed.lists)) {
    const list = profile.lists[listKey];
    if (!list) {
      problems.push(`Ukjent liste «${listKey}».`);
      continue;
    }
    for (const item of items) {
      const filled = Object.entries(list.fields).filter(([k]) => item[k]?.trim());
      if (!filled.length) continue;
      const at = place(root, list.path, true);
      for (const [k, def] of filled) {
        const v = item[k]!.trim();
        const bad = checkValue(`${list.label.nb}: ${def.label.nb}`, def.type, v);
        if (bad) problems.push(bad);
        else place(at, def.path).text = v;
      }
    }
  }
  const a = profile.roles.applicant;
  for (const key of [a.name, a.personNumber]) {
    if (!typed.fields[key]?.trim()) problems.push(`«${profile.fields[key]?.label.nb ?? key}» må fylles ut.`);
  }
  return problems.length ? { ok: false, problems: [...new Set(problems)] } : { ok: true, form: mapForm(root, profile) };
}
