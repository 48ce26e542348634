import type { Feature, FeatureDeps } from '../feature';

/** #17: placeholder, filled by the feature that owns it. */
export function wireUpdates(_d: FeatureDeps & Record<string, unknown>): Feature {
  return { handlers: {}, jobs: [], schedules: [] };
}
