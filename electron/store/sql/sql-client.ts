/** A value a statement binds: both drivers take these as they are (no booleans: flags are 0/1 integers in both schemas). */
export type SqlValue = string | number | bigint | Uint8Array | null;
/** Positional (`?`) or named (`@name`) parameters; the PostgreSQL client rewrites both to `$n`. */
export type SqlParams = readonly SqlValue[] | Readonly<Record<string, SqlValue>>;

export type SqlDialect = 'sqlite' | 'postgres';

/**
 * The one way repositories reach a database. Every call runs in the ambient unit of work when
 * one is open (see unit-of-work.port.ts), and as its own statement otherwise. SQL is written once
 * where both dialects agree; where they do not, the repository asks `dialect` (see dialect.ts).
 */
export interface SqlClient {
  readonly dialect: SqlDialect;
  all<T>(sql: string, params?: SqlParams): Promise<T[]>;
  get<T>(sql: string, params?: SqlParams): Promise<T | undefined>;
  run(sql: string, params?: SqlParams): Promise<{ changes: number }>;
}
