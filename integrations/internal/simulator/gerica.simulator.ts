import fsp from 'node:fs/promises';
import type { InternalTargetConfig } from '../internal.config';
import { watchedFolder } from './folder-watcher';
import { keyedItems, referenceOf, Refused, startKeyedImport, unlessGone, type FileDropSimulator, type ImportedItem } from './keyed-import';

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

export interface GericaItem extends ImportedItem {
  eksternId: string;
  /** The whole document as imported (health data: test memory only). */
  document: Record<string, unknown>;
}

export type GericaSimulator = FileDropSimulator<GericaItem>;

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
  const items = keyedItems<GericaItem>();
  const imp = startKeyedImport({
    folder: watchedFolder(o.dir, 'gerica-'),
    ext: EXT,
    pollMs: o.pollMs,
    load: (file) => unlessGone(async () => ((await fsp.stat(file)).size > MAX_BYTES ? '' : await fsp.readFile(file, 'utf8'))),
    take(key, text) {
      if (!text) throw new Refused(`Filen er større enn ${MAX_BYTES} byte.`);
      const { eksternId, document } = readDocument(text);
      return items.take(key, eksternId, (n) => ({ key, eksternId, reference: referenceOf('GER', n), document, importedAt: now() }));
    },
  });
  return { ...imp, items: () => items.all() };
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
