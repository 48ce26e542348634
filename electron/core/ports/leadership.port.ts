/**
 * Who among the hub nodes sharing one store drives what. With SQLite there is one node and it
 * drives everything; with PostgreSQL an advisory lock per name decides, and a node that dies
 * loses its locks with its connection, so another takes over within seconds.
 */
export interface Leadership {
  /** Whether this node holds `name` now (schedules): kept up to date in the background. */
  holds(name: string): boolean;
  /** Runs fn while no other node (and no other call here) runs under `name`; undefined when one does. */
  exclusive<T>(name: string, fn: () => Promise<T>): Promise<T | undefined>;
  start(names: readonly string[]): void;
  stop(): Promise<void>;
}

/** One node alone on its store: it holds every name; exclusive only keeps its own calls apart. */
export function soleLeadership(): Leadership {
  const running = new Set<string>();
  return {
    holds: () => true,
    async exclusive(name, fn) {
      if (running.has(name)) return undefined;
      running.add(name);
      try {
        return await fn();
      } finally {
        running.delete(name);
      }
    },
    start: () => undefined,
    stop: async () => undefined,
  };
}
