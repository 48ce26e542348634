import fsp from 'node:fs/promises';
import type { InternalTargetConfig } from '../internal.config';
import { watchedFolder } from './folder-watcher';
import { referenceOf, Refused, startKeyedImport, unlessGone, type FileDropSimulator, type ImportedItem } from './keyed-import';

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

export interface IstSfoItem extends ImportedItem {
  row: Record<string, string>;
}

/** Its items: one per imported row. */
export type IstSfoSimulator = FileDropSimulator<IstSfoItem>;

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
  const items: IstSfoItem[] = [];
  /** Imported files by key → the reference of their first row. */
  const imported = new Map<string, string>();
  let seq = 0;
  const imp = startKeyedImport({
    folder: watchedFolder(o.dir, 'ist-sfo-'),
    ext: EXT,
    pollMs: o.pollMs,
    load: (file) => unlessGone(() => fsp.readFile(file, 'utf8')),
    take(key, text) {
      const known = imported.get(key);
      if (known) return { reference: known, duplicate: true };
      const rows = readRows(text);
      const at = now();
      const refs = rows.map((row) => {
        const reference = referenceOf('IST-SFO', ++seq);
        items.push({ key, reference, row, importedAt: at });
        return reference;
      });
      imported.set(key, refs[0]!);
      return { reference: refs[0]!, duplicate: false };
    },
  });
  return { ...imp, items: () => [...items] };
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
