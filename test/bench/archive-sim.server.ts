/**
 * One archive simulator in a process of its own for the archive benchmark, so its work does
 * not share the event loop with the hub being measured.
 * argv: <transport> <work dir>. Prints "SIM <archive config JSON>" when ready.
 */
import { startArchiveSim, type Transport } from '../helpers/archive-sims';

const [transport, dir] = process.argv.slice(2) as [Transport, string];

void startArchiveSim(transport, dir).then(({ sim, config }) => {
  process.stdout.write(`SIM ${JSON.stringify(config)}\n`);
  // the drop-folder simulator polls with an unref'd timer: keep this process alive until told to stop
  const keepAlive = setInterval(() => undefined, 60_000);
  process.on('SIGTERM', () => {
    clearInterval(keepAlive);
    void sim.close().then(() => process.exit(0));
  });
});
