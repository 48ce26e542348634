import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { loadServiceProfiles, startArchiveSimulator, startDemoAltinn } from '../../../integrations';
import { silentLogger } from '../../core/ports/logger.port';
import { parseProfile } from '../../core/profiles';
import { resourcesDir } from '../resources-dir';

/**
 * `postmottak simulate altinn`: the Altinn simulator on its own, seeded, for trying a
 * configuration or another client against it. Writes the client key (0600) and a config
 * file that points Postmottak at it.
 */
export async function simulateAltinn(o: { dataDir: string; port?: number; seed?: number; count?: number }) {
  const profiles = loadServiceProfiles({ resourcesDir: resourcesDir(), altinnOrg: 'kommune' }, { parseProfile, logger: silentLogger });
  const demo = await startDemoAltinn({ profiles: profiles.all(), port: o.port, seed: o.seed, count: o.count });
  const dir = path.join(o.dataDir, 'simulator');
  fs.mkdirSync(dir, { recursive: true });
  const secretsFile = path.join(dir, 'secrets.json');
  fs.writeFileSync(secretsFile, JSON.stringify(demo.secrets, null, 2), { mode: 0o600 });
  fs.chmodSync(secretsFile, 0o600);
  const configFile = path.join(dir, 'postmottak.config.json');
  const config = {
    version: 1,
    integrations: { altinn: demo.config.altinn, altinn2: demo.config.altinn2 },
    secrets: { provider: 'file', file: secretsFile },
  };
  fs.writeFileSync(configFile, JSON.stringify(config, null, 2));
  return { demo, configFile, secretsFile };
}

export const SIM_ARCHIVE_TRANSPORTS = ['noark5-rest', 'geointegrasjon', 'noark4-ws', 'arkivmelding'] as const;

/**
 * `postmottak simulate archive`: one archive simulator on its own, for trying a configuration
 * against it. Writes a config file with its `integrations.archive` section; the simulator
 * demands the password written (0600) beside it.
 */
export async function simulateArchive(o: { dataDir: string; transport: string; dialect: string; port?: number }) {
  const transport = SIM_ARCHIVE_TRANSPORTS.find((t) => t === o.transport);
  if (!transport) throw new Error(`Ukjent transport «${o.transport}». Velg en av: ${SIM_ARCHIVE_TRANSPORTS.join(', ')}.`);
  if (o.dialect !== 'fiks-arkiv-v2' && o.dialect !== 'eformidling') throw new Error(`Ukjent arkivmelding-dialekt «${o.dialect}».`);
  const dir = path.join(o.dataDir, 'simulator', 'arkiv');
  fs.mkdirSync(dir, { recursive: true });
  const password = randomBytes(18).toString('base64url');
  const sim = await startArchiveSimulator({
    transport,
    resourcesDir: resourcesDir(),
    workDir: dir,
    port: o.port,
    dialect: o.dialect,
    credentials: { username: 'postmottak', password },
    passwordSecret: 'archive-password',
  });
  const secretsFile = path.join(dir, 'secrets.json');
  fs.writeFileSync(secretsFile, JSON.stringify({ 'archive-password': password }, null, 2), { mode: 0o600 });
  fs.chmodSync(secretsFile, 0o600);
  const configFile = path.join(dir, 'postmottak.config.json');
  fs.writeFileSync(configFile, JSON.stringify({ version: 1, integrations: { archive: sim.config }, secrets: { provider: 'file', file: secretsFile } }, null, 2));
  return { sim, configFile, secretsFile };
}
