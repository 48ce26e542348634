import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from './config/load-config';

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

/** The demo's own data folder under the app-data folder: `npm start` on a fresh machine opens the demo there. */
export const defaultDemoDir = (env: NodeJS.ProcessEnv = process.env): string => path.join(defaultAppDataDir(env), 'demo');

/**
 * --config / POSTMOTTAK_CONFIG, else a config file in the app-data folder. The demo is a choice,
 * never the fallback for a missing file (#12 item 6): `--demo`, or no data folder named at all
 * (then the demo's own folder), or a data folder the demo made. A named data folder without a
 * config is not the demo (`serve` refuses it, see demo-folder.ts).
 */
export function resolvePaths(opts: { data?: string; config?: string; demo?: boolean }, env: NodeJS.ProcessEnv = process.env): ResolvedPaths {
  const appData = defaultAppDataDir(env);
  const explicitData = opts.data ?? env.POSTMOTTAK_DATA;
  if (opts.demo) {
    if (opts.config) throw new ConfigError('--demo og --config kan ikke brukes sammen: demoen har sin egen konfigurasjon.');
    return { dataDir: path.resolve(explicitData ?? defaultDemoDir(env)), configFile: undefined, demo: true };
  }
  let configFile = opts.config ?? env.POSTMOTTAK_CONFIG;
  if (!configFile) configFile = CONFIG_NAMES.map((n) => path.join(appData, n)).find((f) => fs.existsSync(f));
  if (configFile) return { dataDir: path.resolve(explicitData ?? appData), configFile, demo: false };
  if (explicitData === undefined) return { dataDir: path.resolve(defaultDemoDir(env)), configFile: undefined, demo: true };
  const dataDir = path.resolve(explicitData);
  return { dataDir, configFile: undefined, demo: dataDir === path.resolve(defaultDemoDir(env)) || readDataMode(dataDir) === 'demo' };
}

/** What a data folder has held: the marker file the running hub writes (demo-folder.ts). */
export const DATA_MODE_FILE = 'postmottak-mode.json';
export type DataMode = 'demo' | 'real';

export function readDataMode(dataDir: string): DataMode | null {
  try {
    const mode = (JSON.parse(fs.readFileSync(path.join(dataDir, DATA_MODE_FILE), 'utf8')) as { mode?: unknown }).mode;
    return mode === 'demo' || mode === 'real' ? mode : null;
  } catch {
    return null;
  }
}

/** Owner only: the data folder holds fødselsnummer, health cases and the audit log (#12 item 10). */
export const PRIVATE_DIR_MODE = 0o700;

/**
 * Creates the data folder owner-only (0700), or tightens an existing one that others can read or
 * enter; returns the mode it had when it was tightened, so the host can say so in its log.
 * Windows has no such modes (the folder inherits the profile's ACL): nothing to do there.
 */
export function ensurePrivateDir(dir: string, platform: NodeJS.Platform = process.platform): { tightenedFrom: string | null } {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (platform === 'win32') return { tightenedFrom: null };
  const mode = fs.statSync(dir).mode & 0o777;
  if ((mode & 0o077) === 0) return { tightenedFrom: null };
  fs.chmodSync(dir, PRIVATE_DIR_MODE);
  return { tightenedFrom: mode.toString(8).padStart(4, '0') };
}
