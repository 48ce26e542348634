import { renderTemplate, tidyTitle } from './merge-template';
import type { FieldDef, FieldType, ServiceProfile } from './profile.schema';
import type { MappedForm, PostalAddress } from './profile.types';
import type { XmlElement } from './xml-tree';

/**
 * Reads application fields out of a parsed form by the profile's element paths.
 * Pure: the XML was parsed (and schema-validated) by the caller.
 */

const localName = (segment: string): string => segment.slice(segment.indexOf(':') + 1);

/** All elements at the slash path under `from`, in document order. */
export function selectAll(from: XmlElement, path: string): XmlElement[] {
  let nodes = [from];
  for (const seg of path.split('/').map(localName)) {
    nodes = nodes.flatMap((n) => n.children.filter((c) => c.name === seg));
    if (nodes.length === 0) break;
  }
  return nodes;
}

function normalize(raw: string, type: FieldType): string | null {
  if (type === 'multiline') {
    const v = raw.replace(/\r\n?/g, '\n').trim();
    return v === '' ? null : v;
  }
  const v = raw.trim();
  if (v === '') return null;
  switch (type) {
    case 'boolean':
      return v === 'true' || v === '1' ? 'true' : v === 'false' || v === '0' ? 'false' : v;
    case 'date': {
      // xs:date may carry a time zone ("2026-05-04+02:00"); the application date is the day
      const m = /^(\d{4}-\d{2}-\d{2})/.exec(v);
      return m ? m[1]! : v;
    }
    case 'fnr':
      return v.replace(/\s+/g, '');
    case 'text':
      return v.replace(/\s+/g, ' ');
    default:
      return v;
  }
}

function readFields(from: XmlElement, defs: Record<string, FieldDef>): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [key, def] of Object.entries(defs)) {
    const el = selectAll(from, def.path)[0];
    out[key] = el ? normalize(el.text, def.type) : null;
  }
  return out;
}

const joinNames = (values: (string | null | undefined)[]): string => {
  const v = values.filter((x): x is string => !!x);
  return v.length <= 1 ? (v[0] ?? '') : `${v.slice(0, -1).join(', ')} og ${v[v.length - 1]}`;
};

export const addressLine = (a: PostalAddress | undefined): string =>
  a ? [a.street, [a.postalCode, a.postalPlace].filter(Boolean).join(' ')].filter(Boolean).join(', ') : '';

/**
 * Resolves merge fields against a mapped form (see formMergeFields for the names).
 * `extra` adds values such as decision.grounds for letters.
 */
export function mergeLookup(
  profile: ServiceProfile,
  form: Pick<MappedForm, 'applicant' | 'fields' | 'lists' | 'period'>,
  extra: Record<string, string> = {},
): (ref: string) => string | null {
  const subjects = profile.roles.subjects;
  return (ref) => {
    if (Object.hasOwn(extra, ref)) return extra[ref]!;
    if (Object.hasOwn(form.fields, ref)) return form.fields[ref] ?? null;
    const dot = ref.indexOf('.');
    if (dot < 0) return null;
    const head = ref.slice(0, dot);
    const tail = ref.slice(dot + 1);
    if (head === 'applicant') {
      if (tail === 'address') return addressLine(form.applicant.address);
      const v = form.applicant[tail as 'name' | 'personNumber' | 'email' | 'phone'];
      return typeof v === 'string' ? v : null;
    }
    if (head === 'period') return form.period?.[tail as 'from' | 'to'] ?? null;
    if (head === 'service' && tail === 'name') return profile.name.nb;
    if (head === 'subjects' && subjects) {
      const items = form.lists[subjects.list] ?? [];
      if (tail === 'count') return String(items.length);
      if (tail === 'names') return joinNames(items.map((i) => i[subjects.name]));
    }
    const items = Object.hasOwn(form.lists, head) ? form.lists[head] : undefined;
    if (items) return tail === 'count' ? String(items.length) : joinNames(items.map((i) => i[tail]));
    return null;
  };
}

/** Maps the form's root element to application data by the profile. */
export function mapForm(root: XmlElement, profile: ServiceProfile): MappedForm {
  const fields = readFields(root, profile.fields);
  const lists: Record<string, Record<string, string | null>[]> = {};
  for (const [name, list] of Object.entries(profile.lists)) {
    lists[name] = selectAll(root, list.path).map((item) => readFields(item, list.fields));
  }

  const r = profile.roles;
  const applicant: MappedForm['applicant'] = {
    name: fields[r.applicant.name] ?? '',
    personNumber: fields[r.applicant.personNumber] ?? '',
  };
  if (r.applicant.address) {
    const address = {
      street: fields[r.applicant.address.street] ?? null,
      postalCode: fields[r.applicant.address.postalCode] ?? null,
      postalPlace: fields[r.applicant.address.postalPlace] ?? null,
    };
    if (address.street || address.postalCode || address.postalPlace) applicant.address = address;
  }
  const email = r.applicant.email ? fields[r.applicant.email] : null;
  if (email) applicant.email = email;
  const phone = r.applicant.phone ? fields[r.applicant.phone] : null;
  if (phone) applicant.phone = phone;

  const form: MappedForm = { applicant, title: '', titlePublic: '', fields, lists };
  if (r.period) form.period = { from: fields[r.period.from] ?? null, to: r.period.to ? (fields[r.period.to] ?? null) : null };

  const lookup = mergeLookup(profile, form);
  form.title = tidyTitle(renderTemplate(r.title, lookup));
  form.titlePublic = tidyTitle(renderTemplate(r.titlePublic ?? r.title, lookup, { public: true }));
  return form;
}
