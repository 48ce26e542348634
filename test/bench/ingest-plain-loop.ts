import path from 'node:path';
import Database from 'better-sqlite3';
import { createAltinnTokenProvider } from '../../integrations/shared/auth/maskinporten.client';
import { clientPrivatePem } from '../helpers/altinn-fixture';

/** The listings the limit walks: each sample app, then the migrated Altinn 2 items. */
export const PLAIN_QUERIES = [
  'appId=kommune/permisjon-skole',
  'appId=kommune/barnehageplass',
  'appId=kommune/sfo-plass',
  'appId=kommune/helse-omsorg',
  'appId=kommune/samtykke-bading',
  'org=kommune&mainVersionInclude=2',
].map((q) => `${q}&process.isComplete=true&size=100`);

/**
 * The limit: list, download every data element and insert the bytes with plain better-sqlite3,
 * with the same concurrency, nothing else. `baseUrl` is the simulator or the static server
 * serving the same bytes; the token comes from the simulator (the static server ignores it).
 */
export async function plainLoop(o: { baseUrl: string; simUrl: string; dataDir: string; dbName: string; concurrency: number }): Promise<{ ms: number; bytes: number; items: number }> {
  const { simUrl, baseUrl } = o;
  const tokens = createAltinnTokenProvider(
    { tokenUrl: `${simUrl}/token`, audience: `${simUrl}/`, clientId: 'postmottak', kid: 'kid-1', scope: 'altinn:serviceowner/instances.read', privateKeyPem: clientPrivatePem, timeoutMs: 30_000 },
    `${simUrl}/authentication/api/v1/exchange/maskinporten`,
  );
  const headers = { authorization: `Bearer ${await tokens.token()}` };
  const db = new Database(path.join(o.dataDir, o.dbName));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE parts (instance TEXT, seq INTEGER, data BLOB) STRICT');
  const ins = db.prepare('INSERT INTO parts VALUES (?, ?, ?)');
  const t0 = performance.now();
  let bytes = 0;
  const ids: string[] = [];
  for (const q of PLAIN_QUERIES) {
    let url: string | undefined = `${baseUrl}/storage/api/v1/instances?${q}`;
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
      const inst = (await (await fetch(`${baseUrl}/storage/api/v1/instances/${id}`, { headers })).json()) as { data: { id: string }[] };
      const parts: Buffer[] = [];
      for (const d of inst.data) parts.push(Buffer.from(await (await fetch(`${baseUrl}/storage/api/v1/instances/${id}/data/${d.id}`, { headers })).arrayBuffer()));
      db.transaction(() => parts.forEach((p, i) => ins.run(id, i, p)))();
      bytes += parts.reduce((n, p) => n + p.length, 0);
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, worker));
  const ms = performance.now() - t0;
  db.close();
  return { ms, bytes, items: ids.length };
}
