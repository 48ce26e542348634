import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { HTTP_EVENTS_PATH, HTTP_INVOKE_PATH, HTTP_TOKEN_HEADER, TOKEN_META_NAME } from '../ipc/ipc-channels';
import type { HubResult } from '../ipc/result';

export interface BridgeHub {
  invoke(channel: unknown, input: unknown): Promise<HubResult<unknown>>;
  onEvent(listener: (name: string, payload: unknown) => void): () => void;
}

export interface HttpBridgeOptions {
  hub: BridgeHub;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  host?: string;
  port?: number;
  maxBodyBytes?: number;
}

export const SESSION_COOKIE = 'pm_session';
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
  "font-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
};

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

function cookie(req: http.IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

/**
 * The headless host's loopback bridge: serves the React UI and the hub contract.
 *
 * Who may talk to it: the browser that opened the printed one-time launch link. That
 * link trades the single-use launch code for an HttpOnly, SameSite=Strict session cookie
 * holding the per-run token; the page also gets the token in a meta tag and sends it
 * as a header on every API call. Requests whose Host or Origin is not this server
 * (DNS rebinding, other sites) are refused with 403; requests without the token with 401.
 */
export async function startHttpBridge(o: HttpBridgeOptions) {
  const token = randomBytes(32).toString('base64url');
  const launchCodes = new Set<string>();
  const host = o.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host)) throw new Error(`Broen lytter bare på loopback, ikke ${host}.`);
  const maxBody = o.maxBodyBytes ?? 1024 * 1024;
  let port = 0;
  const streams = new Set<http.ServerResponse>();

  const hostAllowed = (req: http.IncomingMessage) => {
    const h = req.headers.host ?? '';
    const m = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(h);
    return !!m && LOOPBACK.has(m[1]!) && Number(m[2]) === port;
  };
  const originAllowed = (req: http.IncomingMessage) => {
    const origin = req.headers.origin;
    if (origin === undefined) return req.headers['sec-fetch-site'] !== 'cross-site';
    try {
      const u = new URL(origin);
      return u.protocol === 'http:' && LOOPBACK.has(u.hostname) && Number(u.port) === port;
    } catch {
      return false;
    }
  };
  const hasSession = (req: http.IncomingMessage) => same(cookie(req, SESSION_COOKIE) ?? '', token);
  const hasHeaderToken = (req: http.IncomingMessage) => {
    const h = req.headers[HTTP_TOKEN_HEADER];
    return typeof h === 'string' && same(h, token);
  };

  const send = (res: http.ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8', extra: Record<string, string> = {}) => {
    res.writeHead(status, {
      'content-type': type,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'content-security-policy': CSP,
      ...extra,
    });
    res.end(body);
  };
  const json = (res: http.ServerResponse, status: number, value: unknown) => send(res, status, JSON.stringify(value), 'application/json; charset=utf-8');

  const indexHtml = () => {
    const file = path.join(o.rendererDir, 'index.html');
    if (!fs.existsSync(file)) return null;
    const html = fs.readFileSync(file, 'utf8');
    return html.replace(/<head>/i, `<head>\n    <meta name="${TOKEN_META_NAME}" content="${token}">`);
  };

  const readBody = (req: http.IncomingMessage) =>
    new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > maxBody) {
          reject(new Error('too-large'));
          req.destroy();
        } else chunks.push(c);
      });
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!hostAllowed(req)) return send(res, 403, 'Forbudt: ukjent vertsnavn.');
    if (!originAllowed(req)) return send(res, 403, 'Forbudt: forespørselen kommer fra et annet nettsted.');
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);

    if (url.pathname.startsWith('/api/')) {
      if (!hasHeaderToken(req) || !hasSession(req)) return json(res, 401, { ok: false, error: { code: 'unauthorized', message: 'Mangler gyldig økt.' } });
      if (url.pathname === HTTP_INVOKE_PATH && req.method === 'POST') {
        if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return json(res, 415, { ok: false, error: { code: 'bad-input', message: 'Forventer JSON.' } });
        let body: unknown;
        try {
          body = JSON.parse(await readBody(req));
        } catch (e) {
          const tooLarge = (e as Error).message === 'too-large';
          return json(res, tooLarge ? 413 : 400, { ok: false, error: { code: 'bad-input', message: tooLarge ? 'Forespørselen er for stor.' : 'Ugyldig JSON.' } });
        }
        const { channel, input } = (body ?? {}) as { channel?: unknown; input?: unknown };
        return json(res, 200, await o.hub.invoke(channel, input));
      }
      if (url.pathname === HTTP_EVENTS_PATH && req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-content-type-options': 'nosniff' });
        res.write(': connected\n\n');
        streams.add(res);
        const off = o.hub.onEvent((name, payload) => res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`));
        const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
        req.on('close', () => {
          off();
          clearInterval(ping);
          streams.delete(res);
        });
        return;
      }
      return json(res, 404, { ok: false, error: { code: 'not-found', message: 'Ukjent adresse.' } });
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Metoden er ikke tillatt.');

    const launch = url.searchParams.get('launch');
    if (url.pathname === '/' && launch !== null) {
      if (!launchCodes.delete(launch)) return send(res, 401, 'Lenken er allerede brukt eller ugyldig. Start «postmottak serve» på nytt for en ny lenke.');
      return send(res, 303, '', 'text/plain', {
        location: '/',
        'set-cookie': `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/; Max-Age=43200`,
      });
    }
    if (!hasSession(req)) {
      return send(res, 401, 'Åpne Postmottak med lenken som «postmottak serve» skrev ut.');
    }
    if (url.pathname === '/' || url.pathname === '/index.html') {
      const html = indexHtml();
      if (html === null) return send(res, 503, 'Brukergrensesnittet er ikke bygget. Kjør «npm run build».');
      return send(res, 200, html, TYPES['.html']);
    }
    const rel = path.normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '');
    const file = path.join(o.rendererDir, rel);
    if (!file.startsWith(path.resolve(o.rendererDir) + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      return send(res, 404, 'Finnes ikke.');
    }
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
    });
    fs.createReadStream(file).pipe(res);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'Intern feil.');
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const urlHost = host === '::1' ? '[::1]' : host;
  const origin = `http://${urlHost}:${port}`;

  return {
    origin,
    port,
    /** A fresh single-use link that opens the UI in a browser. */
    newLaunchUrl(): string {
      const code = randomBytes(24).toString('base64url');
      launchCodes.add(code);
      return `${origin}/?launch=${code}`;
    },
    async close(): Promise<void> {
      for (const s of streams) s.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type HttpBridge = Awaited<ReturnType<typeof startHttpBridge>>;
