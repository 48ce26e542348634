// #17 item 6: every backup is restore-tested (opened read-only, integrity_check, schema version); a bad copy fails the job and is not kept.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { BackupCheckFailedError, lastBackup, lastFailedBackup, listBackups, runBackup } from '../../electron/app/admin/backups';
import { createMetaRepo, latestVersion, openStore } from '../../electron/store';
import { checkBackup } from '../../electron/store/backup';
import { FakeClock } from '../helpers/fake-clock';
import { tempDir } from '../helpers/temp-dir';

const HOUR = 3_600_000;

describe('backups with a restore test', () => {
  it('records the check of each copy, keeps the newest good ones, and shows them in order', async () => {
    const dir = tempDir();
    const store = openStore(path.join(dir, 'live.db'));
    const meta = createMetaRepo(store.sql);
    const clock = new FakeClock(Date.UTC(2026, 5, 1, 2));
    const backups = path.join(dir, 'backups');
    for (let i = 0; i < 4; i++) {
      await runBackup(store, backups, 2, clock, meta);
      clock.advance(24 * HOUR);
    }
    const last = (await lastBackup(meta))!;
    expect(last.check).toEqual({ ok: true, result: 'ok', schemaVersion: latestVersion(), at: Date.UTC(2026, 5, 4, 2) });
    expect(listBackups(backups).map((b) => b.at)).toEqual([Date.UTC(2026, 5, 4, 2), Date.UTC(2026, 5, 3, 2)]);
    expect(await lastFailedBackup(meta)).toBeNull();
    await store.close();
  });

  it('fails on a damaged copy: the job throws, the copy is set aside and not counted among the kept ones', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'live.db');
    const store0 = openStore(file);
    store0.db.exec('CREATE TABLE filler (x TEXT); CREATE INDEX filler_x ON filler (x);');
    const ins = store0.db.prepare('INSERT INTO filler VALUES (?)');
    for (let i = 0; i < 2000; i++) ins.run(`rad ${i} ${'x'.repeat(50)}`);
    await store0.close();
    // damage as a failing disk does: one byte of one row changes in the file, so table and index disagree
    const bytes = fs.readFileSync(file);
    const at = bytes.indexOf(Buffer.from('rad 1000 xxxx'));
    expect(at).toBeGreaterThan(0);
    bytes[at + 9] = 'y'.charCodeAt(0);
    fs.writeFileSync(file, bytes);

    const store = openStore(file);
    const meta = createMetaRepo(store.sql);
    const clock = new FakeClock(Date.UTC(2026, 5, 1, 2));
    const backups = path.join(dir, 'backups');
    const err = await runBackup(store, backups, 3, clock, meta).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackupCheckFailedError);
    expect((err as Error).message).toMatch(/besto ikke kontrollen.*filler_x/);
    expect(listBackups(backups)).toEqual([]);
    expect(fs.readdirSync(backups)).toEqual(['postmottak-20260601-020000.db.failed']);
    expect(await lastBackup(meta)).toBeNull();
    expect(await lastFailedBackup(meta)).toMatchObject({ at: Date.UTC(2026, 5, 1, 2), result: expect.stringMatching(/missing from index filler_x|wrong # of entries/) });
    await store.close();
  });

  it('refuses what is not a database, and a copy of another schema version', () => {
    const dir = tempDir();
    const junk = path.join(dir, 'junk.db');
    fs.writeFileSync(junk, 'ikke en database '.repeat(500));
    expect(checkBackup(junk)).toMatchObject({ ok: false, schemaVersion: null, result: expect.stringMatching(/ikke en lesbar database|Kan ikke åpne/) });
    const other = path.join(dir, 'old.db');
    const db = new Database(other);
    db.pragma('user_version = 90');
    db.close();
    expect(checkBackup(other)).toMatchObject({ ok: false, schemaVersion: 90, result: expect.stringMatching(/skjemaversjon 90/) });
  });
});
