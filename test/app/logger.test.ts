import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../electron/app/logger';
import { tempDir } from '../helpers/temp-dir';

describe('logger', () => {
  it('writes every line to the file, only warnings and errors to stderr, with personal data and secrets redacted', () => {
    const file = path.join(tempDir(), 'logs', 'postmottak.log');
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const log = createLogger({ level: 'info', file, now: () => 0 });
      log.log('debug', 'not at all');
      log.log('info', 'fetched for 01017012345', { token: 'abc', source: 'altinn3' });
      log.log('warn', 'slow', { authorization: 'Bearer xyz' });
      const lines = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines).toEqual([
        { t: '1970-01-01T00:00:00.000Z', level: 'info', msg: 'fetched for 010170*****', token: '[skjult]', source: 'altinn3' },
        { t: '1970-01-01T00:00:00.000Z', level: 'warn', msg: 'slow', authorization: '[skjult]' },
      ]);
      expect(stderr).toHaveBeenCalledTimes(1);
      expect(String(stderr.mock.calls[0]![0])).toContain('"level":"warn"');
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    } finally {
      stderr.mockRestore();
    }
  });
});
