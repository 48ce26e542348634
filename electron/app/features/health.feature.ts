import type { HealthReader } from '../../core/ports/health.port';
import type { Feature, FeatureDeps } from '../feature';

/** #17: placeholder, filled by the feature that owns it. */
export function wireHealth(d: FeatureDeps & Record<string, unknown>): Feature<'health.get'> & { reader: HealthReader } {
  return { handlers: { 'health.get': async () => ({ state: 'ok', checkedAt: d.clock.now(), integrations: [] }) }, jobs: [], schedules: [], reader: { integrations: async () => [] } };
}
