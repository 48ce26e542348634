import { describe, expect, it } from 'vitest';
import { createGroupCommit } from '../../electron/core/ingest/group-commit';
import { storeKinds, testStoresOf } from '../helpers/test-store';

describe.each(storeKinds())('group commit (%s)', (kind) => {
  const open = testStoresOf(kind);

  it('commits units that arrive together in one transaction, each in its own savepoint, and settles them after the commit', async () => {
    const { store } = await open();
    await store.sql.run('CREATE TABLE gc_rows (n INTEGER NOT NULL)');
    const commits: number[] = [];
    // counts the outermost transactions
    const uow = { run: <T>(fn: () => Promise<T>) => store.uow.run(fn) };
    let outer = 0;
    const counting = {
      run: async <T>(fn: () => Promise<T>): Promise<T> => {
        const top = outer === 0;
        if (top) outer++;
        try {
          return await uow.run(fn);
        } finally {
          if (top) {
            outer--;
            commits.push(1);
          }
        }
      },
    };
    const commit = createGroupCommit(counting, 16);
    const settled: string[] = [];
    const unit = (n: number) =>
      commit(async () => {
        await store.sql.run('INSERT INTO gc_rows (n) VALUES (?)', [n]);
        if (n === 3) throw new Error('unit 3 failed');
        return n;
      }).then(
        (v) => {
          settled.push(`ok ${v}`);
        },
        (e: Error) => {
          settled.push(e.message);
        },
      );
    await Promise.all([1, 2, 3, 4, 5].map(unit));
    // one transaction for the five; the failed unit undid only its own row
    expect(commits).toHaveLength(1);
    expect(settled.sort()).toEqual(['ok 1', 'ok 2', 'ok 4', 'ok 5', 'unit 3 failed']);
    expect((await store.sql.all<{ n: number }>('SELECT n FROM gc_rows ORDER BY n')).map((r) => Number(r.n))).toEqual([1, 2, 4, 5]);
  });

  it('settles no unit before its commit: a failing commit rejects the whole group and stores nothing', async () => {
    const { store } = await open();
    await store.sql.run('CREATE TABLE gc_rows2 (n INTEGER NOT NULL)');
    let inside = false;
    const failingCommit = {
      run: async <T>(fn: () => Promise<T>): Promise<T> => {
        if (inside) return store.uow.run(fn);
        inside = true;
        try {
          return await store.uow.run(async (): Promise<T> => {
            await fn();
            throw new Error('disk full');
          });
        } finally {
          inside = false;
        }
      },
    };
    const commit = createGroupCommit(failingCommit, 8);
    const results = await Promise.allSettled([1, 2].map((n) => commit(() => store.sql.run('INSERT INTO gc_rows2 (n) VALUES (?)', [n]))));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await store.sql.all('SELECT n FROM gc_rows2')).toEqual([]);
  });

  it('takes units that arrive during a commit into the next group, and none is left waiting', async () => {
    const { store } = await open();
    await store.sql.run('CREATE TABLE gc_rows3 (n INTEGER NOT NULL)');
    const commit = createGroupCommit(store.uow, 4);
    const done: Promise<unknown>[] = [];
    for (let n = 0; n < 30; n++) {
      done.push(commit(() => store.sql.run('INSERT INTO gc_rows3 (n) VALUES (?)', [n])));
      if (n % 7 === 0) await new Promise((r) => setImmediate(r));
    }
    await Promise.all(done);
    expect(Number((await store.sql.get<{ c: number }>('SELECT count(*) AS c FROM gc_rows3'))!.c)).toBe(30);
  });
});
