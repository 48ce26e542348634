import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { XmlElement } from '../../../electron/core/profiles/xml-tree';
import { parseXmlSafe } from '../../shared/xml/safe-xml';
import { createXsdValidator, type XsdValidation, type XsdValidator } from '../../shared/xml/xsd-validator';
import { child, childrenOf, el, textOf, toXml, xsiType } from '../../shared/xml/xml-tree';
import {
  EFORMIDLING_RECEIPT_NS,
  FIKS_FEIL_NS,
  FIKS_KVITTERING_NS,
  FIKS_MDK_NS,
  FIKS_OPPDATER_NS,
  FIKS_UGYLDIG_NS,
  isSafeMessageName,
  loadArkivmeldingSchemas,
  MESSAGE_FILE,
  POSTMOTTAK_NS,
  XSI_NS,
  type ArkivmeldingDialect,
} from '../arkivmelding.protocol';
import { FAGSYSTEM, JOURNALPOSTTYPE, KORRESPONDANSEPARTTYPE, SKJERMING_METADATA } from '../noark-codes';
import { ArchiveSimState, type ArchiveSimulator, type SimCaseFile, type SimCorrespondent, type SimEntry } from './archive-sim-state';

/**
 * The archive side of the arkivmelding drop folder (see arkivmelding.adapter.ts for the contract).
 * Every poll it takes each message folder in outDir (names starting with '.' are ignored: a
 * sender's half-written message), and for each:
 *  1. validates arkivmelding.xml against the dialect's official XSD (xmllint-wasm);
 *  2. checks antallFiler and that every referanseDokumentfil exists in the folder (and, for
 *     Fiks Arkiv, that sjekksum/filstoerrelse match when given);
 *  3. resolves references (parent mappe, both ends of an avskrivning) before changing anything;
 *     eFormidling 2 takes one saksmappe with ONE journalpost (RESEARCH-NOTES.md), anything else is
 *     refused; a journalpost the archive already has may be sent again to add its avskrivning
 *     (metadatakatalog.xsd:481 M215: it is closed by the journalpost it names), which is recorded
 *     («application closed by reply») and answered «Eksisterende»;
 *  4. dedupes by ekstern nøkkel (Fiks referanseEksternNoekkel / eFormidling pm:eksternNoekkel in
 *     virksomhetsspesifikkeMetadata, else systemID): a known case file or entry is «Eksisterende"
 *     with its numbers, not a second one;
 *  5. creates case file, entry, correspondents, documents (bytes in state.files) and avskrivning
 *     in ArchiveSimState, which numbers them;
 *  6. writes the receipt `<receiptDir>/<name>.xml` atomically (kvittering, or for a bad message a
 *     feilmelding with xmllint's / the check's own message, and state.reject);
 *  7. only then removes the message folder.
 */

export interface ArkivmeldingSimulatorOptions {
  dialect: ArkivmeldingDialect;
  outDir: string;
  receiptDir: string;
  schemaDir: string;
  pollMs?: number;
  now?: () => number;
  /** Start without polling; processNow() still works. */
  paused?: boolean;
  /** The XSD validator (default: its own xmllint); tests wrap one to see how messages are validated. Closed with the simulator. */
  validator?: XsdValidator;
}

export type ArkivmeldingSimulator = ArchiveSimulator & { pause(): void; resume(): void; processNow(): Promise<number> };

class Rejection extends Error {}

/** Messages of a pass read and validated together: one xmllint run (one schema parse) for up to this many. */
const READ_AHEAD = 64;

type ParsedCorrespondent = SimCorrespondent;

interface ParsedDoc {
  dokumentnummer: number;
  tilknyttetRegistreringSom: string;
  title: string;
  dokumenttype: string | null;
  file: string;
  filename: string | null;
  contentType: string | null;
  sjekksum: string | null;
  filstoerrelse: number | null;
}

