import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { SecretStore } from '../../core/ports/secret-store.port';

/** The environment variable holding the 32-byte key of the encrypted secrets file (headless host). */
export const SECRETS_KEY_ENV = 'POSTMOTTAK_SECRETS_KEY';
export const ENCRYPTED_SECRETS_FILE = 'secrets.enc.json';

const FORMAT = 'postmottak-encrypted-secrets';
const CIPHER = 'aes-256-gcm';
// Binds the ciphertext to this format and version: a blob lifted into another format fails the tag.
const AAD = Buffer.from(`${FORMAT}/1`, 'utf8');

export class SecretsKeyError extends Error {
  override readonly name = 'SecretsKeyError';
}

/** How to make a good key, said wherever a key is missing or malformed. */
export const MAKE_KEY_HINT = `Lag en nøkkel med «openssl rand -base64 32» og sett den i miljøvariabelen ${SECRETS_KEY_ENV} før Postmottak startes.`;

/**
 * The key from the environment: 32 bytes written as 64 hex digits or as base64 (44 characters,
 * standard or URL-safe alphabet). Unset or empty: null (no encryption). Anything else is refused
 * with what is wrong, never echoing the value.
 */
export function parseSecretsKey(raw: string | undefined): Buffer | null {
  if (raw === undefined) return null;
  const v = raw.trim();
  if (v === '') return null;
  if (/^[0-9a-fA-F]{64}$/.test(v)) return Buffer.from(v, 'hex');
  if (/^[0-9a-fA-F]+$/.test(v) && v.length !== 44) {
    throw new SecretsKeyError(`${SECRETS_KEY_ENV} ser ut som heksadesimal, men har ${v.length} tegn; den må ha nøyaktig 64 (32 byte). ${MAKE_KEY_HINT}`);
  }
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(v)) {
    const bytes = Buffer.from(v.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (bytes.length === 32) return bytes;
    throw new SecretsKeyError(`${SECRETS_KEY_ENV} er ${bytes.length} byte etter base64-dekoding; den må være nøyaktig 32 byte. ${MAKE_KEY_HINT}`);
  }
  throw new SecretsKeyError(`${SECRETS_KEY_ENV} er verken base64 eller heksadesimal (den inneholder tegn som ikke hører hjemme i noen av dem). ${MAKE_KEY_HINT}`);
}

interface EncryptedFile {
  format: typeof FORMAT;
  version: 1;
  cipher: typeof CIPHER;
  iv: string;
  tag: string;
  data: string;
}

/**
 * Secrets in one file encrypted with AES-256-GCM under a key from the environment (the headless
 * host has no OS keychain). The whole name → value map is one ciphertext, so neither names nor
 * values are readable, and any change to the file fails the authentication tag. Mode 0600, written
 * through a temp file and rename; a file others can read is refused, as the plain file store does.
 */
