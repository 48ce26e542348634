import type { SecretStore } from '../../core/ports/secret-store.port';

/** Secrets that live only in this process (the demo's generated key); never written anywhere. */
export function createMemorySecretStore(initial: Record<string, string> = {}): SecretStore {
  const m = new Map(Object.entries(initial));
  return {
    kind: 'memory',
    get: async (name) => m.get(name),
    set: async (name, value) => void m.set(name, value),
    delete: async (name) => void m.delete(name),
    names: async () => [...m.keys()],
  };
}
