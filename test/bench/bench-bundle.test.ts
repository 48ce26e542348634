import { describe, expect, it } from 'vitest';
import { cpuSecondsOf, slope } from './bench-bundle';

// the soak's verdict ("no growth beyond noise") rests on this fit
describe('the soak bench’s least-squares slope', () => {
  it('finds the slope of a line, and the fitted first and last values', () => {
    expect(slope([1, 2, 3, 4], [10, 12, 14, 16])).toEqual({ perX: 2, first: 10, last: 16 });
  });

  it('is zero for noise around a flat level, not the difference of the ends', () => {
    const s = slope([1, 2, 3, 4, 5, 6], [100, 104, 98, 103, 99, 102]);
    expect(Math.abs(s.perX)).toBeLessThan(0.5);
    expect(102 - 100).toBeGreaterThan(Math.abs(s.perX) * 5);
  });

  it('has no slope with fewer than two points', () => {
    expect(slope([1], [5])).toEqual({ perX: 0, first: 5, last: 5 });
  });
});

describe('a process’s CPU seconds from /proc', () => {
  it.runIf(process.platform === 'linux')('reads this process’s user and system time', () => {
    const busyUntil = Date.now() + 50;
    while (Date.now() < busyUntil);
    expect(cpuSecondsOf(process.pid)).toBeGreaterThan(0);
    expect(cpuSecondsOf(undefined)).toBeNull();
  });
});
