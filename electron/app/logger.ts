import fs from 'node:fs';
import path from 'node:path';
import type { Logger, LogLevel } from '../core/ports/logger.port';
import { redact, redactText } from '../core/redact';

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** JSON lines, redacted, to a file and (from `stderrLevel` up, default warn) to stderr. */
export function createLogger(opts: { level: LogLevel; file?: string; stderr?: boolean; stderrLevel?: LogLevel; now?: () => number }): Logger {
  let fd: number | undefined;
  if (opts.file) {
    fs.mkdirSync(path.dirname(opts.file), { recursive: true, mode: 0o700 });
    fd = fs.openSync(opts.file, 'a', 0o600);
    // a log written by an older version may be readable by others: owner only, like the rest of the data folder
    if (process.platform !== 'win32') fs.fchmodSync(fd, 0o600);
  }
  const now = opts.now ?? Date.now;
  return {
    log(level, message, fields) {
      if (order[level] < order[opts.level]) return;
      const line = JSON.stringify({
        t: new Date(now()).toISOString(),
        level,
        msg: redactText(message),
        ...(fields ? (redact(fields) as Record<string, unknown>) : {}),
      });
      if (opts.stderr !== false && order[level] >= order[opts.stderrLevel ?? 'warn']) process.stderr.write(line + '\n');
      if (fd !== undefined) fs.writeSync(fd, line + '\n');
    },
  };
}
