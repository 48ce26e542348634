import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { IntegrationError } from '../../../electron/core/errors';
import type { ExtractDocument, ExtractEntry } from '../../../electron/core/ports/archive-extract.port';
import type { ClosedCaseFile, ExtractionResult, Noark4DepositWriter, Noark5ExtractionInput, WrittenFile } from '../../../electron/core/ports/archive-extraction.port';
import { DOKUMENTTYPE_MAP } from '../dokumenttype-map';
import { AVSKRIVNINGSMAATE, DOKUMENTSTATUS, JOURNALPOSTTYPE, JOURNALSTATUS, TILKNYTTET_REGISTRERING_SOM, VARIANTFORMAT } from '../noark-codes';
import { createPdfAConverter } from '../uttrekk/pdfa.converter';
import { flag, isPersonPrinciple, SAK_AVSLUTTET, TGKODE_TEXT, writeCodeTables, type Codes } from './noark4-code-tables';
import { N4_IHTYPE, osloDate } from '../noark4-ws.mapper';
import { latin1Bytes, latin1Text, TableFileWriter, xmlDeclaration } from './latin1-table.writer';
import { loadTable, NOARK4_TABLES, NOARKIH, type Noark4Table, type Noark4TableKey } from './noark4-tables';

/**
 * The Noark 4 deposit (Noark-4.1 Del 2 kap. 15): one XML file per table, each ISO-8859-1 with a
 * DOCTYPE naming its DTD (resources/noark4-dtd/, copied beside the files), the contents file
 * NOARKIH.XML, and the documents in DOKUMENT/ (VE.FILREF). One pass over the case files: every
 * data table is an open write stream that waits for 'drain'; only the code tables' distinct
 * values (units, people, classes, codes: bounded by the organisation, not by the records) are
 * kept, and written at the end. Documents go through the Noark 5 package's PDF/A converter
 * (../uttrekk/pdfa.converter), one at a time, so both packages hold the same archival files.
 */

export interface Noark4DepositDeps {
  /** The app's resources folder; the DTDs are read from <resourcesDir>/noark4-dtd. */
  resourcesDir: string;
}

/** The deposit's folder inside outDir. */
export const NOARK4_DIR = 'noark4';
export const DOCUMENT_DIR = 'DOKUMENT';

/**
 * ISO date or date-time → YYYYMMDD, the calendar date in Oslo. Noark 4 dates are 8 digits without
 * time (Noark-4.1 Del 2 kap. 15; the DTDs only say #PCDATA, and NOARKIH→ADDML mappings type
 * SA.DATO, AM.AVSKDATO … as «date8»).
 */
export function n4date(iso: string): string {
  const d = osloDate(iso);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) throw new IntegrationError('validation', `«${iso}» er ikke en gyldig dato.`, { integration: 'noark4-deposit' });
  return d.replace(/-/g, '');
}

