import type { Migration } from './migration';

/** #17: placeholder, filled by the feature that owns it. */
export const m0120Alerts: Migration = {
  version: 120,
  name: 'alerts',
  up() {},
};
