import path from 'node:path';
/**
 * The one entry the composition root (electron/app) may import: builds every configured
 * adapter from the configuration and the secret store, and the demo simulators.
 */
import type { SourceKind } from '../electron/core/ingest/submission';
import type { Logger } from '../electron/core/ports/logger.port';
import type { SecretStore } from '../electron/core/ports/secret-store.port';
import type { SubmissionSource } from '../electron/core/ports/submission-source.port';
import type { MapForm, ParseProfile, ProfileRegistry } from '../electron/core/profiles/profile.types';
import { createAltinn2DownloadQueueAdapter } from './altinn/altinn2-download-queue.adapter';
import { createAltinn3StorageAdapter } from './altinn/altinn3-storage.adapter';
import { createAltinnTokenProvider } from './altinn/maskinporten.client';
import { altinn3AppId } from './shared/profiles/source-key';
import { formatLoadErrors } from './shared/profiles/profile-check';
import { loadProfiles } from './shared/profiles/profile-loader';
import { createFormReader, type ClosableFormReader } from './shared/xml/form-reader';

export type { DemoAltinn } from './altinn/simulator/demo-altinn';

/** The demo's simulators, loaded only in demo mode: the seed generator and its name lists stay out of a real installation's memory. */
export async function startDemoAltinn(...args: Parameters<typeof import('./altinn/simulator/demo-altinn').startDemoAltinn>) {
  const m = await import('./altinn/simulator/demo-altinn');
  return m.startDemoAltinn(...args);
}
export { exportProfile, importProfile, writeProfileFolder } from './shared/profiles/profile-exchange';

type SecretRef = { secret: string };

/** The configuration the integrations read (a structural copy of the app's config sections). */
export interface IntegrationsConfig {
  altinn?: {
    enabled: boolean;
    platformUrl: string;
    org: string;
    maskinporten: { tokenUrl: string; audience: string; clientId: string; kid: string; scope: string; privateKey: SecretRef };
    includeMigratedAltinn2: boolean;
    pageSize: number;
    timeoutMs: number;
  };
  altinn2?: { enabled: boolean; url: string; systemUserName: string; systemPassword: SecretRef; serviceCodes?: string[]; timeoutMs: number };
  ingest: { maxFormBytes: number; maxPartBytes: number };
}

export interface IntegrationsDeps {
  secrets: SecretStore;
  logger: Logger;
  resourcesDir: string;
  /** core's pure mapping function, handed in by the composition root (integrations import only types from core). */
  mapForm: MapForm;
}

export interface Integrations {
  sources: Map<SourceKind, SubmissionSource>;
  profiles: ProfileRegistry;
  forms: ClosableFormReader;
  close(): Promise<void>;
}

async function secret(secrets: SecretStore, ref: SecretRef, what: string): Promise<string> {
  const v = await secrets.get(ref.secret);
  if (!v) throw new Error(`Hemmeligheten «${ref.secret}» (${what}) finnes ikke i hemmelighetslageret (${secrets.kind}).`);
  return v;
}

/** The shipped profiles and the municipality's own; a bad profile is left out and reported, the others work. */
export function loadServiceProfiles(
  o: { resourcesDir: string; profilesDir?: string; altinnOrg: string },
  deps: { parseProfile: ParseProfile; logger: Logger },
): ProfileRegistry {
  const loaded = loadProfiles(
    {
      dirs: [
        { dir: path.join(o.resourcesDir, 'profiles'), origin: 'shipped' },
        ...(o.profilesDir ? [{ dir: path.resolve(o.profilesDir), origin: 'municipality' as const }] : []),
      ],
      altinnOrg: o.altinnOrg,
    },
    deps,
  );
  if (loaded.errors.length) deps.logger.log('warn', 'service profiles with errors', { errors: formatLoadErrors(loaded.errors) });
  return loaded.registry;
}

export async function createIntegrations(config: IntegrationsConfig, deps: IntegrationsDeps & { profiles: ProfileRegistry }): Promise<Integrations> {
  const profiles = deps.profiles;

  const sources = new Map<SourceKind, SubmissionSource>();
  const a3 = config.altinn;
  if (a3?.enabled) {
    const tokens = createAltinnTokenProvider(
      { ...a3.maskinporten, privateKeyPem: await secret(deps.secrets, a3.maskinporten.privateKey, 'Maskinporten-nøkkel'), timeoutMs: a3.timeoutMs },
      `${a3.platformUrl.replace(/\/$/, '')}/authentication/api/v1/exchange/maskinporten`,
    );
    const appIds = profiles
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
          systemPassword: await secret(deps.secrets, a2.systemPassword, 'Altinn 2-passord'),
          serviceCodes: a2.serviceCodes,
          timeoutMs: a2.timeoutMs,
        },
        { wsdlPath: path.join(deps.resourcesDir, 'wsdl', 'altinn2', 'DownloadQueueExternalBasic.svc.wsdl') },
      ),
    );
  }
  const forms = createFormReader({ maxFormBytes: config.ingest.maxFormBytes }, { mapForm: deps.mapForm });
  return {
    sources,
    profiles,
    forms,
    close: () => forms.close(),
  };
}
