import { pino, type DestinationStream, type StreamEntry } from 'pino';
import type { Logger, LogLevel } from '../core/ports/logger.port';
import { redact, redactText } from '../core/redact';
import { createRotatingFile } from './logs/rotating-file';

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const DAY = 86_400_000;

/**
 * Keys blanked by pino whatever their value, at the top and one level down, on top of core's
 * `redact` (which blanks secret-named keys at any depth and masks 11-digit runs in every string):
 * a person's number under a name core does not know as secret is blanked here.
 */
const SECRET_KEYS = [
  'password',
  'passphrase',
  'secret',
  'clientSecret',
  'token',
  'accessToken',
  'refreshToken',
  'authorization',
  'cookie',
  'apiKey',
  'privateKey',
  'personNumber',
  'personnummer',
  'fnr',
  'fodselsnummer',
  'ssn',
];
export const REDACT_PATHS = SECRET_KEYS.flatMap((k) => [k, `*.${k}`]);

/** The keys of a line itself: a field of the same name is kept under `field.<name>` instead of overwriting them. */
const RESERVED = new Set(['t', 'level', 'msg']);

export interface LoggerOptions {
  level: LogLevel;
  /** The log file; without it, only stderr. */
  file?: string;
  stderr?: boolean;
  /** From this level up, lines go to stderr too (default warn). */
  stderrLevel?: LogLevel;
  now?: () => number;
  /** Rotation (#17 item 5; `logging.*` in the config): size in MB, rotated files kept, their age in days. */
  maxSizeMB?: number;
  maxFiles?: number;
  maxAgeDays?: number;
}

/** A field value as it may be written: errors as their name and (redacted) message, the rest redacted by core. */
function prepare(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    const value = v instanceof Error ? { name: v.name, message: v.message } : v;
    out[RESERVED.has(k) ? `field.${k}` : k] = value;
  }
  return redact(out) as Record<string, unknown>;
}

/**
 * The logger adapter (pino): JSON lines `{"level","t","msg",…fields}`, redacted, written
 * synchronously to a rotating, owner-only file and, from `stderrLevel` up (default warn), to stderr.
 */
export function createLogger(opts: LoggerOptions): Logger & { close(): void } {
  const now = opts.now ?? Date.now;
  const file = opts.file
    ? createRotatingFile(opts.file, {
        maxBytes: Math.round((opts.maxSizeMB ?? 10) * 1024 * 1024),
        maxFiles: opts.maxFiles ?? 10,
        maxAgeMs: (opts.maxAgeDays ?? 30) * DAY,
        now,
      })
    : null;
  const stderrLevel: LogLevel = order[opts.stderrLevel ?? 'warn'] > order[opts.level] ? (opts.stderrLevel ?? 'warn') : opts.level;
  const streams: StreamEntry<LogLevel>[] = [];
  if (file) streams.push({ level: opts.level, stream: file satisfies DestinationStream });
  // process.stderr looked up at write time (not captured), as the host and the tests may replace its write
  if (opts.stderr !== false) streams.push({ level: stderrLevel, stream: { write: (line: string) => void process.stderr.write(line) } });
  if (streams.length === 0) return { log: () => undefined, close: () => undefined };

  const p = pino<never>(
    {
      level: opts.level,
      base: null,
      messageKey: 'msg',
      timestamp: () => `,"t":"${new Date(now()).toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: '[skjult]' },
    },
    pino.multistream(streams),
  );
  return {
    log(level, message, fields) {
      if (order[level] < order[opts.level]) return;
      p[level](fields ? prepare(fields) : {}, redactText(message));
    },
    close() {
      file?.close();
    },
  };
}
