import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Writing a file into a folder another program watches, so that program never sees it half
 * written: a temp name the watcher ignores (leading «.», «.tmp» suffix) in the same folder,
 * write, fsync, rename over the final name (atomic on one file system, also over an existing
 * file), then fsync the folder so the rename survives a power cut. Shared by the file targets
 * of #15, the print hot folder and the arkivmelding drop folder; each caller classifies the
 * errors itself (these functions throw the file system's own).
 */

/** `.name.tmp` in the same folder: one per final name, so a crash's leftover is overwritten by the retry instead of piling up. */
export const tempNameOf = (name: string): string => `.${name}.tmp`;

/** Names a watcher must skip: temp files of a writer (ours or anyone's). */
export const isTempName = (name: string): boolean => name.startsWith('.') || name.endsWith('.tmp');

/**
 * Writes and fsyncs `file`: by default only a new one ('wx'); 'w' truncates what was there.
 * A write that fails removes the file it opened.
 */
export async function writeFileSynced(file: string, data: string | Uint8Array, o: { flag?: 'w' | 'wx'; mode?: number } = {}): Promise<void> {
  const fh = await fs.open(file, o.flag ?? 'wx', o.mode);
  try {
    await fh.writeFile(data);
    await fh.sync();
  } catch (e) {
    await fh.close().catch(() => undefined);
    await fs.rm(file, { force: true }).catch(() => undefined);
    throw e;
  }
  await fh.close();
}

/**
 * Windows refuses to replace a file another process has open (the target reading it, a virus
 * scanner) with EPERM/EACCES/EBUSY for a moment; retried briefly there, as graceful-fs does.
 */
async function renameOver(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fs.rename(from, to);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? '';
      if (process.platform !== 'win32' || attempt >= 10 || !['EPERM', 'EACCES', 'EBUSY'].includes(code)) throw e;
      await new Promise((r) => setTimeout(r, 20 * (attempt + 1)));
    }
  }
}

/**
 * Writes `dir/name` atomically (temp in the same folder, fsync, rename). The temp is `.name.tmp`
 * (a crashed attempt's leftover is truncated and reused), or with `uniqueTemp` `.name.<12 hex>.tmp`
 * created new, for a caller that clears its own leftovers. The folder is not synced: see syncDir.
 */
export async function writeFileAtomic(dir: string, name: string, data: string | Uint8Array, o: { uniqueTemp?: boolean } = {}): Promise<void> {
  const tmp = path.join(dir, o.uniqueTemp ? `.${name}.${randomBytes(6).toString('hex')}.tmp` : tempNameOf(name));
  await writeFileSynced(tmp, data, { flag: o.uniqueTemp ? 'wx' : 'w', mode: 0o640 });
  try {
    await renameOver(tmp, path.join(dir, name));
  } catch (e) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
}

/** Windows cannot open a folder for fsync (and some network file systems refuse it): there the rename is as durable as they make it. */
const UNSYNCABLE_DIR = new Set(['EISDIR', 'EPERM', 'EBADF', 'EINVAL', 'EACCES', 'ENOTSUP']);

/** fsync of a folder, so a rename or a new file in it survives a power cut. */
export async function syncDir(dir: string): Promise<void> {
  let fh: fs.FileHandle | undefined;
  try {
    fh = await fs.open(dir, 'r');
    await fh.sync();
  } catch (e) {
    if (!UNSYNCABLE_DIR.has((e as NodeJS.ErrnoException).code ?? '')) throw e;
  } finally {
    await fh?.close().catch(() => undefined);
  }
}

/**
 * fsync of a folder, shared by concurrent writers (group commit): a caller whose rename is done
 * joins the next sync that starts after it, never one already running (that one may have started
 * before the rename). Many hand-overs in flight then cost one folder sync per round, not one each.
 */
export function createDirSyncer(dir: string): () => Promise<void> {
  let running: Promise<void> | null = null;
  let queued: Promise<void> | null = null;
  const start = (): Promise<void> => {
    const p = syncDir(dir).finally(() => {
      if (running === p) running = null;
    });
    running = p;
    return p;
  };
  return () => {
    if (!running) return start();
    queued ??= running
      .catch(() => undefined)
      .then(() => {
        queued = null;
        return start();
      });
    return queued;
  };
}
