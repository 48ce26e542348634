import fs from 'node:fs';
import path from 'node:path';
import type { SecretStore } from '../../core/ports/secret-store.port';

/**
 * Secrets in a JSON file readable by the owner only, like an SSH key: for the headless
 * host on a server, where no OS keychain exists. Refuses a file others can read.
 */
export function createFileSecretStore(file: string): SecretStore {
  const read = (): Record<string, string> => {
    if (!fs.existsSync(file)) return {};
    if (process.platform !== 'win32' && (fs.statSync(file).mode & 0o077) !== 0) {
      throw new Error(`Hemmelighetsfilen ${file} kan leses av andre. Kjør: chmod 600 ${file}`);
    }
    const data = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
    if (!data || typeof data !== 'object' || Array.isArray(data)) throw new Error(`Hemmelighetsfilen ${file} er ikke et JSON-objekt.`);
    return data as Record<string, string>;
  };
  const write = (data: Record<string, string>) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(data, null, 2), { mode: 0o600 });
    fs.renameSync(tmp, file);
  };
  return {
    kind: 'file',
    get: async (name) => read()[name],
    set: async (name, value) => write({ ...read(), [name]: value }),
    delete: async (name) => {
      const { [name]: _gone, ...rest } = read();
      write(rest);
    },
    names: async () => Object.keys(read()),
  };
}

/** Environment first (it overrides), then the file. Writes go to the file. */
export function layeredSecretStore(first: SecretStore, second: SecretStore): SecretStore {
  return {
    kind: `${first.kind}+${second.kind}`,
    get: async (name) => (await first.get(name)) ?? (await second.get(name)),
    set: (name, value) => second.set(name, value),
    delete: (name) => second.delete(name),
    names: async () => [...new Set([...(await first.names()), ...(await second.names())])],
  };
}
