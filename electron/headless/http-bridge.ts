import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { HTTP_EVENTS_PATH, HTTP_HEALTH_PATH, HTTP_INVOKE_PATH, HTTP_SESSION_PATH, HTTP_TOKEN_HEADER } from '../ipc/ipc-channels';
import type { HubResult } from '../ipc/result';
import { sameToken } from '../app/safe-equal';

/**
 * What the bridge needs of a hub: the contract and its events, and for the operators' endpoints the
 * Prometheus scrape and liveness (#17 item 3). A handle that swaps the hub underneath (config reload)
 * implements this by forwarding each method to the current hub. Without `metrics`, /metrics is 404;
 * without `healthy`, /healthz says up while the bridge answers.
 */
export interface BridgeHub {
  invoke(channel: unknown, input: unknown): Promise<HubResult<unknown>>;
  onEvent(listener: (name: string, payload: unknown) => void): () => void;
  /** The scrape in Prometheus text format with its Content-Type; null when metrics are turned off. */
  metrics?(): Promise<{ contentType: string; body: string } | null>;
  /** Whether a bearer token is the configured metrics token (the alternative to the UI's session for a scraper). */
  metricsBearer?(token: string): Promise<boolean>;
  /** Up or down for /healthz. */
  healthy?(): Promise<boolean>;
}

export interface HttpBridgeOptions {
  hub: BridgeHub;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  host?: string;
  port?: number;
  maxBodyBytes?: number;
}

/** Prometheus scrapes here (#17 item 3): the session token or the configured metrics bearer. */
export const METRICS_PATH = '/metrics';
/** Binds a session to the browser that traded the launch code; worth nothing without the token. */
export const BIND_COOKIE = 'pm_bind';
/** Sessions traded from launch codes; each launch code makes one. */
const MAX_SESSIONS = 64;
/** A body over the limit is read to the end (up to this) so the client gets its 413 instead of a reset. */
const MAX_DRAIN_BYTES = 16 * 1024 * 1024;
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

/** `application/json`, with or without parameters (`; charset=utf-8`), and nothing else. */
export function isJsonContentType(value: string | undefined): boolean {
  return (value ?? '').split(';')[0]!.trim().toLowerCase() === 'application/json';
}

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
 * Who may talk to it: the browser that opened the printed one-time launch link. The code
 * rides in the link's fragment, which never leaves the browser; the page trades it with a
 * POST to /api/session for a session token it keeps in sessionStorage and sends as a header
 * on every API call. That answer also sets an HttpOnly, SameSite=Strict cookie that binds the
 * token to this browser: the cookie alone is worth nothing, so a listener on another loopback
 * port (browsers send cookies to every port of a host) learns nothing usable. Requests whose
 * Host or Origin is not this server (DNS rebinding, other sites) get 403; API requests
 * without a valid session 401. The UI's static files hold no data and are served to anyone
 * who passes the Host/Origin checks; /healthz says up or down, nothing more; /metrics
 * (Prometheus) needs the session token or the configured metrics bearer.
 */
