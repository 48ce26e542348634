import type { Feature, FeatureDeps } from '../feature';

/** #17: placeholder, filled by the feature that owns it. */
export function wireSecrets(_d: FeatureDeps & Record<string, unknown>): Feature {
  return { handlers: {}, jobs: [], schedules: [] };
}
