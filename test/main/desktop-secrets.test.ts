import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDesktopSecretStore } from '../../electron/main/desktop-secrets';
import type { SafeStorageLike } from '../../electron/main/safe-storage-secret-store';
import { fake } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

let dir: string;
beforeEach(() => {
  fake.reset();
  dir = mkdtempSync(join(tmpdir(), 'pm-desktop-secrets-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const make = (provider: 'auto' | 'env' | 'file' | 'safe-storage', env: NodeJS.ProcessEnv = {}) =>
  createDesktopSecretStore({ secrets: { provider } }, dir, fake.safeStorage as unknown as SafeStorageLike, env);

describe('desktop secret store by secrets.provider', () => {
  it('auto: environment over the OS keychain, writes go to the keychain', async () => {
    const s = make('auto', { POSTMOTTAK_SECRET_ALTINN_KEY: 'fra-miljø' });
    expect(s.kind).toBe('env+safe-storage');
    await s.set('noark.password', 'p');
    expect(fake.safeStorage.encryptString).toHaveBeenCalledWith('p');
    expect(await s.get('noark.password')).toBe('p');
    expect(await s.get('altinn.key')).toBe('fra-miljø');
  });
  it('safe-storage, env and file pick that store', () => {
    expect(make('safe-storage').kind).toBe('safe-storage');
    expect(make('env').kind).toBe('env');
    expect(make('file').kind).toBe('file');
  });
});
