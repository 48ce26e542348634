import { AsyncLocalStorage } from 'node:async_hooks';
import type Database from 'better-sqlite3';
import type { UnitOfWork } from '../../core/ports/unit-of-work.port';
import type { SqlClient, SqlParams } from './sql-client';

interface Frame {
  closed: boolean;
}

/** Prepared statements kept per SQL text; the texts come from fixed fragments, the bound keeps odd IN-list lengths from growing it. */
const STATEMENT_CACHE_MAX = 512;

/**
 * better-sqlite3 behind the async SqlClient and UnitOfWork. One connection serves the process:
 * while a unit of work holds it (BEGIN IMMEDIATE … COMMIT across awaits), statements from outside
 * that unit wait at the gate, so they neither join nor see its uncommitted writes. The unit is
 * carried by AsyncLocalStorage, so store calls awaited inside `run` need no handle passed down.
 */
export function createSqliteSql(db: Database.Database): { sql: SqlClient; uow: UnitOfWork } {
  const als = new AsyncLocalStorage<Frame>();
  const cache = new Map<string, Database.Statement>();
  let gate: Promise<void> | null = null;
  let savepoints = 0;

  const prepare = (text: string): Database.Statement => {
    let st = cache.get(text);
    if (!st) {
      if (cache.size >= STATEMENT_CACHE_MAX) cache.delete(cache.keys().next().value!);
      st = db.prepare(text);
      cache.set(text, st);
    }
    return st;
  };
  const inUnit = () => {
    const f = als.getStore();
    return f !== undefined && !f.closed;
  };
  const pass = async (): Promise<void> => {
    while (gate && !inUnit()) await gate;
  };
  const bind = (params: SqlParams | undefined): unknown[] => (params === undefined ? [] : Array.isArray(params) ? (params as unknown[]) : [params]);

  const sql: SqlClient = {
    dialect: 'sqlite',
    async all<T>(text: string, params?: SqlParams) {
      if (gate) await pass();
      return prepare(text).all(...bind(params)) as T[];
    },
    async get<T>(text: string, params?: SqlParams) {
      if (gate) await pass();
      return prepare(text).get(...bind(params)) as T | undefined;
    },
    async run(text: string, params?: SqlParams) {
      if (gate) await pass();
      return { changes: prepare(text).run(...bind(params)).changes };
    },
  };

  const uow: UnitOfWork = {
    async run<T>(fn: () => Promise<T>): Promise<T> {
      if (inUnit()) {
        // nested: a savepoint, so a caught failure inside undoes only its own writes
        const name = `sp${++savepoints}`;
        db.exec(`SAVEPOINT ${name}`);
        try {
          const result = await fn();
          db.exec(`RELEASE ${name}`);
          return result;
        } catch (e) {
          db.exec(`ROLLBACK TO ${name}`);
          db.exec(`RELEASE ${name}`);
          throw e;
        }
      }
      while (gate) await gate;
      let open!: () => void;
      gate = new Promise<void>((resolve) => (open = resolve));
      const frame: Frame = { closed: false };
      try {
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await als.run(frame, fn);
          db.exec('COMMIT');
          return result;
        } catch (e) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw e;
        }
      } finally {
        // work started inside but not awaited goes through the gate like any other caller from now on
        frame.closed = true;
        gate = null;
        open();
      }
    },
  };
  return { sql, uow };
}
