import path from 'node:path';
import type { Logger } from '../../../electron/core/ports/logger.port';
import type { ParseProfile, ProfileRegistry } from '../../../electron/core/profiles/profile.types';
import { formatLoadErrors } from './profile-check';
import { loadProfiles, type ExtraProfileCheck } from './profile-loader';

/** The shipped profiles and the municipality's own; a bad profile is left out and reported, the others work. */
export function loadServiceProfiles(
  o: { resourcesDir: string; profilesDir?: string; altinnOrg: string },
  deps: { parseProfile: ParseProfile; logger: Logger; extraCheck?: ExtraProfileCheck },
): ProfileRegistry {
  const loaded = loadProfiles(
    {
      dirs: [
        { dir: path.join(o.resourcesDir, 'profiles'), origin: 'shipped' },
        ...(o.profilesDir ? [{ dir: path.resolve(o.profilesDir), origin: 'municipality' as const }] : []),
      ],
      altinnOrg: o.altinnOrg,
    },
    deps,
  );
  if (loaded.errors.length) deps.logger.log('warn', 'service profiles with errors', { errors: formatLoadErrors(loaded.errors) });
  return loaded.registry;
}