export async function startHttpBridge(o: HttpBridgeOptions) {
  const launchCodes = new Set<string>();
  /** session token → the bind cookie that must come with it */
  const sessions = new Map<string, string>();
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
  const hasSession = (req: http.IncomingMessage) => {
    const h = req.headers[HTTP_TOKEN_HEADER];
    const bind = cookie(req, BIND_COOKIE) ?? '';
    if (typeof h !== 'string' || !h || !bind) return false;
    let found = false;
    for (const [t, b] of sessions) if (sameToken(h, t) && sameToken(bind, b)) found = true;
    return found;
  };

  /** `Authorization: Bearer <token>` that the hub recognises as its metrics token. */
  const bearerAllowed = async (req: http.IncomingMessage) => {
    const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    return !!m && !!o.hub.metricsBearer && (await o.hub.metricsBearer(m[1]!).catch(() => false));
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

  const badInput = (res: http.ServerResponse, status: number, message: string) => json(res, status, { ok: false, error: { code: 'bad-input', message } });

  /** The JSON body, or an answer already sent: 415 for another media type, 413 over the limit, 400 for bad JSON. */
  const readJson = (req: http.IncomingMessage, res: http.ServerResponse) =>
    new Promise<{ value: unknown } | null>((resolve, reject) => {
      if (!isJsonContentType(req.headers['content-type'])) {
        badInput(res, 415, 'Forventer JSON (Content-Type: application/json).');
        return resolve(null);
      }
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_DRAIN_BYTES) req.destroy();
        else if (size <= maxBody) chunks.push(c);
      });
      req.on('end', () => {
        if (size > maxBody) {
          badInput(res, 413, `Forespørselen er for stor (over ${Math.floor(maxBody / 1024)} KiB).`);
          return resolve(null);
        }
        try {
          resolve({ value: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
        } catch {
          badInput(res, 400, 'Ugyldig JSON.');
          resolve(null);
        }
      });
      req.on('error', reject);
    });

  const startSession = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const body = await readJson(req, res);
    if (!body) return;
    const code = (body.value as { code?: unknown } | null)?.code;
    if (typeof code !== 'string' || !launchCodes.delete(code)) {
      return json(res, 401, { ok: false, error: { code: 'launch-used', message: 'Lenken er allerede brukt eller ugyldig.' } });
    }
    if (sessions.size >= MAX_SESSIONS) sessions.delete(sessions.keys().next().value!);
    const sessionToken = randomBytes(32).toString('base64url');
    const bind = randomBytes(32).toString('base64url');
    sessions.set(sessionToken, bind);
    res.setHeader('set-cookie', `${BIND_COOKIE}=${bind}; HttpOnly; SameSite=Strict; Path=/api/`);
    return json(res, 200, { ok: true, value: { token: sessionToken } });
  };

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!hostAllowed(req)) return send(res, 403, 'Forbudt: ukjent vertsnavn.');
    if (!originAllowed(req)) return send(res, 403, 'Forbudt: forespørselen kommer fra et annet nettsted.');
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return send(res, 400, 'Ugyldig adresse.');
    }

    if (pathname === HTTP_HEALTH_PATH) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Metoden er ikke tillatt.');
      // up or down and nothing else: no token, so no detail
      const up = o.hub.healthy ? await o.hub.healthy().catch(() => false) : true;
      return json(res, up ? 200 : 503, { status: up ? 'up' : 'down' });
    }

    if (pathname === METRICS_PATH) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Metoden er ikke tillatt.');
      if (!o.hub.metrics) return send(res, 404, 'Finnes ikke.');
      if (!hasSession(req) && !(await bearerAllowed(req))) {
        return send(res, 401, 'Mangler gyldig økt eller token.', undefined, { 'www-authenticate': 'Bearer realm="postmottak-metrics"' });
      }
      const scrape = await o.hub.metrics();
      if (!scrape) return send(res, 404, 'Metrikker er slått av.');
      return send(res, 200, scrape.body, scrape.contentType);
    }

    if (pathname.startsWith('/api/')) {
      if (pathname === HTTP_SESSION_PATH && req.method === 'POST') return startSession(req, res);
      if (!hasSession(req)) return json(res, 401, { ok: false, error: { code: 'unauthorized', message: 'Mangler gyldig økt.' } });
      if (pathname === HTTP_SESSION_PATH && req.method === 'GET') return json(res, 200, { ok: true, value: { valid: true } });
      if (pathname === HTTP_INVOKE_PATH && req.method === 'POST') {
        const body = await readJson(req, res);
        if (!body) return;
        const { channel, input } = (body.value ?? {}) as { channel?: unknown; input?: unknown };
        return json(res, 200, await o.hub.invoke(channel, input));
      }
      if (pathname === HTTP_EVENTS_PATH && req.method === 'GET') {
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

    // The UI's own files: code and styles, no data and no secret. The page establishes its session itself.
    const rel = pathname === '/' ? 'index.html' : path.normalize(pathname).replace(/^([/\\])+/, '');
    const file = path.join(o.rendererDir, rel);
    if (!file.startsWith(path.resolve(o.rendererDir) + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      if (rel === 'index.html') return send(res, 503, 'Brukergrensesnittet er ikke bygget. Kjør «npm run build».');
      return send(res, 404, 'Finnes ikke.');
    }
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    if (type === TYPES['.html']) return send(res, 200, fs.readFileSync(file, 'utf8'), type);
    res.writeHead(200, {
      'content-type': type,
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
      // in the fragment: it never reaches a server, a log or a Referer
      return `${origin}/#launch=${code}`;
    },
    async close(): Promise<void> {
      for (const s of streams) s.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type HttpBridge = Awaited<ReturnType<typeof startHttpBridge>>;
