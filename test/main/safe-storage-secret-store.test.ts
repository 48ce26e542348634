import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createSafeStorageSecretStore,
  SAFE_STORAGE_SECRETS_FILE,
  SecretStoreError,
  type SafeStorageLike,
} from '../../electron/main/safe-storage-secret-store';
import { fake } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const SECRET = 'hemmelig-passord-ÆØÅ-123';
let dir: string;

beforeEach(() => {
  fake.reset();
  dir = mkdtempSync(join(tmpdir(), 'pm-secrets-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const store = (platform: NodeJS.Platform = 'linux') =>
  createSafeStorageSecretStore({ safeStorage: fake.safeStorage as unknown as SafeStorageLike, dataDir: dir, platform });
const file = () => join(dir, SAFE_STORAGE_SECRETS_FILE);

describe('safeStorage secret store', () => {
  it('round-trips through encryptString/decryptString', async () => {
    const s = store();
    expect(s.kind).toBe('safe-storage');
    await s.set('altinn.clientSecret', SECRET);
    await s.set('noark.password', 'annet');
    expect(await s.get('altinn.clientSecret')).toBe(SECRET);
    expect(await s.get('missing')).toBeUndefined();
    expect(await s.names()).toEqual(['altinn.clientSecret', 'noark.password']);
    expect(fake.safeStorage.encryptString).toHaveBeenCalledWith(SECRET);
    // a second store on the same folder reads what the first wrote
    expect(await store().get('noark.password')).toBe('annet');
    await s.delete('noark.password');
    await s.delete('never-there');
    expect(await s.names()).toEqual(['altinn.clientSecret']);
  });

  it('writes its secrets file with mode 0600, base64 ciphertext and no plaintext', async () => {
    await store().set('altinn.clientSecret', SECRET);
    const text = readFileSync(file(), 'utf8');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(Buffer.from(SECRET).toString('base64'));
    const parsed = JSON.parse(text) as { secrets: Record<string, string> };
    expect(parsed.secrets['altinn.clientSecret']).toBe(fake.safeStorage.encryptString(SECRET).toString('base64'));
    if (process.platform !== 'win32') expect(statSync(file()).mode & 0o777).toBe(0o600);
    // atomic write leaves no temp files behind
    expect(readdirSync(dir)).toEqual([SAFE_STORAGE_SECRETS_FILE]);
  });

  it('keeps every one of several concurrent writes', async () => {
    const s = store();
    await Promise.all([s.set('a', '1'), s.set('b', '2'), s.set('c', '3')]);
    expect(await s.names()).toEqual(['a', 'b', 'c']);
  });

  it('refuses to store when encryption is unavailable, and writes nothing', async () => {
    fake.safeStorage.isEncryptionAvailable.mockReturnValue(false);
    const err = await store().set('x', SECRET).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SecretStoreError);
    expect((err as Error).message).toMatch(/ikke tilgjengelig/);
    expect(fake.safeStorage.encryptString).not.toHaveBeenCalled();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses the basic_text backend on Linux (obfuscation, not encryption)', async () => {
    fake.safeStorage.getSelectedStorageBackend.mockReturnValue('basic_text');
    await expect(store('linux').set('x', SECRET)).rejects.toThrow(/nøkkelring/);
    expect(fake.safeStorage.encryptString).not.toHaveBeenCalled();
    expect(readdirSync(dir)).toEqual([]);
    // the backend question only exists on Linux
    await expect(store('win32').set('x', SECRET)).resolves.toBeUndefined();
  });

  it('refuses to read when encryption has become unavailable', async () => {
    await store().set('x', SECRET);
    fake.safeStorage.isEncryptionAvailable.mockReturnValue(false);
    await expect(store().get('x')).rejects.toBeInstanceOf(SecretStoreError);
    expect(fake.safeStorage.decryptString).not.toHaveBeenCalled();
  });

  it('reports an undecryptable value clearly', async () => {
    await store().set('x', SECRET);
    fake.safeStorage.decryptString.mockImplementation(() => {
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    });
    await expect(store().get('x')).rejects.toThrow(/Kunne ikke dekryptere hemmeligheten «x»/);
  });

  it('never overwrites a file it does not recognise (e.g. the plaintext file store)', async () => {
    writeFileSync(file(), JSON.stringify({ 'altinn.clientSecret': 'klartekst' }), { mode: 0o600 });
    await expect(store().set('y', SECRET)).rejects.toThrow(/ukjent format/);
    await expect(store().names()).rejects.toThrow(/ukjent format/);
    expect(JSON.parse(readFileSync(file(), 'utf8'))).toEqual({ 'altinn.clientSecret': 'klartekst' });
    // plaintext smuggled in next to our own structure is refused too
    writeFileSync(file(), JSON.stringify({ format: 'postmottak-safe-storage', version: 1, secrets: {}, x: 'klartekst' }));
    await expect(store().names()).rejects.toThrow(/ukjent format/);
    writeFileSync(file(), '{ not json');
    await expect(store().names()).rejects.toThrow(/skadet/);
  });

  it('refuses empty or control-character names', async () => {
    await expect(store().set('', SECRET)).rejects.toBeInstanceOf(SecretStoreError);
    await expect(store().set('a\nb', SECRET)).rejects.toBeInstanceOf(SecretStoreError);
  });

  it('treats "__proto__" as just a name', async () => {
    const s = store();
    await s.set('__proto__', SECRET);
    expect(await s.names()).toEqual(['__proto__']);
    expect(await store().get('__proto__')).toBe(SECRET);
  });
});
