import type { AppConfig } from '../app/config/config.schema';
import { createEnvSecretStore } from '../app/secrets/env-secret-store';
import { layeredSecretStore } from '../app/secrets/file-secret-store';
import { headlessSecrets } from '../app/secrets/headless-secrets';
import type { SecretStore } from '../app/host-types';
import { createSafeStorageSecretStore, type SafeStorageLike } from './safe-storage-secret-store';

/**
 * secrets.provider for the desktop: "auto" = environment over the OS keychain (mirrors the
 * headless "auto", which layers environment over its file).
 */
export function createDesktopSecretStore(
  config: Pick<AppConfig, 'secrets'>,
  dataDir: string,
  safeStorage: SafeStorageLike,
  env: NodeJS.ProcessEnv = process.env,
): SecretStore {
  const keychain = () => createSafeStorageSecretStore({ safeStorage, dataDir });
  switch (config.secrets.provider) {
    case 'env':
    case 'file':
    case 'encrypted-file':
      // the same stores and files as the headless host, so a desktop sharing its data folder with one reads what it reads
      return headlessSecrets(config, dataDir, env);
    case 'safe-storage':
      return keychain();
    default:
      return layeredSecretStore(createEnvSecretStore(env), keychain());
  }
}
