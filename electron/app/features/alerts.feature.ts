import type { CertificateList } from '../../core/ports/certificate-store.port';
import type { DiskWatch } from '../../core/ports/disk.port';
import type { HealthReader } from '../../core/ports/health.port';
import type { Feature, FeatureDeps } from '../feature';

/** #17: placeholder, filled by the feature that owns it. */
export function wireAlerts(_d: FeatureDeps & { dataDir: string; health: HealthReader; certificates: CertificateList; disk: DiskWatch['disk'] }): Feature {
  return { handlers: {}, jobs: [], schedules: [] };
}