export function createNoark4DepositWriter(deps: Noark4DepositDeps): Noark4DepositWriter {
  const dtdDir = path.join(deps.resourcesDir, 'noark4-dtd');
  const converter = createPdfAConverter({ resourcesDir: deps.resourcesDir });

  return {
    async write(input: Omit<Noark5ExtractionInput, 'changes' | 'pack'>): Promise<ExtractionResult> {
      const { meta } = input;
      const dir = path.resolve(input.outDir, NOARK4_DIR);
      await mkdir(path.join(dir, DOCUMENT_DIR), { recursive: true });
      if ((await readdir(dir)).some((f) => f !== DOCUMENT_DIR) || (await readdir(path.join(dir, DOCUMENT_DIR))).length > 0) {
        throw new IntegrationError('validation', `Mappen ${dir} er ikke tom; velg en ny mappe for Noark 4-uttrekket.`, { integration: 'noark4-deposit' });
      }

      const tables = {} as Record<Noark4TableKey, Noark4Table>;
      for (const key of Object.keys(NOARK4_TABLES) as Noark4TableKey[]) tables[key] = await loadTable(dtdDir, NOARK4_TABLES[key]);
      await checkNoarkihDtd(dtdDir);

      const writers = {} as Record<Noark4TableKey, TableFileWriter>;
      for (const key of Object.keys(tables) as Noark4TableKey[]) writers[key] = new TableFileWriter(tables[key], dir);

      const codes: Codes = { units: new Map(), people: new Map(), ordnpri: new Map(), ordnverdi: new Map(), tgkoder: new Map(), tghjemler: new Map(), dokkat: new Map(), formats: new Map() };
      const idOf = (map: Map<string, number>, key: string): number => {
        let id = map.get(key);
        if (id === undefined) map.set(key, (id = map.size + 1));
        return id;
      };
      const unitId = (name: string) => idOf(codes.units, name);
      /** People by display name; an entry without a caseworker is the system's own (meta.systemName). */
      const personId = (name: string | null) => idOf(codes.people, name?.trim() || meta.systemName);
      const screeningCodes = (s: ClosedCaseFile['screening']): { tg: string | null; uoff: string | null } => {
        if (!s) return { tg: null, uoff: null };
        if (!codes.tgkoder.has(s.tilgangsrestriksjon)) codes.tgkoder.set(s.tilgangsrestriksjon, TGKODE_TEXT[s.tilgangsrestriksjon.toUpperCase()] ?? s.skjermingshjemmel);
        codes.tghjemler.set(`${s.tilgangsrestriksjon}\u0000${s.skjermingshjemmel}`, { code: s.tilgangsrestriksjon, hjemmel: s.skjermingshjemmel });
        return { tg: s.tilgangsrestriksjon, uoff: s.skjermingshjemmel };
      };

      const files: WrittenFile[] = [];
      let dokId = 0;
      let amId = 0;
      const counts = { mappe: 0, registrering: 0, dokumentfiler: 0, endringer: 0, converted: 0 };
      let done = 0;
      input.onProgress?.({ phase: 'writing', done, total: input.total });

      const producedAt = new Date(meta.producedAt);
      /** The document as the Noark 5 package has it (PDF/A, converted by the same converter), one at a time. */
      const writeDocument = async (doc: ExtractDocument, id: number): Promise<string> => {
        const original = await input.blob(doc.sha256);
        if (!original) throw new IntegrationError('validation', `Dokumentet «${doc.filename}» (${doc.sha256.slice(0, 12)}…) finnes ikke i lageret.`, { integration: 'noark4-deposit' });
        const archival = await converter.toArchival(original, doc, producedAt);
        if (archival.conversion) counts.converted++;
        const rel = `${DOCUMENT_DIR}/${id}.pdf`;
        await writeFile(path.join(dir, rel), archival.bytes, { flag: 'wx' });
        files.push({ path: rel, sha256: createHash('sha256').update(archival.bytes).digest('hex'), size: archival.bytes.byteLength });
        counts.dokumentfiler++;
        return rel;
      };

      const writeEntry = async (c: ClosedCaseFile, e: ExtractEntry, idBySystemId: Map<string, number>): Promise<void> => {
        if (e.journalaar === null || e.journalsekvensnummer === null || e.journalpostnummer === null) {
          throw new IntegrationError('validation', `Journalposten ${e.systemId} i sak ${c.saksaar}/${c.sakssekvensnummer} mangler arkivets journalnummer; den kan ikke avleveres i Noark 4.`, {
            integration: 'noark4-deposit',
          });
        }
        const s = screeningCodes(e.screening);
        const admId = unitId(e.administrativEnhet);
        const sbhId = personId(e.saksbehandler);
        const status = e.journalposttype === 'U' ? (e.sentAt ? JOURNALSTATUS.ekspedert : JOURNALSTATUS.ferdigstilt) : JOURNALSTATUS.journalfoert;
        await writers.journpost.row({
          'JP.ID': e.id,
          'JP.JAAR': e.journalaar,
          'JP.SEKNR': e.journalsekvensnummer,
          'JP.SAID': c.id,
          'JP.JPOSTNR': e.journalpostnummer,
          'JP.JDATO': n4date(e.journaldato),
          'JP.NDOKTYPE': JOURNALPOSTTYPE[e.journalposttype].code,
          'JP.DOKDATO': n4date(e.dokumentetsDato),
          'JP.UDATERT': flag(false),
          'JP.STATUS': status.code,
          'JP.INNHOLD': e.title,
          'JP.U1': flag(!!e.screening?.screenTitle),
          'JP.AVSKDATO': e.avskrevetAv ? n4date(e.avskrevetAv.date) : null,
          'JP.EKSPDATO': e.sentAt ? n4date(e.sentAt) : null,
          'JP.TGKODE': s.tg,
          'JP.UOFF': s.uoff,
          'JP.ARKDEL': c.arkivdel,
          'JP.PAPIR': flag(false),
          'JP.ANTVED': e.documents.filter((d) => d.role === 'vedlegg').length,
        });
        counts.registrering++;

        // AVSMOT: the I's sender is the one the caseworker answers (AM.BEHANSV), and carries the avskrivning
        // (AM.AVSKM/AM.AVSKDATO; AM.AVSKAV = JP.ID of the reply: Noark 5 M215 referanseAvskrivesAvJournalpost
        // names AM.AVSKAV as its Noark 4 attribute, noark5-standard 120-vedlegg_2 «Noark 4» column).
        let behansvGiven = false;
        for (const k of e.correspondents) {
          const behansv = e.journalposttype === 'I' && k.role === 'avsender' && !behansvGiven;
          if (behansv) behansvGiven = true;
          const avskr = behansv ? e.avskrevetAv : null;
          await writers.avsmot.row({
            'AM.ID': ++amId,
            'AM.JPID': e.id,
            'AM.IHTYPE': N4_IHTYPE[k.role],
            'AM.BEHANSV': flag(behansv),
            'AM.NAVN': k.name,
            'AM.U1': flag(!!e.screening?.screenCorrespondent),
            'AM.ADRESSE': k.address?.street,
            'AM.POSTNR': k.address?.postalCode,
            'AM.POSTSTED': k.address?.postalPlace,
            'AM.ADMID': admId,
            'AM.SBHID': sbhId,
            'AM.AVSKM': avskr ? AVSKRIVNINGSMAATE[avskr.avskrivningsmaate].code : null,
            'AM.AVSKAV': avskr ? idBySystemId.get(avskr.bySystemId) : null,
            'AM.AVSKDATO': avskr ? n4date(avskr.date) : null,
            // on the reply's recipient: the JP.ID of the application it answers
            'AM.BESVAR': e.journalposttype === 'U' && k.role === 'mottaker' && e.closesSystemId ? idBySystemId.get(e.closesSystemId) : null,
          });
        }

        for (const doc of e.documents) {
          const id = ++dokId;
          const kategori = DOKUMENTTYPE_MAP['noark4-ws'][doc.dokumenttype.trim().toLocaleUpperCase('nb')] ?? { code: doc.dokumenttype.trim().toLocaleUpperCase('nb'), text: doc.dokumenttype.trim() };
          codes.dokkat.set(kategori.code, kategori.text);
          // every file is PDF/A once converted (pdfa.converter): VE.DOKFORMAT is the LAGRFORMAT code PDF
          const format = 'PDF';
          codes.formats.set(format, 'application/pdf');
          const docScreened = !!e.screening?.screenDocuments;
          await writers.dokbeskriv.row({
            'DB.DOKID': id,
            'DB.KATEGORI': kategori.code,
            'DB.TITTEL': doc.title,
            'DB.PAPIR': flag(false),
            'DB.STATUS': DOKUMENTSTATUS.ferdigstilt.code,
            'DB.UTARBAV': sbhId,
            'DB.TGKODE': docScreened ? s.tg : null,
            'DB.UOFF': docScreened ? s.uoff : null,
          });
          const filref = await writeDocument(doc, id);
          await writers.dokversjon.row({
            'VE.DOKID': id,
            'VE.VERSJON': 1,
            'VE.VARIANT': VARIANTFORMAT.arkivformat.code,
            'VE.AKTIV': flag(true),
            'VE.DOKFORMAT': format,
            'VE.REGAV': sbhId,
            'VE.TGKODE': docScreened ? s.tg : null,
            'VE.FILREF': filref,
          });
          await writers.doklink.row({
            'DL.JPID': e.id,
            'DL.RNR': doc.number,
            'DL.DOKID': id,
            'DL.TYPE': TILKNYTTET_REGISTRERING_SOM[doc.role].code,
            'DL.TKDATO': n4date(e.journaldato),
            'DL.TKAV': sbhId,
          });
        }
      };

      const writeCase = async (c: ClosedCaseFile): Promise<void> => {
        if (c.saksaar === null || c.sakssekvensnummer === null) {
          throw new IntegrationError('validation', `Saksmappen ${c.systemId} mangler arkivets saksnummer; den kan ikke avleveres i Noark 4.`, { integration: 'noark4-deposit' });
        }
        const s = screeningCodes(c.screening);
        const { ordningsprinsipp: op, ordningsverdi: ov } = c.classification;
        idOf(codes.ordnpri, op);
        if (!isPersonPrinciple(op)) codes.ordnverdi.set(`${op}\u0000${ov}`, { op, ov });
        const lastJdato = c.entries.reduce<string | null>((max, e) => (max === null || e.journaldato > max ? e.journaldato : max), null);
        await writers.noarksak.row({
          'SA.ID': c.id,
          'SA.SAAR': c.saksaar,
          'SA.SEKNR': c.sakssekvensnummer,
          'SA.PAPIR': flag(false),
          'SA.DATO': n4date(c.saksdato),
          'SA.TITTEL': c.title,
          'SA.U1': flag(!!c.screening?.screenTitle),
          'SA.STATUS': SAK_AVSLUTTET.code,
          'SA.ARKDEL': c.arkivdel,
          'SA.ADMID': unitId(c.administrativEnhet),
          'SA.ANSVID': personId(c.saksansvarlig),
          'SA.TGKODE': s.tg,
          'SA.UOFF': s.uoff,
          'SA.SISTEJP': lastJdato ? n4date(lastJdato) : null,
          'SA.ANTJP': c.entries.length,
        });
        await writers.klassering.row({
          'KL.SAID': c.id,
          'KL.SORT': 1,
          'KL.ORDNPRI': op,
          'KL.ORDNVER': ov,
          // a person number as class is always screened (as noark4-ws.mapper klasseringXml does)
          'KL.U1': flag(isPersonPrinciple(op) || !!c.screening?.screenTitle),
        });
        counts.mappe++;
        const idBySystemId = new Map(c.entries.map((e) => [e.systemId, e.id]));
        for (const e of c.entries) await writeEntry(c, e, idBySystemId);
      };

      const dataKeys: Noark4TableKey[] = ['noarksak', 'klassering', 'journpost', 'avsmot', 'dokbeskriv', 'dokversjon', 'doklink'];
      try {
        for await (const c of input.caseFiles) {
          if (c.arkivdel !== meta.scope.arkivdel) continue; // core's scope; a stray case file would break SA.ARKDEL → ARKIVDEL
          await writeCase(c);
          input.onProgress?.({ phase: 'writing', done: ++done, total: input.total });
        }
        for (const key of dataKeys) {
          const f = await writers[key].close();
          if (f) files.push(f);
        }
        await writeCodeTables(writers, codes, meta, n4date);
        const codeKeys = (Object.keys(writers) as Noark4TableKey[]).filter((k) => !dataKeys.includes(k));
        for (const key of codeKeys) {
          const f = await writers[key].close();
          if (f) files.push(f);
        }
      } catch (e) {
        for (const w of Object.values(writers)) w.abort();
        throw e;
      }

      // the DTDs beside the files that name them, then the contents file
      const written = (Object.keys(writers) as Noark4TableKey[]).filter((k) => writers[k].count > 0);
      for (const key of written) files.push(await copyDtd(dtdDir, dir, tables[key].dtd));
      files.push(await copyDtd(dtdDir, dir, NOARKIH.dtd));
      files.push(await writeNoarkih(dir, input, written.map((k) => ({ table: tables[k], count: writers[k].count })), counts));

      input.onProgress?.({ phase: 'done', done, total: input.total });
      return { dir, tarPath: null, infoXmlPath: null, files, counts };
    },
  };
}

