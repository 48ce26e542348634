/** Every deadline and timestamp goes through the clock, so tests can run on a fake one. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
