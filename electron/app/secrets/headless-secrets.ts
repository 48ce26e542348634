import path from 'node:path';
import type { SecretStore } from '../../core/ports/secret-store.port';
import type { AppConfig } from '../config/config.schema';
import { createEnvSecretStore } from './env-secret-store';
import { createFileSecretStore, layeredSecretStore } from './file-secret-store';

/** The headless host has no OS keychain: environment variables, then an owner-only file. */
export function headlessSecrets(config: AppConfig, dataDir: string): SecretStore {
  const file = createFileSecretStore(config.secrets.file ? path.resolve(config.secrets.file) : path.join(dataDir, 'secrets.json'));
  switch (config.secrets.provider) {
    case 'env':
      return createEnvSecretStore();
    case 'file':
      return file;
    case 'safe-storage':
      throw new Error('secrets.provider "safe-storage" finnes bare i skrivebordsappen; bruk "env" eller "file" i den hodeløse verten.');
    default:
      return layeredSecretStore(createEnvSecretStore(), file);
  }
}

