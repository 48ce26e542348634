/**
 * The Altinn simulator in a process of its own for the ingest benchmark, so its memory
 * (every seeded file) does not count against the ingesting process.
 * argv: <count> <attachment bytes>. Prints "SIM <url> <a2 count>" when ready.
 */
import { seededSim } from '../helpers/ingest-env';

const [count, bytes] = process.argv.slice(2).map(Number) as [number, number];
void seededSim(count, { seed: 2026, attachmentBytes: bytes }).then(({ sim, seeds }) => {
  process.stdout.write(`SIM ${sim.url} ${seeds.filter((s) => s.altinn2).length}\n`);
  process.on('SIGTERM', () => void sim.close().then(() => process.exit(0)));
});
