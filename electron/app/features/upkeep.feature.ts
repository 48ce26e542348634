import type { DiskWatch } from '../../core/ports/disk.port';
import type { Feature, FeatureDeps } from '../feature';

/** #17: placeholder, filled by the feature that owns it. */
export function wireUpkeep(d: FeatureDeps & { dataDir: string }): Feature & DiskWatch {
  return { handlers: {}, jobs: [], schedules: [], disk: async () => ({ dataDir: d.dataDir, dataBytes: 0, databaseBytes: 0, freeBytes: 0, totalBytes: 0 }) };
}
