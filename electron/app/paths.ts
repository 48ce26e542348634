import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const APP_DIR_NAME = 'Postmottak';

/** The per-user app-data folder, the same one Electron's app.getPath('userData') gives. */
export function defaultAppDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_DIR_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_DIR_NAME);
}

export const CONFIG_NAMES = ['postmottak.config.json', 'postmottak.config.yaml', 'postmottak.config.yml'];

export interface ResolvedPaths {
  dataDir: string;
  configFile: string | undefined;
  demo: boolean;
}

/**
 * --config / POSTMOTTAK_CONFIG, else a config file in the app-data folder. Without one
 * the app runs its demo, on a data folder of its own so demo data never mixes with real.
 */
export function resolvePaths(opts: { data?: string; config?: string }, env: NodeJS.ProcessEnv = process.env): ResolvedPaths {
  const appData = defaultAppDataDir(env);
  let configFile = opts.config ?? env.POSTMOTTAK_CONFIG;
  if (!configFile) configFile = CONFIG_NAMES.map((n) => path.join(appData, n)).find((f) => fs.existsSync(f));
  const explicitData = opts.data ?? env.POSTMOTTAK_DATA;
  const demo = !configFile;
  const dataDir = path.resolve(explicitData ?? (demo ? path.join(appData, 'demo') : appData));
  return { dataDir, configFile, demo };
}
