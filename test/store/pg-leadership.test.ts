import { afterEach, describe, expect, inject, it } from 'vitest';
import type { Leadership } from '../../electron/core/ports/leadership.port';
import { openPostgresStore, type PgStore } from '../../electron/store/open-pg-store';
import { createPgLeadership } from '../../electron/store/pg-leadership';
import { freshSchema } from '../helpers/test-store';

// #19: leader names are session advisory locks, which belong to the whole database: nodes of one
// store (one schema) share them, and a store in another schema of the same database has its own.

const opened: { store: PgStore; leadership: Leadership }[] = [];
afterEach(async () => {
  for (const o of opened.splice(0)) {
    await o.leadership.stop();
    await o.store.close();
  }
});

async function node(schema: string): Promise<{ store: PgStore; leadership: Leadership }> {
  const store = await openPostgresStore({ url: inject('pgUrl'), schema, pool: { max: 2 } });
  const o = { store, leadership: createPgLeadership(store, { retryMs: 50 }) };
  opened.push(o);
  return o;
}

const until = async (what: string, fn: () => boolean) => {
  const end = Date.now() + 5_000;
  while (!fn()) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('leadership on PostgreSQL (#19)', () => {
  it('one node of a store holds a name; a store in another schema of the same database holds its own', async () => {
    const team = freshSchema();
    const [a, b] = [await node(team), await node(team)];
    const other = await node(freshSchema());
    a.leadership.start(['schedules']);
    await until('a leads', () => a.leadership.holds('schedules'));
    b.leadership.start(['schedules']);
    other.leadership.start(['schedules']);
    await until('the other installation leads its own store', () => other.leadership.holds('schedules'));
    await new Promise((r) => setTimeout(r, 200));
    expect(b.leadership.holds('schedules')).toBe(false);

    // exclusive: kept apart within the store, not across stores
    let inside = 0;
    const results = await Promise.all([
      a.leadership.exclusive('ingest.altinn3', async () => {
        inside++;
        await new Promise((r) => setTimeout(r, 200));
        return 'a';
      }),
      new Promise((r) => setTimeout(r, 50)).then(() => b.leadership.exclusive('ingest.altinn3', async () => 'b')),
      new Promise((r) => setTimeout(r, 50)).then(() => other.leadership.exclusive('ingest.altinn3', async () => 'other')),
    ]);
    expect(results).toEqual(['a', undefined, 'other']);
    expect(inside).toBe(1);

    // the leader goes: the other node of its store takes the name
    await a.leadership.stop();
    await until('b takes over', () => b.leadership.holds('schedules'));
  });
});
