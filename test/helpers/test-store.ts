import { randomBytes } from 'node:crypto';
import { afterEach, inject } from 'vitest';
import { createRepos, openStore, type Repos, type Store } from '../../electron/store';
import type { SecretStore } from '../../electron/core/ports/secret-store.port';
import { openPostgresStore } from '../../electron/store/open-pg-store';

export type StoreKind = 'sqlite' | 'postgres';

/** The store kinds the parametrised suites run on: `describe.each(storeKinds())('… (%s)', (kind) => …)`. */
export function storeKinds(): StoreKind[] {
  return ['sqlite', 'postgres'];
}

export interface TestStore {
  store: Store;
  repos: Repos;
  close(): Promise<void>;
}

/** A fresh schema in the run's PostgreSQL (see pg-global-setup.ts): each test sees an empty store of its own. */
export const freshSchema = () => `${inject('pgSchemaPrefix')}${randomBytes(6).toString('hex')}`;

/** A fresh, migrated, empty store of this kind with its repositories. */
export async function openTestStore(kind: StoreKind = 'sqlite'): Promise<TestStore> {
  if (kind === 'sqlite') {
    const store = openStore(':memory:');
    return { store, repos: createRepos(store), close: () => store.close() };
  }
  const schema = freshSchema();
  const store = await openPostgresStore({ url: inject('pgUrl'), schema, pool: { max: 4 } });
  return {
    store,
    repos: createRepos(store),
    close: async () => {
      await store.sql.run(`DROP SCHEMA ${schema} CASCADE`);
      await store.close();
    },
  };
}

/**
 * An opener for the tests of the calling describe block: every store it opens (a test may open
 * several) is closed after the test, so PostgreSQL connections and schemas do not pile up.
 */
export function testStoresOf(kind: StoreKind): () => Promise<TestStore> {
  const open: TestStore[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((t) => t.close()));
  });
  return async () => {
    const t = await openTestStore(kind);
    open.push(t);
    return t;
  };
}

/**
 * The `store` section of a hub configuration on the run's PostgreSQL, as IT staff would write it:
 * the URL without its password, the password in the secret store, a schema of the hub's own.
 */
/** The run's PostgreSQL as a configuration names it: the URL without its password, and the password apart. */
export function pgServer(): { url: URL; password: string } {
  const url = new URL(inject('pgUrl'));
  const password = decodeURIComponent(url.password);
  url.password = '';
  return { url, password };
}

export async function pgStoreConfig(secrets: SecretStore): Promise<Record<string, unknown>> {
  const { url, password } = pgServer();
  await secrets.set('postgres-test', password);
  return { kind: 'postgres', url: url.toString(), password: { secret: 'postgres-test' }, schema: freshSchema(), pool: { max: 5 } };
}
