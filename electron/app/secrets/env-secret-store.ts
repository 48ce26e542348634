import type { SecretStore } from '../../core/ports/secret-store.port';

export const envNameFor = (name: string): string => `POSTMOTTAK_SECRET_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;

/** Read-only secrets from the environment (POSTMOTTAK_SECRET_<NAME>), for servers and CI. */
export function createEnvSecretStore(env: NodeJS.ProcessEnv = process.env): SecretStore {
  const refuse = async () => {
    throw new Error('Hemmeligheter fra miljøvariabler kan ikke endres fra Postmottak.');
  };
  return {
    kind: 'env',
    get: async (name) => env[envNameFor(name)],
    set: refuse,
    delete: refuse,
    names: async () => Object.keys(env).filter((k) => k.startsWith('POSTMOTTAK_SECRET_')),
  };
}
