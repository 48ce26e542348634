import fs from 'node:fs';
import path from 'node:path';
import { STORE_FILE } from '../store';
import { ConfigError } from './config/load-config';
import { DATA_MODE_FILE, defaultDemoDir, readDataMode, type ResolvedPaths } from './paths';

/**
 * The demo never runs on real data, and real data never lands in a demo folder (#12 item 6):
 * the demo's simulators feed invented cases in and its user switcher lets any client act as
 * any sample user, the health leader included. A folder remembers what it held in
 * `postmottak-mode.json`; a folder with a database and no marker (from before the marker) is
 * taken as real unless it is the demo's own folder.
 */
export function checkDataFolder(p: ResolvedPaths, o: { requireConfig: boolean; env?: NodeJS.ProcessEnv }): void {
  const held = readDataMode(p.dataDir) ?? (fs.existsSync(path.join(p.dataDir, STORE_FILE)) && p.dataDir !== path.resolve(defaultDemoDir(o.env)) ? 'real' : null);
  if (p.demo && held === 'real') {
    throw new ConfigError(
      `Demoen startes ikke på datamappen ${p.dataDir}, fordi den har hatt ekte data: demoen legger oppdiktede saker inn og lar hvem som helst bytte bruker. ` +
        'Start uten --demo og med --config FIL for å bruke denne mappen, eller start demoen uten --data (den har sin egen mappe) eller med en tom mappe.',
    );
  }
  if (!p.demo && held === 'demo') {
    throw new ConfigError(`Datamappen ${p.dataDir} er demoens mappe og har oppdiktede saker. Bruk en egen, tom datamappe for ekte data (--data MAPPE).`);
  }
  if (o.requireConfig && !p.demo && !p.configFile) {
    throw new ConfigError(
      `Fant ingen konfigurasjonsfil for datamappen ${p.dataDir}. Oppgi den med --config FIL (eller POSTMOTTAK_CONFIG). ` +
        'For å prøve demoen: start med --demo, uten --data, så får demoen sin egen datamappe.',
    );
  }
}

/** Checks the folder and records what it holds from now on; for hosts that run the hub (serve, the desktop app). */
export function claimDataFolder(p: ResolvedPaths, env?: NodeJS.ProcessEnv): void {
  checkDataFolder(p, { requireConfig: true, env });
  fs.mkdirSync(p.dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(p.dataDir, DATA_MODE_FILE);
  if (readDataMode(p.dataDir) === null) fs.writeFileSync(file, JSON.stringify({ mode: p.demo ? 'demo' : 'real' }) + '\n', { mode: 0o600 });
}
