import type { ServiceProfile } from '../../electron/core/profiles/profile.schema';
import { dokumenttypeProblems } from './dokumenttype-map';

/**
 * #13 item 3: a profile whose archive.dokumenttype a transport cannot map fails to load, with a
 * Norwegian message naming the profile, the type and the transport.
 */
export function archiveProfileCheck(profile: ServiceProfile): { key: string; message: string }[] {
  return dokumenttypeProblems(profile.id, profile.archive.dokumenttype).map((message) => ({ key: 'archive.dokumenttype', message }));
}
