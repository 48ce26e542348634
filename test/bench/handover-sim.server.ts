/**
 * The five internal-system simulators in a process of their own for the hand-over benchmark, so
 * their work (HTTP, SOAP parsing, folder polling, XSD checks) does not share the event loop with
 * the adapters being measured.
 * argv: <work dir>. Prints "SIM {config, env}" when ready; on the stdin line "counts" prints
 * "COUNTS {target: items}".
 */
import readline from 'node:readline';
import { startInternalSims } from '../helpers/internal-sims';

const [dir] = process.argv.slice(2) as [string];

void startInternalSims(dir).then((sims) => {
  process.stdout.write(`SIM ${JSON.stringify({ config: sims.config, env: sims.env })}\n`);
  readline.createInterface({ input: process.stdin }).on('line', (line) => {
    if (line.trim() !== 'counts') return;
    const counts = {
      'ist-barnehage': sims.ist.items().length,
      'ist-sfo': new Set(sims.sfo.items().map((i) => i.key)).size,
      gerica: sims.gerica.items().length,
      'visma-flyt-skole': sims.flyt.items().length,
      'visma-enterprise': sims.hrm.items().length,
    };
    process.stdout.write(`COUNTS ${JSON.stringify(counts)}\n`);
  });
  // the folder simulators poll with unref'd timers: keep this process alive until told to stop
  const keepAlive = setInterval(() => undefined, 60_000);
  process.on('SIGTERM', () => {
    clearInterval(keepAlive);
    void sims.close().then(() => process.exit(0));
  });
});
