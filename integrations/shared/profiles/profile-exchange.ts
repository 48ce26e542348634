import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { LoadedProfile, ParseProfile } from '../../../electron/core/profiles/profile.types';
import { checkProfile, type ProfileLoadError } from './profile-check';
import { mappingSyntaxError } from './profile-loader';

/**
 * Sharing a profile between municipalities as ONE self-contained JSON file: the profile, its
 * XSD and its mappings (routing.targets[].mapping) inline, with a SHA-256 per file so a
 * truncated or edited copy is noticed.
 */

export const PROFILE_EXPORT_FORMAT = 'postmottak-profile';
export const PROFILE_EXPORT_VERSION = 1;

export interface ProfileExportFile {
  format: typeof PROFILE_EXPORT_FORMAT;
  formatVersion: typeof PROFILE_EXPORT_VERSION;
  profile: LoadedProfile['profile'];
  files: Record<string, { text: string; sha256: string }>;
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * The export file. `mappings` (by route target) overrides what the profile's files hold: the
 * ACTIVE version where IT changed a mapping in the designer, so the copy sends what is in use.
 */
export function exportProfile(loaded: LoadedProfile, mappings: Record<string, string> = {}): string {
  const files: ProfileExportFile['files'] = { [loaded.profile.form.xsd]: { text: loaded.xsd, sha256: sha256(loaded.xsd) } };
  for (const r of loaded.profile.routing.targets) {
    const text = mappings[r.target] ?? loaded.mappings?.[r.target];
    if (r.mapping && text !== undefined) files[r.mapping] = { text, sha256: sha256(text) };
  }
  const out: ProfileExportFile = { format: PROFILE_EXPORT_FORMAT, formatVersion: PROFILE_EXPORT_VERSION, profile: loaded.profile, files };
  return `${JSON.stringify(out, null, 2)}\n`;
}

/** The mappings the routes name, from the export's files: each present, intact and valid JSONata. */
function importedMappings(loaded: LoadedProfile, files: ProfileExportFile['files'] | undefined, file: string): { mappings: Record<string, string>; errors: ProfileLoadError[] } {
  const mappings: Record<string, string> = {};
  const errors: ProfileLoadError[] = [];
  loaded.profile.routing.targets.forEach((r, i) => {
    if (!r.mapping) return;
    const entry = files?.[r.mapping];
    const key = `files.${r.mapping}`;
    if (!entry || typeof entry.text !== 'string') errors.push({ file, key, message: `mappingen profilen viser til (routing.targets.${i}.mapping), mangler i filen` });
    else if (sha256(entry.text) !== entry.sha256) errors.push({ file, key: `${key}.sha256`, message: 'sjekksummen stemmer ikke; filen er endret eller avkortet' });
    else {
      const syntax = mappingSyntaxError(entry.text);
      if (syntax) errors.push({ file, key, message: syntax });
      else mappings[r.target] = entry.text;
    }
  });
  return { mappings, errors };
}

export type ProfileImport = { ok: true; profile: LoadedProfile } | { ok: false; errors: ProfileLoadError[] };

/** Reads an exported file; `file` names it in errors. The result has origin 'imported'. */
export function importProfile(text: string, deps: { parseProfile: ParseProfile }, file = 'importert profil'): ProfileImport {
  const fail = (key: string, message: string): ProfileImport => ({ ok: false, errors: [{ file, key, message }] });
  let data: Partial<ProfileExportFile>;
  try {
    data = JSON.parse(text) as Partial<ProfileExportFile>;
  } catch (e) {
    return fail('(fil)', `ugyldig JSON: ${(e as Error).message}`);
  }
  if (data?.format !== PROFILE_EXPORT_FORMAT) return fail('format', `forventet «${PROFILE_EXPORT_FORMAT}»; dette er ikke en eksportert profil`);
  if (data.formatVersion !== PROFILE_EXPORT_VERSION) return fail('formatVersion', `versjon ${String(data.formatVersion)} støttes ikke (denne appen leser ${PROFILE_EXPORT_VERSION})`);
  const xsdName = (data.profile as { form?: { xsd?: unknown } } | undefined)?.form?.xsd;
  const entry = typeof xsdName === 'string' ? data.files?.[xsdName] : undefined;
  if (!entry || typeof entry.text !== 'string') return fail(`files.${String(xsdName)}`, 'XSD-en profilen viser til, mangler i filen');
  if (sha256(entry.text) !== entry.sha256) return fail(`files.${String(xsdName)}.sha256`, 'sjekksummen stemmer ikke; filen er endret eller avkortet');
  const r = checkProfile(data.profile, entry.text, { file, xsdFile: `${file} (files.${String(xsdName)})`, origin: 'imported' }, deps.parseProfile);
  if (!r.ok) return { ok: false, errors: r.errors.map((e) => ({ ...e, key: e.key === '(fil)' ? e.key : `profile.${e.key}` })) };
  const m = importedMappings(r.profile, data.files, file);
  if (m.errors.length) return { ok: false, errors: m.errors };
  return { ok: true, profile: { ...r.profile, mappings: m.mappings } };
}

/**
 * Installs a profile as `<dir>/<id>/profile.json` + its XSD and mappings (e.g. an imported one
 * into the municipality folder). Written to temporary names and renamed, profile.json last, so a
 * crash leaves no profile pointing at a file not yet written.
 */
export function writeProfileFolder(loaded: LoadedProfile, dir: string): string {
  const folder = path.join(dir, loaded.profile.id);
  fs.mkdirSync(folder, { recursive: true });
  const mappingFiles = loaded.profile.routing.targets.flatMap((r): [string, string][] => {
    const text = loaded.mappings?.[r.target];
    return r.mapping && text !== undefined ? [[r.mapping, text]] : [];
  });
  const files: [string, string][] = [[loaded.profile.form.xsd, loaded.xsd], ...mappingFiles, ['profile.json', `${JSON.stringify(loaded.profile, null, 2)}\n`]];
  for (const [name, text] of files) {
    const target = path.join(folder, name);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const tmp = path.join(path.dirname(target), `.${path.basename(name)}.tmp`);
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, target);
  }
  return folder;
}
