import type { Migration } from './migration';

/** #17: placeholder, filled by the feature that owns it. */
export const m0130Retention: Migration = {
  version: 130,
  name: 'retention',
  up() {},
};
