import fsp from 'node:fs/promises';
import path from 'node:path';
import type { XmlElement } from '../../../electron/core/profiles/xml-tree';
import { parseXmlSafe } from '../../shared/xml/safe-xml';
import { createXsdValidator } from '../../shared/xml/xsd-validator';
import { child, childrenOf, el, opt, textOf, toXml } from '../../shared/xml/xml-tree';
import type { InternalTargetConfig } from '../internal.config';
import { shippedResource, watchedFolder, type FileDropFaults } from './folder-watcher';
import { keyedItems, referenceOf, Refused, startKeyedImport, unlessGone, type FileDropSimulator, type ImportedItem } from './keyed-import';

/**
 * IST barnehage's import folder, as the sample target for kindergarten applications (#15): it
 * takes `<key>.xml` files (urn:ist:barnehage:soknad:1, resources/internal/ist-barnehage.xsd),
 * checks each against the XSD with xmllint, dedups by EksternId and by file name (a known one
 * gets its original reference again), moves the file to `arkiv/` (refused ones to `avvist/`) and
 * writes a receipt `<key>.receipt.xml` in the receipts folder, atomically:
 *
 *   <Kvittering xmlns="urn:ist:barnehage:kvittering:1">
 *     <Fil>k.xml</Fil> <EksternId>k</EksternId> <Status>OK|AVVIST</Status>
 *     <Referanse>IST-BHG-000001</Referanse> (OK) | <Melding>…</Melding> (AVVIST) <Tidspunkt>…</Tidspunkt>
 *   </Kvittering>
 *
 * A refusal is not remembered: the same key sent again after a fixed mapping is a new attempt.
 */

export const IST_BARNEHAGE_NS = 'urn:ist:barnehage:soknad:1';
export const IST_KVITTERING_NS = 'urn:ist:barnehage:kvittering:1';
const EXT = '.xml';
const MAX_BYTES = 2 * 1024 * 1024;

export interface IstBarnehageItem extends ImportedItem {
  eksternId: string;
  saksnummer: string | null;
  foresatt: { fodselsnummer: string; navn: string };
  barn: { fodselsnummer: string; navn: string }[];
  onsketOppstart: string;
  barnehager: { prioritet: number; navn: string }[];
}

export interface IstBarnehageFaults extends FileDropFaults {
  /** The next file is stored, but its receipt is never written (a lost answer). */
  dropNextReceipt(): void;
}

export interface IstBarnehageSimulator extends FileDropSimulator<IstBarnehageItem, IstBarnehageFaults> {
  receiptsDir: string;
}

export interface IstBarnehageSimulatorOptions {
  dir?: string;
  receiptsDir?: string;
  /** Default: resources/internal/ist-barnehage.xsd. */
  xsdPath?: string;
  pollMs?: number;
  now?: () => number;
}

/** A validator's or parser's words may quote a value; eleven digits in a row could be a fødselsnummer. */
const maskDigits = (s: string): string => s.replace(/\d(?:[\s.-]?\d){10,}/g, (m) => '#'.repeat(m.length));

function read(root: XmlElement): Omit<IstBarnehageItem, 'key' | 'reference' | 'importedAt'> {
  const person = (e: XmlElement | undefined) => ({ fodselsnummer: textOf(e, 'Fodselsnummer') ?? '', navn: textOf(e, 'Navn') ?? '' });
  return {
    eksternId: textOf(root, 'EksternId') ?? '',
    saksnummer: textOf(root, 'Saksnummer'),
    foresatt: person(child(root, 'Foresatt')),
    barn: childrenOf(root, 'Barn').map(person),
    onsketOppstart: textOf(root, 'OnsketOppstart') ?? '',
    barnehager: childrenOf(child(root, 'Barnehager'), 'Barnehage').map((b) => ({ prioritet: Number(b.attributes.prioritet), navn: b.text.trim() })),
  };
}

