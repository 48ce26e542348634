import fs from 'node:fs';
import path from 'node:path';
import jsonata from 'jsonata';
import type { LoadedProfile, ParseProfile, ProfileRegistry } from '../../../electron/core/profiles/profile.types';
import { checkProfile, type ProfileLoadError } from './profile-check';
import { sourceKeysOf } from './source-key';

/**
 * Loads service profiles from folders: `<dir>/<id>/profile.json`, the XSD it names and the
 * mappings its routes name (`mappings/<target>.jsonata`).
 * The shipped folder (resources/profiles) comes first; a municipality folder after it adds
 * profiles and replaces shipped ones with the same id. A bad profile is reported (file and
 * key) and left out; the others load.
 */

export interface ProfileDir {
  dir: string;
  origin: 'shipped' | 'municipality';
}

export interface LoadProfilesOptions {
  dirs: ProfileDir[];
  /** The municipality's Altinn org code (config altinn.org), for profiles that name only the app. */
  altinnOrg: string;
}

export interface ProfileLoadResult {
  registry: ProfileRegistry;
  errors: ProfileLoadError[];
  /** Shipped profiles a municipality profile replaced. */
  replaced: { id: string; file: string; by: string }[];
}

const MAX_PROFILE_BYTES = 1024 * 1024;
const MAX_XSD_BYTES = 5 * 1024 * 1024;
/** A mapping is an expression someone edits, not data: the designer takes 200 000 characters. */
export const MAX_MAPPING_BYTES = 256 * 1024;

function readText(file: string, max: number): string {
  const st = fs.statSync(file);
  if (st.size > max) throw new Error(`filen er større enn ${Math.round(max / 1024)} KB`);
  return fs.readFileSync(file, 'utf8');
}

/** A JSONata syntax error as a load message (position and jsonata's reason), or null. */
export function mappingSyntaxError(text: string): string | null {
  if (!text.trim()) return 'mappingen er tom';
  try {
    jsonata(text);
    return null;
  } catch (e) {
    const f = e as { position?: number; message?: string };
    return `syntaksfeil i JSONata${typeof f.position === 'number' ? ` ved posisjon ${f.position}` : ''}: ${String(f.message ?? e).slice(0, 200)}`;
  }
}

/** The mapping text of each route that names one, by target; a missing, too large or unparsable file is an error naming it. */
export function readRouteMappings(folder: string, loaded: LoadedProfile): { mappings: Record<string, string>; errors: ProfileLoadError[] } {
  const mappings: Record<string, string> = {};
  const errors: ProfileLoadError[] = [];
  loaded.profile.routing.targets.forEach((r, i) => {
    if (!r.mapping) return;
    const file = path.join(folder, r.mapping);
    const key = `routing.targets.${i}.mapping`;
    let text: string;
    try {
      text = readText(file, MAX_MAPPING_BYTES);
    } catch (e) {
      const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'filen finnes ikke' : (e as Error).message;
      errors.push({ file, key, message: `${r.mapping} kan ikke leses: ${why}` });
      return;
    }
    const syntax = mappingSyntaxError(text);
    if (syntax) errors.push({ file, key, message: syntax });
    else mappings[r.target] = text;
  });
  return { mappings, errors };
}

