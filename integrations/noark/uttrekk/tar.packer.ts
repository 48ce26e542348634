import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { opendir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pack as tarPack, type Pack } from 'tar-stream';

/**
 * Packs the avleveringspakke folder as one .tar, as Arkade packs a SIP: entries under
 * `<uuid>/content/` (arkade5: the extract's files go to `{package id}/{ArkadeConstants.DirectoryNameContent}`,
 * which is "content").
 * Streamed: every file is read from disk in chunks straight into the tar, which is hashed
 * (SHA-256, for info.xml) on its way to disk; the dokumenter/ folder is walked with opendir, so no
 * list of all documents is built.
 */

export interface PackedTar {
  path: string;
  sha256: string;
  size: number;
  /** Entry names in the order written. */
  entries: number;
}

async function addFile(p: Pack, name: string, file: string): Promise<void> {
  const s = await stat(file);
  await new Promise<void>((resolve, reject) => {
    const entry = p.entry({ name, size: s.size, mtime: s.mtime, mode: 0o644, type: 'file' }, (err) => (err ? reject(err) : resolve()));
    createReadStream(file).on('error', reject).pipe(entry);
  });
}

/** Every file under dir, relative and with "/" separators: the folder's own files sorted, sub-folders walked as they come. */
async function* walk(dir: string, rel = ''): AsyncGenerator<string> {
  const top = (await readdir(path.join(dir, rel), { withFileTypes: true })).filter((d) => d.isFile() || d.isDirectory());
  // the root is small (XML, XSD and the dokumenter/ folder); the document folder itself is streamed
  if (rel === '') {
    for (const d of top.filter((x) => x.isFile()).sort((a, b) => a.name.localeCompare(b.name))) yield d.name;
    for (const d of top.filter((x) => x.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) yield* walk(dir, d.name);
    return;
  }
  for await (const d of await opendir(path.join(dir, rel))) {
    const r = `${rel}/${d.name}`;
    if (d.isDirectory()) yield* walk(dir, r);
    else if (d.isFile()) yield r;
  }
}

export async function packTar(packageDir: string, tarPath: string, root: string): Promise<PackedTar> {
  const hash = createHash('sha256');
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      size += chunk.length;
      cb(null, chunk);
    },
  });
  const p = tarPack();
  const written = pipeline(p, tap, createWriteStream(tarPath));
  let entries = 0;
  try {
    for await (const rel of walk(packageDir)) {
      await addFile(p, `${root}/content/${rel}`, path.join(packageDir, rel));
      entries++;
    }
    p.finalize();
    await written;
  } catch (e) {
    p.destroy(e as Error);
    await written.catch(() => undefined);
    throw e;
  }
  return { path: tarPath, sha256: hash.digest('hex'), size, entries };
}
