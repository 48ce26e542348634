import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import type { UnitOfWork } from '../../core/ports/unit-of-work.port';
import { toPg } from './pg-placeholders';
import type { SqlClient, SqlParams, SqlValue } from './sql-client';

interface Frame {
  client: pg.PoolClient;
  closed: boolean;
}

/** int8 (counts, epoch milliseconds) and numeric (sums) as JS numbers: every such value here is far below 2^53. */
const INT8 = 20;
const NUMERIC = 1700;
const asNumber = (v: string) => Number(v);
export const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 || oid === NUMERIC ? asNumber : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** SQLSTATEs after which the whole unit may simply run again: serialization failure, deadlock. */
const RETRYABLE = new Set(['40001', '40P01']);
const MAX_TRIES = 4;

/**
 * node-postgres behind the async SqlClient and UnitOfWork. Outside a unit every statement takes
 * a pooled connection of its own; inside one, the unit's connection is found through
 * AsyncLocalStorage, so repositories need no handle passed down.
 */
export function createPgSql(pool: pg.Pool): { sql: SqlClient; uow: UnitOfWork } {
  const als = new AsyncLocalStorage<Frame>();
  let savepoints = 0;
  const target = (): pg.Pool | pg.PoolClient => {
    const f = als.getStore();
    return f && !f.closed ? f.client : pool;
  };
  const query = async <T>(sql: string, params?: SqlParams): Promise<pg.QueryResult & { rows: T[] }> => {
    const { text, values } = toPg(sql, params);
    return target().query(text, values.map(toPgValue));
  };
  const sql: SqlClient = {
    dialect: 'postgres',
    all: async <T>(s: string, p?: SqlParams) => (await query<T>(s, p)).rows,
    get: async <T>(s: string, p?: SqlParams) => (await query<T>(s, p)).rows[0],
    run: async (s: string, p?: SqlParams) => ({ changes: (await query(s, p)).rowCount ?? 0 }),
  };

  async function once<T>(fn: () => Promise<T>): Promise<T> {
    const client = await pool.connect();
    const frame: Frame = { client, closed: false };
    let broken = false;
    try {
      await client.query('BEGIN');
      try {
        const result = await als.run(frame, fn);
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => (broken = true));
        throw e;
      }
    } finally {
      frame.closed = true;
      client.release(broken);
    }
  }

  const uow: UnitOfWork = {
    async run<T>(fn: () => Promise<T>): Promise<T> {
      const f = als.getStore();
      if (f && !f.closed) {
        const name = `sp${++savepoints}`;
        await f.client.query(`SAVEPOINT ${name}`);
        try {
          const result = await fn();
          await f.client.query(`RELEASE SAVEPOINT ${name}`);
          return result;
        } catch (e) {
          await f.client.query(`ROLLBACK TO SAVEPOINT ${name}`);
          await f.client.query(`RELEASE SAVEPOINT ${name}`);
          throw e;
        }
      }
      for (let attempt = 1; ; attempt++) {
        try {
          return await once(fn);
        } catch (e) {
          // two nodes crossing on the same rows: PostgreSQL rolled one back; its work is redone whole
          if (attempt >= MAX_TRIES || !RETRYABLE.has((e as { code?: string }).code ?? '')) throw e;
        }
      }
    },
  };
  return { sql, uow };
}

/** Uint8Array views are sent as bytea (node-postgres sends only Buffers as binary). */
const toPgValue = (v: SqlValue): unknown => (v instanceof Uint8Array && !Buffer.isBuffer(v) ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : v);
