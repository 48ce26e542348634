/**
 * The one fault injector every simulator uses, by operation name ('*' for all; a named one
 * overrides it field by field): latency, server errors and 429s instead of handling, connections
 * dropped before handling, and — after the state changed — answers lost, replaced by a 500 or
 * garbled (the cases idempotency exists for). Dice are only thrown for rates > 0, so a config
 * that leaves an operation alone does not shift the sequence the others see.
 */
export interface Faults {
  /** Delay before anything else happens. */
  latencyMs?: number;
  /** 0..1: destroy the socket without a response, before the request is handled. */
  dropRate?: number;
  /** 0..1: answer 429 with Retry-After. */
  rateLimitRate?: number;
  /** Seconds put in Retry-After (default 2). */
  retryAfterSec?: number;
  /** 0..1: answer with a server error instead of handling the request. */
  errorRate?: number;
  /** 0..1: handle the request (state changes!), then destroy the socket: the client never learns it worked. */
  dropAfterRate?: number;
  /** 0..1: handle the request (state changes!), then answer 500 instead of the real answer. */
  errorAfterRate?: number;
  /** 0..1: a 2xx answer gets a truncated, garbled body (Content-Length matches, so only the content is bad). */
  malformedRate?: number;
}

/** Faults by operation name; '*' applies to all. */
export type FaultConfig = Record<string, Faults>;

/** What happens to a request before it is handled. */
export type BeforeFault = 'drop' | 'rate-limited' | 'error' | 'continue';
/** What happens to its answer: lost, replaced by a server error, or these bytes (garbled or as they were). */
export type AfterFault = 'drop' | 'error' | Buffer;

/** mulberry32: small, seedable, good enough for fault dice. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultInjector<C extends { '*'?: Faults } = FaultConfig> {
  private config: C;
  readonly random: () => number;

  /** `own` finds an operation's own faults in the config (default: the key of that name). */
  constructor(
    config: C = {} as C,
    seed = 1,
    private readonly own: (config: C, op: string) => Faults | undefined = (c, op) => (c as Record<string, Faults | undefined>)[op],
  ) {
    this.config = config;
    this.random = seededRandom(seed);
  }

  set(config: C): void {
    this.config = config;
  }

  get current(): C {
    return this.config;
  }

  for(op: string): Faults {
    return { ...this.config['*'], ...this.own(this.config, op) };
  }

  roll(rate: number | undefined): boolean {
    if (!rate || rate <= 0) return false;
    return rate >= 1 || this.random() < rate;
  }

  /** Waits the latency, then rolls for a drop, a 429 and a server error, in that order. */
  async before(op: string): Promise<BeforeFault> {
    const f = this.for(op);
    if (f.latencyMs && f.latencyMs > 0) await new Promise((r) => setTimeout(r, f.latencyMs));
    if (this.roll(f.dropRate)) return 'drop';
    if (this.roll(f.rateLimitRate)) return 'rate-limited';
    if (this.roll(f.errorRate)) return 'error';
    return 'continue';
  }

  /** After handling: lose the answer? */
  dropAfter(op: string): boolean {
    return this.roll(this.for(op).dropAfterRate);
  }

  /** After handling: lose the answer, answer 500 anyway, or garble a 2xx body. */
  after(op: string, status: number, body: Buffer): AfterFault {
    const f = this.for(op);
    if (this.roll(f.dropAfterRate)) return 'drop';
    if (this.roll(f.errorAfterRate)) return 'error';
    if (status >= 200 && status < 300 && body.length > 0 && this.roll(f.malformedRate)) return garble(body);
    return body;
  }
}

/** Half the body plus bytes no JSON, JWT or PDF parser accepts. */
function garble(body: Buffer): Buffer {
  const cut = Math.max(1, Math.floor(body.length / 2));
  return Buffer.concat([body.subarray(0, cut), Buffer.from([0x00, 0xff, 0x7b, 0x22])]);
}
