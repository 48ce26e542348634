import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDataFolder, claimDataFolder } from '../../electron/app/demo-folder';
import { createUserDirectory } from '../../electron/app/desk-users';
import { parseConfig } from '../../electron/app/config/load-config';
import { DATA_MODE_FILE, readDataMode, resolvePaths } from '../../electron/app/paths';
import { tempDir } from '../helpers/temp-dir';

// #12 item 6: the demo is an explicit choice, never the fallback for a missing config file
describe('the demo is a choice, and never runs on real data', () => {
  it('a named data folder without a config is not the demo; --demo or no folder at all is', () => {
    const env = { XDG_CONFIG_HOME: tempDir() };
    const real = tempDir();
    expect(resolvePaths({ data: real }, env)).toEqual({ dataDir: real, configFile: undefined, demo: false });
    expect(resolvePaths({}, { ...env, POSTMOTTAK_DATA: real }).demo).toBe(false);
    expect(resolvePaths({ data: real, demo: true }, env)).toEqual({ dataDir: real, configFile: undefined, demo: true });
    expect(resolvePaths({}, env)).toEqual({ dataDir: path.join(env.XDG_CONFIG_HOME, 'Postmottak', 'demo'), configFile: undefined, demo: true });
    expect(resolvePaths({ data: path.join(env.XDG_CONFIG_HOME, 'Postmottak', 'demo') }, env).demo).toBe(true);
    expect(() => resolvePaths({ demo: true, config: '/etc/pm.json' }, env)).toThrow(/--demo og --config/);
  });

  it('serve refuses a named folder without a config, and the demo refuses a folder that held real data', () => {
    const env = { XDG_CONFIG_HOME: tempDir() };
    const data = tempDir();
    expect(() => claimDataFolder(resolvePaths({ data }, env), env)).toThrow(/Fant ingen konfigurasjonsfil for datamappen[\s\S]*--demo/);
    // a real run marks the folder; the demo is refused there afterwards
    claimDataFolder({ dataDir: data, configFile: '/etc/pm.json', demo: false }, env);
    expect(readDataMode(data)).toBe('real');
    expect(() => claimDataFolder(resolvePaths({ data, demo: true }, env), env)).toThrow(/Demoen startes ikke på datamappen .* har hatt ekte data/);
    // a database from before the marker counts as real, except in the demo's own folder
    const legacy = tempDir();
    fs.writeFileSync(path.join(legacy, 'postmottak.db'), '');
    expect(() => checkDataFolder(resolvePaths({ data: legacy, demo: true }, env), { requireConfig: true, env })).toThrow(/har hatt ekte data/);
    const own = path.join(env.XDG_CONFIG_HOME, 'Postmottak', 'demo');
    fs.mkdirSync(own, { recursive: true });
    fs.writeFileSync(path.join(own, 'postmottak.db'), '');
    expect(() => claimDataFolder(resolvePaths({}, env), env)).not.toThrow();
    expect(readDataMode(own)).toBe('demo');
  });

  it('a demo folder stays the demo when named again, and real data is refused into it', () => {
    const env = { XDG_CONFIG_HOME: tempDir() };
    const data = tempDir();
    claimDataFolder(resolvePaths({ data, demo: true }, env), env);
    expect(JSON.parse(fs.readFileSync(path.join(data, DATA_MODE_FILE), 'utf8'))).toEqual({ mode: 'demo' });
    expect(resolvePaths({ data }, env).demo).toBe(true);
    expect(() => claimDataFolder({ dataDir: data, configFile: '/etc/pm.json', demo: false }, env)).toThrow(/demoens mappe/);
  });

  it('the user switcher exists only in the demo', () => {
    const access = parseConfig({ version: 1 }).access;
    expect(createUserDirectory({ access, demo: true, account: 'ola' }).switchable().length).toBeGreaterThan(1);
    const real = createUserDirectory({ access, demo: false, account: 'ola' });
    expect(real.switchable()).toEqual([]);
    expect(real.switchTo('leif')).toBeUndefined();
    expect(real.current().account).toBe('ola');
  });
});
