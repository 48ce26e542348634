import type http from 'node:http';
import { seededRandom } from '../../shared/simulator/op-faults';

/** Endpoint names the REST side counts requests and injects faults under. */
export type SimEndpoint =
  | 'token'
  | 'exchange'
  | 'list'
  | 'instance'
  | 'data'
  | 'complete'
  | 'events'
  /** POST /correspondence and /correspondence/upload */
  | 'correspondence'
  /** GET /correspondence?role=… */
  | 'correspondence-search'
  /** GET /correspondence/{id} and /{id}/details */
  | 'correspondence-status'
  /** POST /{id}/markasread, GET /{id}/content */
  | 'correspondence-recipient';

export interface EndpointFaults {
  /** 0..1: answer 500/502/503 instead of handling the request. */
  errorRate?: number;
  /** 0..1: answer 429 with Retry-After. */
  rateLimitRate?: number;
  /** Seconds put in Retry-After (default 2). */
  retryAfterSec?: number;
  /** Delay before anything else happens. */
  latencyMs?: number;
  /** 0..1: destroy the socket without a response, before the request is handled. */
  dropRate?: number;
  /** 0..1: handle the request (state changes!), then destroy the socket: the client never learns it worked. */
  dropAfterRate?: number;
  /** 0..1: handle the request (state changes!), then answer 500 instead of the real answer. */
  errorAfterRate?: number;
  /** 0..1: a 2xx answer gets a truncated, garbled body (Content-Length matches, so only the content is bad). */
  malformedRate?: number;
}

export interface PageChurn {
  /** 0..1: per list call, the chance that each listed-eligible instance gets a fresh lastChanged. */
  touchRate?: number;
  /** 0..1: per list call, the chance that one new completed instance appears (a copy of an A3 seed). */
  newRate?: number;
}

/**
 * Per endpoint ('*' applies to all, extensions included; a named endpoint overrides it field by
 * field), faults for extension endpoints by their own names, and list churn.
 */
export type FaultConfig = { [K in SimEndpoint | '*']?: EndpointFaults } & {
  /** e.g. { PurgeItem: { errorRate: 1 } } for an extension that asks the injector with that name. */
  extensions?: Record<string, EndpointFaults>;
  pageChurn?: PageChurn;
};

const SIM_ENDPOINTS: ReadonlySet<string> = new Set<SimEndpoint>([
  'token',
  'exchange',
  'list',
  'instance',
  'data',
  'complete',
  'events',
  'correspondence',
  'correspondence-search',
  'correspondence-status',
  'correspondence-recipient',
]);
const isSimEndpoint = (name: string): name is SimEndpoint => SIM_ENDPOINTS.has(name);

/** mulberry32 (shared with the archive simulators' fault dice), under the name this file has always exported. */
export const seededRng = seededRandom;

const ERROR_BODIES: Record<number, { type: string; body: string }> = {
  500: {
    type: 'application/problem+json; charset=utf-8',
    body: JSON.stringify({
      type: 'https://tools.ietf.org/html/rfc9110#section-15.6.1',
      title: 'An error occurred while processing your request.',
      status: 500,
      traceId: '00-simulated-fault-00',
    }),
  },
  502: { type: 'text/html', body: '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>' },
  503: { type: 'text/plain', body: 'Service Unavailable' },
};

/**
 * Rolls the dice for one request. Dice are only thrown for rates > 0, so a config that
 * leaves an endpoint alone does not shift the sequence other endpoints see.
 */
export class FaultInjector {
  private config: FaultConfig;
  readonly random: () => number;

  constructor(config: FaultConfig = {}, seed = 1) {
    this.config = config;
    this.random = seededRng(seed);
  }

  set(config: FaultConfig): void {
    this.config = config;
  }

  get pageChurn(): PageChurn | undefined {
    return this.config.pageChurn;
  }

  for(endpoint: string): EndpointFaults {
    const own = isSimEndpoint(endpoint) ? this.config[endpoint] : this.config.extensions?.[endpoint];
    return { ...this.config['*'], ...own };
  }

  roll(rate: number | undefined): boolean {
    if (!rate || rate <= 0) return false;
    return rate >= 1 || this.random() < rate;
  }

  /**
   * Applies the faults that happen before handling. Returns 'handled' when the request got
   * its answer (or its socket) here; otherwise the caller handles it and may call
   * afterHandling().
   */
  async beforeHandling(endpoint: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<'handled' | 'continue'> {
    const f = this.for(endpoint);
    if (f.latencyMs && f.latencyMs > 0) await new Promise((r) => setTimeout(r, f.latencyMs));
    if (this.roll(f.dropRate)) {
      req.socket.destroy();
      return 'handled';
    }
    if (this.roll(f.rateLimitRate)) {
      const body = 'Too Many Requests';
      res.writeHead(429, { 'Retry-After': String(f.retryAfterSec ?? 2), 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
      return 'handled';
    }
    if (this.roll(f.errorRate)) {
      const status = [500, 502, 503][Math.floor(this.random() * 3)] ?? 500;
      const e = ERROR_BODIES[status] ?? { type: 'text/plain', body: 'error' };
      res.writeHead(status, { 'Content-Type': e.type, 'Content-Length': Buffer.byteLength(e.body) });
      res.end(e.body);
      return 'handled';
    }
    return 'continue';
  }

  /** After the handler ran: maybe lose the answer, answer 500 anyway, or garble a 2xx body. */
  afterHandling(endpoint: string, status: number, body: Buffer): 'drop' | 'error' | Buffer {
    const f = this.for(endpoint);
    if (this.roll(f.dropAfterRate)) return 'drop';
    if (this.roll(f.errorAfterRate)) return 'error';
    if (status >= 200 && status < 300 && body.length > 0 && this.roll(f.malformedRate)) return garble(body);
    return body;
  }
}

/** Half the body plus bytes no JSON, JWT or PDF parser accepts. */
/** The 500 answer afterHandling's 'error' stands for. */
export const AFTER_ERROR_BODY = ERROR_BODIES[500]!;

function garble(body: Buffer): Buffer {
  const cut = Math.max(1, Math.floor(body.length / 2));
  return Buffer.concat([body.subarray(0, cut), Buffer.from([0x00, 0xff, 0x7b, 0x22])]);
}
