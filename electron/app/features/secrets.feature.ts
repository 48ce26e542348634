import type { CertificateList } from '../../core/ports/certificate-store.port';
import type { SecretStore } from '../../core/ports/secret-store.port';
import type { Feature, FeatureDeps } from '../feature';

/** #17: placeholder, filled by the feature that owns it. */
export function wireSecrets(_d: FeatureDeps & { secrets: SecretStore }): Feature & { certificates: CertificateList } {
  return { handlers: {}, jobs: [], schedules: [], certificates: { list: async () => [] } };
}
