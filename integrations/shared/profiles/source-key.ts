import type { ServiceProfile } from '../../../electron/core/profiles/profile.schema';

/**
 * The keys a submission source reports for a service, so the registry can find its profile:
 *  - Altinn 3 appId "{org}/{app}" (org from the profile, else the municipality's own org code);
 *  - Altinn 2 "{serviceCode}:{serviceEditionCode}" (DownloadQueue);
 *  - "{org}/a2-{serviceCode}-{edition}": an Altinn 2 submission migrated into Altinn 3 Storage.
 */

export const altinn2Key = (serviceCode: string, serviceEditionCode: number): string => `${serviceCode}:${serviceEditionCode}`;

export const migratedAltinn2AppId = (org: string, serviceCode: string, serviceEditionCode: number): string =>
  `${org}/a2-${serviceCode}-${serviceEditionCode}`;

export function altinn3AppId(profile: ServiceProfile, defaultOrg: string): string | null {
  const a3 = profile.sources.altinn3;
  return a3 ? `${a3.org ?? defaultOrg}/${a3.app}` : null;
}

export function sourceKeysOf(profile: ServiceProfile, defaultOrg: string): string[] {
  const keys: string[] = [];
  const appId = altinn3AppId(profile, defaultOrg);
  if (appId) keys.push(appId);
  const a2 = profile.sources.altinn2;
  if (a2) {
    keys.push(altinn2Key(a2.serviceCode, a2.serviceEditionCode));
    keys.push(migratedAltinn2AppId(profile.sources.altinn3?.org ?? defaultOrg, a2.serviceCode, a2.serviceEditionCode));
  }
  return keys;
}
