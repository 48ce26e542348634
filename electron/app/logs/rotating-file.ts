import fs from 'node:fs';
import path from 'node:path';

const DAY = 86_400_000;

export interface RotationOptions {
  /** The active file is rotated before a line would take it past this size. */
  maxBytes: number;
  /** Rotated files kept (`file.1` newest … `file.N`). */
  maxFiles: number;
  /** Rotated files older than this (by their last write) are deleted. */
  maxAgeMs: number;
  now: () => number;
}

/** The rotated files of a log that exist, newest first (`postmottak.log.1`, `.2`, …). */
export function rotatedFiles(file: string): string[] {
  const dir = path.dirname(file);
  const base = path.basename(file);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .map((n) => (n.startsWith(`${base}.`) ? { n, i: Number(n.slice(base.length + 1)) } : null))
    .filter((x): x is { n: string; i: number } => x !== null && Number.isInteger(x.i) && x.i > 0)
    .sort((a, b) => a.i - b.i)
    .map((x) => path.join(dir, x.n));
}

/** The active log and its rotated files, newest first: the order the reader walks them. */
export const logFilesNewestFirst = (file: string): string[] => [...(fs.existsSync(file) ? [file] : []), ...rotatedFiles(file)];

const dayOf = (ms: number) => Math.floor(ms / DAY);

/**
 * A log file written synchronously (one `write(2)` per line, no buffer in the process), so a
 * `kill -9` loses at most the line being written; what `write` returned is in the OS and survives
 * the process. rotating-file-stream and pino's async destination queue writes in the process and
 * would lose that queue. Rotation is the classic rename chain (`file` → `file.1` → `file.2` …):
 * a rename keeps the owner-only mode, and the new file is created 0600. One process writes a log file.
 */
export function createRotatingFile(file: string, o: RotationOptions): { write(line: string): void; close(): void } {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  let fd = -1;
  let size = 0;
  let startedAt = 0;
  let failed = false;

  const open = () => {
    fd = fs.openSync(file, 'a', 0o600);
    // a log written by an older version may be readable by others: owner only, like the rest of the data folder
    if (process.platform !== 'win32') fs.fchmodSync(fd, 0o600);
    const st = fs.fstatSync(fd);
    size = st.size;
    startedAt = size > 0 ? st.mtimeMs : o.now();
  };

  /** Deletes rotated files past the count or the age, and keeps the rest owner-only. */
  const prune = () => {
    const cutoff = o.now() - o.maxAgeMs;
    for (const [i, f] of rotatedFiles(file).entries()) {
      try {
        if (i >= o.maxFiles || fs.statSync(f).mtimeMs < cutoff) fs.rmSync(f, { force: true });
        else if (process.platform !== 'win32') fs.chmodSync(f, 0o600);
      } catch {
        // gone meanwhile: nothing to prune
      }
    }
  };

  const rotate = () => {
    fs.closeSync(fd);
    try {
      const existing = rotatedFiles(file);
      // from the oldest down, so no rename overwrites a file not yet moved
      for (let k = existing.length - 1; k >= 0; k--) {
        const f = existing[k]!;
        const i = Number(f.slice(file.length + 1));
        if (i >= o.maxFiles) fs.rmSync(f, { force: true });
        else fs.renameSync(f, `${file}.${i + 1}`);
      }
      fs.renameSync(file, `${file}.1`);
    } finally {
      // a failed rename leaves the lines in the active file rather than nowhere
      open();
    }
    prune();
  };

  open();
  prune();
  return {
    write(line) {
      if (fd < 0) return;
      try {
        const bytes = Buffer.byteLength(line);
        if (size > 0 && (size + bytes > o.maxBytes || dayOf(o.now()) !== dayOf(startedAt))) rotate();
        fs.writeSync(fd, line);
        size += bytes;
        failed = false;
      } catch (e) {
        // a full disk or a removed folder must not take the caller down; said once on stderr until writing works again
        if (!failed) process.stderr.write(`Postmottak: kan ikke skrive til loggfilen ${file}: ${(e as Error).message}\n`);
        failed = true;
      }
    },
    close() {
      if (fd >= 0) fs.closeSync(fd);
      fd = -1;
    },
  };
}
