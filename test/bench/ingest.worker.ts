/**
 * Measures ingest in a clean process: the real hub pulls every submission from the
 * simulator and confirms it; then the limit: the same bytes fetched by a plain HTTP loop
 * and inserted by plain better-sqlite3. Prints one JSON line.
 * argv: <sim url> <data dir> <config file> <count> <a2 count>
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { hubFromConfig } from '../helpers/config-hub';
import { createAltinnTokenProvider } from '../../integrations/shared/auth/maskinporten.client';
import { clientPrivatePem } from '../helpers/altinn-fixture';

const [simUrl, dataDir, configFile, countArg, a2Arg] = process.argv.slice(2) as [string, string, string, string, string];
const count = Number(countArg);
const expectedItems = count + Number(a2Arg);

let peakRss = 0;
const sample = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

async function ingest(): Promise<number> {
  const t0 = performance.now();
  const hub = await hubFromConfig(dataDir, configFile, 'bench');
  // every 20 ms until all are stored, every source item seen, and all confirmed
  for (;;) {
    const c = await hub.submissions.counts();
    const items = Number((await hub.store.sql.get<{ n: number | string }>('SELECT count(*) AS n FROM source_items'))!.n);
    if (c.received + c.quarantined >= count && items >= expectedItems && c.unconfirmed === 0) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const ms = performance.now() - t0;
  await hub.stop();
  return ms;
}

/** The limit: list, download every data element and insert the bytes, with the same concurrency, nothing else. */
async function plainLoop(concurrency: number): Promise<{ ms: number; bytes: number }> {
  const tokens = createAltinnTokenProvider(
    { tokenUrl: `${simUrl}/token`, audience: `${simUrl}/`, clientId: 'postmottak', kid: 'kid-1', scope: 'altinn:serviceowner/instances.read', privateKeyPem: clientPrivatePem, timeoutMs: 30_000 },
    `${simUrl}/authentication/api/v1/exchange/maskinporten`,
  );
  const headers = { authorization: `Bearer ${await tokens.token()}` };
  const db = new Database(path.join(dataDir, 'plain.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE parts (instance TEXT, seq INTEGER, data BLOB) STRICT');
  const ins = db.prepare('INSERT INTO parts VALUES (?, ?, ?)');
  const t0 = performance.now();
  let bytes = 0;
  const ids: string[] = [];
  for (const q of ['appId=kommune/permisjon-skole', 'appId=kommune/barnehageplass', 'appId=kommune/sfo-plass', 'appId=kommune/helse-omsorg', 'appId=kommune/samtykke-bading', 'org=kommune&mainVersionInclude=2']) {
    let url: string | undefined = `${simUrl}/storage/api/v1/instances?${q}&process.isComplete=true&size=100`;
    while (url) {
      const body = (await (await fetch(url, { headers })).json()) as { next?: string; instances: { id: string }[] };
      ids.push(...body.instances.map((i) => i.id));
      url = body.next;
    }
  }
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const id = ids[next++]!;
      const inst = (await (await fetch(`${simUrl}/storage/api/v1/instances/${id}`, { headers })).json()) as { data: { id: string }[] };
      const parts: Buffer[] = [];
      for (const d of inst.data) parts.push(Buffer.from(await (await fetch(`${simUrl}/storage/api/v1/instances/${id}/data/${d.id}`, { headers })).arrayBuffer()));
      db.transaction(() => parts.forEach((p, i) => ins.run(id, i, p)))();
      bytes += parts.reduce((n, p) => n + p.length, 0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const ms = performance.now() - t0;
  db.close();
  return { ms, bytes };
}

void (async () => {
  const ingestMs = await ingest();
  const rssAfterIngest = peakRss;
  const limit = await plainLoop(8);
  clearInterval(sample);
  process.stdout.write(`${JSON.stringify({ ingestMs, peakRss: rssAfterIngest, limitMs: limit.ms, limitBytes: limit.bytes })}\n`);
  process.exit(0);
})();
