import pg from 'pg';
import { StoreTooNewError } from './migrate';
import type { Store } from './open-store';
import { pgMigrations, type PgMigration } from './pg-migrations';
import { createPgSql, pgTypes } from './sql/pg-client';

export interface PgStoreOptions {
  url: string;
  /** The password, read from the secret store (never part of the URL in the configuration). */
  password?: string;
  pool?: { max?: number; idleTimeoutMs?: number };
  ssl?: boolean | { rejectUnauthorized?: boolean; ca?: string };
  /** A schema of its own inside the database (tests, or two installations in one database). */
  schema?: string;
  migrate?: boolean;
  migrations?: readonly PgMigration[];
  applicationName?: string;
}

/** A team store: PostgreSQL shared by any number of hub nodes. */
export interface PgStore extends Store {
  readonly kind: 'postgres';
  readonly pool: pg.Pool;
  /** A connection of its own, outside the pool (LISTEN, session advisory locks). */
  connect(): Promise<pg.Client>;
}

/** The URL without its password, for logs and status. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(ugyldig adresse)';
  }
}

function withPassword(url: string, password: string | undefined): string {
  if (password === undefined) return url;
  const u = new URL(url);
  u.password = encodeURIComponent(password);
  return u.toString();
}

/** The tables that grow with every application (a fixed list: never a name from outside). */
const ANALYZED = ['blobs', 'submissions', 'submission_parts', 'source_items', 'archive_entries', 'archive_documents', 'cases', 'case_events', 'replies', 'jobs', 'audit_log'] as const;

const MIGRATION_LOCK = 0x504d_0001; // 'PM' 1: one node migrates, the others wait for it
const validSchema = (s: string) => /^[a-z_][a-z0-9_]{0,62}$/.test(s);

export async function openPostgresStore(o: PgStoreOptions): Promise<PgStore> {
  if (o.schema !== undefined && !validSchema(o.schema)) throw new Error(`Ugyldig skjemanavn for PostgreSQL: ${o.schema}`);
  const clientConfig: pg.ClientConfig = {
    // node-postgres lets the connection string's (empty) password win over a separate one, so it goes into the URL, in memory only
    connectionString: withPassword(o.url, o.password),
    ...(o.ssl !== undefined ? { ssl: o.ssl } : {}),
    types: pgTypes,
    application_name: o.applicationName ?? 'postmottak',
    ...(o.schema ? { options: `-c search_path=${o.schema},public` } : {}),
  };
  if (o.schema) {
    const c = new pg.Client(clientConfig);
    await c.connect();
    try {
      // nodes starting together race here: IF NOT EXISTS still lets the loser of the race fail, so it is told apart
      await c.query(`CREATE SCHEMA IF NOT EXISTS ${o.schema}`).catch((e: { code?: string }) => {
        if (e.code !== '23505' && e.code !== '42P06') throw e;
      });
    } finally {
      await c.end();
    }
  }
  const pool = new pg.Pool({ ...clientConfig, max: o.pool?.max ?? 10, idleTimeoutMillis: o.pool?.idleTimeoutMs ?? 30_000 });
  // an idle client losing its server must not take the process down; the next query reports it
  pool.on('error', () => undefined);
  try {
    if (o.migrate !== false) await migratePg(pool, o.migrations ?? pgMigrations);
  } catch (e) {
    await pool.end();
    throw e;
  }
  const { sql, uow } = createPgSql(pool);
  return {
    kind: 'postgres',
    sql,
    uow,
    pool,
    location: redactUrl(o.url) + (o.schema ? ` (skjema ${o.schema})` : ''),
    shared: true,
    sizeBytes: async () => (await sql.get<{ n: number }>('SELECT pg_database_size(current_database()) AS n'))?.n ?? 0,
    schemaVersion: () => pgSchemaVersion(pool),
    // #17 item 6: VACUUM is the server's autovacuum's job (and its DBA's); after retention empties many
    // blob rows at once the planner's statistics lag behind, so the big tables are analysed here
    maintain: async () => {
      for (const t of ANALYZED) await sql.run(`ANALYZE ${t}`);
      return { kind: 'postgres', pageSize: null, pageCount: null, freePages: null, freedPages: 0, autoVacuum: null, switchedToIncremental: false, switchPostponed: null, analyzed: [...ANALYZED] };
    },
    connect: async () => {
      const c = new pg.Client(clientConfig);
      c.on('error', () => undefined);
      await c.connect();
      return c;
    },
    close: () => pool.end(),
  };
}

export async function pgSchemaVersion(q: Pick<pg.Pool, 'query'>): Promise<number> {
  const exists = await q.query<{ t: string | null }>("SELECT to_regclass('pm_schema_version')::text AS t");
  if (!exists.rows[0]?.t) return 0;
  const r = await q.query<{ version: number }>('SELECT version FROM pm_schema_version WHERE id = 1');
  return r.rows[0]?.version ?? 0;
}

/**
 * Brings the database to the newest version in one transaction (PostgreSQL's DDL is
 * transactional), under an advisory lock so that nodes starting together migrate once.
 */
export async function migratePg(pool: pg.Pool, list: readonly PgMigration[] = pgMigrations): Promise<{ from: number; to: number }> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query('BEGIN');
      await client.query('CREATE TABLE IF NOT EXISTS pm_schema_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)');
      const from = await pgSchemaVersion(client);
      const target = list.length ? list[list.length - 1]!.version : 0;
      if (from > target) throw new StoreTooNewError(from, target);
      for (const m of list.filter((x) => x.version > from)) await m.up(client);
      await client.query(
        'INSERT INTO pm_schema_version (id, version) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET version = excluded.version',
        [Math.max(from, target)],
      );
      await client.query('COMMIT');
      return { from, to: Math.max(from, target) };
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    }
  } finally {
    client.release();
  }
}
