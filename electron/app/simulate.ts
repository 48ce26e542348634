import fs from 'node:fs';
import path from 'node:path';
import { loadServiceProfiles, startDemoAltinn } from '../../integrations';
import { silentLogger } from '../core/ports/logger.port';
import { parseProfile } from '../core/profiles';
import { resourcesDir } from './resources-dir';

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
