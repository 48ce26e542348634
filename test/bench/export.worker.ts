/**
 * Measures one Noark 5 export with its pre-check in a clean process (#16): the real core service,
 * store reader and writers over a seeded SQLite store. Prints one JSON line.
 * argv: <database file> <export folder> <arkivdel> <from> <to>
 */
import path from 'node:path';
import { createArchivistService } from '../../electron/core/archivist/archivist.service';
import { createRepos, openStore } from '../../electron/store';
import { createArchivistWriters } from '../../integrations';

const [dbFile, exportRoot, arkivdel, from, to] = process.argv.slice(2) as [string, string, string, string, string];

/**
 * RSS of this whole process: the pre-check runs in worker threads of it (its own and xmllint's),
 * so their memory is in these figures. Sampled every 25 ms, and the kernel's high-water mark
 * (resourceUsage().maxRSS) at the end, which no sampling gap can miss.
 */
let peakRss = 0;
/** Peak RSS before the pre-check started (the export's own share). */
let rssAtCheck = 0;
const sample = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 25);
const maxRss = (): number => process.resourceUsage().maxRSS * 1024;

async function main(): Promise<void> {
  const startRss = process.memoryUsage().rss;
  const store = openStore(dbFile);
  const repos = createRepos(store);
  const clock = { now: () => Date.now() };
  const service = createArchivistService({
    reader: repos.archiveExtract,
    store: repos.archivist,
    writers: createArchivistWriters({ resourcesDir: path.resolve(__dirname, '../../resources'), now: clock.now }),
    outbox: { enqueue: async () => undefined },
    uow: store.uow,
    audit: repos.audit,
    auditSearch: async () => [],
    clock,
    timezone: 'Europe/Oslo',
    meta: () => ({ arkivskaper: { id: '999999999', name: 'Bench kommune' }, archiveTitle: 'Postmottak – Bench kommune', systemName: 'Postmottak', systemVersion: 'bench', timezone: 'Europe/Oslo' }),
    exportRoot,
    readFile: async () => new Uint8Array(),
    personName: (a) => a,
  });
  const rec = await service.startExport({ kind: 'noark5', arkivdel, from, to, pack: false }, { account: 'bench' });
  // when the pre-check starts, from the export's own progress
  let checkingAt = 0;
  let watching = Promise.resolve();
  const watch = setInterval(() => {
    watching = watching.then(async () => {
      if (!checkingAt && (await repos.archivist.exportById(rec.id))?.phase === 'checking') {
        checkingAt = performance.now();
        rssAtCheck = Math.max(peakRss, maxRss());
      }
    });
  }, 100);
  const t0 = performance.now();
  await service.runExport(rec.id);
  const t1 = performance.now();
  clearInterval(watch);
  await watching;
  const done = await service.exportGet(rec.id);
  clearInterval(sample);
  peakRss = Math.max(peakRss, process.memoryUsage().rss, maxRss());
  process.stdout.write(
    `${JSON.stringify({ ms: t1 - t0, exportMs: (checkingAt || t1) - t0, checkMs: checkingAt ? t1 - checkingAt : 0, peakRss, rssAtCheck, startRss, state: done.state, error: done.error, checkPassed: done.checkPassed, failedChecks: done.failedChecks, counts: done.counts })}\n`,
  );
  await store.close();
}

void main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
