import { pg0070Baseline } from './0070-baseline.pg';
import { pg0080JobLeases } from './0080-job-leases.pg';
import { pg0090Routing } from './0090-routing.pg';
import { pg0100Archivist } from './0100-archivist.pg';
import type { PgMigration } from './pg-migration';

/** The ordered list for PostgreSQL; each version also exists in the SQLite list (migrations/index.ts). */
export const pgMigrations: readonly PgMigration[] = [pg0070Baseline, pg0080JobLeases, pg0090Routing, pg0100Archivist];
export type { PgMigration };
