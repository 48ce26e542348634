import type { UnitOfWork } from '../ports/unit-of-work.port';

interface Waiting {
  fn: () => Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/**
 * Group commit (#18 item 3): units of work that arrive while a transaction is under way wait and
 * then commit together, up to `max` in one transaction, each in its own savepoint (a nested unit),
 * so one that fails undoes only its own writes. A caller's promise settles only after the commit
 * that holds its work: nothing counts as stored, and no confirm job it enqueued can run, before
 * then. A unit arriving while none is under way starts at once (no waiting to fill a group).
 * Meant for SQLite, whose one connection serialises units anyway; PostgreSQL commits units in
 * parallel on its pool, so there the caller runs them one by one (max 1).
 */
export function createGroupCommit(uow: UnitOfWork, max: number): <T>(fn: () => Promise<T>) => Promise<T> {
  if (max <= 1) return (fn) => uow.run(fn);
  const waiting: Waiting[] = [];
  let flushing = false;

  async function flush(): Promise<void> {
    // let the callers of this turn of the event loop join the first group
    await Promise.resolve();
    while (waiting.length) {
      const group = waiting.splice(0, max);
      const results: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
      try {
        await uow.run(async () => {
          for (const w of group) {
            try {
              results.push({ ok: true, value: await uow.run(w.fn) });
            } catch (error) {
              results.push({ ok: false, error });
            }
          }
        });
      } catch (error) {
        // the commit itself failed: none of the group is stored
        for (const w of group) w.reject(error);
        continue;
      }
      group.forEach((w, i) => {
        const r = results[i]!;
        if (r.ok) w.resolve(r.value);
        else w.reject(r.error);
      });
    }
  }
  const start = () => {
    flushing = true;
    void flush().finally(() => {
      flushing = false;
      // a unit that came after the last group was taken, while this flush was ending
      if (waiting.length) start();
    });
  };

  return <T>(fn: () => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      waiting.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      if (!flushing) start();
    });
}
