import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { IntegrationError } from '../../../electron/core/errors';
import type { ExtractionResult, Noark5ExtractionInput, Noark5ExtractionWriter, WrittenFile } from '../../../electron/core/ports/archive-extraction.port';
import { writeAddml, type AddmlDataObject } from './addml.builder';
import { ArkivstrukturWriter, type DocumentSink } from './arkivstruktur.writer';
import { writeEndringslogg } from './endringslogg.writer';
import { JournalWriter } from './journal.writer';
import { writeInfoXml } from './mets-info.builder';
import { createPdfAConverter } from './pdfa.converter';
import { packTar } from './tar.packer';
import { datesIn, INTEGRATION } from './uttrekk.mapper';
import { XmlStreamWriter, type ClosedXmlFile } from './xml-stream.writer';

/**
 * The Noark 5 arkivuttrekk (v5.0) for one arkivdel and period (#16): `<outDir>/avleveringspakke/` with
 * arkivstruktur.xml, endringslogg.xml, loependeJournal.xml and offentligJournal.xml (when there is at
 * least one journalpost), arkivuttrekk.xml (ADDML 8.3), the official XSDs and dokumenter/ with every
 * document as PDF/A. One pass over the case files writes arkivstruktur and both journals; each
 * document is read, converted, written and hashed, then let go. With `pack`, the folder is also packed
 * as `<uuid>.tar` with the METS `<uuid>.xml` (info.xml) beside it, as Arkade does.
 *
 * ExtractionResult.files lists the package's XML and XSD files (what arkivuttrekk.xml names); the
 * documents are listed, with checksum and size, by arkivstruktur.xml itself, so that the result does
 * not grow with the number of documents.
 */

export const PACKAGE_DIR = 'avleveringspakke';
export const DOCUMENT_DIR = 'dokumenter';
/** The official schema files in resources/noark5-uttrekk, shipped unmodified in every package (krav 6.4). */
const XSD = {
  arkivstruktur: 'arkivstruktur.xsd',
  metadatakatalog: 'metadatakatalog.xsd',
  endringslogg: 'endringslogg.xsd',
  loependeJournal: 'loependeJournal.xsd',
  offentligJournal: 'offentligJournal.xsd',
  addml: 'addml.xsd',
} as const;

async function sha256File(file: string): Promise<{ sha256: string; size: number }> {
  const h = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(file)) {
    h.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: h.digest('hex'), size };
}

