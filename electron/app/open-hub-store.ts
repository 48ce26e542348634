import fs from 'node:fs';
import path from 'node:path';
import type { Leadership } from '../core/ports/leadership.port';
import { soleLeadership } from '../core/ports/leadership.port';
import type { Logger } from '../core/ports/logger.port';
import type { SecretStore } from '../core/ports/secret-store.port';
import { resolveSecret } from '../../integrations';
import { openStore, STORE_FILE, type Store } from '../store';
import { openPostgresStore, type PgStore } from '../store/open-pg-store';
import { createPgLeadership } from '../store/pg-leadership';
import { listenForJobs } from '../store/pg-notify';
import type { StoreConfig } from './config/store.config';

export interface HubStore {
  store: Store;
  leadership: Leadership;
  /** Wakes the job loops when another node commits a job (PostgreSQL); undefined for SQLite. */
  subscribeJobs?: (wake: () => void) => () => void;
}

/** The store the configuration names: the data folder's SQLite file, or the team's PostgreSQL. */
export async function openHubStore(
  config: StoreConfig,
  o: { dataDir: string; secrets: SecretStore; logger: Logger; node: string; migrate?: boolean },
): Promise<HubStore> {
  if (config.kind === 'sqlite') {
    return { store: openStore(path.join(o.dataDir, STORE_FILE), { migrate: o.migrate !== false }), leadership: soleLeadership() };
  }
  const password = config.password ? await resolveSecret(o.secrets, config.password, 'passordet til PostgreSQL') : undefined;
  const ssl = config.ssl ? { rejectUnauthorized: config.ssl.rejectUnauthorized, ...(config.ssl.ca ? { ca: fs.readFileSync(config.ssl.ca, 'utf8') } : {}) } : undefined;
  const store: PgStore = await openPostgresStore({
    url: config.url,
    ...(password !== undefined ? { password } : {}),
    ...(ssl ? { ssl } : {}),
    ...(config.schema ? { schema: config.schema } : {}),
    pool: { max: config.pool.max },
    applicationName: `postmottak ${o.node}`,
    migrate: o.migrate !== false,
  });
  return {
    store,
    leadership: createPgLeadership(store, { logger: o.logger }),
    subscribeJobs: (wake) => {
      const stop = listenForJobs(store, wake);
      return () => void stop();
    },
  };
}
