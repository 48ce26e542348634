/**
 * Fault injection for simulators, by operation name ('*' for all): latency, 5xx/SOAP fault
 * answers, connections dropped before handling, and answers lost after the state changed
 * (the client never learns it worked: the case idempotency exists for).
 */
export interface OpFaults {
  /** Delay before anything else happens. */
  latencyMs?: number;
  /** 0..1: answer with a server error instead of handling. */
  errorRate?: number;
  /** 0..1: destroy the socket before handling. */
  dropRate?: number;
  /** 0..1: handle (state changes), then destroy the socket. */
  dropAfterRate?: number;
}

export type OpFaultConfig = Record<string, OpFaults>;

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

export class OpFaultInjector {
  private config: OpFaultConfig;
  private readonly random: () => number;

  constructor(config: OpFaultConfig = {}, seed = 1) {
    this.config = config;
    this.random = seededRandom(seed);
  }

  set(config: OpFaultConfig): void {
    this.config = config;
  }

  for(op: string): OpFaults {
    return { ...this.config['*'], ...this.config[op] };
  }

  /** Only rolls for rates > 0, so untouched operations do not shift the sequence. */
  roll(rate: number | undefined): boolean {
    if (!rate || rate <= 0) return false;
    return rate >= 1 || this.random() < rate;
  }

  /** What happens to one request before handling: wait, then 'drop' | 'error' | 'continue'. */
  async before(op: string): Promise<'drop' | 'error' | 'continue'> {
    const f = this.for(op);
    if (f.latencyMs && f.latencyMs > 0) await new Promise((r) => setTimeout(r, f.latencyMs));
    if (this.roll(f.dropRate)) return 'drop';
    if (this.roll(f.errorRate)) return 'error';
    return 'continue';
  }

  /** After handling: lose the answer? */
  dropAfter(op: string): boolean {
    return this.roll(this.for(op).dropAfterRate);
  }
}