export function createEncryptedFileSecretStore(file: string, key: Buffer): SecretStore & { readAll(): Record<string, string>; writeAll(data: Record<string, string>): void } {
  if (key.length !== 32) throw new SecretsKeyError(`Nøkkelen til hemmelighetsfilen må være 32 byte. ${MAKE_KEY_HINT}`);

  const readAll = (): Record<string, string> => {
    if (!fs.existsSync(file)) return {};
    if (process.platform !== 'win32' && (fs.statSync(file).mode & 0o077) !== 0) {
      throw new Error(`Hemmelighetsfilen ${file} kan leses av andre. Kjør: chmod 600 ${file}`);
    }
    let f: Partial<EncryptedFile>;
    try {
      f = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<EncryptedFile>;
    } catch {
      throw new Error(`Hemmelighetsfilen ${file} er skadet (ikke gyldig JSON).`);
    }
    if (f.format !== FORMAT || f.version !== 1 || f.cipher !== CIPHER || typeof f.iv !== 'string' || typeof f.tag !== 'string' || typeof f.data !== 'string') {
      throw new Error(`Hemmelighetsfilen ${file} har et ukjent format og blir ikke overskrevet.`);
    }
    let text: string;
    try {
      const d = createDecipheriv(CIPHER, key, Buffer.from(f.iv, 'base64'));
      d.setAAD(AAD);
      d.setAuthTag(Buffer.from(f.tag, 'base64'));
      text = Buffer.concat([d.update(Buffer.from(f.data, 'base64')), d.final()]).toString('utf8');
    } catch {
      throw new SecretsKeyError(
        `Hemmelighetsfilen ${file} kan ikke åpnes med nøkkelen i ${SECRETS_KEY_ENV}: nøkkelen er en annen enn den filen ble skrevet med, eller filen er endret. ` +
          'Start Postmottak med den samme nøkkelen som før.',
      );
    }
    const data = JSON.parse(text) as unknown;
    if (!data || typeof data !== 'object' || Array.isArray(data)) throw new Error(`Hemmelighetsfilen ${file} er skadet.`);
    return data as Record<string, string>;
  };

  const writeAll = (data: Record<string, string>): void => {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    // a fresh 96-bit IV for every write (NIST SP 800-38D §8.2.2: random IVs, well under 2^32 writes per key)
    const iv = randomBytes(12);
    const c = createCipheriv(CIPHER, key, iv);
    c.setAAD(AAD);
    const ct = Buffer.concat([c.update(JSON.stringify(data), 'utf8'), c.final()]);
    const body: EncryptedFile = { format: FORMAT, version: 1, cipher: CIPHER, iv: iv.toString('base64'), tag: c.getAuthTag().toString('base64'), data: ct.toString('base64') };
    // temp file in the same folder + rename: a crash leaves the old file or the new, never half of one
    const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomUUID()}.tmp`);
    const fd = fs.openSync(tmp, 'wx', 0o600);
    try {
      fs.fchmodSync(fd, 0o600); // the umask may have narrowed it; make it exact
      fs.writeFileSync(fd, JSON.stringify(body) + '\n');
      fs.fsyncSync(fd);
    } catch (e) {
      fs.closeSync(fd);
      fs.rmSync(tmp, { force: true });
      throw e;
    }
    fs.closeSync(fd);
    try {
      fs.renameSync(tmp, file);
    } catch (e) {
      fs.rmSync(tmp, { force: true });
      throw e;
    }
  };

  // sync reads and writes: a read-modify-write never interleaves with another in this process
  return {
    kind: 'encrypted-file',
    get: async (name) => readAll()[name],
    set: async (name, value) => writeAll({ ...readAll(), [name]: value }),
    delete: async (name) => {
      const all = readAll();
      if (!(name in all)) return;
      delete all[name];
      writeAll(all);
    },
    names: async () => Object.keys(readAll()),
    readAll,
    writeAll,
  };
}

/**
 * Moves the entries of the plain owner-only file into the encrypted one (when the key first
 * appears), then removes the plain file. An entry already in the encrypted file is kept (it is
 * the newer). Returns how many entries moved.
 */
export function migratePlainSecrets(plainFile: string, target: ReturnType<typeof createEncryptedFileSecretStore>): number {
  if (!fs.existsSync(plainFile)) return 0;
  if (process.platform !== 'win32' && (fs.statSync(plainFile).mode & 0o077) !== 0) {
    throw new Error(`Hemmelighetsfilen ${plainFile} kan leses av andre. Kjør: chmod 600 ${plainFile}`);
  }
  const plain = JSON.parse(fs.readFileSync(plainFile, 'utf8')) as unknown;
  if (!plain || typeof plain !== 'object' || Array.isArray(plain)) throw new Error(`Hemmelighetsfilen ${plainFile} er ikke et JSON-objekt.`);
  const entries = Object.entries(plain as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string');
  const current = target.readAll();
  const moved = entries.filter(([name]) => !(name in current));
  if (moved.length) target.writeAll({ ...Object.fromEntries(moved), ...current });
  // written (and fsynced) before the plain copy goes
  fs.rmSync(plainFile);
  return moved.length;
}
