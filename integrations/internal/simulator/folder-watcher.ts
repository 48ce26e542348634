import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * What the file-drop simulators (IST barnehage, IST SFO, Gerica) share: a target polling its
 * watched folder as such systems do (readdir every ~50 ms), taking files with its extension and
 * skipping what a writer is still writing (leading «.», «.tmp»), one pass at a time; the fault
 * switches; and a record of what each file came to, which tests await instead of sleeping.
 * The watcher's own parsing lives in each simulator: nothing here knows the adapter.
 */

export type ImportOutcome =
  | { key: string; status: 'imported' | 'duplicate'; reference: string }
  | { key: string; status: 'rejected'; message: string };

/** Fault switches every file target has. */
export interface FileDropFaults {
  /** The next file is refused with this message (moved to «avvist/»). */
  rejectNext(message?: string): void;
  /** The target is down: files wait in the folder until resume(). */
  pause(): void;
  resume(): void;
}

export interface FolderWatcherOptions {
  dir: string;
  /** With the dot: '.xml'. */
  ext: string;
  pollMs?: number;
  /** Files handled per pass; the rest wait for the next. */
  maxBatch?: number;
  /** Handles the files of one pass (names without folder), each to an outcome. */
  onBatch(names: string[]): Promise<ImportOutcome[]>;
}

export interface FolderWatcher {
  /** One pass now (after any pass running); resolves with its outcomes. */
  processNow(): Promise<ImportOutcome[]>;
  /** Resolves when the file of this key has been handled `times` times in all (imported, duplicate or rejected), with the last outcome. */
  whenProcessed(key: string, times?: number): Promise<ImportOutcome>;
  outcomes(): ImportOutcome[];
  pause(): void;
  resume(): void;
  close(): Promise<void>;
}

export const isPickable = (name: string, ext: string): boolean => !name.startsWith('.') && !name.endsWith('.tmp') && name.endsWith(ext);

export function startFolderWatcher(o: FolderWatcherOptions): FolderWatcher {
  const history: ImportOutcome[] = [];
  const counts = new Map<string, number>();
  const lastOf = new Map<string, ImportOutcome>();
  const waiters = new Map<string, { times: number; resolve: (x: ImportOutcome) => void }[]>();
  let paused = false;
  let closed = false;
  let running: Promise<ImportOutcome[]> | null = null;

  const record = (out: ImportOutcome[]): void => {
    for (const x of out) {
      history.push(x);
      const n = (counts.get(x.key) ?? 0) + 1;
      counts.set(x.key, n);
      lastOf.set(x.key, x);
      const waiting = waiters.get(x.key) ?? [];
      const still = waiting.filter((w) => w.times > n);
      if (still.length) waiters.set(x.key, still);
      else waiters.delete(x.key);
      for (const w of waiting) if (w.times <= n) w.resolve(x);
    }
  };

  async function pass(): Promise<ImportOutcome[]> {
    let names: string[];
    try {
      const entries = await fsp.readdir(o.dir, { withFileTypes: true });
      names = entries.filter((d) => d.isFile() && isPickable(d.name, o.ext)).map((d) => d.name);
    } catch {
      return [];
    }
    if (!names.length) return [];
    const out = await o.onBatch(names.sort().slice(0, o.maxBatch ?? 500));
    record(out);
    return out;
  }

  async function processNow(): Promise<ImportOutcome[]> {
    while (running) await running.catch(() => []);
    running = pass();
    try {
      return await running;
    } finally {
      running = null;
    }
  }

  const timer = setInterval(() => {
    if (!paused && !closed && !running) void processNow().catch(() => undefined);
  }, o.pollMs ?? 50);
  timer.unref?.();

  return {
    processNow,
    whenProcessed(key, times = 1) {
      const last = lastOf.get(key);
      if (last && (counts.get(key) ?? 0) >= times) return Promise.resolve(last);
      return new Promise((resolve) => waiters.set(key, [...(waiters.get(key) ?? []), { times, resolve }]));
    },
    outcomes: () => [...history],
    pause() {
      paused = true;
    },
    resume() {
      paused = false;
    },
    async close() {
      closed = true;
      clearInterval(timer);
      await running?.catch(() => []);
    },
  };
}

/** The file's key: its name without the extension. */
export const keyOf = (name: string, ext: string): string => name.slice(0, -ext.length);

/** Moves a handled file into a sub-folder (arkiv/ or avvist/), replacing an earlier one of that name. */
export async function moveInto(dir: string, sub: string, name: string): Promise<void> {
  await fsp.mkdir(path.join(dir, sub), { recursive: true });
  await fsp.rename(path.join(dir, name), path.join(dir, sub, name)).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'ENOENT') throw e;
  });
}

/** The folder to watch: the one given (created), or a fresh temp folder the simulator removes on close. */
export function watchedFolder(dir: string | undefined, prefix: string): { dir: string; owned: boolean } {
  if (dir) {
    fs.mkdirSync(dir, { recursive: true });
    return { dir: path.resolve(dir), owned: false };
  }
  return { dir: fs.mkdtempSync(path.join(os.tmpdir(), prefix)), owned: true };
}

/** A schema the app ships under resources/, found upwards from here (source tree or bundle). */
export function shippedResource(rel: string): string {
  const want = path.join('resources', rel);
  for (let d = __dirname, i = 0; i < 8; i++, d = path.dirname(d)) {
    const p = path.join(d, want);
    if (fs.existsSync(p)) return p;
  }
  return path.resolve(want);
}

/** The fault switches over a watcher: rejectNext is one-shot, read with takeReject(). */
export function fileDropFaults(w: Pick<FolderWatcher, 'pause' | 'resume'>): FileDropFaults & { takeReject(): string | null } {
  let reject: string | null = null;
  return {
    rejectNext(message = 'Filen ble avvist av målsystemet.') {
      reject = message;
    },
    takeReject() {
      const m = reject;
      reject = null;
      return m;
    },
    pause: () => w.pause(),
    resume: () => w.resume(),
  };
}
