import { FaultInjector, type AfterFault, type BeforeFault, type FaultConfig, type Faults } from '../../shared/simulator/faults';

/**
 * The Visma Flyt Skole simulator's fault switches: one-shot faults a test sets before a
 * hand-over (reject, lose the answer, 503, 429) and a sticky delay, on top of the shared
 * injector's rates (for chaos runs: the crash test, the bench). They hit the registration
 * operation only; the token endpoint keeps working.
 */

export const VISMA_SIM_CREATE = 'permisjoner.create';

export interface VismaSimFaults {
  /** The next registration is refused with 422 problem+json carrying this `detail`, and not stored. */
  rejectNext(message: string): void;
  /** Every registration waits this long before it is handled (0 ends it); the work is still done after a client gave up. */
  delay(ms: number): void;
  /** The next registration is stored, then the connection is cut before the answer. */
  dropNextAnswer(): void;
  /** Every token issued so far is expired now: the next call with one gets 401. */
  expireTokens(): void;
  /** The next `count` registrations get 503 without being handled. */
  unavailableNext(count?: number): void;
  /** The next registration gets 429 with `Retry-After: <seconds>`. */
  rateLimitNext(retryAfterSec: number): void;
  /** Rates by operation ('token', 'permisjoner.create', 'permisjoner.get', '*'): the shared injector's. */
  setRates(config: FaultConfig): void;
}

export class VismaFaultInjector extends FaultInjector {
  delayMs = 0;
  reject: string | null = null;
  private dropNext = false;
  private unavailable = 0;
  private rateLimitSec: number | null = null;
  private retryAfterSec: number | undefined;

  constructor(
    config: FaultConfig,
    seed: number,
    private readonly onExpire: () => void,
  ) {
    super(config, seed);
  }

  override for(op: string): Faults {
    const f = super.for(op);
    return this.retryAfterSec === undefined ? f : { ...f, retryAfterSec: this.retryAfterSec };
  }

  override async before(op: string): Promise<BeforeFault> {
    this.retryAfterSec = undefined;
    if (op !== VISMA_SIM_CREATE) return super.before(op);
    if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
    if (this.unavailable > 0) {
      this.unavailable--;
      return 'error';
    }
    if (this.rateLimitSec !== null) {
      this.retryAfterSec = this.rateLimitSec;
      this.rateLimitSec = null;
      return 'rate-limited';
    }
    return super.before(op);
  }

  override after(op: string, status: number, body: Buffer): AfterFault {
    // only an answer that follows a stored item is lost: that is the case idempotency exists for
    if (op === VISMA_SIM_CREATE && this.dropNext && status >= 200 && status < 300) {
      this.dropNext = false;
      return 'drop';
    }
    return super.after(op, status, body);
  }

  /** The switches tests and the demo use. */
  readonly switches: VismaSimFaults = {
    rejectNext: (message) => void (this.reject = message),
    delay: (ms) => void (this.delayMs = Math.max(0, ms)),
    dropNextAnswer: () => void (this.dropNext = true),
    expireTokens: () => this.onExpire(),
    unavailableNext: (count = 1) => void (this.unavailable = count),
    rateLimitNext: (sec) => void (this.rateLimitSec = sec),
    setRates: (config) => this.set(config),
  };

  /** The pending rejection, once. */
  takeReject(): string | null {
    const r = this.reject;
    this.reject = null;
    return r;
  }
}
