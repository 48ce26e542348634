import path from 'node:path';
import type { ArchiveSimulator } from './archive-sim-state';
import { startArkivmeldingSimulator } from './arkivmelding.simulator';
import { startGeoIntegrasjonSimulator } from './geointegrasjon.simulator';
import { startNoark4WsSimulator } from './noark4-ws.simulator';
import { startNoark5RestSimulator } from './noark5-rest.simulator';

export type SimTransport = 'noark5-rest' | 'geointegrasjon' | 'noark4-ws' | 'arkivmelding';

export interface ArchiveSimulatorStart {
  transport: SimTransport;
  resourcesDir: string;
  /** For the drop folder: where the message and receipt folders go. */
  workDir: string;
  port?: number;
  /** Basic credentials the simulator demands (none when absent). */
  credentials?: { username: string; password: string };
  /** The secret name the written config refers to for the password. */
  passwordSecret?: string;
  dialect?: 'eformidling' | 'fiks-arkiv-v2';
  pollMs?: number;
  /** Noark 5 REST only (the demo's archive): the journal that keeps the archive across restarts. */
  stateFile?: string;
}

/**
 * Starts the simulator of one archive transport and gives the `integrations.archive` section
 * that points Postmottak at it: the tests, the benchmark and `postmottak simulate archive`
 * use the same, and only this section differs between transports.
 */
export async function startArchiveSimulator(o: ArchiveSimulatorStart): Promise<{ sim: ArchiveSimulator; config: Record<string, unknown> }> {
  const secret = { secret: o.passwordSecret ?? 'archive-password' };
  const user = o.credentials?.username;
  switch (o.transport) {
    case 'noark5-rest': {
      const sim = await startNoark5RestSimulator({ port: o.port, stateFile: o.stateFile, auth: o.credentials ? { kind: 'basic', ...o.credentials } : { kind: 'none' } });
      const auth = user ? { kind: 'basic', username: user, password: secret } : { kind: 'none' };
      return { sim, config: { transport: o.transport, noark5: { url: sim.apiUrl, auth } } };
    }
    case 'geointegrasjon': {
      const sim = await startGeoIntegrasjonSimulator({ wsdlDir: path.join(o.resourcesDir, 'wsdl', 'geointegrasjon'), port: o.port, ...o.credentials });
      return { sim, config: { transport: o.transport, geointegrasjon: { oppdateringUrl: sim.oppdateringUrl, innsynUrl: sim.innsynUrl, username: user ?? 'postmottak', password: secret } } };
    }
    case 'noark4-ws': {
      const sim = await startNoark4WsSimulator({ wsdlPath: path.join(o.resourcesDir, 'wsdl', 'noark4', 'noark4ws.wsdl'), port: o.port, ...o.credentials });
      return { sim, config: { transport: o.transport, noark4: { url: sim.url, username: user ?? 'postmottak', password: secret } } };
    }
    case 'arkivmelding': {
      const dialect = o.dialect ?? 'fiks-arkiv-v2';
      const outDir = path.join(o.workDir, 'arkiv-inn');
      const receiptDir = path.join(o.workDir, 'arkiv-kvitteringer');
      const sim = await startArkivmeldingSimulator({ dialect, outDir, receiptDir, schemaDir: path.join(o.resourcesDir, 'schemas', 'arkivmelding'), pollMs: o.pollMs ?? 500 });
      return { sim, config: { transport: o.transport, arkivmelding: { dialect, outDir, receiptDir } } };
    }
  }
}