/** What the simulator reads out of one message, whatever the dialect. */
interface ParsedMessage {
  meldingId: string | null;
  antallFiler: number;
  mappe:
    | (Pick<SimCaseFile, 'title' | 'titlePublic' | 'arkivdel' | 'classification' | 'administrativEnhet' | 'saksansvarlig' | 'tilgangsrestriksjon' | 'skjermingshjemmel'> & {
        systemId: string | null;
        key: string | null;
        saksaar: number | null;
        sakssekvensnummer: number | null;
      })
    | null;
  parent: { systemId: string | null; key: string | null } | null;
  entry: {
    systemId: string | null;
    key: string | null;
    journalposttype: string;
    title: string;
    titlePublic: string | null;
    tilgangsrestriksjon: string | null;
    skjermingshjemmel: string | null;
    correspondents: ParsedCorrespondent[];
    documents: ParsedDoc[];
  };
  /** Which entry is avskrevet (closed), by which entry: 'entry' is the message's new journalpost. */
  avskrivninger: { of: EntryRef | 'entry'; by: EntryRef | 'entry'; maate: string }[];
}

type EntryRef = { systemId: string | null; key: string | null };

const kodeOf = (e: XmlElement | undefined, name: string): string | null => textOf(child(e, name), 'kode');
const intOf = (e: XmlElement | undefined, name: string): number | null => {
  const t = textOf(e, name);
  return t !== null && /^-?\d+$/.test(t) ? Number(t) : null;
};
const keyOf = (e: XmlElement | undefined): string | null => textOf(e, 'noekkel');

/** How a dialect writes a code value: Fiks Arkiv as a {kode} object (kodeOf), eFormidling as the text itself (textOf). */
type CodeReader = (e: XmlElement | undefined, name: string) => string | null;
type FileFacts = Pick<ParsedDoc, 'filename' | 'contentType' | 'sjekksum' | 'filstoerrelse'>;

/** What a mappe and a registrering carry alike, in both dialects: systemID, titles and skjerming. */
const registeredOf = (e: XmlElement, code: CodeReader) => ({
  systemId: textOf(e, 'systemID'),
  title: textOf(e, 'tittel') ?? '',
  titlePublic: textOf(e, 'offentligTittel'),
  tilgangsrestriksjon: code(child(e, 'skjerming'), 'tilgangsrestriksjon'),
  skjermingshjemmel: textOf(child(e, 'skjerming'), 'skjermingshjemmel'),
});

/** The case file's numbers (when the sender gives them) and classes; the dialects name the class system's field differently. */
const caseFileOf = (m: XmlElement, systemField: string) => ({
  saksaar: intOf(m, 'saksaar'),
  sakssekvensnummer: intOf(m, 'sakssekvensnummer'),
  classification: childrenOf(m, 'klassifikasjon').map((k) => ({ ordningsprinsipp: textOf(k, systemField) ?? '', ordningsverdi: textOf(k, 'klasseID') ?? '' })),
});

/** One ParsedDoc per dokumentobjekt; only Fiks Arkiv describes the file itself (fileFacts). */
function docsOf(reg: XmlElement, code: CodeReader, fileFacts: (o: XmlElement) => FileFacts): ParsedDoc[] {
  return childrenOf(reg, 'dokumentbeskrivelse').flatMap((d, i) =>
    childrenOf(d, 'dokumentobjekt').map((o) => ({
      dokumentnummer: intOf(d, 'dokumentnummer') ?? i + 1,
      tilknyttetRegistreringSom: code(d, 'tilknyttetRegistreringSom') ?? '',
      title: textOf(d, 'tittel') ?? '',
      dokumenttype: code(d, 'dokumenttype'),
      file: textOf(o, 'referanseDokumentfil') ?? '',
      ...fileFacts(o),
    })),
  );
}

const fiksFileFacts = (o: XmlElement): FileFacts => ({ filename: textOf(o, 'filnavn'), contentType: textOf(o, 'mimeType'), sjekksum: textOf(o, 'sjekksum'), filstoerrelse: intOf(o, 'filstoerrelse') });
const NO_FILE_FACTS: FileFacts = { filename: null, contentType: null, sjekksum: null, filstoerrelse: null };

