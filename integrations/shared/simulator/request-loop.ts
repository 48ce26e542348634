import http from 'node:http';
import type { FaultInjector, Faults } from './faults';
import { guardSimControl, SIM_CONTROL_PREFIX } from './sim-control';
import { listenSimServer, writeSimResponse, type ListeningSimServer } from './sim-server';
import type { SimResponse } from './sim-response';

/**
 * The one request loop every HTTP simulator runs: route → faults → auth → handle → drop.
 *
 * - route: which operation the request is. An answer instead (unknown path, wrong method, a
 *   test-control endpoint) is written at once, without faults; null hands the request to the
 *   listeners in `pass` (e.g. a SOAP service on the same port), its body unread.
 * - faults: latency, a dropped connection, a 429 or a server error instead of handling.
 * - auth: the simulator's own check (credentials, a forced status); an answer refuses.
 * - handle: the operation's answer; an exception becomes the simulator's internal error.
 * - drop: after the state changed, the answer may be lost, replaced by a 500 or garbled.
 */

export interface SimOperation<Op extends string = string> {
  op: Op;
  handle(body: Buffer): SimResponse | Promise<SimResponse>;
}

export interface SimRequest {
  req: http.IncomingMessage;
  url: URL;
  /** The whole body, read once; null when it is larger than maxBytes. */
  body(maxBytes?: number): Promise<Buffer | null>;
}

export interface SimLoop<Op extends string = string> {
  faults: FaultInjector<{ '*'?: Faults }>;
  route(r: SimRequest): SimOperation<Op> | SimResponse | null | Promise<SimOperation<Op> | SimResponse | null>;
  /** The answer to an injected server error: instead of handling ('before') or after it ('after'). */
  serverError(op: Op, when: 'before' | 'after', r: SimRequest): SimResponse;
  /** Refuses the request with an answer, or null to handle it. */
  auth?(op: Op, r: SimRequest): SimResponse | null;
  /** What an exception from handle() answers. */
  internalError(op: Op, e: unknown, r: SimRequest): SimResponse;
  /** Where requests route() hands on go. */
  pass?: (req: http.IncomingMessage, res: http.ServerResponse) => void;
}

const isOperation = <Op extends string>(x: SimOperation<Op> | SimResponse): x is SimOperation<Op> => 'op' in x && 'handle' in x;

export function readBodyOnce(req: http.IncomingMessage): (maxBytes?: number) => Promise<Buffer | null> {
  let read: Promise<Buffer | null> | undefined;
  return (maxBytes = Infinity) =>
    (read ??= new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > maxBytes) {
          req.removeAllListeners('data');
          req.pause();
          resolve(null);
        } else chunks.push(c);
      });
      req.on('end', () => resolve(Buffer.concat(chunks)));
      req.on('error', reject);
    }));
}

/** Runs one request through the loop. */
export async function runSimRequest<Op extends string>(loop: SimLoop<Op>, origin: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const r: SimRequest = { req, url: new URL(req.url ?? '/', origin || 'http://127.0.0.1'), body: readBodyOnce(req) };
  if (r.url.pathname.startsWith(SIM_CONTROL_PREFIX)) {
    // test control: only from the simulator's own address, and only as JSON (#12 item 14)
    const refused = guardSimControl(req, origin || 'http://127.0.0.1');
    if (refused) return writeSimResponse(res, refused);
  }
  const routed = await loop.route(r);
  if (routed === null) {
    loop.pass?.(req, res);
    return;
  }
  const body = (await r.body()) ?? Buffer.alloc(0);
  if (!isOperation(routed)) return writeSimResponse(res, routed);
  const { op } = routed;
  if ((await beforeHandling(loop.faults, op, req, res, () => loop.serverError(op, 'before', r))) === 'handled') return;
  const refused = loop.auth?.(op, r);
  if (refused) return writeSimResponse(res, refused);
  let out: SimResponse;
  try {
    out = await routed.handle(body);
  } catch (e) {
    out = loop.internalError(op, e, r);
  }
  const bytes = typeof out.body === 'string' ? Buffer.from(out.body, 'utf8') : (out.body ?? Buffer.alloc(0));
  const after = loop.faults.after(op, out.status, bytes);
  if (after === 'drop') {
    req.socket.destroy();
    return;
  }
  writeSimResponse(res, after === 'error' ? loop.serverError(op, 'after', r) : { ...out, body: after });
}

