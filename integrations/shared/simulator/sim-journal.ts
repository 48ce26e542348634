import fs from 'node:fs';
import path from 'node:path';

/**
 * What a demo simulator keeps across restarts: a journal of the changes it accepted, one JSON
 * line each, appended as they happen and replayed in order at the next start, on the clock
 * they happened at. A simulator without a journal file lives in memory only (the tests).
 *
 * The folder is owner-only (0700) and the file 0600, as the rest of the data folder (#12). A
 * line is appended in one write; a crash can tear only the last one, which the next start
 * drops (and cuts off, so the next append starts on a line of its own).
 */
export interface SimJournal<T> {
  /** What earlier runs recorded, oldest first. */
  readonly entries: readonly T[];
  append(entry: T): void;
}

export function openSimJournal<T>(file: string): SimJournal<T> {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
  const entries: T[] = [];
  if (fs.existsSync(file)) {
    fs.chmodSync(file, 0o600);
    const text = fs.readFileSync(file, 'utf8');
    let good = 0;
    for (let start = 0; start < text.length; ) {
      const end = text.indexOf('\n', start);
      if (end < 0) break; // a torn last line: no newline yet
      try {
        entries.push(JSON.parse(text.slice(start, end)) as T);
      } catch {
        break; // a torn line, and nothing after it can be trusted to follow it
      }
      good = end + 1;
      start = end + 1;
    }
    if (Buffer.byteLength(text.slice(0, good)) !== fs.statSync(file).size) fs.truncateSync(file, Buffer.byteLength(text.slice(0, good)));
  }
  return {
    entries,
    append(entry) {
      fs.appendFileSync(file, `${JSON.stringify(entry)}\n`, { mode: 0o600 });
    },
  };
}

/**
 * A clock that can be held at a recorded time: replaying a journal entry (and handling the live
 * request that wrote it) runs at one instant, so the replay stamps the same dates.
 */
export interface PinnableClock {
  now(): number;
  /** Holds the clock at `t` (null lets it run again). */
  pin(t: number | null): void;
  /** Runs `fn` with the clock held at `t`. */
  at<R>(t: number, fn: () => R): R;
}

export function pinnableClock(base: () => number): PinnableClock {
  let pinned: number | null = null;
  return {
    now: () => pinned ?? base(),
    pin: (t) => void (pinned = t),
    at(t, fn) {
      const before = pinned;
      pinned = t;
      try {
        return fn();
      } finally {
        pinned = before;
      }
    },
  };
}

/**
 * Ids for a simulator whose objects must keep their ids across a restart: fresh random ones while
 * recording (take() hands over what was drawn), the recorded ones, in order, while replaying.
 */
export class IdTape {
  private replaying: string[] | null = null;
  private drawn: string[] = [];

  constructor(private readonly fresh: () => string) {}

  next = (): string => {
    const id = this.replaying?.shift() ?? this.fresh();
    this.drawn.push(id);
    return id;
  };

  /** Starts a stretch: recording (no ids) or replaying the given ones. */
  start(replay?: readonly string[]): void {
    this.replaying = replay ? [...replay] : null;
    this.drawn = [];
  }

  /** Ends the stretch with the ids drawn in it. */
  take(): string[] {
    const out = this.drawn;
    this.replaying = null;
    this.drawn = [];
    return out;
  }
}