function parseFiks(root: XmlElement): ParsedMessage {
  const m = child(root, 'mappe');
  const r = child(root, 'registrering');
  if (!r) throw new Rejection('Meldingen har ingen registrering; dette arkivet tar imot mappe + registrering eller registrering alene.');
  const parentRef = child(r, 'referanseForelderMappe');
  let avskriver: ParsedMessage['avskrivninger'][number] | null = null;
  const correspondents = childrenOf(r, 'korrespondansepart').map((k): ParsedCorrespondent => {
    const a = child(k, 'avskrivning');
    const ref = child(a, 'referanseAvskriverJournalpost');
    // M214 referanseAvskriverJournalpost: the journalposter this one (the message's) avskriver, i.e. closes
    if (a && ref) avskriver = { of: { systemId: textOf(ref, 'systemID'), key: keyOf(child(ref, 'referanseEksternNoekkel')) }, by: 'entry', maate: kodeOf(a, 'avskrivningsmaate') ?? '' };
    return {
      type: kodeOf(k, 'korrespondanseparttype') ?? '',
      name: textOf(k, 'korrespondansepartNavn') ?? '',
      personNumber: textOf(k, 'personid'),
      organisationNumber: textOf(k, 'organisasjonid'),
      screened: textOf(k, 'erSkjermet') === 'true',
    };
  });
  return {
    meldingId: null,
    antallFiler: intOf(root, 'antallFiler') ?? -1,
    mappe: m
      ? {
          ...registeredOf(m, kodeOf),
          ...caseFileOf(m, 'klassifikasjonssystemID'),
          key: keyOf(child(m, 'referanseEksternNoekkel')),
          arkivdel: kodeOf(m, 'arkivdel'),
          administrativEnhet: textOf(child(m, 'administrativEnhet'), 'identifikator') ?? textOf(child(m, 'administrativEnhet'), 'navn'),
          saksansvarlig: textOf(child(m, 'saksansvarlig'), 'navn') ?? textOf(child(m, 'saksansvarlig'), 'identifikator'),
        }
      : null,
    parent: parentRef ? { systemId: textOf(parentRef, 'systemID'), key: keyOf(child(parentRef, 'referanseEksternNoekkel')) } : null,
    entry: {
      ...registeredOf(r, kodeOf),
      key: keyOf(child(r, 'referanseEksternNoekkel')),
      journalposttype: kodeOf(r, 'journalposttype') ?? '',
      correspondents,
      documents: docsOf(r, kodeOf, fiksFileFacts),
    },
    avskrivninger: avskriver ? [avskriver] : [],
  };
}

const pmOf = (e: XmlElement | undefined): XmlElement | undefined => childrenOf(child(e, 'virksomhetsspesifikkeMetadata'), 'postmottak').find((p) => p.namespace === POSTMOTTAK_NS);
const typeToCode = (text: string, table: Record<string, { code: string; text: string }>): string => Object.values(table).find((v) => v.text === text)?.code ?? text;

