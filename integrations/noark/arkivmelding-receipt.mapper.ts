import type { ArchivedEntry } from '../../electron/core/archive/archive-record';
import type { XmlElement } from '../../electron/core/profiles/xml-tree';
import type { ReceiptResult } from '../../electron/core/ports/archive.port';
import { IntegrationError } from '../../electron/core/errors';
import { parseXmlSafe } from '../shared/xml/safe-xml';
import { child, childrenOf, textOf } from '../shared/xml/xml-tree';
import { EFORMIDLING_RECEIPT_NS, FIKS_KVITTERING_NS, type ArkivmeldingDialect } from './arkivmelding.protocol';

/** The archive's receipts read back: Fiks Arkiv v2 kvittering or feilmelding, or the drop folder's eFormidling receipt. */

export const RECEIPT_LIMITS = { maxBytes: 1024 * 1024, maxDepth: 32, maxElements: 10_000 };

const receiptError = (what: string): IntegrationError => new IntegrationError('permanent', `Kvitteringen fra arkivet kan ikke leses: ${what}`, { integration: 'arkivmelding' });

function int(e: XmlElement | undefined, name: string, where: string): number {
  const t = textOf(e, name);
  const n = t === null ? NaN : Number(t);
  if (!Number.isInteger(n)) throw receiptError(`${where}/${name} mangler eller er ikke et heltall`);
  return n;
}
function str(e: XmlElement | undefined, name: string, where: string): string {
  const t = textOf(e, name);
  if (t === null) throw receiptError(`${where}/${name} mangler`);
  return t;
}

/** A receipt (bytes as found in the receipt folder) → the port's ReceiptResult. */
export function parseReceipt(dialect: ArkivmeldingDialect, bytes: Uint8Array | string): Exclude<ReceiptResult, { state: 'awaiting-receipt' }> {
  const parsed = parseXmlSafe(bytes, RECEIPT_LIMITS);
  if (!parsed.ok) throw receiptError(parsed.reason);
  const root = parsed.root;
  return dialect === 'eformidling' ? parseEformidlingReceipt(root) : parseFiksReceipt(root);
}

function parseFiksReceipt(root: XmlElement): Exclude<ReceiptResult, { state: 'awaiting-receipt' }> {
  if (root.namespace !== FIKS_KVITTERING_NS) {
    // ugyldigforespoersel / serverfeil / ikkefunnet: feilmeldingBase {feilId, feilmelding}
    const message = textOf(root, 'feilmelding');
    if (root.namespace?.startsWith('https://ks-no.github.io/standarder/fiks-protokoll/fiks-arkiv/feil/') && message) {
      return { state: 'rejected', message };
    }
    throw receiptError(`ukjent rotelement {${root.namespace ?? ''}}${root.name}`);
  }
  if (root.name !== 'arkivmeldingKvittering') throw receiptError(`ukjent rotelement ${root.name}`);
  const failed = [child(root, 'mappeFeilet'), child(root, 'registreringFeilet')].flatMap((f) => (f ? [textOf(f, 'feilmelding') ?? 'ukjent feil'] : []));
  if (failed.length) return { state: 'rejected', message: failed.join('; ') };
  const m = child(root, 'mappeKvittering');
  const r = child(root, 'registreringKvittering');
  if (!m) throw receiptError('mappeKvittering mangler');
  if (!r) throw receiptError('registreringKvittering mangler');
  return archivedOf({ el: m, name: 'mappeKvittering' }, { el: r, name: 'registreringKvittering' }, 'dokumentbeskrivelseKvittering');
}

/** The numbers in a receipt's case file and entry parts (each dialect names them its own way; `name` is for the error). */
function archivedOf(m: { el: XmlElement; name: string }, r: { el: XmlElement; name: string }, documents: string): Extract<ReceiptResult, { state: 'archived' }> {
  return {
    state: 'archived',
    caseFile: { archiveSystemId: str(m.el, 'systemID', m.name), saksaar: int(m.el, 'saksaar', m.name), sakssekvensnummer: int(m.el, 'sakssekvensnummer', m.name) },
    entry: {
      archiveSystemId: str(r.el, 'systemID', r.name),
      journalaar: int(r.el, 'journalaar', r.name),
      journalsekvensnummer: int(r.el, 'journalsekvensnummer', r.name),
      journalpostnummer: int(r.el, 'journalpostnummer', r.name),
      documents: documentsOf(childrenOf(r.el, documents)),
    },
  };
}

function documentsOf(list: XmlElement[]): ArchivedEntry['documents'] {
  return list.map((d) => ({ number: int(d, 'dokumentnummer', 'dokumentbeskrivelse'), archiveSystemId: str(d, 'systemID', 'dokumentbeskrivelse') }));
}

function parseEformidlingReceipt(root: XmlElement): Exclude<ReceiptResult, { state: 'awaiting-receipt' }> {
  if (root.namespace !== EFORMIDLING_RECEIPT_NS || root.name !== 'arkivmeldingKvittering') throw receiptError(`ukjent rotelement {${root.namespace ?? ''}}${root.name}`);
  const type = textOf(root, 'receiptType');
  const messages = childrenOf(root, 'message').map((m) => textOf(m, 'text') ?? textOf(m, 'code') ?? '');
  if (type === 'ERROR' || type === 'NOTSUPPORTED') return { state: 'rejected', message: messages.filter(Boolean).join('; ') || type };
  if (type !== 'OK' && type !== 'WARNING') throw receiptError(`receiptType «${type ?? ''}»`);
  const m = child(root, 'saksmappe');
  const j = child(root, 'journalpost');
  if (!m || !j) throw receiptError('saksmappe eller journalpost mangler');
  return archivedOf({ el: m, name: 'saksmappe' }, { el: j, name: 'journalpost' }, 'dokumentbeskrivelse');
}

