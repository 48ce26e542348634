import { setTimeout as sleep } from 'node:timers/promises';
import { IntegrationError } from '../../electron/core/errors';

/**
 * One HTTP call with a timeout, classified into the fixed error kinds. It tries once: retries
 * belong to the job manager, except the few quick ones of withRetries (a blip answered in seconds,
 * not an outage). Messages never carry bodies that could hold personal data.
 */
export interface HttpOptions {
  integration: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const secs = Number(header);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Maps an HTTP status to an error kind; undefined for success. */
export function errorForStatus(res: Response, what: string, integration: string): IntegrationError | undefined {
  if (res.ok) return undefined;
  const s = res.status;
  const msg = `${what}: HTTP ${s}`;
  if (s === 401 || s === 403) return new IntegrationError('auth', msg, { integration });
  if (s === 429) return new IntegrationError('rate-limited', msg, { integration, retryAfterMs: retryAfterMs(res.headers.get('retry-after')) });
  if (s === 408 || s >= 500) return new IntegrationError('transient', msg, { integration });
  if (s === 400 || s === 422) return new IntegrationError('validation', msg, { integration });
  return new IntegrationError('permanent', msg, { integration });
}

export async function httpRequest(url: string, init: RequestInit, what: string, o: HttpOptions): Promise<Response> {
  const timeout = AbortSignal.timeout(o.timeoutMs);
  const signal = o.signal ? AbortSignal.any([o.signal, timeout]) : timeout;
  try {
    return await fetch(url, { ...init, signal });
  } catch (e) {
    const name = (e as Error).name;
    const why = name === 'TimeoutError' ? `tidsavbrudd etter ${o.timeoutMs} ms` : name === 'AbortError' ? 'avbrutt' : 'nettverksfeil';
    throw new IntegrationError('transient', `${what}: ${why}`, { integration: o.integration, cause: e });
  }
}

/** Reads a JSON body; a body that is not JSON is a transient fault of the peer (truncated, garbled). */
export async function readJson<T>(res: Response, what: string, integration: string): Promise<T> {
  let text: string;
  try {
    text = await res.text();
  } catch (e) {
    throw new IntegrationError('transient', `${what}: svaret ble avbrutt`, { integration, cause: e });
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new IntegrationError('transient', `${what}: svaret er ikke gyldig JSON`, { integration });
  }
}

export async function readBytes(res: Response, what: string, integration: string, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel();
    throw new IntegrationError('permanent', `${what}: ${declared} byte er over grensen på ${maxBytes}`, { integration });
  }
  try {
    // read chunk by chunk and stop at the limit: a body without Content-Length (or one that lies)
    // never sits in memory beyond maxBytes, however much the server sends (#12 item 16)
    const chunks: Uint8Array[] = [];
    let size = 0;
    const reader = res.body?.getReader();
    for (;;) {
      const next = reader ? await reader.read() : { done: true as const, value: undefined };
      if (next.done) break;
      size += next.value.byteLength;
      if (size > maxBytes) {
        await reader?.cancel();
        throw new IntegrationError('permanent', `${what}: over grensen på ${maxBytes} byte`, { integration });
      }
      chunks.push(next.value);
    }
    const out = new Uint8Array(size);
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.byteLength;
    }
    return out;
  } catch (e) {
    if (e instanceof IntegrationError) throw e;
    throw new IntegrationError('transient', `${what}: svaret ble avbrutt`, { integration, cause: e });
  }
}

/**
 * A link the server handed us (a `next` page, a HATEOAS `_links` href), checked before any
 * credential goes with it (#12 item 12): it must be on the configured origin (scheme, host and
 * port). Relative links resolve against the configured address; an absolute one on the right
 * origin is returned verbatim (Altinn's paging token is encoded twice and must not be rebuilt).
 */
export function sameOriginLink(link: string, configured: string, what: string, integration: string): string {
  const origin = new URL(configured).origin;
  let url: URL;
  try {
    url = new URL(link, configured);
  } catch {
    throw new IntegrationError('permanent', `${what}: ugyldig lenke fra tjenesten`, { integration });
  }
  if (url.origin !== origin) {
    throw new IntegrationError('permanent', `${what}: tjenesten lenker til ${url.origin}, ikke til den konfigurerte adressen ${origin}; lenken følges ikke (legitimasjon sendes bare til konfigurert adresse)`, { integration });
  }
  return /^[a-z][a-z0-9+.-]*:/i.test(link) ? link : url.href;
}

export interface QuickRetry {
  /** Tries in all, the first included. */
  attempts: number;
  /** First wait after a fault without Retry-After; doubled per try, ±50 % jitter. */
  baseMs: number;
  /** A Retry-After longer than this is the peer asking for a pause: it goes to the job manager, which pauses the integration. */
  maxWaitMs: number;
}

/** What an adapter pulling from a platform (Altinn Storage) retries in place: 3 tries, 2 s of Retry-After at most. */
export const QUICK_RETRY: QuickRetry = { attempts: 3, baseMs: 100, maxWaitMs: 2_000 };


/**
 * Runs an idempotent request again after a transient fault or a short 429, waiting its
 * Retry-After (RFC 9110 §10.2.3) or a short backoff, so one failed page or download is retried in
 * a second instead of failing the whole poll into the job's backoff or pausing the integration
 * (#18 item 7). Only the caller waits; other requests go on. The last fault, or a longer
 * Retry-After, is thrown as it was.
 */
export async function withRetries<T>(fn: () => Promise<T>, p: QuickRetry, signal?: AbortSignal, random: () => number = Math.random): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (attempt >= p.attempts || !(e instanceof IntegrationError) || signal?.aborted) throw e;
      const kind = e.kind;
      const retryAfter = e.options.retryAfterMs;
      if (kind === 'rate-limited' && (retryAfter === undefined || retryAfter > p.maxWaitMs)) throw e;
      if (kind !== 'rate-limited' && kind !== 'transient') throw e;
      // cancelled while waiting: the fault we were waiting out is the answer
      await sleep(retryAfter ?? p.baseMs * 2 ** (attempt - 1) * (0.5 + random()), undefined, { signal }).catch(() => {
        throw e;
      });
    }
  }
}
