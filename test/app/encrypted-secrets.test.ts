import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../electron/app/config/load-config';
import { createEncryptedFileSecretStore, parseSecretsKey } from '../../electron/app/secrets/encrypted-file-secret-store';
import { createFileSecretStore } from '../../electron/app/secrets/file-secret-store';
import { headlessSecrets } from '../../electron/app/secrets/headless-secrets';
import { tempDir } from '../helpers/temp-dir';

const KEY = randomBytes(32);
const VALUE = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC-hemmelig-nokkel\n-----END PRIVATE KEY-----\n';

describe('encrypted file secret store', () => {
  it('round-trips values in a 0600 file that holds neither names nor values in clear', async () => {
    const file = path.join(tempDir(), 'secrets.enc.json');
    const s = createEncryptedFileSecretStore(file, KEY);
    await s.set('altinn.maskinporten-key', VALUE);
    await s.set('noark.password', 'p@ssord-æøå');
    expect(s.kind).toBe('encrypted-file');
    expect(await s.get('altinn.maskinporten-key')).toBe(VALUE);
    expect(await s.get('noark.password')).toBe('p@ssord-æøå');
    expect((await s.names()).sort()).toEqual(['altinn.maskinporten-key', 'noark.password']);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const bytes = fs.readFileSync(file);
    for (const needle of ['hemmelig-nokkel', 'MIIEvQ', 'p@ssord', 'altinn.maskinporten-key', 'noark.password', 'PRIVATE KEY']) {
      expect(bytes.includes(Buffer.from(needle))).toBe(false);
    }
    // no temp files left behind
    expect(fs.readdirSync(path.dirname(file))).toEqual(['secrets.enc.json']);
    await s.delete('noark.password');
    expect(await createEncryptedFileSecretStore(file, KEY).names()).toEqual(['altinn.maskinporten-key']);
  });

  it('says clearly when the key is another than the file was written with, or the file was changed', async () => {
    const file = path.join(tempDir(), 'secrets.enc.json');
    await createEncryptedFileSecretStore(file, KEY).set('a', 'b');
    await expect(createEncryptedFileSecretStore(file, randomBytes(32)).get('a')).rejects.toThrow(/kan ikke åpnes med nøkkelen i POSTMOTTAK_SECRETS_KEY/);
    const f = JSON.parse(fs.readFileSync(file, 'utf8')) as { data: string };
    const flipped = Buffer.from(f.data, 'base64');
    flipped[0]! ^= 1;
    fs.writeFileSync(file, JSON.stringify({ ...f, data: flipped.toString('base64') }), { mode: 0o600 });
    await expect(createEncryptedFileSecretStore(file, KEY).get('a')).rejects.toThrow(/filen er endret/);
  });

  it('refuses a file others can read, as the plain file store does', async () => {
    const file = path.join(tempDir(), 'secrets.enc.json');
    const s = createEncryptedFileSecretStore(file, KEY);
    await s.set('a', 'b');
    fs.chmodSync(file, 0o640);
    await expect(s.get('a')).rejects.toThrow(/kan leses av andre. Kjør: chmod 600/);
  });

  it('reads the key as 64 hex digits or base64, and says what is wrong with a malformed one without echoing it', () => {
    expect(parseSecretsKey(undefined)).toBeNull();
    expect(parseSecretsKey('  ')).toBeNull();
    expect(parseSecretsKey(KEY.toString('hex'))!.equals(KEY)).toBe(true);
    expect(parseSecretsKey(KEY.toString('base64'))!.equals(KEY)).toBe(true);
    expect(parseSecretsKey(KEY.toString('base64url'))!.equals(KEY)).toBe(true);
    expect(() => parseSecretsKey('abc123')).toThrow(/ser ut som heksadesimal, men har 6 tegn; den må ha nøyaktig 64/);
    expect(() => parseSecretsKey(randomBytes(16).toString('base64'))).toThrow(/er 16 byte etter base64-dekoding; den må være nøyaktig 32 byte/);
    expect(() => parseSecretsKey('mitt hemmelige passord!')).toThrow(/verken base64 eller heksadesimal/);
    try {
      parseSecretsKey('mitt hemmelige passord!');
    } catch (e) {
      expect((e as Error).message).not.toContain('mitt hemmelige');
      expect((e as Error).message).toContain('openssl rand -base64 32');
    }
  });
});

describe('headless secrets by provider', () => {
  const env = (extra: Record<string, string> = {}) => ({ POSTMOTTAK_SECRETS_KEY: KEY.toString('base64'), ...extra });

  it('auto with a key: environment over the encrypted file, and the plain file’s entries move into it', async () => {
    const dir = tempDir();
    const plain = createFileSecretStore(path.join(dir, 'secrets.json'));
    await plain.set('noark.password', 'gammelt-passord');
    await plain.set('altinn.key', VALUE);
    const s = headlessSecrets(parseConfig({ version: 1 }), dir, env({ POSTMOTTAK_SECRET_FROM_ENV: 'x' }));
    expect(s.kind).toBe('env+encrypted-file');
    expect(await s.get('noark.password')).toBe('gammelt-passord');
    expect(await s.get('altinn.key')).toBe(VALUE);
    expect(await s.get('from-env')).toBe('x');
    expect(fs.existsSync(path.join(dir, 'secrets.json'))).toBe(false);
    const enc = fs.readFileSync(path.join(dir, 'secrets.enc.json'));
    expect(enc.includes(Buffer.from('gammelt-passord'))).toBe(false);
    // a second start finds nothing more to move
    expect(await headlessSecrets(parseConfig({ version: 1 }), dir, env()).get('noark.password')).toBe('gammelt-passord');
  });

  it('auto without a key keeps today’s owner-only plain file', () => {
    expect(headlessSecrets(parseConfig({ version: 1 }), tempDir(), {}).kind).toBe('env+file');
  });

  it('encrypted-file without a key, or with a malformed one, refuses to start with what to do', () => {
    const config = parseConfig({ version: 1, secrets: { provider: 'encrypted-file' } });
    expect(() => headlessSecrets(config, tempDir(), {})).toThrow(/POSTMOTTAK_SECRETS_KEY er ikke satt. Lag en nøkkel med «openssl rand -base64 32»/);
    expect(() => headlessSecrets(config, tempDir(), { POSTMOTTAK_SECRETS_KEY: 'for-kort' })).toThrow(/POSTMOTTAK_SECRETS_KEY/);
    expect(headlessSecrets(config, tempDir(), env()).kind).toBe('encrypted-file');
  });
});
