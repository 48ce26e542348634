import fs from 'node:fs/promises';
import path from 'node:path';
import { IntegrationError } from '../../../electron/core/errors';
import type { Handover, HandoverReceipt, HandoverResult, InternalSystemPort } from '../../../electron/core/ports/internal-system.port';
import type { InternalDeps, InternalTargetConfig } from '../internal.config';
import { createDirSyncer, writeFileAtomic } from '../../shared/fs/atomic-write';
import { parseReceipt, receiptNameOf } from './file-receipt';

/**
 * File drop (#15): one file `<key>.<xml|csv|json>` per hand-over in the folder the target
 * watches, written atomically (shared/fs/atomic-write.ts), so the target never reads half a file. The key
 * is the idempotency key: a retry after a crash writes the same name with the same content,
 * and the target dedups by it.
 *
 * With a receipts folder the hand-over is 'awaiting-receipt' (token = the file name) until the
 * target writes `<key>.receipt.xml` there (file-receipt.ts). A receipt left from an earlier
 * attempt is removed before the file is written again: after a rejection and a fixed mapping the
 * old «AVVIST» must not answer for the new file; a target that already stored the item answers
 * the new file with its original reference.
 *
 * Errors name the folder, never the content. A missing folder (a share not mounted, the target
 * not set up yet) is 'transient': it comes back by itself, and we never create it, since a local
 * folder in place of an unmounted share would swallow files the target never sees. No rights
 * (EACCES, EPERM, read-only) is 'permanent': only IT can fix it, so the job stops at once and
 * shows why in Jobber (and a target with manualFallback goes to a person) instead of
 * retrying for hours; it is retried from Jobber once fixed.
 */

/** File-safe on every OS and never a path: letters, digits, «_», «-», «.», not leading «.». */
const SAFE_KEY = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,199}$/;
const PERMANENT_CODES = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EISDIR', 'ENAMETOOLONG', 'EINVAL']);
/** A receipt that does not parse may still be being written by a target that writes in place; after this long it is broken. */
const UNREADABLE_GRACE_MS = 30_000;

type FsStep = 'write' | 'remove-receipt' | 'read-receipt';
const STEP_TEXT: Record<FsStep, string> = {
  write: 'å skrive filen',
  'remove-receipt': 'å fjerne en gammel kvittering',
  'read-receipt': 'å lese kvitteringen',
};

export async function createFileTarget(id: string, t: InternalTargetConfig, deps: InternalDeps): Promise<InternalSystemPort> {
  const file = t.file;
  if (!file) throw new IntegrationError('permanent', `${t.name}: seksjonen «file» mangler i oppsettet.`, { integration: id });
  const dir = path.resolve(file.dir);
  const receiptsDir = file.receipts ? path.resolve(file.receipts.dir) : null;
  const ext = file.format;
  const syncDir = createDirSyncer(dir);
  /** Hand-overs of one key in flight in this process: a second call joins the first instead of racing it. */
  const inFlight = new Map<string, Promise<HandoverResult>>();

  const fsError = (e: unknown, folder: string, step: FsStep): IntegrationError => {
    const code = (e as NodeJS.ErrnoException)?.code ?? 'UNKNOWN';
    const what = STEP_TEXT[step];
    const message =
      code === 'ENOENT'
        ? `${t.name}: mappen «${folder}» finnes ikke (${code}).`
        : PERMANENT_CODES.has(code)
          ? `${t.name}: ingen tilgang til mappen «${folder}» ved ${what} (${code}).`
          : `${t.name}: ${what} i mappen «${folder}» feilet (${code}).`;
    return new IntegrationError(PERMANENT_CODES.has(code) ? 'permanent' : 'transient', message, { integration: id, cause: e });
  };

  const checkKey = (key: string): void => {
    if (!SAFE_KEY.test(key) || key.includes('..')) {
      throw new IntegrationError('permanent', `${t.name}: nøkkelen kan ikke brukes som filnavn.`, { integration: id });
    }
  };

  const contentOf = (h: Handover): string => {
    if (h.text !== null) return h.text;
    if (ext === 'json') return JSON.stringify(h.payload);
    throw new IntegrationError('validation', `${t.name}: tilordningen ga ikke ${ext.toUpperCase()}-tekst å skrive.`, { integration: id });
  };

  async function write(h: Handover): Promise<HandoverResult> {
    const name = `${h.key}.${ext}`;
    const content = contentOf(h);
    if (receiptsDir) {
      try {
        await fs.rm(path.join(receiptsDir, receiptNameOf(h.key)), { force: true });
      } catch (e) {
        throw fsError(e, receiptsDir, 'remove-receipt');
      }
    }
    try {
      await writeFileAtomic(dir, name, content);
      await syncDir();
    } catch (e) {
      throw fsError(e, dir, 'write');
    }
    return receiptsDir ? { state: 'awaiting-receipt', token: name } : { state: 'delivered', reference: null };
  }

  async function readReceipt(key: string): Promise<HandoverReceipt> {
    const folder = receiptsDir!;
    const file = path.join(folder, receiptNameOf(key));
    let bytes: Buffer;
    let mtimeMs: number;
    try {
      const fh = await fs.open(file, 'r');
      try {
        mtimeMs = (await fh.stat()).mtimeMs;
        bytes = await fh.readFile();
      } finally {
        await fh.close();
      }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw fsError(e, folder, 'read-receipt');
      // no receipt yet; but a receipts folder that is gone will never get one
      const folderThere = await fs.stat(folder).then(
        (s) => s.isDirectory(),
        () => false,
      );
      if (!folderThere) throw fsError(e, folder, 'read-receipt');
      return { state: 'awaiting-receipt' };
    }
    const receipt = parseReceipt(bytes);
    if (receipt.state !== 'unreadable') return receipt;
    if (deps.now() - mtimeMs < UNREADABLE_GRACE_MS) return { state: 'awaiting-receipt' };
    throw new IntegrationError('permanent', `${t.name}: kvitteringen ${receiptNameOf(key)} kan ikke leses (${receipt.reason}).`, { integration: id });
  }

  return {
    target: id,
    transport: 'file',
    async handOver(h) {
      checkKey(h.key);
      let p = inFlight.get(h.key);
      if (!p) {
        p = write(h).finally(() => inFlight.delete(h.key));
        inFlight.set(h.key, p);
      }
      return p;
    },
    ...(receiptsDir
      ? {
          // the token is the file name, which the key already gives
          async checkReceipt(key: string): Promise<HandoverReceipt> {
            checkKey(key);
            return readReceipt(key);
          },
        }
      : {}),
  };
}
