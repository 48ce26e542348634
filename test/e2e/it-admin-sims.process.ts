/**
 * The IT e2e's simulators in a process of their own: the Noark 5 archive and Altinn (no
 * submissions at first). A line "seed <n>" on stdin gives Altinn n new submissions, so the test
 * decides when archive jobs appear (after it has pointed the archive at a wrong port).
 * argv: <workDir>. Prints "READY <json>" and "SEEDED <n>".
 */
import path from 'node:path';
import readline from 'node:readline';
import { generateSubmissions } from '../../integrations/altinn/simulator/seed-generator';
import { startArchiveSimulator } from '../../integrations/noark/simulator/start-archive-simulator';
import { seededSim, shippedProfiles } from '../helpers/ingest-env';
import { ORG } from '../helpers/altinn-fixture';

const [workDir] = process.argv.slice(2) as [string];
const RES = path.resolve(__dirname, '../../resources');

void (async () => {
  const archive = await startArchiveSimulator({ transport: 'noark5-rest', resourcesDir: RES, workDir, credentials: { username: 'postmottak', password: 'arkiv-passord' } });
  const { sim } = await seededSim(0, { a2Share: 0 });
  let seed = 100;
  readline.createInterface({ input: process.stdin }).on('line', (line) => {
    const m = /^seed (\d+)$/.exec(line.trim());
    if (!m) return;
    sim.state.addSubmissions(generateSubmissions({ seed: seed++, count: Number(m[1]), org: ORG, profiles: shippedProfiles().all(), attachmentBytes: 2_000, a2Share: 0 }));
    process.stdout.write(`SEEDED ${m[1]}\n`);
  });
  process.stdout.write(`READY ${JSON.stringify({ archive: archive.config, altinnUrl: sim.url })}\n`);
  process.on('SIGTERM', () => void Promise.all([sim.close(), archive.sim.close()]).then(() => process.exit(0)));
})();
