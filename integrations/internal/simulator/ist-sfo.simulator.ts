import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { InternalTargetConfig } from '../internal.config';
import { fileDropFaults, keyOf, moveInto, startFolderWatcher, watchedFolder, type FileDropFaults, type ImportOutcome } from './folder-watcher';

/**
 * IST SFO's import folder, as the sample target for SFO applications (#15): `<key>.csv` files,
 * «;»-separated, a header row, fields quoted with «"» where they hold «;», quotes or line breaks
 * («""» inside), UTF-8 (a BOM is skipped). Every row is one child's application. The file name is
 * the key: a file already imported is not imported again. A file it cannot read, or missing a
 * required column or value, is moved to `avvist/` with `<key>.feil.txt` beside it (IST SFO
 * writes no receipts; someone looks in the folder). Taken files go to `arkiv/`.
 */

/** The columns IST SFO reads, in order (the demo target's file.csv.columns). */
export const IST_SFO_COLUMNS = [
  'EksternId',
  'Saksnummer',
  'Mottatt',
  'ForesattFodselsnummer',
  'ForesattNavn',
  'ForesattEpost',
  'ForesattTelefon',
  'BarnFodselsnummer',
  'BarnNavn',
  'Trinn',
  'Skole',
  'Oppstart',
  'Plasstype',
  'Merknad',
] as const;
/** Columns that must be there and have a value in every row. */
const REQUIRED = ['EksternId', 'ForesattFodselsnummer', 'ForesattNavn', 'BarnFodselsnummer', 'BarnNavn', 'Skole', 'Oppstart', 'Plasstype'];
const EXT = '.csv';

export interface IstSfoItem {
  key: string;
  reference: string;
  row: Record<string, string>;
  importedAt: number;
}

export interface IstSfoSimulator {
  dir: string;
  /** One per imported row. */
  items(): IstSfoItem[];
  faults: FileDropFaults;
  processNow(): Promise<ImportOutcome[]>;
  whenProcessed(key: string, times?: number): Promise<ImportOutcome>;
  close(): Promise<void>;
}

class Refused extends Error {}

/** RFC 4180 with a chosen delimiter: quoted fields, «""» for a quote, CRLF or LF. */
export function parseCsv(text: string, delimiter = ';'): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') field += text[i++];
      else quoted = false;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === '"') throw new Refused(`Anførselstegn midt i et felt på rad ${rows.length + 1}.`);
    else if (c === delimiter) endField();
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endField();
      rows.push(row);
      row = [];
    } else field += c;
  }
  if (quoted) throw new Refused('Et felt i anførselstegn er ikke avsluttet.');
  if (field !== '' || row.length) {
    endField();
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

function readRows(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) throw new Refused('Filen er tom.');
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length) throw new Refused(`Mangler kolonnen ${missing.join(', ')}.`);
  if (!rows.length) throw new Refused('Filen har ingen rader.');
  return rows.map((r, i) => {
    if (r.length !== header.length) throw new Refused(`Rad ${i + 2} har ${r.length} felt; overskriften har ${header.length}.`);
    const row = Object.fromEntries(header.map((h, j) => [h, r[j]!]));
    const empty = REQUIRED.filter((c) => !row[c]?.trim());
    if (empty.length) throw new Refused(`Rad ${i + 2} mangler verdi i ${empty.join(', ')}.`);
    return row;
  });
}

export async function startIstSfoSimulator(o: { dir?: string; pollMs?: number; now?: () => number } = {}): Promise<IstSfoSimulator> {
  const now = o.now ?? Date.now;
  const folder = watchedFolder(o.dir, 'ist-sfo-');
  const dir = folder.dir;
  const items: IstSfoItem[] = [];
  /** Imported files by key → the reference of their first row. */
  const imported = new Map<string, string>();
  let seq = 0;

  async function handle(name: string): Promise<ImportOutcome | null> {
    const key = keyOf(name, EXT);
    let text: string;
    try {
      text = await fsp.readFile(path.join(dir, name), 'utf8');
    } catch {
      return null;
    }
    try {
      const forced = faults.takeReject();
      if (forced) throw new Refused(forced);
      const known = imported.get(key);
      if (known) {
        await moveInto(dir, 'arkiv', name);
        return { key, status: 'duplicate', reference: known };
      }
      const rows = readRows(text);
      const at = now();
      const refs = rows.map((row) => {
        const reference = `IST-SFO-${String(++seq).padStart(6, '0')}`;
        items.push({ key, reference, row, importedAt: at });
        return reference;
      });
      imported.set(key, refs[0]!);
      await moveInto(dir, 'arkiv', name);
      return { key, status: 'imported', reference: refs[0]! };
    } catch (e) {
      if (!(e instanceof Refused)) throw e;
      await moveInto(dir, 'avvist', name);
      await fsp.writeFile(path.join(dir, 'avvist', `${key}.feil.txt`), e.message + '\n');
      return { key, status: 'rejected', message: e.message };
    }
  }

  const watcher = startFolderWatcher({
    dir,
    ext: EXT,
    pollMs: o.pollMs,
    async onBatch(names) {
      const out: ImportOutcome[] = [];
      for (const n of names) {
        const r = await handle(n);
        if (r) out.push(r);
      }
      return out;
    },
  });
  const faults = fileDropFaults(watcher);

  return {
    dir,
    items: () => [...items],
    faults,
    processNow: () => watcher.processNow(),
    whenProcessed: (key, times) => watcher.whenProcessed(key, times),
    async close() {
      await watcher.close();
      if (folder.owned) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The config block that points Postmottak at this simulator (integrations.internal.targets['ist-sfo']). */
export function istSfoDemoTarget(sim: Pick<IstSfoSimulator, 'dir'>): InternalTargetConfig {
  return {
    name: 'IST SFO',
    enabled: true,
    transport: 'file',
    file: { dir: sim.dir, format: 'csv', csv: { columns: [...IST_SFO_COLUMNS], delimiter: ';' } },
    manualFallback: false,
  };
}
