import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { IntegrationError } from '../../electron/core/errors';
import type { PrintChannel, PrintOrder, PrintReceipt } from '../../electron/core/ports/print-channel.port';
import { syncDir, writeFileAtomic } from '../shared/fs/atomic-write';

/**
 * The print vendor's hot folder: one `<safeKey>.pdf` (the print-ready letter) and one
 * `<safeKey>.json` manifest per order. Each file is written as a dot-temp in the same folder,
 * fsynced and renamed; the manifest goes last, so a vendor that picks by manifest never sees a
 * half-written PDF. A key already delivered (manifest present, moved by the vendor to `done/` or
 * `archive/`, or acknowledged with a `.ok` receipt) is not written again.
 *
 * Names and manifests carry no fødselsnummer: file names come from the key with long digit runs
 * removed plus a hash, and the manifest has the recipient's name and postal address only.
 */

export interface HotFolderChannelConfig {
  /** The hot folder (created if missing). */
  dir: string;
  now?: () => number;
}

export { HOT_FOLDER_MANIFEST_SCHEMA, HOT_FOLDER_PICKED_DIRS, type HotFolderManifest } from './hot-folder.protocol';
import { HOT_FOLDER_MANIFEST_SCHEMA, HOT_FOLDER_PICKED_DIRS, type HotFolderManifest } from './hot-folder.protocol';

const INTEGRATION = 'print-hot-folder';
/** Eleven or more digits in a row (with optional separators) could be a fødselsnummer: never in a name or manifest. */
const LONG_DIGITS = /\d(?:[\s.-]?\d){10,}/g;

export const maskLongDigits = (s: string): string => s.replace(LONG_DIGITS, (m) => '#'.repeat(m.length));

/** `reply:AB12-cd` → `reply_AB12-cd-<16 hex>`: readable, file-safe on every OS, unique by the hash. */
export function hotFolderSafeKey(key: string): string {
  const readable = key
    .replace(LONG_DIGITS, '')
    .replace(/[^A-Za-z0-9-]+/g, '_')
    .replace(/^[_-]+|[_-]+$/g, '')
    .slice(0, 60);
  const hash = createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 16);
  return readable ? `${readable}-${hash}` : `order-${hash}`;
}

function fsError(e: unknown, what: string): IntegrationError {
  const code = (e as NodeJS.ErrnoException)?.code ?? 'UNKNOWN';
  const permanent = ['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'ENAMETOOLONG', 'EISDIR', 'EINVAL'].includes(code);
  return new IntegrationError(permanent ? 'permanent' : 'transient', `Skrivemappen for utskrift: ${what} feilet (${code}).`, { integration: INTEGRATION, cause: e });
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR') return false;
    throw e;
  }
}

/** Dot-temps of this key left by a crash mid-write. */
async function removeStaleTemps(dir: string, safeKey: string): Promise<void> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  await Promise.all(
    names.filter((n) => n.startsWith(`.${safeKey}.`) && n.endsWith('.tmp')).map((n) => fs.rm(path.join(dir, n), { force: true }).catch(() => undefined)),
  );
}

export function createHotFolderChannel(config: HotFolderChannelConfig): PrintChannel {
  const now = config.now ?? Date.now;
  const dir = path.resolve(config.dir);
  /** Submits of one key in flight, so two concurrent calls write once. */
  const inFlight = new Map<string, Promise<PrintReceipt>>();

  /** The receipt of an order already in the folder (or taken by the vendor), or null. */
  async function delivered(safeKey: string): Promise<PrintReceipt | null> {
    const manifests = [dir, ...HOT_FOLDER_PICKED_DIRS.map((d) => path.join(dir, d))].map((d) => path.join(d, `${safeKey}.json`));
    for (const m of manifests) {
      let text: string;
      try {
        text = await fs.readFile(m, 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR') continue;
        throw e;
      }
      let at = NaN;
      try {
        at = Date.parse((JSON.parse(text) as Partial<HotFolderManifest>).created ?? '');
      } catch {
        // a manifest the vendor rewrote is still a delivered order
      }
      return { reference: safeKey, at: Number.isFinite(at) ? at : now() };
    }
    const receipts = [dir, ...HOT_FOLDER_PICKED_DIRS.map((d) => path.join(dir, d))].flatMap((d) => [`${safeKey}.ok`, `${safeKey}.ok.json`].map((n) => path.join(d, n)));
    for (const r of receipts) if (await exists(r)) return { reference: safeKey, at: now() };
    return null;
  }

  async function write(o: PrintOrder, safeKey: string): Promise<PrintReceipt> {
    try {
      await fs.mkdir(dir, { recursive: true });
    } catch (e) {
      throw fsError(e, 'å opprette mappen');
    }
    let already: PrintReceipt | null;
    try {
      already = await delivered(safeKey);
    } catch (e) {
      throw fsError(e, 'å se etter en tidligere levert ordre');
    }
    if (already) return already;

    const bytes = o.printReady.bytes;
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (o.printReady.sha256 && o.printReady.sha256.toLowerCase() !== sha256) {
      throw new IntegrationError('validation', 'Utskriftsfilen stemmer ikke med sjekksummen i ordren.', { integration: INTEGRATION });
    }
    if (!Number.isInteger(o.printReady.pages) || o.printReady.pages < 1) {
      throw new IntegrationError('validation', 'Utskriftsfilen må ha minst én side.', { integration: INTEGRATION });
    }
    const at = now();
    const file = `${safeKey}.pdf`;
    const a = o.recipient.address;
    const manifest: HotFolderManifest = {
      schema: HOT_FOLDER_MANIFEST_SCHEMA,
      key: maskLongDigits(o.key),
      reference: safeKey,
      created: new Date(at).toISOString(),
      file,
      bytes: bytes.byteLength,
      sha256,
      pages: o.printReady.pages,
      title: maskLongDigits(o.title),
      recipient: {
        name: o.recipient.name,
        addressLines: a.lines.map(maskLongDigits),
        postalCode: a.postalCode,
        postalPlace: a.postalPlace,
        country: a.country,
      },
      sender: { name: o.sender.name, orgNumber: o.sender.orgNumber },
      options: { color: o.options.color, duplex: o.options.duplex },
    };
    try {
      await removeStaleTemps(dir, safeKey);
      await writeFileAtomic(dir, file, bytes, { uniqueTemp: true });
      await syncDir(dir); // the PDF's rename is durable before the manifest can name it
      await writeFileAtomic(dir, `${safeKey}.json`, JSON.stringify(manifest, null, 2) + '\n', { uniqueTemp: true });
      await syncDir(dir);
    } catch (e) {
      throw fsError(e, 'å skrive ordren');
    }
    return { reference: safeKey, at };
  }

  return {
    kind: 'hot-folder',
    submit(o) {
      const safeKey = hotFolderSafeKey(o.key);
      const running = inFlight.get(safeKey);
      if (running) return running;
      const p = write(o, safeKey).finally(() => inFlight.delete(safeKey));
      inFlight.set(safeKey, p);
      return p;
    },
  };
}
