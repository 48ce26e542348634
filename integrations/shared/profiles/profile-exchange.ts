import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { LoadedProfile, ParseProfile } from '../../../electron/core/profiles/profile.types';
import { checkProfile, type ProfileLoadError } from './profile-check';

/**
 * Sharing a profile between municipalities as ONE self-contained JSON file: the profile
 * and its XSD inline, with a SHA-256 per file so a truncated or edited copy is noticed.
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

export function exportProfile(loaded: LoadedProfile): string {
  const out: ProfileExportFile = {
    format: PROFILE_EXPORT_FORMAT,
    formatVersion: PROFILE_EXPORT_VERSION,
    profile: loaded.profile,
    files: { [loaded.profile.form.xsd]: { text: loaded.xsd, sha256: sha256(loaded.xsd) } },
  };
  return `${JSON.stringify(out, null, 2)}\n`;
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
  return r;
}

/**
 * Installs a profile as `<dir>/<id>/profile.json` + its XSD (e.g. an imported one into the
 * municipality folder). Written to temporary names and renamed, so a crash leaves no half profile.
 */
export function writeProfileFolder(loaded: LoadedProfile, dir: string): string {
  const folder = path.join(dir, loaded.profile.id);
  fs.mkdirSync(folder, { recursive: true });
  const files: [string, string][] = [
    [loaded.profile.form.xsd, loaded.xsd],
    ['profile.json', `${JSON.stringify(loaded.profile, null, 2)}\n`],
  ];
  for (const [name, text] of files) {
    const tmp = path.join(folder, `.${name}.tmp`);
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, path.join(folder, name));
  }
  return folder;
}
