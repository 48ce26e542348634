import type { HandoverReceipt } from '../../../electron/core/ports/internal-system.port';
import type { XmlElement } from '../../../electron/core/profiles/xml-tree';
import { parseXmlSafe } from '../../shared/xml/safe-xml';

/**
 * A target's receipt file, `<key>.receipt.xml` in its receipts folder, as IST writes them
 * (the format is ours, see ist-barnehage.simulator.ts; the namespace is not checked, so a
 * municipality's variant with its own namespace reads the same):
 *
 *   <Kvittering xmlns="urn:ist:barnehage:kvittering:1">
 *     <Fil>…</Fil> <Status>OK|AVVIST</Status> <Referanse>…</Referanse> <Melding>…</Melding>
 *   </Kvittering>
 *
 * Status OK → delivered with Referanse (may be absent); AVVIST → rejected with Melding.
 */

export const receiptNameOf = (key: string): string => `${key}.receipt.xml`;

const MAX_RECEIPT_BYTES = 256 * 1024;

/**
 * The message goes on the case and into Jobber (the job's last error): a target that quotes the
 * value it refused could quote a fødselsnummer, so eleven or more digits in a row are masked.
 */
const maskLongDigits = (s: string): string => s.replace(/\d(?:[\s.-]?\d){10,}/g, (m) => '#'.repeat(m.length));

export type ParsedReceipt = HandoverReceipt | { state: 'unreadable'; reason: string };

const textOf = (root: XmlElement, name: string): string | null => {
  const t = root.children.find((c) => c.name === name)?.text.trim();
  return t ? t : null;
};

export function parseReceipt(bytes: Uint8Array): ParsedReceipt {
  const parsed = parseXmlSafe(bytes, { maxBytes: MAX_RECEIPT_BYTES });
  if (!parsed.ok) return { state: 'unreadable', reason: parsed.code };
  const status = textOf(parsed.root, 'Status')?.toUpperCase();
  if (status === 'OK') return { state: 'delivered', reference: textOf(parsed.root, 'Referanse') };
  if (status === 'AVVIST') return { state: 'rejected', message: maskLongDigits(textOf(parsed.root, 'Melding') ?? 'Avvist uten melding fra målsystemet.') };
  return { state: 'unreadable', reason: status ? 'ukjent status' : 'mangler status' };
}
