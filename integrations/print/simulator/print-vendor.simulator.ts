import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { HOT_FOLDER_MANIFEST_SCHEMA, type HotFolderManifest } from '../hot-folder.protocol';

/**
 * A print vendor polling the hot folder, as a real one does: it picks a manifest (never a dot
 * file), reads the PDF it names, checks the sha256 and the page count, moves both to `done/` and
 * writes `<reference>.ok.json`; on a mismatch it moves them to `error/` and writes
 * `<reference>.error.json`. A manifest whose PDF is missing is left for a later scan.
 */

export interface PrintVendorOptions {
  dir: string;
  /** Poll interval; 0 or absent = no timer, call scanOnce() (deterministic tests). */
  intervalMs?: number;
  now?: () => number;
}

export interface PrintedOrder {
  reference: string;
  manifest: HotFolderManifest;
  pages: number;
  sha256: string;
  at: number;
}

export interface RejectedOrder {
  reference: string;
  reason: string;
  at: number;
}

export interface PrintVendorSimulator {
  /** One pass over the folder; resolves with what this pass printed. */
  scanOnce(): Promise<PrintedOrder[]>;
  /** Everything printed so far, in order. */
  printed(): PrintedOrder[];
  /** Everything refused so far (sha256 or page count mismatch, unreadable manifest or PDF). */
  rejected(): RejectedOrder[];
  stop(): Promise<void>;
}

const isManifestName = (n: string) => n.endsWith('.json') && !n.startsWith('.') && !n.endsWith('.ok.json') && !n.endsWith('.error.json');

export function startPrintVendor(o: PrintVendorOptions): PrintVendorSimulator {
  const dir = path.resolve(o.dir);
  const now = o.now ?? Date.now;
  const printed: PrintedOrder[] = [];
  const rejected: RejectedOrder[] = [];
  let scanning: Promise<PrintedOrder[]> | null = null;

  async function moveTo(sub: string, names: string[]): Promise<void> {
    await fs.mkdir(path.join(dir, sub), { recursive: true });
    for (const n of names) await fs.rename(path.join(dir, n), path.join(dir, sub, n)).catch(() => undefined);
  }

  async function reject(reference: string, names: string[], reason: string): Promise<void> {
    // the receipt first: the sender sees why before the files vanish from the folder
    await fs.writeFile(path.join(dir, `${reference}.error.json`), JSON.stringify({ reference, status: 'rejected', reason, at: new Date(now()).toISOString() }, null, 2));
    await moveTo('error', names);
    rejected.push({ reference, reason, at: now() });
  }

  async function pick(manifestName: string): Promise<PrintedOrder | null> {
    const reference = manifestName.slice(0, -'.json'.length);
    let manifest: HotFolderManifest;
    try {
      manifest = JSON.parse(await fs.readFile(path.join(dir, manifestName), 'utf8')) as HotFolderManifest;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      await reject(reference, [manifestName], 'manifestet er ikke gyldig JSON');
      return null;
    }
    if (manifest.schema !== HOT_FOLDER_MANIFEST_SCHEMA || typeof manifest.file !== 'string' || path.basename(manifest.file) !== manifest.file) {
      await reject(reference, [manifestName], 'ukjent manifest');
      return null;
    }
    let pdf: Buffer;
    try {
      pdf = await fs.readFile(path.join(dir, manifest.file));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null; // not complete yet
      throw e;
    }
    const names = [manifest.file, manifestName];
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    if (sha256 !== manifest.sha256) {
      await reject(reference, names, `sha256 stemmer ikke (${sha256} ≠ ${manifest.sha256})`);
      return null;
    }
    let pages: number;
    try {
      pages = (await PDFDocument.load(pdf, { updateMetadata: false })).getPageCount();
    } catch {
      await reject(reference, names, 'PDF-en kan ikke leses');
      return null;
    }
    if (pages !== manifest.pages) {
      await reject(reference, names, `sidetallet stemmer ikke (${pages} ≠ ${manifest.pages})`);
      return null;
    }
    await moveTo('done', names);
    const order: PrintedOrder = { reference, manifest, pages, sha256, at: now() };
    await fs.writeFile(path.join(dir, `${reference}.ok.json`), JSON.stringify({ reference, status: 'printed', pages, sha256, at: new Date(order.at).toISOString() }, null, 2));
    printed.push(order);
    return order;
  }

  async function scan(): Promise<PrintedOrder[]> {
    let names: string[];
    try {
      names = await fs.readdir(dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    const out: PrintedOrder[] = [];
    for (const n of names.filter(isManifestName).sort()) {
      const p = await pick(n);
      if (p) out.push(p);
    }
    return out;
  }

  const scanOnce = () => {
    // one pass at a time: the timer and a test's scanOnce() never pick the same order twice
    scanning ??= scan().finally(() => (scanning = null));
    return scanning;
  };

  const timer = o.intervalMs && o.intervalMs > 0 ? setInterval(() => void scanOnce().catch(() => undefined), o.intervalMs) : null;
  timer?.unref?.();

  return {
    scanOnce,
    printed: () => [...printed],
    rejected: () => [...rejected],
    async stop() {
      if (timer) clearInterval(timer);
      await scanning?.catch(() => undefined);
    },
  };
}
