import { createHub } from '../../electron/app/create-hub';
import type { HubOptions } from '../../electron/app/hub-options';
import { parseConfig } from '../../electron/app/config/load-config';
import { createFileSecretStore } from '../../electron/app/secrets/file-secret-store';
import { silentLogger } from '../../electron/core/ports/logger.port';
import { tempDir } from './temp-dir';
import { pgStoreConfig, type StoreKind } from './test-store';
import path from 'node:path';

/** The real hub on a fresh data folder, quiet, with fast job polling. */
export async function testHub(overrides: Partial<HubOptions> = {}, config: Record<string, unknown> = {}, o: { store?: StoreKind } = {}) {
  const dataDir = tempDir('pm-hub-');
  const secrets = createFileSecretStore(path.join(dataDir, 'secrets.json'));
  const store = o.store === 'postgres' ? { store: await pgStoreConfig(secrets) } : {};
  const hub = await createHub({
    dataDir,
    config: parseConfig({ version: 1, jobs: { pollIntervalMs: 50 }, ...store, ...config }),
    demo: true,
    host: 'test',
    version: '0.0.0-test',
    secrets,
    actor: 'tester',
    logger: silentLogger,
    // the demo's simulators are tested on their own; hub tests stay quiet and fast
    demoSimulators: false,
    ...overrides,
  });
  return { hub, dataDir };
}
