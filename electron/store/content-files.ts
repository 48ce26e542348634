import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { mkdirPrivate, PRIVATE_FILE_MODE } from './open-store';
import type { SqlClient } from './sql/sql-client';

/**
 * #17 item 6: the bytes retention moved out of the hot database, as content-addressed files
 * (`<dir>/<first two hex digits>/<sha256>`, 0600 in 0700 folders). A file is written under a
 * temporary name, fsynced, renamed into place and its folder fsynced before any row says "file",
 * so a kill at any point leaves either the row with its bytes or a complete file.
 */

/** Why a document's bytes cannot be read: clear Norwegian the host may show as it is. */
export class ContentUnavailableError extends Error {
  override readonly name = 'ContentUnavailableError';
  constructor(
    readonly reason: 'removed' | 'missing' | 'corrupt' | 'no-folder',
    message: string,
  ) {
    super(message);
  }
}

const SHA = /^[0-9a-f]{64}$/;
const TMP_SUFFIX = '.tmp';

export interface ContentFiles {
  readonly dir: string;
  pathOf(sha256: string): string;
  /** Writes the bytes under their sha256 (skipped when a complete, matching file is there already). */
  write(sha256: string, bytes: Uint8Array): void;
  /** The bytes, checked against their name; ContentUnavailableError when missing or changed. */
  read(sha256: string, size?: number): Uint8Array;
  exists(sha256: string): boolean;
  remove(sha256: string): void;
  /** Every stored sha256, and leftovers of interrupted writes (with their modification times). */
  list(): { files: { sha256: string; mtimeMs: number }[]; partial: { file: string; mtimeMs: number }[] };
  /** Bytes under the folder (a bounded walk: the folder has two levels). */
  sizeBytes(): number;
}

const sha256Of = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function fsyncDir(dir: string): void {
  // Windows cannot open a folder for fsync; its rename is durable enough for NTFS
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export interface ContentFilesOptions {
  /**
   * fsync each file and its folder before the rename is trusted (default true). Only a test that
   * measures size over a simulated year turns it off: 200,000 fsyncs would take minutes there.
   */
  sync?: boolean;
}

export function contentFiles(dir: string, options: ContentFilesOptions = {}): ContentFiles {
  const sync = options.sync !== false;
  // the 256 folders, once made (a write no longer asks the file system each time)
  const made = new Set<string>();
  const root = path.resolve(dir);
  const pathOf = (sha: string) => {
    if (!SHA.test(sha)) throw new Error(`Ugyldig innholdsadresse: ${sha.slice(0, 70)}`);
    return path.join(root, sha.slice(0, 2), sha);
  };
  const matches = (file: string, sha: string): boolean => {
    try {
      return sha256Of(fs.readFileSync(file)) === sha;
    } catch {
      return false;
    }
  };
  return {
    dir: root,
    pathOf,
    write(sha, bytes) {
      if (sha256Of(bytes) !== sha) throw new Error(`Innholdet stemmer ikke med adressen ${sha.slice(0, 12)}…; ingenting er skrevet.`);
      const target = pathOf(sha);
      if (fs.existsSync(target) && matches(target, sha)) return;
      const folder = path.dirname(target);
      if (!made.has(folder)) {
        mkdirPrivate(root);
        mkdirPrivate(folder);
        made.add(folder);
      }
      const tmp = `${target}.${randomBytes(4).toString('hex')}${TMP_SUFFIX}`;
      const fd = fs.openSync(tmp, 'wx', PRIVATE_FILE_MODE);
      try {
        fs.writeSync(fd, bytes);
        if (sync) fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      fs.renameSync(tmp, target);
      if (sync) fsyncDir(folder);
    },
    read(sha, size) {
      const file = pathOf(sha);
      let bytes: Buffer;
      try {
        bytes = fs.readFileSync(file);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
          throw new ContentUnavailableError(
            'missing',
            `Dokumentet (SHA-256 ${sha.slice(0, 12)}…) er flyttet ut av databasen, men filen ${file} finnes ikke. ` +
              'Legg filmappen tilbake fra sikkerhetskopien av datamappen, eller hent dokumentet fra arkivet.',
          );
        }
        throw e;
      }
      if ((size !== undefined && bytes.byteLength !== size) || sha256Of(bytes) !== sha) {
        throw new ContentUnavailableError(
          'corrupt',
          `Dokumentfilen ${file} er endret eller skadet (innholdet stemmer ikke med SHA-256). ` +
            'Legg filen tilbake fra sikkerhetskopien av datamappen, eller hent dokumentet fra arkivet.',
        );
      }
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },
    exists: (sha) => fs.existsSync(pathOf(sha)),
    remove: (sha) => fs.rmSync(pathOf(sha), { force: true }),
    list() {
      const files: { sha256: string; mtimeMs: number }[] = [];
      const partial: { file: string; mtimeMs: number }[] = [];
      let top: string[];
      try {
        top = fs.readdirSync(root);
      } catch {
        return { files, partial };
      }
      for (const d of top) {
        if (!/^[0-9a-f]{2}$/.test(d)) continue;
        for (const f of fs.readdirSync(path.join(root, d))) {
          const full = path.join(root, d, f);
          const st = fs.statSync(full);
          if (SHA.test(f) && f.startsWith(d)) files.push({ sha256: f, mtimeMs: st.mtimeMs });
          else if (f.endsWith(TMP_SUFFIX)) partial.push({ file: full, mtimeMs: st.mtimeMs });
        }
      }
      return { files, partial };
    },
    sizeBytes() {
      let total = 0;
      let top: string[];
      try {
        top = fs.readdirSync(root);
      } catch {
        return 0;
      }
      for (const d of top) {
        const sub = path.join(root, d);
        if (!fs.statSync(sub).isDirectory()) continue;
        for (const f of fs.readdirSync(sub)) total += fs.statSync(path.join(sub, f)).size;
      }
      return total;
    },
  };
}

/**
 * Which files folder a store's moved bytes are in. The hub registers it for its SQL client when it
 * wires upkeep (the config's retention.filesDir); a store opened without the hub (the CLI) falls back
 * to the folder the last retention run recorded in meta.
 */
const registry = new WeakMap<object, ContentFiles>();

export function useContentFiles(sql: SqlClient, files: ContentFiles): void {
  registry.set(sql, files);
}

async function filesFor(sql: SqlClient): Promise<ContentFiles | undefined> {
  const known = registry.get(sql);
  if (known) return known;
  const recorded = (await sql.get<{ value: string }>("SELECT value FROM meta WHERE key = 'retention.filesDir'"))?.value;
  return recorded ? contentFiles(recorded) : undefined;
}

interface BlobRow {
  data: Uint8Array;
  size: number;
  /** Absent before migration 0130 (the repositories also serve older schemas in the migration tests): in the row. */
  state?: 'db' | 'file' | 'removed';
  after_days?: number | null;
}

/** The message a case shows for a document retention removed (the archive keeps it). */
export const removedMessage = (days: number | null): string =>
  days === null ? 'Innholdet er slettet (finnes i arkivet).' : `Innholdet er slettet etter ${days} dager (finnes i arkivet).`;

/** The bytes of a blob row wherever they are: in the row, in its file (verified), or a clear error when removed. */
export async function bytesOfBlobRow(sql: SqlClient, sha256: string, r: BlobRow): Promise<Uint8Array> {
  if (r.state === undefined || r.state === 'db') return new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength);
  if (r.state === 'removed') throw new ContentUnavailableError('removed', removedMessage(r.after_days ?? null));
  const files = await filesFor(sql);
  if (!files) {
    throw new ContentUnavailableError('no-folder', 'Dokumentet er flyttet ut av databasen, men Postmottak vet ikke hvilken filmappe det ligger i. Sett retention.filesDir i konfigurasjonen.');
  }
  return files.read(sha256, Number(r.size));
}

