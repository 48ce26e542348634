import fs from 'node:fs';
import type { LogLevel } from '../../core/ports/logger.port';
import { redact, redactText } from '../../core/redact';
import { logFilesNewestFirst } from './rotating-file';

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const CHUNK = 64 * 1024;
/** A longer line is not a log line of ours: skipped rather than held. */
const MAX_LINE = 1024 * 1024;

export interface LogEntry {
  /** ISO time as written. */
  t: string;
  level: LogLevel;
  msg: string;
  /** Every other key of the line, redacted again on the way out. */
  fields: Record<string, unknown>;
}

/** Where a page ended: the next page starts at entries older than `t`, after the first `skip` matches at `t` itself. */
export interface LogCursor {
  t: string;
  skip: number;
}

export interface LogQuery {
  /** The lowest level shown (warn: warnings and errors). */
  level?: LogLevel;
  /** Case-insensitive, in the message and the fields. */
  text?: string;
  /** ms since the epoch, inclusive. */
  from?: number;
  to?: number;
  /** The jobs' integration (altinn, archive, …): a line's `integration` field, or its job `type` of that integration. */
  integration?: string;
  jobType?: string;
  before?: LogCursor;
  limit: number;
}

export interface LogPage {
  entries: LogEntry[];
  /** Set when there may be older matching entries. */
  next: LogCursor | null;
  /** Log files looked at (the active one and the rotated ones). */
  files: number;
  /** The scan stopped at its byte cap before the oldest file was read to the end. */
  truncated: boolean;
}

/**
 * The lines of a file from the last to the first, read backwards in chunks: memory holds one
 * chunk and one partial line, whatever the file's size.
 */
export async function* linesBackwards(file: string, budget: { bytes: number }): AsyncGenerator<string> {
  let fh: fs.promises.FileHandle;
  try {
    fh = await fs.promises.open(file, 'r');
  } catch {
    return; // rotated away meanwhile
  }
  try {
    // reads are async, chunk by chunk: a long search does not hold up the hub's jobs and calls
    let pos = (await fh.stat()).size;
    let tail = Buffer.alloc(0);
    const buf = Buffer.alloc(CHUNK);
    while (pos > 0 && budget.bytes > 0) {
      const n = Math.min(CHUNK, pos);
      pos -= n;
      await fh.read(buf, 0, n, pos);
      budget.bytes -= n;
      let data = Buffer.concat([buf.subarray(0, n), tail]);
      let nl = data.lastIndexOf(0x0a);
      // lines wholly inside the data, last first; the part before the first newline may continue in the previous chunk
      while (nl >= 0) {
        const line = data.subarray(nl + 1);
        if (line.length > 0 && line.length <= MAX_LINE) yield line.toString('utf8');
        data = data.subarray(0, nl);
        nl = data.lastIndexOf(0x0a);
      }
      tail = data.length > MAX_LINE ? Buffer.alloc(0) : Buffer.from(data);
    }
    if (pos === 0 && tail.length > 0) yield tail.toString('utf8');
  } finally {
    await fh.close();
  }
}

const LEVELS = new Set<string>(Object.keys(order));

/** A line as an entry, or null for what is not one of our JSON lines. */
export function parseLine(line: string): LogEntry | null {
  let o: unknown;
  try {
    o = JSON.parse(line);
  } catch {
    return null;
  }
  if (!o || typeof o !== 'object' || Array.isArray(o)) return null;
  const { t, level, msg, ...rest } = o as Record<string, unknown>;
  if (typeof t !== 'string' || typeof level !== 'string' || !LEVELS.has(level)) return null;
  // redacted again: a line written by an older version, or by hand, leaves no better than a new one
  return { t, level: level as LogLevel, msg: redactText(typeof msg === 'string' ? msg : ''), fields: redact(rest) as Record<string, unknown> };
}

/**
 * Log entries newest first across the active file and the rotated ones, filtered, one page at
 * a time. Memory stays bounded (one chunk, one page); `maxScanBytes` bounds the time a query takes.
 */
export async function readLogs(file: string, q: LogQuery, o: { integrationOf?: (jobType: string) => string | undefined; maxScanBytes?: number } = {}): Promise<LogPage> {
  const files = logFilesNewestFirst(file);
  const budget = { bytes: o.maxScanBytes ?? 200 * 1024 * 1024 };
  const text = q.text?.trim().toLowerCase() || null;
  const fromIso = q.from !== undefined ? new Date(q.from).toISOString() : null;
  const toIso = q.to !== undefined ? new Date(q.to).toISOString() : null;
  const entries: LogEntry[] = [];
  let skipAtCursor = q.before?.skip ?? 0;

  const matches = (e: LogEntry, raw: string): boolean => {
    if (q.level && order[e.level] < order[q.level]) return false;
    if (toIso && e.t > toIso) return false;
    if (q.jobType && e.fields.type !== q.jobType && e.fields.jobType !== q.jobType) return false;
    if (q.integration) {
      const type = typeof e.fields.type === 'string' ? e.fields.type : null;
      if (e.fields.integration !== q.integration && !(type && o.integrationOf?.(type) === q.integration)) return false;
    }
    // the raw line holds what the file holds (already redacted when written); the entry is what is shown
    if (text && !raw.toLowerCase().includes(text) && !`${e.msg} ${JSON.stringify(e.fields)}`.toLowerCase().includes(text)) return false;
    return true;
  };

  for (const f of files) {
    for await (const raw of linesBackwards(f, budget)) {
      const e = parseLine(raw);
      if (!e) continue;
      if (q.before && e.t > q.before.t) continue;
      // files are appended in time order: past `from`, everything further back is older still
      if (fromIso && e.t < fromIso) return { entries, next: null, files: files.length, truncated: false };
      if (!matches(e, raw)) continue;
      if (q.before && e.t === q.before.t && skipAtCursor > 0) {
        skipAtCursor--;
        continue;
      }
      if (entries.length === q.limit) return { entries, next: cursorAfter(entries, q.before), files: files.length, truncated: false };
      entries.push(e);
    }
    if (budget.bytes <= 0) return { entries, next: entries.length > 0 ? cursorAfter(entries, q.before) : null, files: files.length, truncated: true };
  }
  return { entries, next: null, files: files.length, truncated: false };
}

/** The cursor after the last entry of a page: its time, and how many matches at that time were shown (on this page and before it). */
function cursorAfter(entries: LogEntry[], before: LogCursor | undefined): LogCursor {
  const t = entries[entries.length - 1]!.t;
  let skip = 0;
  for (let i = entries.length - 1; i >= 0 && entries[i]!.t === t; i--) skip++;
  if (before && before.t === t && skip === entries.length) skip += before.skip;
  return { t, skip };
}