export function createNoark5ExtractionWriter(deps: { resourcesDir: string }): Noark5ExtractionWriter {
  const converter = createPdfAConverter(deps);
  const xsdDir = path.join(deps.resourcesDir, 'noark5-uttrekk');

  return {
    async write(input: Noark5ExtractionInput): Promise<ExtractionResult> {
      const { meta } = input;
      const dir = path.join(input.outDir, PACKAGE_DIR);
      const existing = await readdir(dir).catch(() => [] as string[]);
      if (existing.length) throw new IntegrationError('validation', `Mappen ${dir} finnes allerede og er ikke tom; velg en annen mappe for uttrekket.`, { integration: INTEGRATION });
      await mkdir(path.join(dir, DOCUMENT_DIR), { recursive: true });
      const dates = datesIn(meta.timezone);
      const at = new Date(meta.producedAt);
      const progress = input.onProgress ?? (() => undefined);
      const rel = (f: ClosedXmlFile): WrittenFile => ({ path: path.relative(dir, f.path).split(path.sep).join('/'), sha256: f.sha256, size: f.size });

      const writeDocument: DocumentSink = async (entry, doc, objektId) => {
        const original = await input.blob(doc.sha256);
        if (!original) {
          throw new IntegrationError('permanent', `Dokument ${doc.number} i journalpost ${entry.systemId} finnes ikke i dokumentlageret (SHA-256 ${doc.sha256}).`, {
            integration: INTEGRATION,
          });
        }
        const { bytes, ...file } = await converter.toArchival(original, doc, at);
        const ref = `${DOCUMENT_DIR}/${objektId}.pdf`;
        await writeFile(path.join(dir, ref), bytes);
        return { ref, sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length, file };
      };

      const arkivstrukturXml = new XmlStreamWriter(path.join(dir, 'arkivstruktur.xml'));
      const struktur = new ArkivstrukturWriter(arkivstrukturXml, meta, dates, writeDocument);
      const journals = new JournalWriter(dir, meta, dates, struktur.arkivdelId);
      try {
        progress({ phase: 'writing', done: 0, total: input.total });
        struktur.begin();
        let done = 0;
        for await (const cf of input.caseFiles) {
          const klasse = await struktur.caseFile(cf);
          await journals.caseFile(cf, klasse);
          progress({ phase: 'writing', done: ++done, total: input.total });
        }
        struktur.finish();
        const arkivstruktur = await arkivstrukturXml.end();
        const endringslogg = await writeEndringslogg(path.join(dir, 'endringslogg.xml'), input.changes, { meta, dates, arkivdelId: struktur.arkivdelId });
        const journalFiles = await journals.finish();

        // the official XSDs, copied unmodified; the journal schemas only with the journals
        const schemaNames = [XSD.arkivstruktur, XSD.metadatakatalog, XSD.endringslogg, ...(journalFiles ? [XSD.loependeJournal, XSD.offentligJournal] : []), XSD.addml];
        const schemas = new Map<string, WrittenFile>();
        for (const name of schemaNames) {
          await copyFile(path.join(xsdDir, name), path.join(dir, name));
          schemas.set(name, { path: name, ...(await sha256File(path.join(dir, name))) });
        }
        const f = (name: string) => ({ name, sha256: schemas.get(name)!.sha256 });
        const x = (file: ClosedXmlFile) => ({ name: path.basename(file.path), sha256: file.sha256 });
        const dataObjects: AddmlDataObject[] = [
          { name: 'arkivstruktur', file: x(arkivstruktur), schema: f(XSD.arkivstruktur), occurrences: [['mappe', struktur.counts.mappe], ['registrering', struktur.counts.registrering]] },
          { name: 'endringslogg', file: x(endringslogg.file), schema: f(XSD.endringslogg), occurrences: [['endring', endringslogg.count]] },
        ];
        if (journalFiles) {
          dataObjects.push(
            { name: 'loependeJournal', file: x(journalFiles.loependeJournal), schema: f(XSD.loependeJournal), occurrences: [['journalregistrering', journalFiles.count]] },
            { name: 'offentligJournal', file: x(journalFiles.offentligJournal), schema: f(XSD.offentligJournal), occurrences: [['journalregistrering', journalFiles.count]] },
          );
        }
        const addml = await writeAddml(path.join(dir, 'arkivuttrekk.xml'), {
          meta,
          metadatakatalog: f(XSD.metadatakatalog),
          dataObjects,
          antallDokumentfiler: struktur.counts.dokumentfiler,
          inneholderSkjermetInformasjon: struktur.counts.screened,
        });
        const files: WrittenFile[] = [
          rel(addml),
          rel(arkivstruktur),
          rel(endringslogg.file),
          ...(journalFiles ? [rel(journalFiles.loependeJournal), rel(journalFiles.offentligJournal)] : []),
          ...schemas.values(),
        ];

        let tarPath: string | null = null;
        let infoXmlPath: string | null = null;
        if (input.pack) {
          progress({ phase: 'packing', done: 0, total: 1 });
          const uuid = randomUUID();
          const tar = await packTar(dir, path.join(input.outDir, `${uuid}.tar`), uuid);
          const info = await writeInfoXml(path.join(input.outDir, `${uuid}.xml`), {
            meta,
            dates,
            uuid,
            tar: { name: path.basename(tar.path), sha256: tar.sha256, size: tar.size, createdAt: Date.now() },
          });
          tarPath = tar.path;
          infoXmlPath = info.path;
          progress({ phase: 'packing', done: 1, total: 1 });
        }
        const counts = {
          mappe: struktur.counts.mappe,
          registrering: struktur.counts.registrering,
          dokumentfiler: struktur.counts.dokumentfiler,
          endringer: endringslogg.count,
          converted: struktur.counts.converted,
        };
        progress({ phase: 'done', done: input.total, total: input.total });
        return { dir, tarPath, infoXmlPath, files, counts };
      } catch (e) {
        arkivstrukturXml.abort();
        journals.abort();
        // a half-written package must not pass for one: the folder was empty (or new) when we began
        await rm(dir, { recursive: true, force: true });
        throw e;
      }
    },
  };
}
