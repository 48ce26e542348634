import fs from 'node:fs';
import path from 'node:path';
import type { SecretStore } from '../../core/ports/secret-store.port';
import { silentLogger } from '../../core/ports/logger.port';
import { copyStore, createRepos, StoreCopyError, migrate, migratePg, openPostgresStore, openStore, redactUrl, STORE_FILE, type CopyReport, type PgStore, type Store } from '../../store';

import type { StoreConfig } from '../config/store.config';
import { openHubStore } from '../open-hub-store';

/**
 * The store commands of the CLI, on the store the configuration names (SQLite in the data folder,
 * or the team's PostgreSQL): migrate, audit verify, and copying a desk's SQLite file into a team
 * database.
 */

async function withConfigured<T>(config: StoreConfig, dataDir: string, secrets: SecretStore, fn: (s: Store) => Promise<T>, migrateOnOpen = true): Promise<T> {
  const { store } = await openHubStore(config, { dataDir, secrets, logger: silentLogger, node: 'cli', migrate: migrateOnOpen });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

export async function migrateStore(config: StoreConfig, dataDir: string, secrets: SecretStore): Promise<{ from: number; to: number; where: string }> {
  if (config.kind === 'sqlite') {
    return withConfigured(config, dataDir, secrets, async (s) => ({ ...migrate((s as ReturnType<typeof openStore>).db), where: s.location }), false);
  }
  return withConfigured(
    config,
    dataDir,
    secrets,
    async (s) => ({ ...(await migratePg((s as PgStore).pool)), where: s.location }),
    false,
  );
}

export const verifyStoreAudit = (config: StoreConfig, dataDir: string, secrets: SecretStore) =>
  withConfigured(config, dataDir, secrets, (s) => createRepos(s).audit.verify());

/**
 * The mappings IT has activated in the designer (#15), by target: a profile export carries what
 * runs, not the file it was first loaded from. A desk without a store yet has none.
 */
export async function activeMappings(config: StoreConfig, dataDir: string, secrets: SecretStore, profileId: string, targets: readonly string[]): Promise<Record<string, string>> {
  if (config.kind === 'sqlite' && !fs.existsSync(path.join(dataDir, STORE_FILE))) return {};
  return withConfigured(config, dataDir, secrets, async (s) => {
    const designs = createRepos(s).designs;
    const out: Record<string, string> = {};
    for (const target of targets) {
      const active = await designs.active({ kind: 'mapping', profileId, target });
      if (active) out[target] = active.body;
    }
    return out;
  });
}

/** `sqlite:<file>` or a postgres:// URL (the password from PGPASSWORD, never on the command line). */
export interface StoreAddress {
  kind: 'sqlite' | 'postgres';
  target: string;
}
export function parseStoreAddress(text: string): StoreAddress {
  if (text.startsWith('sqlite:')) return { kind: 'sqlite', target: path.resolve(text.slice('sqlite:'.length)) };
  if (/^postgres(ql)?:\/\//.test(text)) {
    if (new URL(text).password) throw new Error('Oppgi ikke passordet i adressen (det havner i skallets historikk): bruk miljøvariabelen PGPASSWORD.');
    return { kind: 'postgres', target: text };
  }
  throw new Error(`Ukjent lageradresse «${text}»: bruk sqlite:<fil> eller postgres://bruker@vert/database.`);
}

async function openAddress(a: StoreAddress, o: { schema?: string; mustExist: boolean }): Promise<Store> {
  if (a.kind === 'sqlite') {
    if (o.mustExist && !fs.existsSync(a.target)) throw new Error(`Finner ikke SQLite-filen ${a.target}.`);
    return openStore(a.target);
  }
  return openPostgresStore({ url: a.target, ...(process.env.PGPASSWORD ? { password: process.env.PGPASSWORD } : {}), ...(o.schema ? { schema: o.schema } : {}) });
}

/** Copies one store into another, empty one, and verifies the copy (see store-copy.ts). */
export async function copyStores(from: StoreAddress, to: StoreAddress, o: { schema?: string; progress?: (table: string, rows: number) => void } = {}): Promise<CopyReport & { from: string; to: string }> {
  const source = await openAddress(from, { mustExist: true });
  try {
    const target = await openAddress(to, { mustExist: false, ...(o.schema ? { schema: o.schema } : {}) });
    try {
      const report = await copyStore(source, target, o.progress);
      return { ...report, from: source.location, to: to.kind === 'postgres' ? redactUrl(to.target) : target.location };
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

export { StoreCopyError };
