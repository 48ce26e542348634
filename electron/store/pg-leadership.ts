import type pg from 'pg';
import type { Leadership } from '../core/ports/leadership.port';
import type { Logger } from '../core/ports/logger.port';
import type { PgStore } from './open-pg-store';

/**
 * Advisory-lock keys: the name hashed into PostgreSQL's bigint key space, with a prefix of our own and the
 * store's schema. Advisory locks belong to the whole database, so two installations (or test runs) in
 * schemas of their own in one database must not take each other's names.
 */
const LOCK_KEY = "hashtextextended('pm:' || coalesce(current_schema(), '') || ':' || $1, 0)";

export interface PgLeadershipOptions {
  /** How often a node not holding a name tries to take it. */
  retryMs?: number;
  logger?: Logger;
  /** Told when this node takes or loses a name (status, tests). */
  onChange?: (name: string, held: boolean) => void;
}

/**
 * Leadership by session advisory locks on one dedicated connection: `pg_try_advisory_lock` never
 * waits, and the server frees a dead node's locks as soon as its connection goes (process killed,
 * machine gone once TCP keepalive gives up). Losing the connection here drops every name at once.
 */
export function createPgLeadership(store: Pick<PgStore, 'connect'>, o: PgLeadershipOptions = {}): Leadership {
  const retryMs = o.retryMs ?? 2_000;
  const held = new Set<string>();
  const running = new Set<string>();
  let wanted: readonly string[] = [];
  let client: pg.Client | null = null;
  let connecting: Promise<pg.Client> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  const lose = () => {
    for (const name of held) o.onChange?.(name, false);
    held.clear();
    client = null;
  };
  const session = async (): Promise<pg.Client> => {
    if (client) return client;
    connecting ??= store.connect().then((c) => {
      c.on('error', lose);
      c.on('end', lose);
      client = c;
      return c;
    });
    try {
      return await connecting;
    } finally {
      connecting = null;
    }
  };
  const tryLock = async (name: string): Promise<boolean> => {
    const c = await session();
    const r = await c.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(${LOCK_KEY}) AS ok`, [name]);
    return r.rows[0]?.ok === true;
  };
  const unlock = async (name: string) => {
    if (!client) return;
    await client.query(`SELECT pg_advisory_unlock(${LOCK_KEY})`, [name]).catch(() => undefined);
  };

  const tick = async () => {
    try {
      // a query on the session also finds out early that the connection is gone
      if (client && held.size > 0) await client.query('SELECT 1');
      for (const name of wanted) {
        if (held.has(name)) continue;
        if (await tryLock(name)) {
          held.add(name);
          o.logger?.log('info', 'leader taken', { name });
          o.onChange?.(name, true);
        }
      }
    } catch (e) {
      o.logger?.log('warn', 'leadership connection lost', { error: (e as Error).message });
      const c = client;
      lose();
      await c?.end().catch(() => undefined);
    }
  };
  const loop = () => {
    if (stopped) return;
    timer = setTimeout(() => void tick().finally(loop), retryMs);
    timer.unref?.();
  };

  return {
    holds: (name) => held.has(name),
    async exclusive(name, fn) {
      // a session lock is re-entrant for its own connection, so calls on this node are kept apart here
      if (running.has(name)) return undefined;
      running.add(name);
      let locked = false;
      try {
        locked = await tryLock(name);
        if (!locked) return undefined;
        return await fn();
      } finally {
        if (locked) await unlock(name);
        running.delete(name);
      }
    },
    start(names) {
      wanted = names;
      stopped = false;
      void tick().finally(loop);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      const c = client;
      lose();
      await c?.end().catch(() => undefined);
    },
  };
}
