import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { backupStore, BackupInvalidError, createAuditRepo, latestVersion, openStore, restoreStore, StoreTooNewError, type Store } from '../../electron/store';
import { BackupUnsupportedError } from '../../electron/store/backup';
import { tempDir } from '../helpers/temp-dir';

describe('backup and restore', () => {
  it('backs up online while writes continue, and restores to that state', async () => {
    const dir = tempDir();
    const dbFile = path.join(dir, 'live.db');
    const store = openStore(dbFile);
    const audit = createAuditRepo(store.sql, store.uow);
    for (let i = 0; i < 200; i++) await audit.append({ actor: 'a', action: 'before' }, i);
    const backup = backupStore(store, path.join(dir, 'b', 'copy.db'));
    // writes while the backup runs must not corrupt it
    for (let i = 0; i < 50; i++) await audit.append({ actor: 'a', action: 'during' }, 1000 + i);
    const { file } = await backup;
    for (let i = 0; i < 10; i++) await audit.append({ actor: 'a', action: 'after' }, 5000 + i);
    expect(fs.existsSync(`${file}.partial`)).toBe(false);
    const copy = new Database(file, { readonly: true });
    const n = (copy.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    copy.close();
    expect(n).toBeGreaterThanOrEqual(200);
    await store.close();

    const r = restoreStore(file, dbFile);
    expect(r.previous).toBe(`${dbFile}.before-restore`);
    const restored = openStore(dbFile);
    const ra = createAuditRepo(restored.sql, restored.uow);
    expect(await ra.count()).toBe(n);
    expect((await ra.verify()).ok).toBe(true);
    await restored.close();
    const before = new Database(r.previous!, { readonly: true });
    expect((before.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n).toBe(260);
    before.close();
  });

  it('refuses a file that is not a database, and keeps the current one', async () => {
    const dir = tempDir();
    const dbFile = path.join(dir, 'live.db');
    await openStore(dbFile).close();
    const junk = path.join(dir, 'junk.db');
    fs.writeFileSync(junk, 'not sqlite at all, just text '.repeat(100));
    expect(() => restoreStore(junk, dbFile)).toThrow(BackupInvalidError);
    expect(fs.existsSync(`${dbFile}.before-restore`)).toBe(false);
    const current = openStore(dbFile);
    expect(await current.schemaVersion()).toBe(latestVersion());
    await current.close();
  });

  it('refuses a backup from a newer app', () => {
    const dir = tempDir();
    const future = path.join(dir, 'future.db');
    const db = new Database(future);
    db.pragma(`user_version = ${latestVersion() + 10}`);
    db.close();
    expect(() => restoreStore(future, path.join(dir, 'live.db'))).toThrow(StoreTooNewError);
  });

  it('refuses, in Norwegian, to back up a store that is not SQLite', async () => {
    const dir = tempDir();
    const sqlite = openStore(path.join(dir, 'live.db'));
    // a PostgreSQL store as backup sees it: everything but the SQLite file
    const pg: Store = { ...sqlite, kind: 'postgres' } as unknown as Store;
    const target = path.join(dir, 'b', 'copy.db');
    await expect(backupStore(pg, target)).rejects.toThrow(BackupUnsupportedError);
    await expect(backupStore(pg, target)).rejects.toThrow(/bare den innebygde SQLite-databasen.*PostgreSQL/);
    expect(fs.existsSync(target)).toBe(false);
    expect(fs.existsSync(`${target}.partial`)).toBe(false);
    await sqlite.close();
  });
});
