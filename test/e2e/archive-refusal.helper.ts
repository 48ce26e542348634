import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An archive that refuses deliveries on demand, for the archivist e2e: a proxy in front of the
 * Noark 5 REST simulator which, while `refusing`, answers every POST (a new saksmappe, journalpost,
 * …) with 400 and the archive's own words (N5WS kapittel 6 «Håndtering av API-feil»:
 * {feil:{kode,beskrivelse}}) — Postmottak takes that as a refusal, not a fault to retry. The
 * simulator writes its own address into every _links href, so JSON answers get the proxy's instead.
 */
export interface RefusingArchive {
  /** The N5WS root through the proxy: put it where the config had the simulator's. */
  apiUrl: string;
  refusing: boolean;
  /** POSTs refused so far. */
  refused: number;
  close(): Promise<void>;
}

export const REFUSAL_MESSAGE = 'Arkivdelen er sperret for nye registreringer (periodeskille)';

export async function startRefusingArchive(simApiUrl: string): Promise<RefusingArchive> {
  const target = new URL(simApiUrl);
  const simOrigin = target.origin;
  let proxyOrigin = '';
  const state: RefusingArchive = { apiUrl: '', refusing: false, refused: 0, close: async () => undefined };

  const server = http.createServer((req, res) => {
    if (state.refusing && req.method === 'POST') {
      state.refused++;
      req.resume();
      const body = JSON.stringify({ feil: { kode: '400', beskrivelse: REFUSAL_MESSAGE } });
      res.writeHead(400, { 'content-type': 'application/vnd.noark5+json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
      return;
    }
    const headers = { ...req.headers, host: target.host };
    const upstream = http.request({ hostname: target.hostname, port: target.port, path: req.url, method: req.method, headers }, (up) => {
      const type = String(up.headers['content-type'] ?? '');
      if (!type.includes('json')) {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
        return;
      }
      const chunks: Buffer[] = [];
      up.on('data', (c: Buffer) => chunks.push(c));
      up.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8').split(simOrigin).join(proxyOrigin);
        const out = Buffer.from(text, 'utf8');
        res.writeHead(up.statusCode ?? 502, { ...up.headers, 'content-length': String(out.length) });
        res.end(out);
      });
    });
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxyOrigin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.apiUrl = `${proxyOrigin}${target.pathname}`;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}
