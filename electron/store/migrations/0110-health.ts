import type { Migration } from './migration';

/** #17: placeholder, filled by the feature that owns it. */
export const m0110Health: Migration = {
  version: 110,
  name: 'health',
  up() {},
};
