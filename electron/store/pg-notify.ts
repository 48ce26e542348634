import type pg from 'pg';
import type { PgStore } from './open-pg-store';

/** The channel a committed enqueue notifies on (jobs.repo sends it inside the enqueuing transaction). */
export const JOBS_CHANNEL = 'pm_jobs';

/**
 * Wakes this node's job loops when any node commits a new job (LISTEN/NOTIFY: delivered at
 * commit, never for a rolled-back enqueue). A lost connection is made again; the runner's poll
 * interval covers the gap, so nothing waits longer than that.
 */
export function listenForJobs(store: Pick<PgStore, 'connect'>, wake: () => void, retryMs = 2_000): () => Promise<void> {
  let client: pg.Client | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  const connect = async () => {
    if (stopped) return;
    try {
      const c = await store.connect();
      c.on('notification', (n) => {
        if (n.channel === JOBS_CHANNEL) wake();
      });
      const again = () => {
        if (client === c) client = null;
        if (!stopped) timer = setTimeout(() => void connect(), retryMs);
      };
      c.on('error', again);
      c.on('end', again);
      await c.query(`LISTEN ${JOBS_CHANNEL}`);
      client = c;
      if (stopped) await c.end();
      // jobs enqueued while we were away are found by the next poll; wake once to look now
      wake();
    } catch {
      if (!stopped) timer = setTimeout(() => void connect(), retryMs);
    }
  };
  void connect();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await client?.end().catch(() => undefined);
    client = null;
  };
}
