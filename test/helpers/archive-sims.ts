import path from 'node:path';
import type { ArchiveSimulator } from '../../integrations/noark/simulator/archive-sim-state';
import { startArkivmeldingSimulator } from '../../integrations/noark/simulator/arkivmelding.simulator';
import { startGeoIntegrasjonSimulator } from '../../integrations/noark/simulator/geointegrasjon.simulator';
import { NOARK4WS_PATH, startNoark4WsSimulator } from '../../integrations/noark/simulator/noark4-ws.simulator';
import { startNoark5RestSimulator } from '../../integrations/noark/simulator/noark5-rest.simulator';

export const RESOURCES = path.resolve(__dirname, '../../resources');
export const ARCHIVE_TRANSPORTS = ['noark5-rest', 'geointegrasjon', 'noark4-ws', 'arkivmelding'] as const;
export type Transport = (typeof ARCHIVE_TRANSPORTS)[number];

/** Environment for the secret store: the simulators' password. */
export const ARCHIVE_SECRETS = { POSTMOTTAK_SECRET_ARCHIVE_PASSWORD: 'arkiv-passord' };
const USER = 'postmottak';
const PASSWORD = ARCHIVE_SECRETS.POSTMOTTAK_SECRET_ARCHIVE_PASSWORD;

/**
 * Starts the simulator of one transport and gives the archive section of a config file that
 * points at it: the same hub code runs against each, only this section differs.
 */
export async function startArchiveSim(transport: Transport, dir: string, o: { pollMs?: number } = {}): Promise<{ sim: ArchiveSimulator; config: Record<string, unknown> }> {
  switch (transport) {
    case 'noark5-rest': {
      const sim = await startNoark5RestSimulator({ auth: { kind: 'basic', username: USER, password: PASSWORD } });
      return { sim, config: { transport, noark5: { url: sim.apiUrl, auth: { kind: 'basic', username: USER, password: { secret: 'archive-password' } }, timeoutMs: 10_000 } } };
    }
    case 'geointegrasjon': {
      const sim = await startGeoIntegrasjonSimulator({ wsdlDir: path.join(RESOURCES, 'wsdl', 'geointegrasjon'), username: USER, password: PASSWORD });
      return {
        sim,
        config: { transport, geointegrasjon: { oppdateringUrl: sim.oppdateringUrl, innsynUrl: sim.innsynUrl, username: USER, password: { secret: 'archive-password' }, timeoutMs: 10_000 } },
      };
    }
    case 'noark4-ws': {
      const sim = await startNoark4WsSimulator({ wsdlPath: path.join(RESOURCES, 'wsdl', 'noark4', 'noark4ws.wsdl'), username: USER, password: PASSWORD });
      const url = sim.url.endsWith(NOARK4WS_PATH) ? sim.url : `${sim.url}${NOARK4WS_PATH}`;
      return { sim, config: { transport, noark4: { url, username: USER, password: { secret: 'archive-password' }, timeoutMs: 10_000 } } };
    }
    case 'arkivmelding': {
      const outDir = path.join(dir, 'arkiv-inn');
      const receiptDir = path.join(dir, 'arkiv-kvitteringer');
      const sim = await startArkivmeldingSimulator({ dialect: 'fiks-arkiv-v2', outDir, receiptDir, schemaDir: path.join(RESOURCES, 'schemas', 'arkivmelding'), pollMs: o.pollMs ?? 50 });
      return { sim, config: { transport, arkivmelding: { dialect: 'fiks-arkiv-v2', outDir, receiptDir } } };
    }
  }
}
