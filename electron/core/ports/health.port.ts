/**
 * Integration health (#17 item 3), derived from the outcomes of the jobs that talk to each
 * integration (the jobs table's `integration`: altinn, archive, correspondence, registers, print, internal).
 */
export interface IntegrationHealth {
  integration: string;
  state: 'ok' | 'degradert' | 'nede' | 'ukjent';
  lastSuccessAt: number | null;
  lastFailureAt: number | null;
  /** Redacted. */
  lastError: string | null;
  lastErrorKind: string | null;
  /** Since when every attempt has failed (null when the last attempt succeeded). */
  failingSince: number | null;
  pausedUntil: number | null;
  queueDepth: number;
  oldestWaitingAt: number | null;
  successes: number;
  failures: number;
}

export interface HealthReader {
  integrations(now: number): Promise<IntegrationHealth[]>;
}
