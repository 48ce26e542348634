import fs from 'node:fs';
import path from 'node:path';
import { exportProfile, importProfile, loadServiceProfiles, writeProfileFolder } from '../../../integrations';
import { silentLogger } from '../../core/ports/logger.port';
import { copyProfile, parseProfile } from '../../core/profiles';
import type { AppConfig } from '../config/config.schema';
import { resourcesDir } from '../resources-dir';

/** The municipality's own profiles: config profiles.dir, else <data>/profiles. */
export const municipalityProfilesDir = (config: AppConfig, dataDir: string): string =>
  config.profiles.dir ? path.resolve(config.profiles.dir) : path.join(dataDir, 'profiles');

const registry = (config: AppConfig, dataDir: string) =>
  loadServiceProfiles(
    { resourcesDir: resourcesDir(), profilesDir: municipalityProfilesDir(config, dataDir), altinnOrg: config.integrations.altinn?.org ?? 'kommune' },
    { parseProfile, logger: silentLogger },
  );

export function listProfiles(config: AppConfig, dataDir: string) {
  return registry(config, dataDir)
    .all()
    .map((p) => ({ id: p.id, version: p.version, name: p.profile.name.nb, origin: p.origin, basedOn: p.profile.basedOn ?? null }));
}

/** The internal systems a profile routes to (#15): whose active mappings its export carries. */
export const profileRouteTargets = (config: AppConfig, dataDir: string, id: string): string[] =>
  registry(config, dataDir).byId(id)?.profile.routing.targets.map((r) => r.target) ?? [];

/** One self-contained JSON file (profile, XSD and mappings, with the designer's active versions where given) to share with another municipality. */
export function exportProfileFile(config: AppConfig, dataDir: string, id: string, mappings?: Record<string, string>): string {
  const p = registry(config, dataDir).byId(id);
  if (!p) throw new Error(`Ukjent tjenesteprofil «${id}».`);
  return exportProfile(p, mappings);
}

/** Checks an exported file and installs it in the municipality's profile folder. */
export function importProfileFile(config: AppConfig, dataDir: string, file: string): { id: string; version: number; folder: string } {
  const r = importProfile(fs.readFileSync(file, 'utf8'), { parseProfile }, file);
  if (!r.ok) throw new Error(`Profilen kan ikke importeres:\n${r.errors.map((e) => `  ${e.key}: ${e.message}`).join('\n')}`);
  return { id: r.profile.id, version: r.profile.version, folder: writeProfileFolder(r.profile, municipalityProfilesDir(config, dataDir)) };
}

/** A new profile from an existing one (JSON Merge Patch of the changes), installed in the municipality's folder. */
export function copyProfileTo(config: AppConfig, dataDir: string, id: string, newId: string, patchFile?: string) {
  const base = registry(config, dataDir).byId(id);
  if (!base) throw new Error(`Ukjent tjenesteprofil «${id}».`);
  const patch = patchFile ? (JSON.parse(fs.readFileSync(patchFile, 'utf8')) as never) : undefined;
  const r = copyProfile(base.profile, { id: newId, patch });
  if (!r.ok) throw new Error(`Kopien er ikke gyldig:\n${r.issues.map((i) => `  ${i.key}: ${i.message}`).join('\n')}`);
  // two profiles cannot answer for the same Altinn service
  if (JSON.stringify(r.profile.sources) === JSON.stringify(base.profile.sources)) {
    throw new Error('Kopien bruker samme Altinn-tjeneste som originalen. Sett en annen «sources» i --patch (f.eks. {"sources":{"altinn3":{"app":"ny-app"}}}).');
  }
  const folder = writeProfileFolder({ ...base, id: r.profile.id, version: r.profile.version, profile: r.profile, origin: 'municipality' }, municipalityProfilesDir(config, dataDir));
  return { folder, changed: r.changed };
}
