import { useEffect, useState } from 'react';

/**
 * The hub's clock minus this machine's. Zero in a real installation; the demo runs on its
 * simulator's clock, which can be moved ahead to try the postal fallback, and relative times
 * ("om 6 døgn") must follow the hub, not the browser.
 */
let hubOffsetMs = 0;
const listeners = new Set<() => void>();

/** hubNow: the hub's time as it reported it, or null for "the machine's time". */
export function syncHubClock(hubNow: number | null, at = Date.now()): void {
  const offset = hubNow === null ? 0 : hubNow - at;
  // a second or two is transport delay, not a different clock
  const next = Math.abs(offset) > 60_000 ? offset : 0;
  if (next === hubOffsetMs) return;
  hubOffsetMs = next;
  for (const l of listeners) l();
}
export const hubNow = (): number => Date.now() + hubOffsetMs;
export const hubClockOffset = (): number => hubOffsetMs;

/** Current time (the hub's), re-rendered every intervalMs and when the hub's clock is learnt. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(hubNow);
  useEffect(() => {
    const tick = () => setNow(hubNow());
    tick();
    listeners.add(tick);
    const timer = setInterval(tick, intervalMs);
    return () => {
      listeners.delete(tick);
      clearInterval(timer);
    };
  }, [intervalMs]);
  return now;
}

/** How far the hub's clock runs ahead of this machine's (the demo banner says so). */
export function useHubClockOffset(): number {
  const [offset, setOffset] = useState(hubOffsetMs);
  useEffect(() => {
    const update = () => setOffset(hubOffsetMs);
    update();
    listeners.add(update);
    return () => void listeners.delete(update);
  }, []);
  return offset;
}
