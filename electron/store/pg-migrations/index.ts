import { pg0070Baseline } from './0070-baseline.pg';
import { pg0080JobLeases } from './0080-job-leases.pg';
import { pg0090Routing } from './0090-routing.pg';
import { pg0100Archivist } from './0100-archivist.pg';
import { pg0110Health } from './0110-health.pg';
import { pg0120Alerts } from './0120-alerts.pg';
import { pg0130Retention } from './0130-retention.pg';
import { pg0140SendBack } from './0140-send-back.pg';
import type { PgMigration } from './pg-migration';

/** The ordered list for PostgreSQL; each version also exists in the SQLite list (migrations/index.ts). */
export const pgMigrations: readonly PgMigration[] = [pg0070Baseline, pg0080JobLeases, pg0090Routing, pg0100Archivist, pg0110Health, pg0120Alerts, pg0130Retention, pg0140SendBack];
export type { PgMigration };
