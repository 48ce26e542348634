/**
 * The second, honest limit of the ingest benchmark (#18 item 4): a minimal HTTP server that
 * serves the same bytes as the Altinn simulator (the same listing pages, instances and data
 * elements, recorded from it once before the clock starts) from memory, with no auth, no
 * validation and no state. A limit measured against it is not lowered by a slow simulator.
 * argv: <simulator url>. Prints "STATIC <url> <responses> <bytes>" when ready.
 */
import http from 'node:http';
import { createAltinnTokenProvider } from '../../integrations/shared/auth/maskinporten.client';
import { clientPrivatePem } from '../helpers/altinn-fixture';
import { PLAIN_QUERIES } from './ingest-plain-loop';

const simUrl = process.argv[2]!;
const served = new Map<string, { type: string; body: Buffer }>();

async function record(origin: string): Promise<void> {
  const tokens = createAltinnTokenProvider(
    { tokenUrl: `${simUrl}/token`, audience: `${simUrl}/`, clientId: 'postmottak', kid: 'kid-1', scope: 'altinn:serviceowner/instances.read', privateKeyPem: clientPrivatePem, timeoutMs: 30_000 },
    `${simUrl}/authentication/api/v1/exchange/maskinporten`,
  );
  const headers = { authorization: `Bearer ${await tokens.token()}` };
  const get = async (pathAndQuery: string) => {
    const res = await fetch(`${simUrl}${pathAndQuery}`, { headers });
    if (!res.ok) throw new Error(`recording ${pathAndQuery}: HTTP ${res.status}`);
    return { type: res.headers.get('content-type') ?? 'application/octet-stream', body: Buffer.from(await res.arrayBuffer()) };
  };
  const ids: string[] = [];
  for (const q of PLAIN_QUERIES) {
    let p: string | undefined = `/storage/api/v1/instances?${q}`;
    while (p) {
      const r = await get(p);
      const page = JSON.parse(r.body.toString('utf8')) as { next?: string; instances: { id: string }[] };
      ids.push(...page.instances.map((i) => i.id));
      // the next link points at the simulator: served as ours, with the same path and query
      const next = page.next ? new URL(page.next) : undefined;
      if (next) page.next = `${origin}${next.pathname}${next.search}`;
      served.set(p, { type: r.type, body: Buffer.from(JSON.stringify(page)) });
      p = next ? `${next.pathname}${next.search}` : undefined;
    }
  }
  for (const id of ids) {
    const p = `/storage/api/v1/instances/${id}`;
    const r = await get(p);
    served.set(p, r);
    for (const d of (JSON.parse(r.body.toString('utf8')) as { data: { id: string }[] }).data) served.set(`${p}/data/${d.id}`, await get(`${p}/data/${d.id}`));
  }
}

const server = http.createServer((req, res) => {
  const hit = served.get(req.url ?? '');
  if (!hit) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': hit.type, 'content-length': hit.body.byteLength }).end(hit.body);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as import('node:net').AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  void record(origin).then(() => {
    const bytes = [...served.values()].reduce((n, r) => n + r.body.byteLength, 0);
    process.stdout.write(`STATIC ${origin} ${served.size} ${bytes}\n`);
  });
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
