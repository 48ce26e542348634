import { FaultInjector, type AfterFault, type BeforeFault, type FaultConfig } from '../../shared/simulator/faults';

/**
 * The Visma Enterprise HRM simulator's fault switches: one-shot faults a test sets before a
 * hand-over (a refusal with the target's message, a lost answer, a server fault) and a sticky
 * delay, on top of the shared injector's rates (chaos runs: the crash test, the bench). They hit
 * the RegistrerSoknad operation only; the WSDL is always served.
 */

export const VE_OPERATION = 'RegistrerSoknad';

export interface VismaEnterpriseFaults {
  /** The next RegistrerSoknad is refused with a SOAP Fault (soap:Client) carrying this faultstring, and not stored. */
  rejectNext(message: string): void;
  /** Every RegistrerSoknad waits this long before it is handled (0 ends it); the work is still done after a client gave up. */
  delay(ms: number): void;
  /** The next RegistrerSoknad is stored, then the connection is cut before the answer. */
  dropNextAnswer(): void;
  /** The next `count` RegistrerSoknad get HTTP 500 with a soap:Server fault, without being handled. */
  serverFaultNext(count?: number): void;
  /** Rates by operation ('RegistrerSoknad' or '*'): the shared injector's. */
  setRates(config: FaultConfig): void;
  /** Every switch off, rates included. */
  reset(): void;
}

export class VismaEnterpriseFaultInjector extends FaultInjector {
  private delayMs = 0;
  private reject: string | null = null;
  private dropNext = false;
  private serverFaults = 0;

  override async before(op: string): Promise<BeforeFault> {
    if (op !== VE_OPERATION) return super.before(op);
    if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
    if (this.serverFaults > 0) {
      this.serverFaults--;
      return 'error';
    }
    return super.before(op);
  }

  override after(op: string, status: number, body: Buffer): AfterFault {
    // only an answer that follows a stored item is lost: the case idempotency exists for
    if (op === VE_OPERATION && this.dropNext && status === 200) {
      this.dropNext = false;
      return 'drop';
    }
    return super.after(op, status, body);
  }

  /** The pending refusal, once. */
  takeReject(): string | null {
    const r = this.reject;
    this.reject = null;
    return r;
  }

  readonly switches: VismaEnterpriseFaults = {
    rejectNext: (message) => void (this.reject = message),
    delay: (ms) => void (this.delayMs = Math.max(0, ms)),
    dropNextAnswer: () => void (this.dropNext = true),
    serverFaultNext: (count = 1) => void (this.serverFaults = Math.max(0, count)),
    setRates: (config) => this.set(config),
    reset: () => {
      this.delayMs = 0;
      this.reject = null;
      this.dropNext = false;
      this.serverFaults = 0;
      this.set({});
    },
  };
}
