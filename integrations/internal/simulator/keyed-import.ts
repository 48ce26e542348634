import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { fileDropFaults, keyOf, moveInto, startFolderWatcher, type FileDropFaults, type ImportOutcome } from './folder-watcher';

/**
 * The import loop the file-drop simulators (IST barnehage, IST SFO, Gerica) share over their
 * watched folder: each file of a pass is loaded, a forced rejection (faults.rejectNext) is
 * taken, the simulator takes the file or refuses it, and the file moves to `arkiv/` or to
 * `avvist/` (by default with `<key>.feil.txt` beside it). Loading and taking are the
 * simulator's own: it parses and checks the wire with its own code; nothing here knows a format.
 */

/** Thrown by a simulator's take to refuse a file: it goes to `avvist/` with this message. */
export class Refused extends Error {}

/** What taking a file came to: its reference, and whether it was known already. */
export interface Taken {
  reference: string;
  duplicate: boolean;
}

export interface KeyedImportOptions<L, T extends Taken> {
  /** The watched folder (watchedFolder()); an owned one is removed on close. */
  folder: { dir: string; owned: boolean };
  /** With the dot: '.xml'. */
  ext: string;
  pollMs?: number;
  /** Names with the extension that are not imports: left where they are, no outcome. */
  ignore?(name: string): boolean;
  /** Load all files of a pass before taking the first (so a validator can batch them); default one after the other. */
  loadTogether?: boolean;
  /** Reads one file (its path) into what take() needs; null when it is gone (no outcome). */
  load(file: string): Promise<L | null>;
  /** Imports a loaded file, or throws Refused. */
  take(key: string, loaded: L): T | Promise<T>;
  /** After a taken file has moved to `arkiv/` (a receipt, say). */
  accepted?(key: string, taken: T): Promise<void>;
  /** Answers a refusal after the file has moved to `avvist/`, returning the outcome's message. Default: `avvist/<key>.feil.txt`. */
  refused?(key: string, message: string): Promise<string>;
  /** On close, after the watcher has stopped and before an owned folder goes. */
  onClose?(): Promise<void>;
}

/** What every imported item holds: the file's key, the target's reference, and when. */
export interface ImportedItem {
  key: string;
  reference: string;
  importedAt: number;
}

/** What a file-drop simulator gives its tests: the folder, what it imported, its fault switches, and passes to await. */
export interface FileDropSimulator<I, F extends FileDropFaults = FileDropFaults> {
  dir: string;
  items(): I[];
  faults: F;
  /** One pass now (tests that do not want to wait for the poll). */
  processNow(): Promise<ImportOutcome[]>;
  whenProcessed(key: string, times?: number): Promise<ImportOutcome>;
  close(): Promise<void>;
}

/** A simulator's surface but its items, which the simulator keeps itself. */
export type KeyedImport = Omit<FileDropSimulator<never, FileDropFaults & { takeReject(): string | null }>, 'items'>;

/** What read() gives, or null when the file is gone (taken by a concurrent pass, or removed): nothing to answer. */
export async function unlessGone<R>(read: () => Promise<R>): Promise<R | null> {
  try {
    return await read();
  } catch {
    return null;
  }
}

/** `GER-000001`: a target's reference for its n-th import. */
export const referenceOf = (prefix: string, n: number): string => `${prefix}-${String(n).padStart(6, '0')}`;

/**
 * Items known by file key and by the sender's external id: a file seen before, or another file
 * carrying a known id, is a duplicate and gets the first import's item (and reference) again.
 */
export function keyedItems<I extends { reference: string }>(): {
  all(): I[];
  /** The known item of this key or id, or a new one made with the next sequence number (1, 2, …). */
  take(key: string, externalId: string, make: (n: number) => I): Taken & { item: I };
} {
  const items: I[] = [];
  const byExternalId = new Map<string, I>();
  const byKey = new Map<string, I>();
  return {
    all: () => [...items],
    take(key, externalId, make) {
      const known = byExternalId.get(externalId) ?? byKey.get(key);
      let item = known;
      if (!item) {
        item = make(items.length + 1);
        items.push(item);
        byExternalId.set(externalId, item);
      }
      byKey.set(key, item);
      return { item, reference: item.reference, duplicate: known !== undefined };
    },
  };
}

export function startKeyedImport<L, T extends Taken>(o: KeyedImportOptions<L, T>): KeyedImport {
  const { dir, owned } = o.folder;
  const load = (name: string): Promise<L | null> => o.load(path.join(dir, name));
  const refused =
    o.refused ??
    (async (key: string, message: string) => {
      await fsp.writeFile(path.join(dir, 'avvist', `${key}.feil.txt`), message + '\n');
      return message;
    });

  async function handle(name: string, loaded: L): Promise<ImportOutcome> {
    const key = keyOf(name, o.ext);
    try {
      const forced = faults.takeReject();
      if (forced) throw new Refused(forced);
      const taken = await o.take(key, loaded);
      await moveInto(dir, 'arkiv', name);
      await o.accepted?.(key, taken);
      return { key, status: taken.duplicate ? 'duplicate' : 'imported', reference: taken.reference };
    } catch (e) {
      if (!(e instanceof Refused)) throw e;
      await moveInto(dir, 'avvist', name);
      return { key, status: 'rejected', message: await refused(key, e.message) };
    }
  }

  const watcher = startFolderWatcher({
    dir,
    ext: o.ext,
    pollMs: o.pollMs,
    async onBatch(all) {
      const names = o.ignore ? all.filter((n) => !o.ignore!(n)) : all;
      const out: ImportOutcome[] = [];
      const loads = o.loadTogether ? await Promise.all(names.map(load)) : null;
      for (let i = 0; i < names.length; i++) {
        const loaded = loads ? (loads[i] ?? null) : await load(names[i]!);
        if (loaded !== null) out.push(await handle(names[i]!, loaded));
      }
      return out;
    },
  });
  const faults = fileDropFaults(watcher);

  return {
    dir,
    faults,
    processNow: () => watcher.processNow(),
    whenProcessed: (key, times) => watcher.whenProcessed(key, times),
    async close() {
      await watcher.close();
      await o.onClose?.();
      if (owned) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
