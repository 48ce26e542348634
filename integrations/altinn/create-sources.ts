import path from 'node:path';
import type { SourceKind } from '../../electron/core/ingest/submission';
import type { SecretStore } from '../../electron/core/ports/secret-store.port';
import type { SubmissionSource } from '../../electron/core/ports/submission-source.port';
import type { ProfileRegistry } from '../../electron/core/profiles/profile.types';
import type { Maskinporten } from '../shared/auth/maskinporten';
import { resolveSecret } from '../shared/config';
import { altinn3AppId } from '../shared/profiles/source-key';
import { createAltinn2DownloadQueueAdapter } from './altinn2-download-queue.adapter';
import { createAltinn3StorageAdapter } from './altinn3-storage.adapter';
import type { Altinn2Section, AltinnSection } from './altinn.config';

export interface SourcesConfig {
  altinn?: AltinnSection;
  altinn2?: Altinn2Section;
  ingest: { maxPartBytes: number };
}

/** The configured submission sources: Altinn 3 Storage (the profiles' apps) and the Altinn 2 DownloadQueue. */
export async function createSources(
  config: SourcesConfig,
  deps: { secrets: SecretStore; resourcesDir: string; profiles: ProfileRegistry; maskinporten: Maskinporten },
): Promise<Map<SourceKind, SubmissionSource>> {
  const sources = new Map<SourceKind, SubmissionSource>();
  const a3 = config.altinn;
  if (a3?.enabled) {
    const tokens = await deps.maskinporten.provider(a3.maskinporten, { timeoutMs: a3.timeoutMs, altinnPlatformUrl: a3.platformUrl, what: 'Maskinporten-nøkkel' });
    const appIds = deps.profiles
      .all()
      .map((p) => altinn3AppId(p.profile, a3.org))
      .filter((x): x is string => x !== null);
    sources.set(
      'altinn3',
      createAltinn3StorageAdapter(
        {
          platformUrl: a3.platformUrl,
          org: a3.org,
          appIds: [...new Set(appIds)],
          includeMigratedAltinn2: a3.includeMigratedAltinn2,
          pageSize: a3.pageSize,
          timeoutMs: a3.timeoutMs,
          maxPartBytes: config.ingest.maxPartBytes,
        },
        { tokens },
      ),
    );
  }
  const a2 = config.altinn2;
  if (a2?.enabled) {
    sources.set(
      'altinn2',
      createAltinn2DownloadQueueAdapter(
        {
          url: a2.url,
          systemUserName: a2.systemUserName,
          systemPassword: await resolveSecret(deps.secrets, a2.systemPassword, 'Altinn 2-passord'),
          serviceCodes: a2.serviceCodes,
          timeoutMs: a2.timeoutMs,
        },
        { wsdlPath: path.join(deps.resourcesDir, 'wsdl', 'altinn2', 'DownloadQueueExternalBasic.svc.wsdl') },
      ),
    );
  }
  return sources;
}
