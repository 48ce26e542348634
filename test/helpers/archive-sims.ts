import path from 'node:path';
import type { ArchiveSimulator } from '../../integrations/noark/simulator/archive-sim-state';
import { startArchiveSimulator } from '../../integrations/noark/simulator/start-archive-simulator';

export const RESOURCES = path.resolve(__dirname, '../../resources');
export const ARCHIVE_TRANSPORTS = ['noark5-rest', 'geointegrasjon', 'noark4-ws', 'arkivmelding'] as const;
export type Transport = (typeof ARCHIVE_TRANSPORTS)[number];

/** Environment for the secret store: the simulators' password. */
export const ARCHIVE_SECRETS = { POSTMOTTAK_SECRET_ARCHIVE_PASSWORD: 'arkiv-passord' };

/** The simulator of one transport, demanding credentials, and the config section that points at it. */
export async function startArchiveSim(transport: Transport, dir: string, o: { pollMs?: number } = {}): Promise<{ sim: ArchiveSimulator; config: Record<string, unknown> }> {
  const r = await startArchiveSimulator({
    transport,
    resourcesDir: RESOURCES,
    workDir: dir,
    credentials: { username: 'postmottak', password: ARCHIVE_SECRETS.POSTMOTTAK_SECRET_ARCHIVE_PASSWORD },
    pollMs: o.pollMs ?? 50,
  });
  return r;
}