/** Reads and checks one profile folder. */
export function loadProfileFolder(
  folder: string,
  origin: LoadedProfile['origin'],
  parseProfile: ParseProfile,
): { ok: true; profile: LoadedProfile } | { ok: false; errors: ProfileLoadError[] } {
  const file = path.join(folder, 'profile.json');
  const fail = (key: string, message: string, f = file) => ({ ok: false as const, errors: [{ file: f, key, message }] });
  let json: unknown;
  try {
    json = JSON.parse(readText(file, MAX_PROFILE_BYTES));
  } catch (e) {
    return fail('(fil)', e instanceof SyntaxError ? `ugyldig JSON: ${e.message}` : `kan ikke leses: ${(e as Error).message}`);
  }
  const xsdName = (json as { form?: { xsd?: unknown } })?.form?.xsd;
  const xsdFile = path.join(folder, typeof xsdName === 'string' && /^[\w.-]+\.xsd$/.test(xsdName) ? xsdName : 'form.xsd');
  let xsd = '';
  try {
    xsd = readText(xsdFile, MAX_XSD_BYTES);
  } catch (e) {
    if (typeof xsdName === 'string') return fail('form.xsd', `${path.basename(xsdFile)} kan ikke leses: ${(e as Error).message}`);
  }
  const r = checkProfile(json, xsd, { file, xsdFile, origin }, parseProfile);
  if (r.ok && r.profile.profile.id !== path.basename(folder)) {
    return fail('id', `«${r.profile.profile.id}» må være lik mappenavnet «${path.basename(folder)}»`);
  }
  if (!r.ok) return r;
  const m = readRouteMappings(folder, r.profile);
  if (m.errors.length) return { ok: false, errors: m.errors };
  return { ok: true, profile: { ...r.profile, mappings: m.mappings } };
}

/** Indexes profiles by id and source key; a source key claimed twice is an error and the later profile is left out. */
export function createProfileRegistry(profiles: LoadedProfile[], altinnOrg: string): { registry: ProfileRegistry; errors: ProfileLoadError[] } {
  const byId = new Map<string, LoadedProfile>();
  const byKey = new Map<string, LoadedProfile>();
  const errors: ProfileLoadError[] = [];
  for (const lp of profiles) {
    const keys = sourceKeysOf(lp.profile, altinnOrg);
    const clash = keys.map((k) => [k, byKey.get(k)] as const).find(([, other]) => other && other.profile.id !== lp.profile.id);
    if (clash) {
      errors.push({ file: lp.file, key: 'sources', message: `kilden «${clash[0]}» brukes også av «${clash[1]!.profile.id}» (${clash[1]!.file})` });
      continue;
    }
    byId.set(lp.profile.id, lp);
    for (const k of keys) byKey.set(k, lp);
  }
  const all = [...byId.values()];
  return {
    registry: { all: () => [...all], byId: (id) => byId.get(id), bySourceKey: (key) => byKey.get(key) },
    errors,
  };
}

/** A check a profile must also pass (e.g. the archive transports can map its document type); messages name the problem. */
export type ExtraProfileCheck = (profile: LoadedProfile['profile']) => { key: string; message: string }[];

export function loadProfiles(opts: LoadProfilesOptions, deps: { parseProfile: ParseProfile; extraCheck?: ExtraProfileCheck }): ProfileLoadResult {
  const chosen = new Map<string, LoadedProfile>();
  const errors: ProfileLoadError[] = [];
  const replaced: ProfileLoadResult['replaced'] = [];
  for (const { dir, origin } of opts.dirs) {
    if (!fs.existsSync(dir)) {
      if (origin === 'shipped') errors.push({ file: dir, key: '(mappe)', message: 'profilmappen finnes ikke' });
      continue;
    }
    const folders = fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
      .map((e) => e.name)
      .sort();
    for (const name of folders) {
      const r = loadProfileFolder(path.join(dir, name), origin, deps.parseProfile);
      if (!r.ok) {
        errors.push(...r.errors);
        continue;
      }
      const extra = deps.extraCheck?.(r.profile.profile) ?? [];
      if (extra.length) {
        errors.push(...extra.map((x) => ({ file: r.profile.file, ...x })));
        continue;
      }
      const prev = chosen.get(r.profile.profile.id);
      if (prev) replaced.push({ id: r.profile.profile.id, file: prev.file, by: r.profile.file });
      chosen.set(r.profile.profile.id, r.profile);
    }
  }
  const { registry, errors: clashes } = createProfileRegistry([...chosen.values()], opts.altinnOrg);
  return { registry, errors: [...errors, ...clashes], replaced };
}
