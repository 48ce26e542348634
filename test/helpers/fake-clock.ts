import type { Clock } from '../../electron/core/ports/clock.port';
import type { Random } from '../../electron/core/ports/random.port';
import type { Timers } from '../../electron/core/ports/timers.port';

export class FakeClock implements Clock {
  constructor(private t = Date.UTC(2026, 10, 29, 8, 0, 0)) {}
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
  set(t: number): void {
    this.t = t;
  }
}

/** A seeded generator (mulberry32), so jittered delays are repeatable. */
export function seededRandom(seed = 1): Random {
  let a = seed >>> 0;
  return {
    next() {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

/** Timers that never fire by themselves: tests drive the runner with runDue(). */
export const manualTimers: Timers = { after: () => () => undefined };
