import path from 'node:path';
import { safeStorage } from 'electron';
import { loadConfig } from '../app/config/load-config';
import { createHub } from '../app/create-hub';
import { claimDataFolder } from '../app/demo-folder';
import { createLogger } from '../app/logger';
import { APP_DIR_NAME, resolvePaths } from '../app/paths';
import { createDesktopSecretStore } from './desktop-secrets';
import { startMain } from './start-main';
import { createDesktopUpdater } from './updater';

// Entry of out/main/index.js. All behaviour lives in startMain so it can be tested without Electron.
startMain({
  mainDir: __dirname,
  argv: process.argv,
  env: process.env,
  appDirName: APP_DIR_NAME,
  // the demo only when chosen (--demo, or no config and no data folder named), never on real data (#12 item 6)
  resolvePaths: (opts, env) => {
    const paths = resolvePaths({ ...opts, demo: process.argv.includes('--demo') }, env);
    claimDataFolder(paths, env);
    return paths;
  },
  loadConfig,
  createHub,
  createSecrets: (config, dataDir) => createDesktopSecretStore(config, dataDir, safeStorage),
  // the same file the hub's Logger page and support bundle read (#17 item 5)
  createLogger: (config, dataDir) => createLogger({ ...config.logging, file: config.logging.file ?? path.join(dataDir, 'logs', 'postmottak.log') }),
  // #17 item 7: only with an update server in the config
  createUpdater: (config, ctx) => (config.updates.url ? createDesktopUpdater({ config: { ...config.updates, url: config.updates.url }, ...ctx }) : null),
}).catch((e: unknown) => {
  // startMain handles its own failures; this is the last resort for a bug in it.
  process.stderr.write(`Postmottak: uventet feil ved oppstart: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
