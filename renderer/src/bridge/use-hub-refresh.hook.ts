import { useEffect, useRef } from 'react';
import { BRIDGE_ERROR, type AppError, type EventName } from './bridge';
import { useBridge } from './bridge.context';

/** How long a burst of hub events is gathered before one refetch, unless the caller says otherwise. */
const DEBOUNCE_MS = 200;

/**
 * Calls the latest `refresh` once after a burst of the given hub events: a list that pages
 * through the hub reads again what it shows, without one request per event.
 */
export function useHubRefresh(events: readonly EventName[], refresh: () => void, debounceMs = DEBOUNCE_MS): void {
  const bridge = useBridge();
  const refreshRef = useRef(refresh);
  useEffect(() => {
    refreshRef.current = refresh;
  }, [refresh]);
  const eventsKey = events.join(',');
  useEffect(() => {
    if (!eventsKey) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(() => refreshRef.current(), debounceMs); // bursts of events become one refetch
    };
    const offs = eventsKey.split(',').map((event) => bridge.on(event as EventName, schedule));
    return () => {
      clearTimeout(timer);
      for (const off of offs) off();
    };
  }, [bridge, eventsKey, debounceMs]);
}

/** A rejected bridge call as the error the page shows. */
export const failureOf = (cause: unknown): AppError => ({ code: BRIDGE_ERROR.internal, message: cause instanceof Error ? cause.message : String(cause) });
