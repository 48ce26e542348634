import path from 'node:path';
import type { CorrespondencePort } from '../../electron/core/ports/correspondence.port';
import type { SecretStore } from '../../electron/core/ports/secret-store.port';
import type { Maskinporten } from '../shared/auth/maskinporten';
import { resolveSecret } from '../shared/config';
import { createAltinn2CorrespondenceAdapter } from './altinn2-correspondence.adapter';
import { ALTINN3_CORRESPONDENCE_EVENT_SCOPES, ALTINN3_CORRESPONDENCE_SCOPES, createAltinn3CorrespondenceAdapter } from './altinn3-correspondence.adapter';
import type { AltinnSection, CorrespondenceConnection } from './altinn.config';

export interface CorrespondenceFactoryConfig {
  /** integrations.altinn: the platform and Maskinporten client the correspondence falls back on. */
  altinn?: Pick<AltinnSection, 'enabled' | 'platformUrl' | 'maskinporten' | 'timeoutMs'>;
  correspondence?: CorrespondenceConnection;
}

/** The configured way replies reach the citizen: Altinn 3 Correspondence, or Altinn 2's CorrespondenceAgency. */
export async function createCorrespondence(
  c: CorrespondenceFactoryConfig,
  deps: { secrets: SecretStore; resourcesDir: string; now: () => number; maskinporten: Maskinporten },
): Promise<CorrespondencePort | null> {
  const corr = c.correspondence?.enabled ? c.correspondence : undefined;
  if (corr?.transport === 'altinn3') {
    const platformUrl = corr.altinn3.platformUrl ?? c.altinn?.platformUrl;
    const events = corr.altinn3.events === true;
    const mp = corr.altinn3.maskinporten ?? (c.altinn ? { ...c.altinn.maskinporten, scope: events ? ALTINN3_CORRESPONDENCE_EVENT_SCOPES : ALTINN3_CORRESPONDENCE_SCOPES } : undefined);
    if (!platformUrl || !mp) throw new Error('integrations.correspondence.altinn3 trenger platformUrl og maskinporten (eller integrations.altinn).');
    const tokens = await deps.maskinporten.provider(mp, { timeoutMs: corr.altinn3.timeoutMs, altinnPlatformUrl: platformUrl });
    return createAltinn3CorrespondenceAdapter(
      { platformUrl, timeoutMs: corr.altinn3.timeoutMs, ...(events ? { events: { resourceId: corr.resourceId } } : {}) },
      { tokens, now: deps.now },
    );
  }
  if (corr?.transport === 'altinn2') {
    const a2 = corr.altinn2!;
    return createAltinn2CorrespondenceAdapter(
      { url: a2.url, systemUserName: a2.systemUserName, systemPassword: await resolveSecret(deps.secrets, a2.systemPassword, 'Altinn 2'), systemUserCode: a2.systemUserCode, timeoutMs: a2.timeoutMs },
      { wsdlPath: path.join(deps.resourcesDir, 'wsdl', 'altinn2', 'CorrespondenceAgencyExternalBasic.wsdl'), clock: { now: deps.now } },
    );
  }
  return null;
}
