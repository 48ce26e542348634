import { join, resolve } from 'node:path';
import type { AppConfig } from '../app/config/config.schema';
import { createEnvSecretStore } from '../app/secrets/env-secret-store';
import { createFileSecretStore, layeredSecretStore } from '../app/secrets/file-secret-store';
import { encryptedSecretsFromEnv } from '../app/secrets/headless-secrets';
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
      return createEnvSecretStore(env);
    case 'file':
      // Same default as the headless host, so both hosts read the same file.
      return createFileSecretStore(config.secrets.file ? resolve(config.secrets.file) : join(dataDir, 'secrets.json'));
    case 'encrypted-file': {
      // the headless host's file, for a desktop that shares its data folder with one (no keychain needed)
      const store = encryptedSecretsFromEnv(config, dataDir, env);
      if (!store) throw new Error('secrets.provider er «encrypted-file», men POSTMOTTAK_SECRETS_KEY er ikke satt.');
      return store;
    }
    case 'safe-storage':
      return keychain();
    default:
      return layeredSecretStore(createEnvSecretStore(env), keychain());
  }
}
