import type { EventName, EventPayload } from '../ipc';

export type Listener = (name: EventName, payload: unknown) => void;
export type Emit = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

/** The hub's events (job.updated, submissions.changed, …): hosts listen, features emit. */
export function createHubEvents() {
  const listeners = new Set<Listener>();
  const emit: Emit = (name, payload) => {
    for (const l of listeners) l(name, payload);
  };
  return {
    emit,
    on(l: Listener): () => void {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
}
