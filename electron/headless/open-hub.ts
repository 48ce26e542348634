import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../app/config/load-config';
import { createHub, type HubOptions } from '../app/create-hub';
import { resolvePaths } from '../app/paths';
import { createEnvSecretStore } from '../app/secrets/env-secret-store';
import { createFileSecretStore, layeredSecretStore } from '../app/secrets/file-secret-store';
import type { AppConfig } from '../app/config/config.schema';
import type { SecretStore } from '../core/ports/secret-store.port';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- read at run time so the build needs no JSON plugin
export const VERSION: string = (require('../../package.json') as { version: string }).version;

export interface GlobalOptions {
  data?: string;
  config?: string;
}

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

export function resolveHost(g: GlobalOptions) {
  const paths = resolvePaths(g);
  const loaded = loadConfig(paths.configFile);
  return { ...paths, config: loaded.config, demo: loaded.demo };
}

export async function openHub(g: GlobalOptions, extra: Partial<HubOptions> = {}) {
  const h = resolveHost(g);
  const hub = await createHub({
    dataDir: h.dataDir,
    config: h.config,
    demo: h.demo,
    host: 'headless',
    version: VERSION,
    secrets: headlessSecrets(h.config, h.dataDir),
    actor: os.userInfo().username,
    ...extra,
  });
  return { hub, ...h };
}
