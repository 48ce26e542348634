import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensurePrivateDir } from '../../electron/app/paths';
import type { Logger } from '../../electron/core/ports/logger.port';
import { backupStore, openStore, restoreStore } from '../../electron/store';
import { tempDir } from '../helpers/temp-dir';
import { testHub } from '../helpers/test-hub';

// #12 item 10: the headless host made its data folder 0755 and the database, WAL, SHM and
// backups 0644 (under the usual umask 022). These fail on the code before the fix.

const modeOf = (p: string) => (fs.statSync(p).mode & 0o777).toString(8);

describe.skipIf(process.platform === 'win32')('owner-only files in the data folder (#12 item 10)', () => {
  const umask = process.umask(0o022);
  process.umask(umask === 0 ? 0o022 : umask);

  it('the store creates its folder 0700 and the database, WAL, SHM and backups 0600', async () => {
    const dir = path.join(tempDir(), 'nested', 'data');
    const file = path.join(dir, 'postmottak.db');
    const store = openStore(file);
    store.db.exec('CREATE TABLE t (x INTEGER) STRICT; INSERT INTO t VALUES (1)');
    expect(modeOf(dir)).toBe('700');
    for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(modeOf(f), f).toBe('600');
    const backups = path.join(tempDir(), 'elsewhere', 'backups');
    const { file: backup } = await backupStore(store, path.join(backups, 'b.db'));
    expect(modeOf(backups)).toBe('700');
    expect(modeOf(backup)).toBe('600');
    await store.close();
    const { previous } = restoreStore(backup, file);
    expect(modeOf(file)).toBe('600');
    expect(modeOf(previous!)).toBe('600');
  });

  it('tightens database files an older version left readable', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'postmottak.db');
    await openStore(file).close();
    fs.chmodSync(file, 0o644);
    const store = openStore(file);
    store.db.exec('CREATE TABLE t (x INTEGER) STRICT');
    expect(modeOf(file)).toBe('600');
    expect(modeOf(`${file}-wal`)).toBe('600');
    await store.close();
  });

  it('ensurePrivateDir creates 0700 and tightens an open folder, saying what it was', () => {
    const fresh = path.join(tempDir(), 'a', 'b');
    expect(ensurePrivateDir(fresh)).toEqual({ tightenedFrom: null });
    expect(modeOf(fresh)).toBe('700');
    const open = tempDir();
    fs.chmodSync(open, 0o755);
    expect(ensurePrivateDir(open)).toEqual({ tightenedFrom: '0755' });
    expect(modeOf(open)).toBe('700');
  });

  it('the hub tightens an existing data folder at start, with a log line, and writes its files owner-only', async () => {
    const lines: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
    const logger: Logger = { log: (level, message, fields) => void lines.push({ level, message, fields }) };
    const dataDir = tempDir();
    fs.chmodSync(dataDir, 0o755);
    const { hub } = await testHub({ dataDir, logger });
    try {
      expect(modeOf(dataDir)).toBe('700');
      expect(lines).toContainEqual({ level: 'warn', message: 'data folder tightened to owner only (0700)', fields: { dir: dataDir, was: '0755' } });
      await hub.runner.enqueue('store.backup', {}, 'test:backup');
      for (let i = 0; i < 100 && !(fs.existsSync(hub.backupDir) && fs.readdirSync(hub.backupDir).some((f) => f.endsWith('.db'))); i++) await new Promise((res) => setTimeout(res, 50));
      const files = fs.readdirSync(dataDir, { recursive: true, withFileTypes: true });
      expect(files.length).toBeGreaterThan(3);
      for (const f of files) {
        const p = path.join(f.parentPath, f.name);
        expect(modeOf(p), p).toBe(f.isDirectory() ? '700' : '600');
      }
      expect(fs.readdirSync(hub.backupDir).some((f) => f.endsWith('.db'))).toBe(true);
    } finally {
      await hub.stop();
    }
  });

  it('the hub creates a missing data folder 0700 without a tightening line', async () => {
    const lines: string[] = [];
    const dataDir = path.join(tempDir(), 'new');
    const { hub } = await testHub({ dataDir, logger: { log: (_l, m) => void lines.push(m) } });
    await hub.stop();
    expect(modeOf(dataDir)).toBe('700');
    expect(lines.filter((l) => l.includes('tightened'))).toEqual([]);
  });
});
