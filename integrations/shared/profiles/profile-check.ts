import type { ServiceProfile } from '../../../electron/core/profiles/profile.schema';
import type { LoadedProfile, ParseProfile } from '../../../electron/core/profiles/profile.types';
import { lookupPath, parseXsd, type XsdElementDecl } from '../xml/xsd-model';

/**
 * Checks one profile with its XSD: the profile schema (core's parseProfile, injected), then
 * that the XSD is self-contained, declares the root element and namespace, and that every
 * field and list path exists where the profile says. Errors name the file and the key.
 */

export interface ProfileLoadError {
  file: string;
  /** Dotted key in profile.json ("fields.reason.path"), or "(fil)" for the file as a whole. */
  key: string;
  message: string;
}

export type ProfileCheck = { ok: true; profile: LoadedProfile } | { ok: false; errors: ProfileLoadError[] };

export const formatLoadErrors = (errors: readonly ProfileLoadError[]): string => errors.map((e) => `${e.file}: ${e.key}: ${e.message}`).join('\n');

function checkPaths(p: ServiceProfile, root: XsdElementDecl, add: (key: string, message: string) => void): void {
  const xsdName = p.form.xsd;
  for (const [k, f] of Object.entries(p.fields)) {
    const r = lookupPath(root, f.path);
    if (!r.found) {
      if (!r.unknown) add(`fields.${k}.path`, `«${f.path}» finnes ikke under ${p.form.rootElement} i ${xsdName} (mangler ${r.missing})`);
    } else if (r.repeats) add(`fields.${k}.path`, `«${f.path}» kan gjentas i ${xsdName}; bruk lists for gjentatte elementer`);
    else if (r.decl.content && !r.decl.simple) add(`fields.${k}.path`, `«${f.path}» har underelementer, ikke en verdi`);
  }
  for (const [name, list] of Object.entries(p.lists)) {
    const r = lookupPath(root, list.path);
    if (!r.found) {
      if (!r.unknown) add(`lists.${name}.path`, `«${list.path}» finnes ikke under ${p.form.rootElement} i ${xsdName} (mangler ${r.missing})`);
      continue;
    }
    if (!r.repeats) add(`lists.${name}.path`, `«${list.path}» kan ikke gjentas i ${xsdName} (maxOccurs er 1)`);
    for (const [k, f] of Object.entries(list.fields)) {
      const fr = lookupPath(r.decl, f.path);
      if (!fr.found) {
        if (!fr.unknown) add(`lists.${name}.fields.${k}.path`, `«${f.path}» finnes ikke under ${list.path} i ${xsdName}`);
      } else if (fr.repeats) add(`lists.${name}.fields.${k}.path`, `«${f.path}» kan gjentas under ${list.path}`);
    }
  }
}

export function checkProfile(
  json: unknown,
  xsd: string,
  where: { file: string; xsdFile: string; origin: LoadedProfile['origin'] },
  parseProfile: ParseProfile,
): ProfileCheck {
  const parsed = parseProfile(json);
  if (!parsed.ok) return { ok: false, errors: parsed.issues.map((i) => ({ file: where.file, ...i })) };
  const p = parsed.profile;
  const errors: ProfileLoadError[] = [];
  const add = (key: string, message: string, file = where.file) => errors.push({ file, key, message });

  let model;
  try {
    model = parseXsd(xsd);
  } catch (e) {
    add('form.xsd', e instanceof Error ? e.message : String(e), where.xsdFile);
    return { ok: false, errors };
  }
  if (model.externalRefs.length) add('form.xsd', `XSD-en må være selvstendig (én fil); fant ${model.externalRefs.join(', ')}`, where.xsdFile);
  const rootName = p.form.rootElement.slice(p.form.rootElement.indexOf(':') + 1);
  const root = model.elements.get(rootName);
  if (!root) add('form.rootElement', `${p.form.xsd} har ikke et globalt element «${rootName}» (har: ${[...model.elements.keys()].join(', ') || 'ingen'})`);
  if ((p.form.namespace ?? null) !== (model.targetNamespace ?? null)) {
    add('form.namespace', model.targetNamespace ? `må være «${model.targetNamespace}» (targetNamespace i ${p.form.xsd})` : `${p.form.xsd} har ikke targetNamespace; fjern form.namespace`);
  }
  if (root) checkPaths(p, root, add);
  return errors.length ? { ok: false, errors } : { ok: true, profile: { id: p.id, version: p.version, profile: p, xsd, origin: where.origin, file: where.file } };
}
