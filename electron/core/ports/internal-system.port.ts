/**
 * An internal system of the municipality (IST, Visma, Gerica …) that takes applications handed
 * over by Postmottak, through whatever it offers: REST/JSON, SOAP, or a watched folder. The
 * transport tries once; errors are IntegrationError (a rejection is 'validation' or
 * 'permanent' with the target's own message, a timeout 'transient'); the job manager retries.
 */

export type InternalTransport = 'rest' | 'soap' | 'file';

/** One mapped application on its way to a target. */
export interface Handover {
  /**
   * Stable per application and target, never personal data: the target's idempotency key (REST
   * `Idempotency-Key` header, SOAP header, file name). A retry after a lost answer sends the same
   * key, so the target keeps one item.
   */
  key: string;
  /** The mapping's output: a REST body, the SOAP operation's arguments, a JSON file's content. */
  payload: unknown;
  /** The payload as bytes on the wire where the mapper serialised it (XML, CSV): what a file drop writes. */
  text: string | null;
}

export type HandoverResult =
  /** The target took it; its own reference (a place or application id) when it gives one. */
  | { state: 'delivered'; reference: string | null }
  /** Handed over; the target answers later (a receipt file). Ask again with checkReceipt. */
  | { state: 'awaiting-receipt'; token: string };

export type HandoverReceipt =
  | { state: 'delivered'; reference: string | null }
  | { state: 'awaiting-receipt' }
  /** The target refused it; its own message. */
  | { state: 'rejected'; message: string };

export interface InternalSystemPort {
  /** The target's id in the configuration (integrations.internal.targets). */
  readonly target: string;
  readonly transport: InternalTransport;
  handOver(h: Handover): Promise<HandoverResult>;
  /** For targets that answer later (a receipt folder); the others never return 'awaiting-receipt'. */
  checkReceipt?(key: string, token: string): Promise<HandoverReceipt>;
  close?(): Promise<void>;
}
