import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../app/config/load-config';
import { createHub } from '../app/create-hub';
import { createLogger } from '../app/logger';
import type { HubOptions } from '../app/hub-options';
import { createHubHost } from '../app/hub-host';
import { claimDataFolder, checkDataFolder } from '../app/demo-folder';
import { resolvePaths } from '../app/paths';
import { headlessSecrets } from '../app/secrets/headless-secrets';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- read at run time so the build needs no JSON plugin
export const VERSION: string = (require('../../package.json') as { version: string }).version;

export interface GlobalOptions {
  data?: string;
  config?: string;
  /** Run the built-in demo (its own data folder unless --data names one). */
  demo?: boolean;
}

export function resolveHost(g: GlobalOptions) {
  const paths = resolvePaths(g);
  checkDataFolder(paths, { requireConfig: false });
  const loaded = loadConfig(paths.configFile);
  return { ...paths, config: loaded.config, demo: paths.demo };
}

export async function openHub(g: GlobalOptions, extra: Partial<HubOptions> = {}) {
  const h = resolveHost(g);
  // a hub that runs (serve) needs a config or the demo, and marks the folder with what it holds
  if (extra.connect !== false) claimDataFolder(h);
  const hub = await createHub({
    dataDir: h.dataDir,
    config: h.config,
    demo: h.demo,
    host: 'headless',
    version: VERSION,
    secrets: headlessSecrets(h.config, h.dataDir),
    actor: os.userInfo().username,
    configFile: h.configFile ? path.resolve(h.configFile) : null,
    ...extra,
  });
  return { hub, ...h };
}

/**
 * The hub the server runs, behind a handle (#17 item 1): the Integrasjoner screen saves to the
 * config file and calls `reload`, and the handle swaps in a hub on the new config without a restart.
 */
export async function openHubHost(g: GlobalOptions) {
  const h = resolveHost(g);
  claimDataFolder(h);
  const secrets = headlessSecrets(h.config, h.dataDir);
  const configFile = h.configFile ? path.resolve(h.configFile) : null;
  // one log for the process across reloads: a hub made on each saved config would open the file again (and never close it)
  const logger = createLogger({ ...h.config.logging, file: h.config.logging.file ?? path.join(h.dataDir, 'logs', 'postmottak.log') });
  const hub = await createHubHost({
    config: h.config,
    logger,
    create: (config, reload) =>
      createHub({ dataDir: h.dataDir, config, demo: h.demo, host: 'headless', version: VERSION, secrets, actor: os.userInfo().username, configFile, reload, logger }),
  });
  return { hub, ...h, closeLog: () => logger.close() };
}
