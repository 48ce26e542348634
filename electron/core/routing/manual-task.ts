import { isPersonNumber } from '../fodselsnummer';
import type { FieldDef, ServiceProfile } from '../profiles/profile.schema';
import type { MappedForm } from '../profiles/profile.types';

/** One value a person types into the target, copyable on its own. */
export interface TaskField {
  label: string;
  value: string;
  /** Personal data (a fødselsnummer, a field the profile marks, anything of a screened service): hidden until asked for. */
  sensitive: boolean;
}

const isPersonal = (f: FieldDef) => f.type === 'fnr' || f.personalData === true;

/** The form's values of the fields the profile marks as personal data. */
function personalValues(profile: ServiceProfile, form: MappedForm): Set<string> {
  const values = new Set<string>();
  for (const [key, def] of Object.entries(profile.fields)) if (isPersonal(def) && form.fields[key]) values.add(form.fields[key]!);
  for (const [name, list] of Object.entries(profile.lists)) {
    for (const item of form.lists[name] ?? []) for (const [key, def] of Object.entries(list.fields)) if (isPersonal(def) && item[key]) values.add(item[key]!);
  }
  return values;
}

/** Every value the application holds: its fields, its lists, the applicant. */
function formValues(form: MappedForm): Set<string> {
  const values = new Set<string>();
  const add = (v: string | null | undefined) => void (v && values.add(v));
  for (const v of Object.values(form.fields)) add(v);
  for (const items of Object.values(form.lists)) for (const item of items) for (const v of Object.values(item)) add(v);
  const a = form.applicant;
  for (const v of [a.name, a.personNumber, a.email, a.phone, a.address?.street, a.address?.postalCode, a.address?.postalPlace]) add(v);
  return values;
}

/** Without a mapping: the profile's fields in its order, with their bokmål labels, then its lists item by item. */
export function fieldsFromProfile(profile: ServiceProfile, form: MappedForm | null, screened: boolean): TaskField[] {
  if (!form) return [];
  const out: TaskField[] = [];
  for (const [key, def] of Object.entries(profile.fields)) {
    const value = form.fields[key];
    if (value) out.push({ label: def.label.nb, value, sensitive: screened || isPersonal(def) });
  }
  for (const [name, list] of Object.entries(profile.lists)) {
    const items = form.lists[name] ?? [];
    items.forEach((item, i) => {
      const prefix = items.length > 1 ? `${list.label.nb} ${i + 1}` : list.label.nb;
      for (const [key, def] of Object.entries(list.fields)) {
        const value = item[key];
        if (value) out.push({ label: `${prefix}: ${def.label.nb}`, value, sensitive: screened || isPersonal(def) });
      }
    });
  }
  return out;
}

/** «barn[1].fodselsnummer» → «Barn 1 › Fodselsnummer», «soknad.onsketOppstart» → «Soknad › Onsket oppstart»: the target's own names, readable. */
export function readablePath(path: string): string {
  const parts = path
    .split('.')
    .map((seg) => seg.replace(/^@/, '').replace(/\[(\d+)\]$/, ' $1'))
    .filter((seg) => seg !== '#text' && seg !== '')
    .map((seg) => seg.replace(/([a-zæøå\d])([A-ZÆØÅ])/g, '$1 $2').replace(/_/g, ' ').toLowerCase())
    .map((seg) => seg.charAt(0).toUpperCase() + seg.slice(1));
  return parts.length ? parts.join(' › ') : 'Verdi';
}

/**
 * With a mapping: its output's leaves in its own order, labelled by their path («Barn 1 › Navn»
 * reads as «Barn[1].Navn»), so the person types what the interface would have received.
 */
export function fieldsFromPayload(payload: unknown, profile: ServiceProfile, form: MappedForm | null, screened: boolean): TaskField[] {
  const personal = form ? personalValues(profile, form) : new Set<string>();
  // a screened service (health data) hides everything the application says, not the case number or the target's codes
  if (screened && form) for (const v of formValues(form)) personal.add(v);
  const out: TaskField[] = [];
  const walk = (v: unknown, path: string): void => {
    if (v === null || v === undefined) return;
    if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, `${path}[${i + 1}]`));
      return;
    }
    if (typeof v === 'object') {
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        // an XML mapping's namespace declarations are wire format, nothing a person types
        if (k === '@xmlns' || k.startsWith('@xmlns:')) continue;
        walk(x, path ? `${path}.${k}` : k);
      }
      return;
    }
    const value = String(v);
    if (value === '') return;
    out.push({ label: readablePath(path), value, sensitive: isPersonNumber(value) || personal.has(value) });
  };
  walk(payload, '');
  return out;
}
