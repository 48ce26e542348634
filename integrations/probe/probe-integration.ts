import type { IntegrationKey, ProbeResult } from '../../electron/core/ports/connection-probe.port';
import type { SecretStore } from '../../electron/core/ports/secret-store.port';

export interface ProbeDeps {
  secrets: SecretStore;
  resourcesDir: string;
  now?: () => number;
  timeZone?: string;
}

/**
 * "Test tilkobling" (#17 item 1): really calls the integration named by `key` as `integrations`
 * (the config's parsed `integrations` section, possibly unsaved) describes it.
 * #17: placeholder, filled by the probes' owner.
 */
export async function probeIntegration(key: IntegrationKey, _integrations: Record<string, unknown>, _deps: ProbeDeps): Promise<ProbeResult> {
  return { ok: false, steps: [{ step: `Test av ${key}`, ok: false, detail: 'Ikke laget ennå', ms: 0 }] };
}