function parseEformidling(root: XmlElement): ParsedMessage {
  const mapper = childrenOf(root, 'mappe');
  if (mapper.length !== 1 || xsiType(mapper[0]) !== 'saksmappe') throw new Rejection('Meldingen skal inneholde én saksmappe (eFormidling).');
  const m = mapper[0]!;
  // eFormidling 2: the saksmappe holds exactly one journalpost (felleslosninger docs, RESEARCH-NOTES.md)
  const jps = childrenOf(m, 'basisregistrering');
  if (jps.length !== 1 || xsiType(jps[0]) !== 'journalpost') throw new Rejection(`Saksmappen skal inneholde nøyaktig én journalpost (eFormidling); denne har ${jps.length} registreringer.`);
  const r = jps[0]!;
  // metadatakatalog.xsd:481 M215 referanseAvskrivesAvJournalpost: the avskrivning belongs to the journalpost
  // it sits in (that one is closed) and names the journalpost that closes it
  const avskrivninger = childrenOf(r, 'avskrivning').map((a) => {
    const by = textOf(a, 'referanseAvskrivesAvJournalpost');
    return { of: 'entry' as const, by: by === textOf(r, 'systemID') ? ('entry' as const) : { systemId: by, key: null }, maate: textOf(a, 'avskrivningsmaate') ?? '' };
  });
  const screenedMeta = childrenOf(child(r, 'skjerming'), 'skjermingMetadata').map((s) => s.text.trim());
  const pm = pmOf(r);
  return {
    meldingId: textOf(root, 'meldingId'),
    antallFiler: intOf(root, 'antallFiler') ?? -1,
    mappe: {
      ...registeredOf(m, textOf),
      ...caseFileOf(m, 'referanseKlassifikasjonssystem'),
      key: keyOf(child(pmOf(m), 'eksternNoekkel')),
      arkivdel: textOf(m, 'referanseArkivdel'),
      administrativEnhet: textOf(m, 'administrativEnhet'),
      saksansvarlig: textOf(m, 'saksansvarlig'),
    },
    parent: { systemId: textOf(r, 'referanseForelderMappe'), key: null },
    entry: {
      ...registeredOf(r, textOf),
      key: keyOf(child(pm, 'eksternNoekkel')),
      journalposttype: typeToCode(textOf(r, 'journalposttype') ?? '', JOURNALPOSTTYPE),
      correspondents: childrenOf(r, 'korrespondansepart').map((k) => {
        const type = typeToCode(textOf(k, 'korrespondanseparttype') ?? '', KORRESPONDANSEPARTTYPE);
        const hidden = type === KORRESPONDANSEPARTTYPE.avsender.code ? SKJERMING_METADATA.navnAvsender.text : SKJERMING_METADATA.navnMottaker.text;
        return { type, name: textOf(k, 'korrespondansepartNavn') ?? '', personNumber: null, organisationNumber: null, screened: screenedMeta.includes(hidden) };
      }),
      documents: docsOf(r, textOf, () => NO_FILE_FACTS),
    },
    avskrivninger,
  };
}

/** What a new case file and a new entry both take from the message: the key (Postmottak's) and the titles and skjerming. */
const recordedOf = (x: Pick<SimCaseFile, 'title' | 'titlePublic' | 'tilgangsrestriksjon' | 'skjermingshjemmel'> & { key: string | null }) => ({
  externalKey: x.key,
  fagsystem: x.key ? FAGSYSTEM : null,
  title: x.title,
  titlePublic: x.titlePublic,
  tilgangsrestriksjon: x.tilgangsrestriksjon,
  skjermingshjemmel: x.skjermingshjemmel,
});

