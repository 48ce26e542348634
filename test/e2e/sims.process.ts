/**
 * Simulators in a process of their own for the offline e2e test, so the test can stop them
 * (SIGTERM) and start them again on the same port with the same credentials.
 * argv: altinn <port> <count> | archive <port> <dir>. Prints "READY <config JSON>".
 */
import path from 'node:path';
import { startArchiveSimulator } from '../../integrations/noark/simulator/start-archive-simulator';
import { seededSim } from '../helpers/ingest-env';

const [kind, portArg, extra] = process.argv.slice(2) as [string, string, string];
const port = Number(portArg);
const RES = path.resolve(__dirname, '../../resources');

void (async () => {
  if (kind === 'altinn') {
    const { sim } = await seededSim(Number(extra), { seed: 31, a2Share: 0, port });
    process.stdout.write(`READY ${JSON.stringify({ url: sim.url })}\n`);
    process.on('SIGTERM', () => void sim.close().then(() => process.exit(0)));
  } else {
    const { sim, config } = await startArchiveSimulator({ transport: 'noark5-rest', resourcesDir: RES, workDir: extra, port, credentials: { username: 'postmottak', password: 'arkiv-passord' } });
    process.stdout.write(`READY ${JSON.stringify(config)}\n`);
    process.on('SIGTERM', () => void sim.close().then(() => process.exit(0)));
  }
})();
