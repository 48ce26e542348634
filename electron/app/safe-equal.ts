import { timingSafeEqual } from 'node:crypto';

/** Compares a presented token with the expected one in constant time (a length mismatch answers at once: lengths are not secret). */
export const sameToken = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};