const isoSeconds = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export async function startArkivmeldingSimulator(opts: ArkivmeldingSimulatorOptions): Promise<ArkivmeldingSimulator> {
  const now = opts.now ?? Date.now;
  const state = new ArchiveSimState(now);
  const schemas = loadArkivmeldingSchemas(opts.schemaDir, opts.dialect);
  const validator = opts.validator ?? createXsdValidator();
  await fs.mkdir(opts.outDir, { recursive: true });
  await fs.mkdir(opts.receiptDir, { recursive: true });

  let paused = !!opts.paused;
  let closed = false;
  let running: Promise<number> | null = null;

  async function writeReceipt(name: string, xml: string): Promise<void> {
    const tmp = path.join(opts.receiptDir, `.${name}.xml.tmp`);
    // written whole under a '.' name, then renamed: the sender never reads half a receipt. No
    // fsync: a simulator's receipts need not survive a power cut, and one per message made the
    // simulator, not the hub, the limit of the benchmark (#18)
    await fs.writeFile(tmp, xml);
    await fs.rename(tmp, path.join(opts.receiptDir, `${name}.xml`));
  }

  function rejectionXml(message: string, meldingId: string | null): string {
    if (opts.dialect === 'fiks-arkiv-v2') {
      return toXml(el('ugyldigforespoersel', [el('feil:feilId', randomUUID()), el('feil:feilmelding', message)], { xmlns: FIKS_UGYLDIG_NS, 'xmlns:feil': FIKS_FEIL_NS }));
    }
    return toXml(
      el(
        'arkivmeldingKvittering',
        [
          el('receiptType', 'ERROR'),
          el('relatedToMessageId', meldingId ?? 'ukjent'),
          el('tidspunkt', isoSeconds(now())),
          el('message', [el('code', 'UGYLDIG'), el('text', message)]),
        ],
        { xmlns: EFORMIDLING_RECEIPT_NS },
      ),
    );
  }

  function receiptXml(p: ParsedMessage, c: SimCaseFile, caseNew: boolean, e: SimEntry, entryNew: boolean): string {
    const status = (isNew: boolean): string => (isNew ? 'Opprettet' : 'Eksisterende');
    if (opts.dialect === 'fiks-arkiv-v2') {
      return toXml(
        el(
          'arkivmeldingKvittering',
          [
            el(
              'mappeKvittering',
              [
                el('systemID', c.systemId),
                el('opprettetDato', isoSeconds(c.createdAt)),
                p.mappe?.key ? el('referanseEksternNoekkel', [el('mdk:fagsystem', c.fagsystem ?? 'ukjent'), el('mdk:noekkel', p.mappe.key)]) : null,
                el('opprettetEllerEksisterende', status(caseNew)),
                el('saksaar', c.saksaar),
                el('sakssekvensnummer', c.sakssekvensnummer),
              ],
              { 'xsi:type': 'saksmappeKvittering' },
            ),
            el(
              'registreringKvittering',
              [
                el('systemID', e.systemId),
                el('opprettetDato', isoSeconds(e.createdAt)),
                ...e.documents.map((d) => el('dokumentbeskrivelseKvittering', [el('systemID', d.systemId), el('dokumentnummer', d.dokumentnummer)])),
                e.externalKey ? el('referanseEksternNoekkel', [el('mdk:fagsystem', e.fagsystem ?? 'ukjent'), el('mdk:noekkel', e.externalKey)]) : null,
                el('opprettetEllerEksisterende', status(entryNew)),
                el('journalaar', e.journalaar),
                el('journalsekvensnummer', e.journalsekvensnummer),
                el('journalpostnummer', e.journalpostnummer),
              ],
              { 'xsi:type': 'journalpostKvittering' },
            ),
          ],
          { xmlns: FIKS_KVITTERING_NS, 'xmlns:mdk': FIKS_MDK_NS, 'xmlns:xsi': XSI_NS },
        ),
      );
    }
    return toXml(
      el(
        'arkivmeldingKvittering',
        [
          el('receiptType', 'OK'),
          el('relatedToMessageId', p.meldingId ?? 'ukjent'),
          el('tidspunkt', isoSeconds(now())),
          el('saksmappe', [el('systemID', c.systemId), el('saksaar', c.saksaar), el('sakssekvensnummer', c.sakssekvensnummer), el('opprettetEllerEksisterende', status(caseNew))]),
          el('journalpost', [
            el('systemID', e.systemId),
            el('journalaar', e.journalaar),
            el('journalsekvensnummer', e.journalsekvensnummer),
            el('journalpostnummer', e.journalpostnummer),
            el('opprettetEllerEksisterende', status(entryNew)),
            ...e.documents.map((d) => el('dokumentbeskrivelse', [el('systemID', d.systemId), el('dokumentnummer', d.dokumentnummer)])),
          ]),
        ],
        { xmlns: EFORMIDLING_RECEIPT_NS },
      ),
    );
  }

  const findCase = (ref: { systemId: string | null; key: string | null; saksaar?: number | null; sakssekvensnummer?: number | null }): SimCaseFile | undefined =>
    (ref.key ? state.caseFileByKey(ref.key) : undefined) ??
    (ref.saksaar && ref.sakssekvensnummer ? state.caseFileByNumber(ref.saksaar, ref.sakssekvensnummer) : undefined) ??
    (ref.systemId ? state.caseFile(ref.systemId) : undefined);

  const findEntry = (ref: { systemId: string | null; key: string | null }): SimEntry | undefined =>
    (ref.key ? state.entryByKey(ref.key) : undefined) ?? (ref.systemId ? state.entry(ref.systemId) : undefined);

  /**
   * Fiks Arkiv v2 arkivmelding.oppdater (no.ks.fiks.arkiv.v2.arkivering.arkivmelding.oppdater.xsd), for a
   * journalpost the archive has: journalpostOppdatering (journalstatus, sendtDato) and new merknader.
   * Its kvittering carries no payload (meldingstyper.json: harPayload false): an empty receipt file.
   * M105 sendtDato is not changed once set; journalstatus E (ekspedert) needs a sendtDato (M105: «sendt/ekspedert»).
   */
  async function applyUpdate(text: string, root: XmlElement): Promise<string> {
    if (!schemas.update) throw new Rejection('Dette arkivet tar ikke imot oppdateringer.');
    const check = await validator.validate(text, schemas.update);
    if (!check.valid) throw new Rejection(`${MESSAGE_FILE} (oppdatering) er ikke gyldig etter XSD-en: ${check.errors.map((e) => e.message).join('; ')}`);
    const r = child(root, 'registreringOppdateringer');
    if (!r || xsiType(r) !== 'journalpostOppdatering') throw new Rejection('Dette arkivet tar bare imot oppdatering av journalposter (journalpostOppdatering).');
    const ref = child(r, 'referanseTilRegistrering');
    const entry = findEntry({ systemId: textOf(ref, 'systemID'), key: keyOf(child(ref, 'referanseEksternNoekkel')) });
    if (!entry) throw new Rejection('referanseTilRegistrering peker på en journalpost arkivet ikke kjenner.');
    const before = (entry.updates ?? []) as { sendtDato?: string | null; journalstatus?: string | null }[];
    const hadSendt = before.map((u) => u.sendtDato).find((v) => !!v) ?? null;
    const journalstatus = kodeOf(r, 'journalstatus');
    const sendtDato = textOf(r, 'sendtDato');
    if (hadSendt && sendtDato && sendtDato !== hadSendt) throw new Rejection('sendtDato er satt og kan ikke endres (M105).');
    if (journalstatus === 'E' && !sendtDato && !hadSendt) throw new Rejection('En ekspedert journalpost (journalstatus E) må ha sendtDato (M105).');
    const merknader = childrenOf(child(r, 'merknadOppdateringer'), 'ny').map((m) => ({ merknadstekst: textOf(m, 'merknadstekst'), merknadstype: kodeOf(m, 'merknadstype'), merknadsdato: textOf(m, 'merknadsdato') }));
    state.recordUpdate(entry.systemId, { journalstatus, sendtDato, merknader, raw: text });
    return '';
  }

  /**
   * Reads, parses and (an arkivmelding) schema-validates one message. It changes nothing, so a pass
   * reads its messages concurrently and xmllint validates them in one run (one schema parse for
   * the batch instead of one per message); the messages are then applied one by one, in order.
   */
  async function readMessage(name: string): Promise<{ text: string; root: XmlElement; check: XsdValidation | null } | Rejection> {
    let xml: Buffer;
    try {
      xml = await fs.readFile(path.join(opts.outDir, name, MESSAGE_FILE));
    } catch {
      return new Rejection(`${MESSAGE_FILE} mangler i meldingen.`);
    }
    const parsed = parseXmlSafe(new Uint8Array(xml), { maxBytes: 16 * 1024 * 1024, maxDepth: 64 });
    if (!parsed.ok) return new Rejection(`${MESSAGE_FILE} kan ikke leses: ${parsed.reason}`);
    // an update message is checked against its own schema in applyUpdate
    const isUpdate = opts.dialect === 'fiks-arkiv-v2' && parsed.root.namespace === FIKS_OPPDATER_NS;
    return { text: parsed.text, root: parsed.root, check: isUpdate ? null : await validator.validate(parsed.text, schemas.message) };
  }

  /** Handles one message folder; the receipt is written before the folder goes. */
  async function processMessage(name: string, read?: Awaited<ReturnType<typeof readMessage>>): Promise<void> {
    const dir = path.join(opts.outDir, name);
    let meldingId: string | null = null;
    let receipt: string;
    try {
      const r = read ?? (await readMessage(name));
      if (r instanceof Rejection) throw r;
      const parsed = { text: r.text, root: r.root };
      if (r.check === null) {
        await writeReceipt(name, await applyUpdate(parsed.text, parsed.root));
        await fs.rm(dir, { recursive: true, force: true });
        return;
      }
      const check = r.check;
      if (!check.valid) throw new Rejection(`${MESSAGE_FILE} er ikke gyldig etter XSD-en: ${check.errors.map((e) => (e.line ? `linje ${e.line}: ${e.message}` : e.message)).join('; ')}`);
      const p = opts.dialect === 'fiks-arkiv-v2' ? parseFiks(parsed.root) : parseEformidling(parsed.root);
      meldingId = p.meldingId;

      // documents: count and presence (and checksum/size where the dialect has them)
      const present = (await fs.readdir(dir)).filter((f) => f !== MESSAGE_FILE);
      if (p.antallFiler !== present.length) throw new Rejection(`antallFiler er ${p.antallFiler}, men meldingen har ${present.length} filer.`);
      const bytesByFile = new Map<string, Buffer>();
      for (const d of p.entry.documents) {
        if (!isSafeMessageName(d.file) || !present.includes(d.file)) throw new Rejection(`referanseDokumentfil «${d.file}» finnes ikke i meldingen.`);
        const bytes = await fs.readFile(path.join(dir, d.file));
        if (d.filstoerrelse !== null && d.filstoerrelse !== bytes.length) throw new Rejection(`«${d.file}» er ${bytes.length} byte, filstoerrelse sier ${d.filstoerrelse}.`);
        const sha = createHash('sha256').update(bytes).digest('hex');
        if (d.sjekksum !== null && d.sjekksum.toLowerCase() !== sha) throw new Rejection(`Sjekksummen for «${d.file}» stemmer ikke.`);
        bytesByFile.set(d.file, bytes);
      }

      // references, before anything is created
      let caseFile = p.mappe ? findCase(p.mappe) : undefined;
      if (!p.mappe) {
        caseFile = p.parent ? findCase(p.parent) : undefined;
        if (!caseFile) throw new Rejection('referanseForelderMappe peker ikke på en mappe arkivet kjenner.');
      } else if (p.parent && (p.parent.key ?? p.parent.systemId) && opts.dialect === 'fiks-arkiv-v2') {
        const sameKey = p.parent.key && p.parent.key === p.mappe.key;
        const sameId = p.parent.systemId && p.parent.systemId === p.mappe.systemId;
        if (!sameKey && !sameId && !findCase(p.parent)) throw new Rejection('referanseForelderMappe peker verken på mappen i meldingen eller på en kjent mappe.');
      }
      const existingEntry = findEntry({ systemId: opts.dialect === 'eformidling' ? p.entry.systemId : null, key: p.entry.key });
      const resolve = (end: EntryRef | 'entry'): SimEntry | 'entry' | undefined => (end === 'entry' ? 'entry' : findEntry(end));
      const avskrivninger = p.avskrivninger.map((a) => ({ of: resolve(a.of), by: resolve(a.by), maate: a.maate }));
      if (avskrivninger.some((a) => !a.of || !a.by) && (!existingEntry || opts.dialect === 'eformidling')) throw new Rejection('Avskrivningen peker på en journalpost arkivet ikke kjenner.');

      let caseNew = false;
      if (!caseFile) {
        const m = p.mappe!;
        const { arkivdel, classification, administrativEnhet, saksansvarlig } = m;
        caseNew = true;
        caseFile = state.addCaseFile({ ...recordedOf(m), arkivdel, classification, administrativEnhet, saksansvarlig, raw: parsed.text });
      }
      let entry = existingEntry;
      const entryNew = !entry;
      if (!entry) {
        const e = p.entry;
        entry = state.addEntry({ ...recordedOf(e), caseFileSystemId: caseFile.systemId, journalposttype: e.journalposttype, correspondents: e.correspondents, raw: parsed.text });
        for (const d of e.documents) {
          const bytes = bytesByFile.get(d.file)!;
          const doc = state.addDocument(entry.systemId, {
            dokumentnummer: d.dokumentnummer,
            tilknyttetRegistreringSom: d.tilknyttetRegistreringSom,
            title: d.title,
            dokumenttype: d.dokumenttype,
            filename: d.filename ?? d.file,
            contentType: d.contentType,
            size: bytes.length,
            sha256: createHash('sha256').update(bytes).digest('hex'),
          });
          state.files.set(doc.systemId, bytes);
        }
      }
      // new entry, or (eFormidling) one the archive has, sent again to add its avskrivning: recorded once
      const idOf = (x: SimEntry | 'entry' | undefined): string | undefined => (x === 'entry' ? entry.systemId : x?.systemId);
      for (const a of entryNew || opts.dialect === 'eformidling' ? avskrivninger : []) {
        const [of, by] = [idOf(a.of), idOf(a.by)];
        const known = state.avskrivninger().some((x) => x.entrySystemId === of && x.byEntrySystemId === by);
        if (of && by && !known) state.addAvskrivning({ entrySystemId: of, byEntrySystemId: by, maate: a.maate });
      }
      // the message that repeated a known journalpost for its avskrivning, kept as received
      if (!entryNew && opts.dialect === 'eformidling' && avskrivninger.length) state.recordUpdate(entry.systemId, parsed.text);
      receipt = receiptXml(p, state.caseFile(entry.caseFileSystemId) ?? caseFile, caseNew, entry, entryNew);
    } catch (e) {
      if (!(e instanceof Rejection)) throw e;
      state.reject('arkivmelding', e.message);
      receipt = rejectionXml(e.message, meldingId);
    }
    await writeReceipt(name, receipt);
    await fs.rm(dir, { recursive: true, force: true });
  }

  async function pass(): Promise<number> {
    let names: string[];
    try {
      names = (await fs.readdir(opts.outDir, { withFileTypes: true })).filter((d) => d.isDirectory() && !d.name.startsWith('.')).map((d) => d.name).sort();
    } catch {
      return 0;
    }
    let n = 0;
    const safe = names.filter(isSafeMessageName);
    for (let i = 0; i < safe.length && !closed; i += READ_AHEAD) {
      const chunk = safe.slice(i, i + READ_AHEAD);
      // read and validate the chunk together (one xmllint run), apply in name order
      const reads = chunk.map((name) => readMessage(name));
      // a failed validation run (not a rejection) ends the pass at its message; the others' failures are then not news
      for (const r of reads) r.catch(() => undefined);
      for (const [k, name] of chunk.entries()) {
        if (closed) break;
        await processMessage(name, await reads[k]);
        n++;
      }
      // a chunk cut short by close(): its remaining reads settle unobserved
      await Promise.allSettled(reads);
    }
    return n;
  }

  /** One pass at a time; a caller arriving during a pass waits for it, then runs its own. */
  async function processNow(): Promise<number> {
    while (running) await running.catch(() => 0);
    running = pass();
    try {
      return await running;
    } finally {
      running = null;
    }
  }

  const timer = setInterval(() => {
    if (!paused && !closed && !running) void processNow().catch(() => undefined);
  }, opts.pollMs ?? 250);
  timer.unref?.();

  return {
    url: opts.outDir,
    state,
    pause() {
      paused = true;
    },
    resume() {
      paused = false;
    },
    processNow,
    async close() {
      closed = true;
      clearInterval(timer);
      await running?.catch(() => 0);
      await validator.close();
    },
  };
}
