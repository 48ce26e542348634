/**
 * The ingesting hub for the ingest-under-faults benchmark, in a clean process (the ingest part of
 * ingest.worker.ts, with a deadline so a run that cannot finish reports instead of hanging).
 * Prints one JSON line. argv: <data dir> <config file> <count> <a2 count> <deadline s>
 */
import { hubFromConfig } from '../helpers/config-hub';

const [dataDir, configFile, countArg, a2Arg, deadlineArg] = process.argv.slice(2) as [string, string, string, string, string];
const count = Number(countArg);
const expectedItems = count + Number(a2Arg);

let peakRss = 0;
const sample = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

void (async () => {
  const t0 = performance.now();
  const deadline = t0 + Number(deadlineArg) * 1000;
  const hub = await hubFromConfig(dataDir, configFile, 'bench');
  let done = false;
  let last = { stored: 0, items: 0, unconfirmed: 0 };
  // every 20 ms until all are stored, every source item seen, and all confirmed
  while (performance.now() < deadline) {
    const c = await hub.submissions.counts();
    const items = Number((await hub.store.sql.get<{ n: number | string }>('SELECT count(*) AS n FROM source_items'))!.n);
    last = { stored: c.received + c.quarantined, items, unconfirmed: c.unconfirmed };
    if (last.stored >= count && items >= expectedItems && c.unconfirmed === 0) {
      done = true;
      break;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  const ingestMs = performance.now() - t0;
  const dead = Number((await hub.store.sql.get<{ n: number | string }>("SELECT count(*) AS n FROM jobs WHERE status = 'dead'"))!.n);
  const stored = Number((await hub.store.sql.get<{ n: number | string }>('SELECT count(*) AS n FROM submissions'))!.n);
  await hub.stop();
  clearInterval(sample);
  const cpu = process.cpuUsage();
  process.stdout.write(`${JSON.stringify({ ingestMs, peakRss, done, ...last, submissions: stored, deadJobs: dead, cpuMs: Math.round((cpu.user + cpu.system) / 1000) })}\n`);
  process.exit(0);
})();
