import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEnvSecretStore, envNameFor } from '../../electron/app/secrets/env-secret-store';
import { createFileSecretStore, layeredSecretStore } from '../../electron/app/secrets/file-secret-store';
import { tempDir } from '../helpers/temp-dir';

describe('secret stores', () => {
  it('reads secrets from the environment by a derived name and refuses writes', async () => {
    expect(envNameFor('altinn.maskinporten-key')).toBe('POSTMOTTAK_SECRET_ALTINN_MASKINPORTEN_KEY');
    const s = createEnvSecretStore({ POSTMOTTAK_SECRET_ALTINN_MASKINPORTEN_KEY: 'k1' });
    expect(await s.get('altinn.maskinporten-key')).toBe('k1');
    await expect(s.set('x', 'y')).rejects.toThrow(/kan ikke endres/);
  });

  it('keeps file secrets readable by the owner only, and refuses a file others can read', async () => {
    const file = path.join(tempDir(), 'secrets.json');
    const s = createFileSecretStore(file);
    await s.set('noark.password', 'p@ss');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(await s.get('noark.password')).toBe('p@ss');
    await s.delete('noark.password');
    expect(await s.names()).toEqual([]);
    fs.chmodSync(file, 0o644);
    await expect(s.get('x')).rejects.toThrow(/chmod 600/);
  });

  it('lets the environment override the file', async () => {
    const file = createFileSecretStore(path.join(tempDir(), 's.json'));
    await file.set('a', 'from-file');
    await file.set('b', 'file-only');
    const s = layeredSecretStore(createEnvSecretStore({ POSTMOTTAK_SECRET_A: 'from-env' }), file);
    expect(await s.get('a')).toBe('from-env');
    expect(await s.get('b')).toBe('file-only');
  });
});