/**
 * The faults before handling, for the loop and for a listener outside it (a SOAP extension):
 * waits, then drops the connection, answers 429 or the server error, or lets the request go on.
 */
export async function beforeHandling(
  faults: FaultInjector<{ '*'?: Faults }>,
  op: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  serverError: () => SimResponse,
): Promise<'handled' | 'continue'> {
  const before = await faults.before(op);
  if (before === 'continue') return 'continue';
  if (before === 'drop') req.socket.destroy();
  else if (before === 'rate-limited') {
    const retryAfter = String(faults.for(op).retryAfterSec ?? 2);
    writeSimResponse(res, { status: 429, headers: { 'Retry-After': retryAfter, 'Content-Type': 'text/plain' }, body: 'Too Many Requests' });
  } else writeSimResponse(res, serverError());
  return 'handled';
}

export interface SimRoute<Op extends string, H> {
  op: Op;
  method: string;
  path: RegExp;
  handle: H;
}

/** The route table lookup REST simulators share: the route, or whether the path is known under another method. */
export function findRoute<R extends SimRoute<string, unknown>>(routes: readonly R[], method: string | undefined, pathname: string): { route: R; groups: string[] } | { allowed: string[] } {
  const allowed: string[] = [];
  for (const route of routes) {
    const m = route.path.exec(pathname);
    if (!m) continue;
    if (route.method === method) return { route, groups: m.slice(1) };
    allowed.push(route.method);
  }
  return { allowed };
}

/**
 * Serves the loop on 127.0.0.1 (a given server, e.g. one with SOAP services attached and taken
 * over as the loop's `pass`, or a new one); every request goes through it.
 */
export async function serveSimLoop<Op extends string>(loop: SimLoop<Op>, o: { server?: http.Server; port?: number; keepAliveTimeout?: number } = {}): Promise<ListeningSimServer> {
  const server = o.server ?? http.createServer();
  if (o.keepAliveTimeout !== undefined) server.keepAliveTimeout = o.keepAliveTimeout;
  let origin = '';
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    runSimRequest(loop, origin, req, res).catch(() => res.destroy());
  });
  const listening = await listenSimServer(server, o.port);
  origin = listening.origin;
  return listening;
}

/** Takes over the 'request' listeners attached so far (a SOAP library's), to be reached through the loop's `pass`. */
export function takeOverListeners(server: http.Server): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  const others = server.listeners('request') as ((req: http.IncomingMessage, res: http.ServerResponse) => void)[];
  server.removeAllListeners('request');
  return (req, res) => others.forEach((l) => l.call(server, req, res));
}

/**
 * The loop's faults and drop steps around a listener that writes its own answers (a SOAP
 * library on the same server): requests `op` names (null: not one of ours) get the faults before
 * handling, then the listener, whose whole answer may be lost, replaced by the server error or
 * garbled, as an answer of the loop's would be.
 */
export function withSimFaults(
  faults: FaultInjector<{ '*'?: Faults }>,
  o: { op(req: http.IncomingMessage): string | null; serverError(op: string, when: 'before' | 'after'): SimResponse },
  inner: (req: http.IncomingMessage, res: http.ServerResponse) => void,
): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  return (req, res) => {
    const op = o.op(req);
    if (op === null) return inner(req, res);
    void (async () => {
      if ((await beforeHandling(faults, op, req, res, () => o.serverError(op, 'before'))) === 'handled') return;
      holdAnswer(res, (status, body) => {
        const after = faults.after(op, status, body);
        if (after === 'drop') req.socket.destroy();
        else writeSimResponse(res, after === 'error' ? o.serverError(op, 'after') : { status, body: after });
      });
      inner(req, res);
    })().catch(() => res.destroy());
  };
}

/** Collects what is written to `res` and hands the whole body to `done` (with write/end restored) at end(). */
function holdAnswer(res: http.ServerResponse, done: (status: number, body: Buffer) => void): void {
  const { write, end } = res;
  const chunks: Buffer[] = [];
  const keep = (chunk: unknown, encoding?: unknown) => {
    if (typeof chunk === 'string') chunks.push(Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'));
    else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
  };
  res.write = ((chunk: unknown, encoding?: unknown) => {
    keep(chunk, encoding);
    return true;
  }) as typeof res.write;
  res.end = ((chunk?: unknown, encoding?: unknown) => {
    if (typeof chunk !== 'function') keep(chunk, encoding);
    res.write = write;
    res.end = end;
    done(res.statusCode, Buffer.concat(chunks));
    return res;
  }) as typeof res.end;
}
