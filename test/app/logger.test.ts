import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../electron/app/logger';
import { readLogs } from '../../electron/app/logs/log-reader';
import { logFilesNewestFirst, rotatedFiles } from '../../electron/app/logs/rotating-file';
import { tempDir } from '../helpers/temp-dir';

const DAY = 86_400_000;
const linesOf = (file: string) =>
  fs
    .readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
const quiet = () => vi.spyOn(process.stderr, 'write').mockImplementation(() => true);

describe('logger', () => {
  it('writes every line to the file, only warnings and errors to stderr, with personal data and secrets redacted', () => {
    const file = path.join(tempDir(), 'logs', 'postmottak.log');
    const stderr = quiet();
    try {
      const log = createLogger({ level: 'info', file, now: () => 0 });
      log.log('debug', 'not at all');
      log.log('info', 'fetched for 01017012345', { token: 'abc', source: 'altinn3' });
      log.log('warn', 'slow', { authorization: 'Bearer xyz' });
      expect(linesOf(file)).toEqual([
        { t: '1970-01-01T00:00:00.000Z', level: 'info', msg: 'fetched for 010170*****', token: '[skjult]', source: 'altinn3' },
        { t: '1970-01-01T00:00:00.000Z', level: 'warn', msg: 'slow', authorization: '[skjult]' },
      ]);
      expect(stderr).toHaveBeenCalledTimes(1);
      expect(String(stderr.mock.calls[0]![0])).toContain('"level":"warn"');
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    } finally {
      stderr.mockRestore();
    }
  });

  it('blanks secret- and person-named fields at any depth, masks fødselsnummer in values and errors, and keeps its own keys', () => {
    const file = path.join(tempDir(), 'postmottak.log');
    const log = createLogger({ level: 'debug', file, stderr: false, now: () => 0 });
    log.log('info', 'lookup', {
      personNumber: '01017012345',
      nested: { password: 'hunter22', clientSecret: 'x', fnr: '01017012345', note: 'for 010170 12345 and 31129912345' },
      error: new Error('refused for 01017012345'),
      msg: 'a field named msg',
      level: 'a field named level',
    });
    const [line] = linesOf(file);
    expect(line).toEqual({
      t: '1970-01-01T00:00:00.000Z',
      level: 'info',
      msg: 'lookup',
      personNumber: '[skjult]',
      nested: { password: '[skjult]', clientSecret: '[skjult]', fnr: '[skjult]', note: 'for 010170***** and 311299*****' },
      error: { name: 'Error', message: 'refused for 010170*****' },
      'field.msg': 'a field named msg',
      'field.level': 'a field named level',
    });
    expect(fs.readFileSync(file, 'utf8')).not.toMatch(/\d{11}|hunter22/);
  });

  it('rotates by size into owner-only files, keeps maxFiles, and the reader reads across them newest first', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'logs', 'postmottak.log');
    let now = Date.UTC(2026, 11, 7, 10);
    // a line is ~90 bytes: 2 KB holds ~20 lines, so 200 lines make ~10 files, of which 3 rotated are kept
    const log = createLogger({ level: 'info', file, stderr: false, now: () => now, maxSizeMB: 2 / 1024, maxFiles: 3 });
    for (let i = 0; i < 200; i++) {
      now += 1000;
      log.log('info', `line ${i}`, { i });
    }
    log.close();
    const rotated = rotatedFiles(file);
    expect(rotated.map((f) => path.basename(f))).toEqual(['postmottak.log.1', 'postmottak.log.2', 'postmottak.log.3']);
    for (const f of logFilesNewestFirst(file)) {
      expect(fs.statSync(f).mode & 0o777, f).toBe(0o600);
      expect(fs.statSync(f).size).toBeLessThanOrEqual(2048);
    }
    // every line whole, in order, the newest in the active file
    const all = logFilesNewestFirst(file)
      .reverse()
      .flatMap((f) => linesOf(f).map((l) => l.i as number));
    expect(all.at(-1)).toBe(199);
    expect(all).toEqual(Array.from({ length: all.length }, (_, k) => 200 - all.length + k));
    expect(all.length).toBeGreaterThan(60);

    const page1 = await readLogs(file, { limit: 50 });
    expect(page1.files).toBe(4);
    expect(page1.entries.map((e) => e.fields.i)).toEqual(Array.from({ length: 50 }, (_, k) => 199 - k));
    const rest = await readLogs(file, { limit: 1000, before: page1.next! });
    expect(rest.next).toBeNull();
    expect(rest.entries.map((e) => e.fields.i)).toEqual(all.slice(0, all.length - 50).reverse());
  });

  it('rotates at the first line of a new day and deletes rotated files older than maxAgeDays', () => {
    const file = path.join(tempDir(), 'postmottak.log');
    let now = Date.UTC(2026, 11, 1, 12);
    const log = createLogger({ level: 'info', file, stderr: false, now: () => now, maxAgeDays: 2, maxFiles: 10 });
    log.log('info', 'day one');
    now += DAY;
    log.log('info', 'day two');
    expect(rotatedFiles(file)).toHaveLength(1);
    expect(linesOf(`${file}.1`).map((l) => l.msg)).toEqual(['day one']);
    // the rotated file's last write was day one: three days later it is past maxAgeDays and goes at the next rotation
    fs.utimesSync(`${file}.1`, new Date(Date.UTC(2026, 11, 1, 12)), new Date(Date.UTC(2026, 11, 1, 12)));
    fs.utimesSync(file, new Date(now), new Date(now));
    now += 2 * DAY;
    log.log('info', 'day four');
    log.close();
    expect(rotatedFiles(file).map((f) => path.basename(f))).toEqual(['postmottak.log.1']);
    expect(linesOf(`${file}.1`).map((l) => l.msg)).toEqual(['day two']);
    expect(linesOf(file).map((l) => l.msg)).toEqual(['day four']);
  });

  it('survives a log folder that disappears: the caller goes on, stderr says so once', () => {
    const dir = tempDir();
    const file = path.join(dir, 'logs', 'postmottak.log');
    const stderr = quiet();
    try {
      const log = createLogger({ level: 'info', file, stderr: false, now: () => 0, maxSizeMB: 100 / 1024 / 1024 });
      log.log('info', 'first line that fills the file');
      fs.rmSync(path.join(dir, 'logs'), { recursive: true });
      expect(() => {
        log.log('info', 'second');
        log.log('info', 'third');
      }).not.toThrow();
      expect(stderr.mock.calls.filter((c) => String(c[0]).includes('kan ikke skrive til loggfilen'))).toHaveLength(1);
    } finally {
      stderr.mockRestore();
    }
  });
});
