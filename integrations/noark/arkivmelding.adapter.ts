import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ArchiveDelivery, ArchivePort, DeliveryResult, ReceiptResult, SentDelivery } from '../../electron/core/ports/archive.port';
import { IntegrationError } from '../../electron/core/errors';
import { syncDir, writeFileSynced } from '../shared/fs/atomic-write';
import { createXsdValidator, type XsdValidator } from '../shared/xml/xsd-validator';
import { buildArkivmelding, buildEformidlingAvskrivning, isSafeMessageName, loadArkivmeldingSchemas, MESSAGE_FILE, messageNameOf, type ArkivmeldingDialect, type ArkivmeldingSchemas, parseReceipt } from './arkivmelding.mapper';
import { buildFiksOppdatering, updateMessageNameOf } from './arkivmelding-update.mapper';

/**
 * ArchivePort over a drop folder: one arkivmelding per delivery, picked up by the archive
 * (or its integration point) from outDir; the archive answers with a receipt file in receiptDir.
 *
 * Folder/receipt contract (both sides, see also the simulator):
 *  - A message is the folder `<outDir>/<name>/` holding `arkivmelding.xml` and the documents beside
 *    it (referanseDokumentfil = the file name). `<name>` = messageNameOf(entry.externalKey):
 *    deterministic, [A-Za-z0-9._-], never starting with '.'.
 *  - The sender writes into `<outDir>/.<name>.partial/`, fsyncs every file and the folder, then
 *    renames the folder to `<name>` (atomic on one file system). The archive ignores every entry
 *    whose name starts with '.', so it never sees a half-written message.
 *  - The archive answers with the file `<receiptDir>/<name>.xml` (Fiks Arkiv v2:
 *    arkivmeldingKvittering or a feilmelding; eFormidling: EFORMIDLING_RECEIPT_XSD), written
 *    atomically (temp name starting with '.', then rename), and only AFTER the receipt exists it
 *    removes (or moves away) the message folder. The sender never deletes receipts.
 *  - deliver() looks in this order: (a) message folder still in outDir → awaiting-receipt;
 *    (b) receipt in receiptDir → its result at once; (c) otherwise write the message. Because the
 *    receipt is written before the folder goes, a folder that is gone at (a) has its receipt at (b):
 *    no second message. An archive that moves the folder away before it answers breaks this
 *    ordering; then (c) writes the message again and the archive's own dedupe by ekstern nøkkel
 *    (it answers «Eksisterende» with the same numbers) keeps the archive free of duplicates.
 *  - #13 item 2, eFormidling: a reply that closes an application takes two messages, because
 *    eFormidling 2 has one journalpost per message: first the reply (the U alone), then, once its
 *    receipt gives the U's systemID, `<name of "<key>-avskrivning">` holding the application again
 *    with its avskrivning (followUp). The reply counts as archived only when both receipts are in;
 *    the follow-up goes by the same contract (folder or receipt there → nothing written again).
 */

export interface ArkivmeldingAdapterConfig {
  dialect: ArkivmeldingDialect;
  outDir: string;
  receiptDir: string;
}

export interface ArkivmeldingAdapterDeps {
  /** resources/schemas/arkivmelding (holds eformidling/ and fiks-arkiv-v2/). */
  schemaDir: string;
  /** For tests; defaults to Date.now. */
  now?: () => number;
  /** Zone of the message's date-times (config timezone; default Europe/Oslo). */
  timeZone?: string;
}

const INTEGRATION = 'arkivmelding';
const partialNameOf = (name: string): string => `.${name}.partial`;

