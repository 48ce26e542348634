import type pg from 'pg';

export interface PgMigration {
  /** The same numbers as the SQLite list (migrations/), so both report one schema version. */
  version: number;
  name: string;
  up(client: pg.PoolClient): Promise<void>;
}