async function copyDtd(from: string, to: string, dtd: string): Promise<WrittenFile> {
  await copyFile(path.join(from, dtd), path.join(to, dtd));
  const bytes = await readFile(path.join(to, dtd));
  return { path: dtd, sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.byteLength };
}

/** NOARKIH.DTD must be there before anything is written (its element names are fixed in writeNoarkih). */
async function checkNoarkihDtd(dtdDir: string): Promise<void> {
  try {
    await readFile(path.join(dtdDir, NOARKIH.dtd), 'latin1');
  } catch (e) {
    throw new IntegrationError('permanent', `Fant ikke ${NOARKIH.dtd} i ${dtdDir}.`, { integration: 'noark4-deposit', cause: e });
  }
}

/**
 * NOARKIH.XML (NOARKIH.DTD): EKSPORTINFO (who, which system, the period, when), then per table
 * written its name, attribute list, one file and its record count. Small: one element per table.
 */
async function writeNoarkih(
  dir: string,
  input: Omit<Noark5ExtractionInput, 'changes' | 'pack'>,
  tables: { table: Noark4Table; count: number }[],
  counts: ExtractionResult['counts'],
): Promise<WrittenFile> {
  const { meta } = input;
  const t = (name: string, v: string | number): string => `<${name}>${latin1Text(String(v))}</${name}>`;
  const orgnr = /^\d{9}$/.test(meta.arkivskaper.id) ? meta.arkivskaper.id : null;
  const notes = [`Uttrekk fra ${meta.systemName} ${meta.systemVersion} for arkivdel ${meta.scope.arkivdel}, laget av ${meta.producedBy}.`, `${counts.mappe} saksmapper, ${counts.registrering} journalposter, ${counts.dokumentfiler} dokumenter.`];
  if (input.leftOut.length) notes.push(`${input.leftOut.length} saksmapper i perioden er ikke med fordi de ikke er avsluttet.`);
  let xml = `${xmlDeclaration()}<!DOCTYPE ${NOARKIH.root} SYSTEM "${NOARKIH.dtd}">\n<${NOARKIH.root} VERSJON="1.0">\n<EKSPORTINFO>`;
  xml += t('EI.ARKSKAPER', meta.arkivskaper.name) + t('EI.SYSTEMNAVN', `${meta.systemName} ${meta.systemVersion}`);
  if (orgnr) xml += t('EI.ORGNR', orgnr);
  xml += t('EI.MERKNAD', notes.join(' '));
  xml += t('EI.FRADATO', n4date(meta.scope.from)) + t('EI.TILDATO', n4date(meta.scope.to)) + t('EI.PRODDATO', n4date(new Date(meta.producedAt).toISOString()));
  xml += `</EKSPORTINFO>\n`;
  for (const { table, count } of tables) {
    xml += `<TABELLINFO>${t('TI.TABELL', table.record)}<ATTRIBUTTER>${table.fields.map((f) => t('TI.ATTR', f.name)).join('')}</ATTRIBUTTER>`;
    xml += `${t('TI.ANTFILER', 1)}<FIL>${t('TI.FILNAVN', table.file)}${t('TI.ANTPOSTER', count)}</FIL></TABELLINFO>\n`;
  }
  xml += `</${NOARKIH.root}>\n`;
  const bytes = latin1Bytes(xml);
  await writeFile(path.join(dir, NOARKIH.file), bytes, { flag: 'wx' });
  return { path: NOARKIH.file, sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.byteLength };
}

