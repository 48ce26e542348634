/** Jobs written in the caller's transaction (the job queue, seen from the core). */
export interface Outbox {
  enqueue(type: string, payload: unknown, idempotencyKey: string, options?: { runAfter?: number; maxAttempts?: number }): Promise<void>;
}
