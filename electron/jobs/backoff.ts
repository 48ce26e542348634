import type { Random } from '../core/ports/random.port';

export interface BackoffPolicy {
  baseMs: number;
  factor: number;
  maxMs: number;
  /** 0 = none; 0.5 = the delay lies between 50 % and 100 % of the exponential value. */
  jitter: number;
}

export const defaultBackoff: BackoffPolicy = { baseMs: 2_000, factor: 2, maxMs: 15 * 60_000, jitter: 0.5 };

/** Exponential backoff with a cap and jitter, so many failing jobs do not retry in step. */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: Random): number {
  const exp = Math.min(policy.maxMs, policy.baseMs * policy.factor ** Math.max(0, attempt - 1));
  const jitter = Math.min(1, Math.max(0, policy.jitter));
  return Math.round(exp * (1 - jitter * random.next()));
}
