import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { SafeStorage } from 'electron';
import type { SecretStore } from '../app/host-types';

export const SAFE_STORAGE_SECRETS_FILE = 'secrets.safe-storage.json';
const FORMAT = 'postmottak-safe-storage';
// Anything else at the top level (e.g. a plaintext entry written by another store) is refused.
const FILE_KEYS = { format: true, version: true, secrets: true } as const;

export type SafeStorageLike = Pick<
  SafeStorage,
  'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'
>;

export class SecretStoreError extends Error {
  override readonly name = 'SecretStoreError';
}

interface SecretsFile {
  format: typeof FORMAT;
  version: 1;
  /** name → base64 of the safeStorage ciphertext. */
  secrets: Record<string, string>;
}

const isRecordOfStrings = (v: unknown): v is Record<string, string> =>
  !!v && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((s) => typeof s === 'string');

function checkName(name: string): void {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what we refuse
  if (typeof name !== 'string' || name.length === 0 || name.length > 200 || /[\u0000-\u001f\u007f]/.test(name)) {
    throw new SecretStoreError('Ugyldig navn på hemmelighet.');
  }
}

/**
 * Secrets encrypted with the OS keychain through Electron's safeStorage (DPAPI, Keychain,
 * libsecret/KWallet), as base64 in <dataDir>/secrets.safe-storage.json. Never falls back to plaintext:
 * without real encryption it refuses, and it never overwrites a file it does not recognise.
 */
export function createSafeStorageSecretStore(opts: {
  safeStorage: SafeStorageLike;
  dataDir: string;
  platform?: NodeJS.Platform;
}): SecretStore {
  const { safeStorage, dataDir } = opts;
  const platform = opts.platform ?? process.platform;
  const file = join(dataDir, SAFE_STORAGE_SECRETS_FILE);

  const assertEncryption = (): void => {
    if (!safeStorage.isEncryptionAvailable()) {
      throw new SecretStoreError(
        'Kryptert lagring av hemmeligheter er ikke tilgjengelig på denne maskinen. Hemmeligheten ble ikke lagret eller lest.',
      );
    }
    if (platform === 'linux') {
      const backend = safeStorage.getSelectedStorageBackend();
      // basic_text is a fixed, public key: obfuscation, not encryption. unknown = not yet decided.
      if (backend === 'basic_text' || backend === 'unknown') {
        throw new SecretStoreError(
          'Fant ingen nøkkelring (GNOME Keyring/KWallet) å kryptere hemmeligheter med. ' +
            'Start en nøkkelring og prøv igjen. Hemmeligheten ble ikke lagret eller lest.',
        );
      }
    }
  };

  const load = async (): Promise<Map<string, string>> => {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
      throw e;
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw new SecretStoreError(`Hemmelighetsfilen ${file} er skadet (ikke gyldig JSON).`);
    }
    const f = (data && typeof data === 'object' && !Array.isArray(data) ? data : {}) as Partial<SecretsFile>;
    const onlyKnownKeys = Object.keys(f).every((k) => Object.hasOwn(FILE_KEYS, k));
    if (!onlyKnownKeys || f.format !== FORMAT || f.version !== 1 || !isRecordOfStrings(f.secrets)) {
      throw new SecretStoreError(
        `Hemmelighetsfilen ${file} har et ukjent format og blir ikke overskrevet. ` +
          'Flytt den bort om den hører til en annen lagringsmåte (f.eks. secrets.provider "file").',
      );
    }
    return new Map(Object.entries(f.secrets));
  };

  // Temp file in the same folder + rename: a crash leaves the old file or the new, never half.
  const save = async (secrets: Map<string, string>): Promise<void> => {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    const body: SecretsFile = { format: FORMAT, version: 1, secrets: Object.fromEntries(secrets) };
    const tmp = join(dataDir, `.${SAFE_STORAGE_SECRETS_FILE}.${process.pid}.${randomUUID()}.tmp`);
    const fh = await open(tmp, 'wx', 0o600);
    try {
      await fh.chmod(0o600); // umask could have narrowed it further; make it exact
      await fh.writeFile(JSON.stringify(body, null, 2) + '\n', 'utf8');
      await fh.sync();
    } catch (e) {
      await fh.close().catch(() => undefined);
      await unlink(tmp).catch(() => undefined);
      throw e;
    }
    await fh.close();
    try {
      await rename(tmp, file);
    } catch (e) {
      await unlink(tmp).catch(() => undefined);
      throw e;
    }
  };

  // Serialise read-modify-write so two set() calls cannot lose one another's update.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };

  return {
    kind: 'safe-storage',
    get: (name) =>
      serial(async () => {
        checkName(name);
        const b64 = (await load()).get(name);
        if (b64 === undefined) return undefined;
        assertEncryption();
        try {
          return safeStorage.decryptString(Buffer.from(b64, 'base64'));
        } catch {
          throw new SecretStoreError(`Kunne ikke dekryptere hemmeligheten «${name}». Lagre den på nytt.`);
        }
      }),
    set: (name, value) =>
      serial(async () => {
        checkName(name);
        if (typeof value !== 'string') throw new SecretStoreError('En hemmelighet må være tekst.');
        assertEncryption();
        const secrets = await load();
        secrets.set(name, safeStorage.encryptString(value).toString('base64'));
        await save(secrets);
      }),
    delete: (name) =>
      serial(async () => {
        checkName(name);
        const secrets = await load();
        if (secrets.delete(name)) await save(secrets);
      }),
    names: () => serial(async () => [...(await load()).keys()].sort()),
  };
}
