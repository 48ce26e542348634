/**
 * Measures ingest in a clean process (bundled, run by plain node: RSS is the hub's, not tsx's):
 * the real hub pulls every submission from the simulator and confirms it; then two limits, the
 * same bytes fetched by a plain HTTP loop and inserted by plain better-sqlite3, once against the
 * simulator and once against a static server serving the same bytes (#18 item 4). Prints one JSON line.
 * argv: <sim url> <data dir> <config file> <count> <a2 count> <sim pid> [<static url>]
 * BENCH_INGEST_PROFILE_DIR: a heap snapshot after the ingest (after a GC, with --expose-gc).
 */
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { loadConfig } from '../../electron/app/config/load-config';
import { createHub } from '../../electron/app/create-hub';
import { createEnvSecretStore } from '../../electron/app/secrets/env-secret-store';
import { silentLogger, type Logger } from '../../electron/core/ports/logger.port';
import { plainLoop } from './ingest-plain-loop';

const [simUrl, dataDir, configFile, countArg, a2Arg, simPidArg, staticUrl] = process.argv.slice(2) as [string, string, string, string, string, string, string | undefined];
const count = Number(countArg);
const expectedItems = count + Number(a2Arg);
const simPid = Number(simPidArg);
const profileDir = process.env.BENCH_INGEST_PROFILE_DIR;

let peakRss = 0;
const sample = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

/** CPU time (user + system, ms) another process has used so far, from /proc (Linux); NaN elsewhere. */
function cpuMsOf(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime, fields 14 and 15 of stat(5), in clock ticks (100 per second on Linux)
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}
const ownCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function ingest() {
  const t0 = performance.now();
  const sim0 = cpuMsOf(simPid);
  const own0 = ownCpuMs();
  // as test/helpers/config-hub.ts, with the hub's warnings on stderr when BENCH_INGEST_LOG is set
  const logger: Logger = process.env.BENCH_INGEST_LOG
    ? { log: (level, message, fields) => void (level !== 'info' && level !== 'debug' && process.stderr.write(`${level} ${message} ${JSON.stringify(fields ?? {})}\n`)) }
    : silentLogger;
  const hub = await createHub({ dataDir, config: loadConfig(configFile).config, demo: false, host: 'test', version: 'bench', secrets: createEnvSecretStore(), actor: 'bench', logger });
  // every 200 ms until all are stored, every source item seen, and all confirmed (a cheaper check than the
  // counts the UI gets: polling those every 20 ms took a growing share of the hub's own thread)
  for (;;) {
    const r = (await hub.store.sql.get<{ stored: number | string; items: number | string; unconfirmed: number | string }>(
      `SELECT (SELECT count(*) FROM submissions) AS stored, (SELECT count(*) FROM source_items) AS items,
              (SELECT count(*) FROM source_items WHERE confirmed_at IS NULL) AS unconfirmed`,
    ))!;
    if (Number(r.stored) >= count && Number(r.items) >= expectedItems && Number(r.unconfirmed) === 0) break;
    await new Promise((res) => setTimeout(res, 200));
  }
  const ms = performance.now() - t0;
  const simCpuMs = cpuMsOf(simPid) - sim0;
  const hubCpuMs = ownCpuMs() - own0;
  const rss = process.memoryUsage();
  if (profileDir) {
    (globalThis as { gc?: () => void }).gc?.();
    v8.writeHeapSnapshot(path.join(profileDir, `ingest-${count}.heapsnapshot`));
  }
  await hub.stop();
  return { ms, simCpuMs, hubCpuMs, memory: { rss: rss.rss, heapUsed: rss.heapUsed, heapTotal: rss.heapTotal, external: rss.external, arrayBuffers: rss.arrayBuffers } };
}

void (async () => {
  const run = await ingest();
  const rssAfterIngest = peakRss;
  clearInterval(sample);
  const sim0 = cpuMsOf(simPid);
  const limit = await plainLoop({ baseUrl: simUrl, simUrl, dataDir, dbName: 'plain.db', concurrency: 8 });
  const limitSimCpuMs = cpuMsOf(simPid) - sim0;
  const staticLimit = staticUrl ? await plainLoop({ baseUrl: staticUrl, simUrl, dataDir, dbName: 'plain-static.db', concurrency: 8 }) : undefined;
  process.stdout.write(
    `${JSON.stringify({
      ingestMs: run.ms,
      peakRss: rssAfterIngest,
      memory: run.memory,
      simCpuMs: run.simCpuMs,
      hubCpuMs: run.hubCpuMs,
      limitMs: limit.ms,
      limitBytes: limit.bytes,
      limitSimCpuMs,
      staticLimitMs: staticLimit?.ms,
      staticLimitBytes: staticLimit?.bytes,
    })}\n`,
  );
  process.exit(0);
})();
