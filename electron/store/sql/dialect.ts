import type { SqlClient } from './sql-client';

/**
 * The few places where SQLite and PostgreSQL spell the same thing differently. Everything else in
 * the repositories is SQL both accept (ON CONFLICT, RETURNING, CASE, LIMIT/OFFSET, window-free
 * aggregates); keep it that way and add a fragment here rather than a second query.
 */
export function dialectOf(sql: Pick<SqlClient, 'dialect'>) {
  const pg = sql.dialect === 'postgres';
  return {
    pg,
    /** The members of a JSON array of strings bound as one parameter, as a sub-select (`col IN ${jsonList('@p')}`). */
    jsonList: (param: string) => (pg ? `(SELECT value FROM json_array_elements_text(CAST(${param} AS json)))` : `(SELECT value FROM json_each(${param}))`),
    /** The larger of two values (SQLite's scalar max). */
    greatest: (a: string, b: string) => (pg ? `GREATEST(${a}, ${b})` : `max(${a}, ${b})`),
    /** The values of a text column joined with commas (an aggregate). */
    joinText: (col: string) => (pg ? `string_agg(${col}, ',')` : `group_concat(${col})`),
    /** SQLite's planner hint; PostgreSQL chooses by itself. */
    indexedBy: (index: string) => (pg ? '' : `INDEXED BY ${index}`),
    /** The calendar date (YYYY-MM-DD) of an epoch-milliseconds expression shifted by `offsetMs` (an expression). */
    dateOfMs: (ms: string, offsetMs: string) =>
      pg ? `to_char(to_timestamp((${ms} + ${offsetMs}) / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD')` : `date((${ms} + ${offsetMs}) / 1000, 'unixepoch')`,
  };
}
export type Dialect = ReturnType<typeof dialectOf>;