/** A blob's bytes by content address (undefined when there is no such blob). */
export async function readBlob(sql: SqlClient, sha256: string): Promise<Uint8Array | undefined> {
  // every column: the state columns are there from schema 130 on
  const r = await sql.get<BlobRow>('SELECT * FROM blobs WHERE sha256 = ?', [sha256]);
  return r ? bytesOfBlobRow(sql, sha256, r) : undefined;
}

/** Clients known to have schema 130's blob state: a column once there stays, so only the yes is remembered (not a schema query per stored blob). */
const withState = new WeakSet<SqlClient>();

async function hasStateColumn(sql: SqlClient): Promise<boolean> {
  if (withState.has(sql)) return true;
  const q =
    sql.dialect === 'postgres'
      ? "SELECT count(*) AS n FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'blobs' AND column_name = 'state'"
      : "SELECT count(*) AS n FROM pragma_table_info('blobs') WHERE name = 'state'";
  const has = Number((await sql.get<{ n: number | string }>(q))?.n ?? 0) > 0;
  if (has) withState.add(sql);
  return has;
}

/**
 * Stores bytes under their sha256. Equal bytes are one row; if retention removed that row's bytes,
 * they come back into it (a new case needs them). A row whose bytes are in a file stays so: the
 * file is still there and read back verified.
 */
export async function putBlobRow(sql: SqlClient, sha256: string, bytes: Uint8Array): Promise<void> {
  const r = await sql.run('INSERT INTO blobs (sha256, size, data) VALUES (?, ?, ?) ON CONFLICT (sha256) DO NOTHING', [sha256, bytes.byteLength, bytes]);
  // known already: if retention removed its bytes, they come back (from schema 130 on; older ones serve the migration tests)
  if (r.changes === 0 && (await hasStateColumn(sql))) {
    await sql.run("UPDATE blobs SET data = ?, state = 'db', moved_at = NULL, after_days = NULL WHERE sha256 = ? AND state = 'removed'", [bytes, sha256]);
  }
}
