/** Wall-clock waiting, injected so the job loop can be driven by hand in tests. */
export interface Timers {
  /** Calls fn after ms; returns a cancel function. */
  after(ms: number, fn: () => void): () => void;
}
