/** Injected randomness (backoff jitter, ids) so tests are deterministic. */
export interface Random {
  /** A number in [0, 1). */
  next(): number;
}

export const mathRandom: Random = { next: () => Math.random() };
