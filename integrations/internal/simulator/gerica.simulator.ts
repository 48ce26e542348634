import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { InternalTargetConfig } from '../internal.config';
import { fileDropFaults, keyOf, moveInto, startFolderWatcher, watchedFolder, type FileDropFaults, type ImportOutcome } from './folder-watcher';

/**
 * Gerica's import folder, as the sample target for health and care applications (#15): a
 * structured hand-over, one `<key>.json` per application (resources/internal/gerica.schema.json).
 * It reads the JSON, checks the fields it cannot do without (its own check, not the schema
 * validator the mapper uses), dedups by eksternId and by file name, and moves the file to
 * `arkiv/`; a refused file goes to `avvist/` with `<key>.feil.txt` beside it. Gerica writes no
 * receipts: where this is not enough, the profile's manual task takes over (manualFallback).
 */

const EXT = '.json';
const MAX_BYTES = 8 * 1024 * 1024;

export interface GericaItem {
  key: string;
  eksternId: string;
  reference: string;
  /** The whole document as imported (health data: test memory only). */
  document: Record<string, unknown>;
  importedAt: number;
}

export interface GericaSimulator {
  dir: string;
  items(): GericaItem[];
  faults: FileDropFaults;
  processNow(): Promise<ImportOutcome[]>;
  whenProcessed(key: string, times?: number): Promise<ImportOutcome>;
  close(): Promise<void>;
}

class Refused extends Error {}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const filled = (v: unknown): boolean => typeof v === 'string' && v.trim() !== '';

/** What Gerica needs to create the application: who, what is asked for, and why. */
function readDocument(text: string): { eksternId: string; document: Record<string, unknown> } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new Refused('Filen er ikke gyldig JSON.');
  }
  if (!isObject(doc)) throw new Refused('Filen er ikke et JSON-objekt.');
  const missing: string[] = [];
  if (doc.skjemaversjon !== '1') missing.push('skjemaversjon «1»');
  if (!filled(doc.eksternId)) missing.push('eksternId');
  const pasient = isObject(doc.pasient) ? doc.pasient : {};
  if (!(typeof pasient.fodselsnummer === 'string' && /^\d{11}$/.test(pasient.fodselsnummer))) missing.push('pasient.fodselsnummer');
  if (!filled(pasient.navn)) missing.push('pasient.navn');
  const tjenester = Array.isArray(doc.tjenester) ? doc.tjenester : [];
  if (!tjenester.length || !tjenester.every((t) => isObject(t) && filled(t.kode))) missing.push('tjenester[].kode');
  if (!(isObject(doc.situasjon) && filled(doc.situasjon.beskrivelse))) missing.push('situasjon.beskrivelse');
  if (missing.length) throw new Refused(`Mangler ${missing.join(', ')}.`);
  return { eksternId: doc.eksternId as string, document: doc };
}

export async function startGericaSimulator(o: { dir?: string; pollMs?: number; now?: () => number } = {}): Promise<GericaSimulator> {
  const now = o.now ?? Date.now;
  const folder = watchedFolder(o.dir, 'gerica-');
  const dir = folder.dir;
  const items: GericaItem[] = [];
  const byEksternId = new Map<string, GericaItem>();
  const byKey = new Map<string, GericaItem>();

  async function handle(name: string): Promise<ImportOutcome | null> {
    const key = keyOf(name, EXT);
    let text: string;
    try {
      const file = path.join(dir, name);
      if ((await fsp.stat(file)).size > MAX_BYTES) text = '';
      else text = await fsp.readFile(file, 'utf8');
    } catch {
      return null;
    }
    try {
      const forced = faults.takeReject();
      if (forced) throw new Refused(forced);
      if (!text) throw new Refused(`Filen er større enn ${MAX_BYTES} byte.`);
      const { eksternId, document } = readDocument(text);
      const known = byEksternId.get(eksternId) ?? byKey.get(key);
      let item = known;
      if (!item) {
        item = { key, eksternId, reference: `GER-${String(items.length + 1).padStart(6, '0')}`, document, importedAt: now() };
        items.push(item);
        byEksternId.set(eksternId, item);
      }
      byKey.set(key, item);
      await moveInto(dir, 'arkiv', name);
      return { key, status: known ? 'duplicate' : 'imported', reference: item.reference };
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

/** The config block that points Postmottak at this simulator (integrations.internal.targets.gerica). */
export function gericaDemoTarget(sim: Pick<GericaSimulator, 'dir'>): InternalTargetConfig {
  return {
    name: 'Gerica',
    enabled: true,
    transport: 'file',
    schema: 'internal/gerica.schema.json',
    file: { dir: sim.dir, format: 'json' },
    manualFallback: true,
  };
}
