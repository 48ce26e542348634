import type { DeskUser } from '../core/desk/desk.types';
import { eventAccess, mayCall, type EventName, type EventPayload } from '../ipc';

export type Listener = (name: EventName, payload: unknown) => void;
export type Emit = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

/** Who the events go to: the desk user of this hub, and whether that user may see a case. */
export interface EventAudience {
  user(): DeskUser;
  maySeeCase(user: DeskUser, publicId: string): Promise<boolean>;
}

/**
 * The hub's events (job.updated, submissions.changed, …): hosts listen, features emit. An event
 * reaches the hosts only when the current desk user's roles may read what it refreshes (the
 * contract's eventAccess), and a case's event only when that user may see the case: a screened
 * case's id never goes to a user outside its group.
 */
export function createHubEvents(audience?: EventAudience) {
  const listeners = new Set<Listener>();
  const send = (name: EventName, payload: unknown) => {
    for (const l of listeners) l(name, payload);
  };
  const emit: Emit = (name, payload) => {
    if (!audience) return send(name, payload);
    const user = audience.user();
    if (!mayCall(eventAccess[name], user.roles)) return;
    if (name === 'replies.changed') {
      // whether the user may see the case is a store read: the event follows when it is answered
      void audience.maySeeCase(user, (payload as EventPayload<'replies.changed'>).publicId).then(
        (ok) => ok && send(name, payload),
        () => undefined,
      );
      return;
    }
    send(name, payload);
  };
  return {
    emit,
    on(l: Listener): () => void {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
}