async function exists(p: string): Promise<boolean> {
  try {
    await fs.lstat(p);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
}

/** File-system failures: a full disk or a missing share is worth retrying; permissions are not. */
function fsError(e: unknown, what: string): IntegrationError {
  const code = (e as NodeJS.ErrnoException).code;
  const kind = code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'permanent' : 'transient';
  return new IntegrationError(kind, `${what}: ${e instanceof Error ? e.message : String(e)}`, { integration: INTEGRATION, cause: e });
}

export function createArkivmeldingAdapter(config: ArkivmeldingAdapterConfig, deps: ArkivmeldingAdapterDeps): ArchivePort {
  const now = deps.now ?? Date.now;
  let schemas: ArkivmeldingSchemas | undefined;
  let validator: XsdValidator | undefined;
  const schemasOf = (): ArkivmeldingSchemas => (schemas ??= loadArkivmeldingSchemas(deps.schemaDir, config.dialect));
  const validatorOf = (): XsdValidator => (validator ??= createXsdValidator());

  /** The receipt file's bytes, or null while the archive has written none. */
  async function receiptBytes(name: string): Promise<Buffer | null> {
    try {
      return await fs.readFile(path.join(config.receiptDir, `${name}.xml`));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw fsError(e, 'Kvitteringsmappen kan ikke leses');
    }
  }

  async function readReceipt(name: string): Promise<Exclude<ReceiptResult, { state: 'awaiting-receipt' }> | null> {
    const bytes = await receiptBytes(name);
    return bytes ? parseReceipt(config.dialect, new Uint8Array(bytes)) : null;
  }

  /** An update's receipt: null while none, '' for the kvittering (no payload), else the archive's refusal. */
  async function readUpdateReceipt(name: string): Promise<string | null> {
    const bytes = await receiptBytes(name);
    if (!bytes) return null;
    if (bytes.toString('utf8').trim() === '') return '';
    const r = parseReceipt(config.dialect, new Uint8Array(bytes));
    return r.state === 'rejected' ? r.message : '';
  }

  async function write(name: string, d: ArchiveDelivery): Promise<void> {
    const built = buildArkivmelding(config.dialect, d, { now: new Date(now()), timeZone: deps.timeZone });
    await validated(built.xml);
    const files = built.files.map(({ doc, fileName }) => ({
      fileName,
      what: `Dokument ${doc.number}`,
      load: async () => {
        const bytes = await d.loadDocument(doc.sha256);
        const actual = createHash('sha256').update(bytes).digest('hex');
        if (actual !== doc.sha256.toLowerCase()) {
          throw new IntegrationError('permanent', `Dokument ${doc.number} («${doc.title}») har ikke innholdet lageret oppgir (sha256 ${actual})`, { integration: INTEGRATION });
        }
        return bytes;
      },
    }));
    await writeMessage(name, built.xml, files);
  }

  /** The folder contract: write into .<name>.partial, fsync, rename to <name>. */
  async function writeMessage(name: string, xml: string, files: { fileName: string; load(): Promise<Uint8Array>; what: string }[]): Promise<void> {
    const finalDir = path.join(config.outDir, name);
    const tmp = path.join(config.outDir, partialNameOf(name));
    try {
      await fs.mkdir(config.outDir, { recursive: true });
      // a crash between writing and renaming leaves this folder behind; it is ours to replace
      await fs.rm(tmp, { recursive: true, force: true });
      await fs.mkdir(tmp);
    } catch (e) {
      throw fsError(e, 'Utmappen kan ikke skrives');
    }
    for (const f of files) {
      const bytes = await f.load();
      try {
        await writeFileSynced(path.join(tmp, f.fileName), bytes);
      } catch (e) {
        throw fsError(e, `${f.what} kan ikke skrives`);
      }
    }
    try {
      await writeFileSynced(path.join(tmp, MESSAGE_FILE), xml);
      await syncDir(tmp);
      await fs.rename(tmp, finalDir);
      await syncDir(config.outDir);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // someone else (a concurrent call for the same entry) put the same message in place first
      if ((code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'EPERM') && (await exists(path.join(finalDir, MESSAGE_FILE)))) {
        await fs.rm(tmp, { recursive: true, force: true });
        return;
      }
      throw fsError(e, 'Arkivmeldingen kan ikke legges i utmappen');
    }
  }

  /** The eFormidling follow-up a delivery needs (a reply closing an application), else null. */
  const followUpNameOf = (d: ArchiveDelivery): string | null =>
    config.dialect === 'eformidling' && d.entry.journalposttype === 'U' && d.entry.closes ? messageNameOf(`${d.entry.externalKey}-avskrivning`) : null;

  /**
   * After the reply's receipt (`main`): the follow-up's own state. Its receipt in → the reply's
   * receipt (the reply's numbers); refused → that; else written once (if neither its folder nor its
   * receipt is there) and awaited.
   */
  async function followUp(d: ArchiveDelivery, main: Extract<ReceiptResult, { state: 'archived' }>): Promise<ReceiptResult> {
    const name = followUpNameOf(d);
    if (!name) return main;
    if (await exists(path.join(config.outDir, name))) return { state: 'awaiting-receipt' };
    const receipt = await readReceipt(name);
    if (receipt?.state === 'archived') return main;
    if (receipt?.state === 'rejected') return receipt;
    const built = buildEformidlingAvskrivning({ ...d, knownCaseFile: main.caseFile }, main.entry.archiveSystemId, name, { now: new Date(now()), timeZone: deps.timeZone });
    await validated(built.xml);
    await writeMessage(name, built.xml, []);
    return { state: 'awaiting-receipt' };
  }

  async function validated(xml: string): Promise<void> {
    const check = await validatorOf().validate(xml, schemasOf().message);
    if (!check.valid) {
      const why = check.errors.map((e) => (e.line ? `linje ${e.line}: ${e.message}` : e.message)).join('; ');
      throw new IntegrationError('validation', `Arkivmeldingen er ikke gyldig etter XSD-en (${config.dialect}): ${why || check.kind}`, { integration: INTEGRATION });
    }
  }

  return {
    transport: 'arkivmelding',

    async deliver(d: ArchiveDelivery): Promise<DeliveryResult> {
      const name = messageNameOf(d.entry.externalKey);
      // (a) still waiting in the drop folder
      if (await exists(path.join(config.outDir, name))) return { state: 'awaiting-receipt', reference: name };
      // (b) already answered
      const receipt = await readReceipt(name);
      if (receipt?.state === 'archived') {
        const r = await followUp(d, receipt);
        if (r.state === 'rejected') throw new IntegrationError('validation', r.message, { integration: INTEGRATION });
        return r.state === 'archived' ? r : { state: 'awaiting-receipt', reference: name };
      }
      if (receipt?.state === 'rejected') throw new IntegrationError('validation', receipt.message, { integration: INTEGRATION });
      // (c) hand it over
      await write(name, d);
      return { state: 'awaiting-receipt', reference: name };
    },

    /**
     * #13 item 7. Fiks Arkiv v2: an arkivmelding.oppdater message (journalstatus E, sendtDato, a
     * merknad with the channel) in the same drop folder, by the same contract; its kvittering has no
     * payload (an empty receipt file), a feilmelding when refused. Handed over is done: a repeat finds
     * the folder or its receipt and writes nothing more.
     * eFormidling, a documented choice: its arkivmelding has no update message (felleslosninger docs:
     * one saksmappe with one journalpost per message; a known key is answered «Eksisterende»), so
     * the reply stays registered as ferdigstilt, without sendtDato, and the send is kept in
     * Postmottak's own record (audit archive.marked-sent, the case timeline); nothing is written.
     */
    async markSent(d: SentDelivery): Promise<void> {
      const update = schemasOf().update;
      if (config.dialect !== 'fiks-arkiv-v2' || !update) return;
      const name = updateMessageNameOf(d);
      if (await exists(path.join(config.outDir, name))) return;
      const receipt = await readUpdateReceipt(name);
      if (receipt !== null) {
        if (receipt) throw new IntegrationError('validation', receipt, { integration: INTEGRATION });
        return;
      }
      const xml = buildFiksOppdatering(d);
      const check = await validatorOf().validate(xml, update);
      if (!check.valid) throw new IntegrationError('validation', `Oppdateringen er ikke gyldig etter XSD-en: ${check.errors.map((e) => e.message).join('; ') || check.kind}`, { integration: INTEGRATION });
      await writeMessage(name, xml, []);
    },

    async checkReceipt(reference: string, d?: ArchiveDelivery): Promise<ReceiptResult> {
      if (!isSafeMessageName(reference)) throw new IntegrationError('permanent', `Ugyldig meldingsreferanse «${reference.slice(0, 80)}»`, { integration: INTEGRATION });
      const receipt = (await readReceipt(reference)) ?? { state: 'awaiting-receipt' };
      // #13 item 2: the reply's receipt is in; its follow-up (eFormidling) must be too
      return receipt.state === 'archived' && d && reference === messageNameOf(d.entry.externalKey) ? followUp(d, receipt) : receipt;
    },

    async close() {
      await validator?.close();
      validator = undefined;
    },
  };
}
