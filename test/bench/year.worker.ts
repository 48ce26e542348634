/**
 * #18 item 6, measured in a clean process (bundled, see bench-bundle.ts): the real hub pulls
 * every application from the Altinn simulator, confirms it and archives it over Noark 5 REST,
 * both simulators in processes of their own. Prints one JSON line with the stage times.
 * argv: <data dir> <config file> <count> <a2 count>
 */
import { hubFromConfig } from '../helpers/config-hub';

const [dataDir, configFile, countArg, a2Arg] = process.argv.slice(2) as [string, string, string, string];
const count = Number(countArg);
const expectedItems = count + Number(a2Arg);

let peakRss = 0;
const sampleRss = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
const sampler = setInterval(sampleRss, 100);

void (async () => {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const hub = await hubFromConfig(dataDir, configFile, 'bench');
  const n = async (text: string) => Number((await hub.store.sql.get<{ n: number | string }>(text))!.n);
  // the hub's RSS once open and started (its modules loaded, its store open), before the traffic has grown it
  const rssAtStart = process.memoryUsage().rss;
  let storedMs = 0;
  let ingestedMs = 0;
  let firstArchivedMs = 0;
  let archived: number;
  let quarantined = 0;
  let lastNote = t0;
  // a quarter of a second between looks: the counts are cheap, but not free at 100,000
  for (;;) {
    if (!ingestedMs) {
      const c = await hub.submissions.counts();
      const items = await n('SELECT count(*) AS n FROM source_items');
      // stored: every application in the store and every source item seen; ingested: and each confirmed to Altinn
      if (!storedMs && c.received + c.quarantined >= count && items >= expectedItems) storedMs = performance.now() - t0;
      if (storedMs && c.unconfirmed === 0) {
        ingestedMs = performance.now() - t0;
        quarantined = c.quarantined;
      }
    }
    const a = await hub.archive.store.counts();
    if (a.archived && !firstArchivedMs) firstArchivedMs = performance.now() - t0;
    if (a.failed) throw new Error(`${a.failed} archive entries failed`);
    archived = a.archived;
    if (process.env.BENCH_PROGRESS && performance.now() - lastNote > 10_000) {
      lastNote = performance.now();
      const c = await hub.submissions.counts();
      const items = await n('SELECT count(*) AS n FROM source_items');
      process.stderr.write(`  ${(lastNote - t0) / 1000 | 0} s: ${JSON.stringify({ ...c, items, ...a, rssMB: process.memoryUsage().rss >> 20 })}\n`);
    }
    // every application stored, every entry registered for the archive delivered
    if (ingestedMs && a.pending === 0 && a['awaiting-receipt'] === 0 && archived >= count - quarantined) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const totalMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  sampleRss();
  await hub.stop();
  clearInterval(sampler);
  process.stdout.write(
    `${JSON.stringify({ totalMs, storedMs, ingestedMs, rssAtStart, firstArchivedMs, archived, quarantined, peakRss, hubCpuS: (cpu.user + cpu.system) / 1e6 })}\n`,
  );
  process.exit(0);
})().catch((e: unknown) => {
  process.stderr.write(`year worker: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
