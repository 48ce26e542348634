/**
 * The fixed error kinds every adapter maps its failures to. The transport tries once;
 * the job manager decides what a kind means for retries.
 */
export type IntegrationErrorKind = 'transient' | 'rate-limited' | 'auth' | 'validation' | 'permanent';

export class IntegrationError extends Error {
  override readonly name = 'IntegrationError';
  constructor(
    readonly kind: IntegrationErrorKind,
    message: string,
    readonly options: {
      integration?: string;
      retryAfterMs?: number;
      cause?: unknown;
      /** The job waits for another step (a receipt, the application's own archiving), not for a failing integration: health does not count it (#17). */
      waiting?: boolean;
    } = {},
  ) {
    super(message, { cause: options.cause });
  }
  get retryAfterMs(): number | undefined {
    return this.options.retryAfterMs;
  }
  get integration(): string | undefined {
    return this.options.integration;
  }
}

export const isIntegrationError = (e: unknown): e is IntegrationError => e instanceof IntegrationError;

/** Unknown failures are treated as transient: retrying is safe because every effect is idempotent. */
export function classify(e: unknown): { kind: IntegrationErrorKind; message: string; retryAfterMs?: number; integration?: string } {
  if (isIntegrationError(e)) {
    return { kind: e.kind, message: e.message, retryAfterMs: e.retryAfterMs, integration: e.integration };
  }
  return { kind: 'transient', message: e instanceof Error ? e.message : String(e) };
}