export async function startIstBarnehageSimulator(o: IstBarnehageSimulatorOptions = {}): Promise<IstBarnehageSimulator> {
  const now = o.now ?? Date.now;
  const folder = watchedFolder(o.dir, 'ist-barnehage-');
  const receiptsDir = path.resolve(o.receiptsDir ?? path.join(folder.dir, 'kvitteringer'));
  await fsp.mkdir(receiptsDir, { recursive: true });
  const xsd = await fsp.readFile(o.xsdPath ?? shippedResource('internal/ist-barnehage.xsd'), 'utf8');
  const validator = createXsdValidator();
  const items = keyedItems<IstBarnehageItem>();
  let dropReceipt = false;

  async function writeReceipt(key: string, body: (ReturnType<typeof el> | null)[]): Promise<void> {
    const xml = toXml(el('Kvittering', [el('Fil', `${key}${EXT}`), ...body, el('Tidspunkt', new Date(now()).toISOString())], { xmlns: IST_KVITTERING_NS }));
    const name = `${key}.receipt.xml`;
    const tmp = path.join(receiptsDir, `.${name}.tmp`);
    await fsp.writeFile(tmp, xml);
    await fsp.rename(tmp, path.join(receiptsDir, name));
  }

  const imp = startKeyedImport({
    folder,
    ext: EXT,
    pollMs: o.pollMs,
    // receipts in the import folder (a misconfiguration) are not applications
    ignore: (name) => name.endsWith('.receipt.xml'),
    // xmllint batches the concurrent validations of a pass into one run
    loadTogether: true,
    /** Parses and validates, or says why not. */
    async load(file): Promise<{ root: XmlElement } | { refused: string } | null> {
      const bytes = await unlessGone(() => fsp.readFile(file));
      if (bytes === null) return null;
      const parsed = parseXmlSafe(bytes, { maxBytes: MAX_BYTES });
      if (!parsed.ok) return { refused: `Filen er ikke gyldig XML: ${parsed.reason}` };
      if (parsed.root.name !== 'Barnehagesoknad' || parsed.root.namespace !== IST_BARNEHAGE_NS) {
        return { refused: `Ukjent dokument: forventet Barnehagesoknad i ${IST_BARNEHAGE_NS}.` };
      }
      const v = await validator.validate(parsed.text, xsd);
      if (!v.valid) return { refused: `Skjemafeil: ${v.errors.map((e) => e.message).slice(0, 3).join(' ')}` };
      return { root: parsed.root };
    },
    take(key, checked) {
      if ('refused' in checked) throw new Refused(checked.refused);
      const data = read(checked.root);
      return items.take(key, data.eksternId, (n) => ({ key, reference: referenceOf('IST-BHG', n), importedAt: now(), ...data }));
    },
    async accepted(key, { item }) {
      if (dropReceipt) dropReceipt = false;
      else await writeReceipt(key, [opt('EksternId', item.eksternId), el('Status', 'OK'), el('Referanse', item.reference)]);
    },
    async refused(key, why) {
      const message = maskDigits(why);
      await writeReceipt(key, [el('Status', 'AVVIST'), el('Melding', message)]);
      return message;
    },
    onClose: () => validator.close(),
  });
  const faults = Object.assign(imp.faults, {
    dropNextReceipt() {
      dropReceipt = true;
    },
  });

  return { ...imp, receiptsDir, items: () => items.all(), faults };
}

/** The config block that points Postmottak at this simulator (integrations.internal.targets['ist-barnehage']). */
export function istBarnehageDemoTarget(sim: Pick<IstBarnehageSimulator, 'dir' | 'receiptsDir'>): InternalTargetConfig {
  return {
    name: 'IST barnehage',
    enabled: true,
    transport: 'file',
    schema: 'internal/ist-barnehage.xsd',
    file: { dir: sim.dir, format: 'xml', receipts: { dir: sim.receiptsDir, warnAfterMs: 3_600_000 } },
    manualFallback: false,
  };
}
