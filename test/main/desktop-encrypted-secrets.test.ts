import { randomBytes } from 'node:crypto';
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
  dir = mkdtempSync(join(tmpdir(), 'pm-desktop-enc-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('desktop secret store: secrets.provider "encrypted-file"', () => {
  it('uses the headless host’s encrypted file with the key from the environment, not the keychain', async () => {
    const env = { POSTMOTTAK_SECRETS_KEY: randomBytes(32).toString('hex') };
    const s = createDesktopSecretStore({ secrets: { provider: 'encrypted-file' } }, dir, fake.safeStorage as unknown as SafeStorageLike, env);
    expect(s.kind).toBe('encrypted-file');
    await s.set('altinn.key', 'k');
    expect(await s.get('altinn.key')).toBe('k');
    expect(fake.safeStorage.encryptString).not.toHaveBeenCalled();
  });
  it('refuses without a key, saying which variable to set', () => {
    expect(() => createDesktopSecretStore({ secrets: { provider: 'encrypted-file' } }, dir, fake.safeStorage as unknown as SafeStorageLike, {})).toThrow(/POSTMOTTAK_SECRETS_KEY er ikke satt/);
  });
});
