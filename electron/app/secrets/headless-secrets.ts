import path from 'node:path';
import type { SecretStore } from '../../core/ports/secret-store.port';
import type { AppConfig } from '../config/config.schema';
import { createEnvSecretStore } from './env-secret-store';
import { createEncryptedFileSecretStore, ENCRYPTED_SECRETS_FILE, MAKE_KEY_HINT, migratePlainSecrets, parseSecretsKey, SECRETS_KEY_ENV } from './encrypted-file-secret-store';
import { createFileSecretStore, layeredSecretStore } from './file-secret-store';

/**
 * The encrypted file, when the environment holds its key, with the plain file's entries moved
 * into it; null without a key. A malformed key is refused (never silently ignored).
 */
export function encryptedSecretsFromEnv(config: Pick<AppConfig, 'secrets'>, dataDir: string, env: NodeJS.ProcessEnv = process.env): SecretStore | null {
  const key = parseSecretsKey(env[SECRETS_KEY_ENV]);
  if (!key) return null;
  const store = createEncryptedFileSecretStore(config.secrets.encryptedFile ? path.resolve(config.secrets.encryptedFile) : path.join(dataDir, ENCRYPTED_SECRETS_FILE), key);
  migratePlainSecrets(plainSecretsFile(config, dataDir), store);
  return store;
}

export const plainSecretsFile = (config: Pick<AppConfig, 'secrets'>, dataDir: string): string =>
  config.secrets.file ? path.resolve(config.secrets.file) : path.join(dataDir, 'secrets.json');

/**
 * The headless host has no OS keychain: environment variables, then a file — encrypted with the
 * key in POSTMOTTAK_SECRETS_KEY when it is set, else plain and owner-only (the Nøkler og
 * sertifikater screen warns about the latter).
 */
export function headlessSecrets(config: Pick<AppConfig, 'secrets'>, dataDir: string, env: NodeJS.ProcessEnv = process.env): SecretStore {
  switch (config.secrets.provider) {
    case 'env':
      return createEnvSecretStore(env);
    case 'file':
      return createFileSecretStore(plainSecretsFile(config, dataDir));
    case 'encrypted-file': {
      const store = encryptedSecretsFromEnv(config, dataDir, env);
      if (!store) throw new Error(`secrets.provider er «encrypted-file», men ${SECRETS_KEY_ENV} er ikke satt. ${MAKE_KEY_HINT}`);
      return store;
    }
    case 'safe-storage':
      throw new Error('secrets.provider "safe-storage" finnes bare i skrivebordsappen; bruk "env", "file" eller "encrypted-file" i den hodeløse verten.');
    default:
      return layeredSecretStore(createEnvSecretStore(env), encryptedSecretsFromEnv(config, dataDir, env) ?? createFileSecretStore(plainSecretsFile(config, dataDir)));
  }
}
