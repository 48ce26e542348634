import { existsSync } from 'node:fs';
import { opendir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ExtractionProgress, PreCheckReport } from '../../../../electron/core/ports/archive-extraction.port';
import { createXsdValidator, type SchemaSet } from '../../../shared/xml/xsd-validator';
import { readAddml, type Addml, type AddmlDataObject } from './addml-reader';
import { ChunkedXsdValidator, IntervalCollector, systemIdAt, UNIT_SPECS, type MappedXsdError } from './chunked-xsd';
import { ArkivstrukturScan, EmptyElementCheck, EndringsloggScan, JournalScan, sha256File } from './content-scan';
import { createControls, type ControlResult } from './controls';
import { SystemIdSet } from './system-id-set';
import { XmlPass, type PassListener } from './xml-pass';

/**
 * The pre-check's controls over one package (#16), without the reports: what the worker thread
 * loads (pre-check.worker.ts), so it parses no PDF code. Memory: the systemIDs as 16-byte keys
 * (SystemIdSet), the arkivdel and klasse ids, one chunk of raw text and one XSD batch; nothing
 * per registration is kept beyond its systemID.
 */

export interface PreCheckRunOptions {
  /** Files up to this size are validated whole (N5.03); larger ones in chunks. Default 4 MB. */
  wholeFileMaxBytes?: number;
  /** Size of one chunked validation batch in characters. Default 512 K (wasm memory per run grows with it; smaller costs more schema parses). */
  batchChars?: number;
  /** xmllint workers validating chunked batches side by side; default 1 (100,000 entries: 2 took 27.6 s for 29.0 s, and ~80 MB more RSS). */
  xsdWorkers?: number;
}

/** Arkade's folder names for the documents (ArkadeConstants.DocumentDirectoryNames). */
const DOCUMENT_DIRS = ['DOKUMENT', 'dokumenter', 'DOKUMENTER', 'dokument'];

/** When arkivuttrekk.xml is missing or unreadable: the file set of noark5-standard krav 6.4. */
const DEFAULT_OBJECTS: AddmlDataObject[] = ['arkivstruktur', 'endringslogg', 'loependeJournal', 'offentligJournal'].map((n) => ({
  name: n,
  file: `${n}.xml`,
  mainSchema: `${n}.xsd`,
  otherSchemas: ['metadatakatalog.xsd'],
  occurrences: {},
}));

const PASS_ORDER = ['arkivstruktur', 'endringslogg', 'loependeJournal', 'offentligJournal'];

function packageRoot(dir: string): string {
  if (!existsSync(path.join(dir, 'arkivuttrekk.xml')) && existsSync(path.join(dir, 'avleveringspakke', 'arkivuttrekk.xml'))) return path.join(dir, 'avleveringspakke');
  return dir;
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

async function countFiles(dir: string): Promise<number> {
  let n = 0;
  for await (const e of await opendir(dir)) {
    if (e.isDirectory()) n += await countFiles(path.join(dir, e.name));
    else if (e.isFile()) n++;
  }
  return n;
}

const errText = (e: unknown): string => (e instanceof Error ? e.message : String(e));
const isSkarp = (v: string | null): boolean => !!v && /^skarp/i.test(v.trim());

/** The check itself, in this thread (pre-check.worker.ts runs it). checkedAt is the caller's to set. */
export async function runPreCheckInProcess(deps: PreCheckRunOptions, packageDir: string, onProgress?: (p: ExtractionProgress) => void): Promise<PreCheckReport> {
  const wholeMax = deps.wholeFileMaxBytes ?? 4 * 1024 * 1024;
  const batchChars = deps.batchChars ?? 512 * 1024;
  const xsdWorkers = Math.max(1, deps.xsdWorkers ?? 1);
  const root = packageRoot(path.resolve(packageDir));
  const c = createControls();
  const ids = new SystemIdSet();

  // arkivuttrekk.xml (ADDML)
  let addml: Addml | null = null;
  const addmlPath = path.join(root, 'arkivuttrekk.xml');
  if (!(await isFile(addmlPath))) c['N5.01'].fail('arkivuttrekk.xml finnes ikke i arkivuttrekket.', 'arkivuttrekk.xml');
  else {
    try {
      addml = await readAddml(addmlPath);
    } catch (e) {
      c['N5.01'].fail(`arkivuttrekk.xml kan ikke leses: ${errText(e)}`, 'arkivuttrekk.xml');
    }
  }
  const objects = addml?.dataObjects.filter((d) => d.file) ?? DEFAULT_OBJECTS;

  // N5.01 every file named exists; N5.02 their checksums
  const hashes = new Map<string, string | null>();
  const hashOf = async (name: string): Promise<string | null> => {
    if (!hashes.has(name)) {
      const p = path.join(root, name);
      hashes.set(name, (await isFile(p)) ? await sha256File(p) : null);
    }
    return hashes.get(name)!;
  };
  const named = addml ? addml.files : objects.flatMap((o) => [o.file!, o.mainSchema!, ...o.otherSchemas].map((name) => ({ name, dataObject: o.name, kind: 'xml' as const, checksum: null })));
  for (const name of new Set(named.map((f) => f.name))) {
    c['N5.01'].count('Antall filer kontrollert');
    if (!(await isFile(path.join(root, name)))) c['N5.01'].fail(`Filen ${name}, som arkivuttrekk.xml nevner, finnes ikke i arkivuttrekket.`, name);
  }
  if (addml) {
    const withSum = new Set(addml.files.filter((f) => f.checksum).map((f) => f.name));
    const reported = new Set<string>();
    for (const f of addml.files) {
      if (!f.checksum) {
        // ADDML template: a schema's checksum is given at its first occurrence only
        if ((f.kind === 'xml' || !withSum.has(f.name)) && !reported.has(f.name)) {
          reported.add(f.name);
          c['N5.02'].fail(`arkivuttrekk.xml oppgir ingen sjekksum for ${f.name}.`, f.name);
        }
        continue;
      }
      c['N5.02'].count('Antall sjekksummer kontrollert');
      const { algorithm, value } = f.checksum;
      if (!algorithm || !/^SHA-?256$/i.test(algorithm.trim())) {
        c['N5.02'].fail(`Sjekksumalgoritmen for ${f.name} er «${algorithm ?? ''}»; forventet SHA-256.`, f.name);
        continue;
      }
      if (!value) {
        c['N5.02'].fail(`arkivuttrekk.xml oppgir ingen sjekksumverdi for ${f.name}.`, f.name);
        continue;
      }
      const actual = await hashOf(f.name);
      if (actual === null) continue; // N5.01 names the missing file
      if (actual !== value.trim().toLowerCase()) c['N5.02'].fail(`Sjekksummen for ${f.name} stemmer ikke: arkivuttrekk.xml oppgir ${value.trim()}, beregnet ${actual}.`, f.name);
    }
  }

  // one pass per XML file
  const ordered = [...objects].sort((a, b) => rank(a.name) - rank(b.name));
  const sizes = await Promise.all(ordered.map(async (o) => ((await isFile(path.join(root, o.file!))) ? (await stat(path.join(root, o.file!))).size : 0)));
  const total = sizes.reduce((a, b) => a + b, 0);
  let doneBefore = 0;
  let structure: ArkivstrukturScan | null = null;
  let endringslogg: EndringsloggScan | null = null;
  const journals: Record<string, JournalScan> = {};
  // more than one xmllint worker only when asked: each starts on its first batch
  const validators = Array.from({ length: xsdWorkers }, () => createXsdValidator({ maxLinesPerFile: 200, maxMemoryMiB: 1024, timeoutMs: 120_000 }));
  const validator = validators[0]!;
  try {
    for (const [i, obj] of ordered.entries()) {
      const file = obj.file!;
      const abs = path.join(root, file);
      if (!(await isFile(abs))) continue; // N5.01 has it
      const listeners: PassListener[] = [new EmptyElementCheck(file, c['N5.63'])];
      if (obj.name === 'arkivstruktur') listeners.push((structure = new ArkivstrukturScan(c, ids, root, file)));
      else if (obj.name === 'endringslogg') listeners.push((endringslogg = new EndringsloggScan(c, ids, file)));
      else if (obj.name === 'loependeJournal' || obj.name === 'offentligJournal') listeners.push((journals[obj.name] = new JournalScan()));

      const schema = await loadSchema(root, obj, c['N5.03']);
      const onXsdError = (e: MappedXsdError) =>
        c['N5.03'].fail(
          `${file}${e.line !== null ? ` linje ${e.line}` : ''}${e.systemId ? ` (systemID ${e.systemId})` : ''}: ${e.message}`,
          e.line !== null ? `${file}:${e.line}` : file,
        );
      const spec = UNIT_SPECS[obj.name as keyof typeof UNIT_SPECS];
      const whole = schema && (sizes[i]! <= wholeMax || !spec);
      const intervals = whole ? new IntervalCollector() : null;
      if (intervals) listeners.push(intervals);
      if (schema && !whole) listeners.push(new ChunkedXsdValidator({ validators, schema, spec: spec!, batchChars, onError: onXsdError }));
      let pass: XmlPass | null = null;
      listeners.push({
        afterChunk: async () => onProgress?.({ phase: 'checking', done: doneBefore + (pass?.bytesRead ?? 0), total }),
      });
      pass = new XmlPass(abs, listeners);
      c['N5.03'].count('Antall XML-filer kontrollert');
      try {
        await pass.run();
      } catch (e) {
        c['N5.03'].fail(`${file} er ikke velformet XML: ${errText(e)}`, file);
        continue;
      } finally {
        doneBefore += sizes[i]!;
      }
      if (schema && whole) {
        const r = await validator.validate(await readFile(abs, 'utf8'), schema);
        if (!r.valid) for (const e of r.errors) onXsdError({ line: e.line, message: e.message, systemId: systemIdAt(intervals!.intervals, e.line) });
      }
    }
  } finally {
    await Promise.all(validators.map((v) => v.close()));
  }

  const occ = (name: string, el: string): number | null => addml?.dataObjects.find((d) => d.name === name)?.occurrences[el] ?? null;
  const compareToAddml = (ctl: ControlResult, counted: number, declared: number | null, what: string, file: string) => {
    if (declared === null) return;
    ctl.counts[`Oppgitt i arkivuttrekk.xml (${what})`] = declared;
    if (declared !== counted) ctl.fail(`arkivuttrekk.xml oppgir ${declared} forekomster av ${what} i ${file}, men filen har ${counted}.`, 'arkivuttrekk.xml');
  };

  // arkivstruktur: references and the counts against ADDML (N5.10, N5.16)
  const s = structure as ArkivstrukturScan | null;
  if (s) {
    s.finish();
    compareToAddml(c['N5.10'], c['N5.10'].counts['Antall mapper'] ?? 0, occ('arkivstruktur', 'mappe'), 'mappe', 'arkivstruktur.xml');
    compareToAddml(c['N5.16'], c['N5.16'].counts['Antall registreringer'] ?? 0, occ('arkivstruktur', 'registrering'), 'registrering', 'arkivstruktur.xml');
  }
  c['N5.47'].counts['Antall systemID-er'] = ids.size;

  // N5.28: the document files against antallDokumentfiler
  let docFiles = 0;
  for (const d of DOCUMENT_DIRS) {
    const p = path.join(root, d);
    if (existsSync(p) && (await stat(p)).isDirectory()) {
      docFiles = await countFiles(p);
      break;
    }
  }
  c['N5.28'].counts['Antall dokumentfiler'] = docFiles;
  if (addml) {
    if (addml.antallDokumentfiler === null) c['N5.28'].fail('arkivuttrekk.xml oppgir ikke antallDokumentfiler.', 'arkivuttrekk.xml');
    else {
      c['N5.28'].counts['Oppgitt i arkivuttrekk.xml (antallDokumentfiler)'] = addml.antallDokumentfiler;
      if (addml.antallDokumentfiler !== docFiles) c['N5.28'].fail(`arkivuttrekk.xml oppgir ${addml.antallDokumentfiler} dokumentfiler, men arkivuttrekket har ${docFiles}.`, 'arkivuttrekk.xml');
    }
  }

  // N5.59: antallJournalposter in the two journals, and against arkivstruktur when the periode is skarp
  const lj = journals.loependeJournal;
  const oj = journals.offentligJournal;
  for (const [name, j] of Object.entries(journals)) {
    const file = `${name}.xml`;
    c['N5.59'].counts[`Antall journalregistreringer i ${file}`] = j.registreringer;
    if (j.antallJournalposter === null) {
      c['N5.59'].fail(`${file} oppgir ikke antallJournalposter i journalhode.`, file);
      continue;
    }
    c['N5.59'].counts[`antallJournalposter i ${file}`] = j.antallJournalposter;
    if (j.antallJournalposter !== j.registreringer) {
      c['N5.59'].fail(`${file} oppgir antallJournalposter ${j.antallJournalposter}, men har ${j.registreringer} journalregistreringer.`, `${file}:${j.antallLine}`);
    }
    compareToAddml(c['N5.59'], j.registreringer, occ(name, 'journalregistrering'), 'journalregistrering', file);
  }
  if (lj?.antallJournalposter != null && oj?.antallJournalposter != null && lj.antallJournalposter !== oj.antallJournalposter) {
    c['N5.59'].fail(`antallJournalposter er ${oj.antallJournalposter} i offentligJournal.xml, men ${lj.antallJournalposter} i loependeJournal.xml.`, 'offentligJournal.xml');
  }
  if (s) c['N5.59'].counts['Antall journalposter i arkivstruktur.xml'] = s.journalposter;
  if (s && addml && isSkarp(addml.inngaaendeSkille) && isSkarp(addml.utgaaendeSkille)) {
    for (const [name, j] of Object.entries(journals)) {
      if (j.antallJournalposter != null && j.antallJournalposter !== s.journalposter) {
        c['N5.59'].fail(
          `Perioden er skarp, men antallJournalposter i ${name}.xml (${j.antallJournalposter}) er ikke lik antall journalposter i arkivstruktur.xml (${s.journalposter}).`,
          `${name}.xml`,
        );
      }
    }
  }

  // N5.61 endringer
  const e = endringslogg as EndringsloggScan | null;
  if (e) {
    c['N5.61'].counts['Antall endringer'] = e.endringer;
    compareToAddml(c['N5.61'], e.endringer, occ('endringslogg', 'endring'), 'endring', 'endringslogg.xml');
  }

  onProgress?.({ phase: 'checking', done: total, total });
  const results = (Object.values(c) as ControlResult[]).map((r) => r.result());
  return { packageDir: root, checkedAt: Date.now(), passed: results.every((r) => r.passed), results };
}

const rank = (name: string): number => {
  const i = PASS_ORDER.indexOf(name);
  return i < 0 ? PASS_ORDER.length : i;
};

/** The main XSD and its imports from the package; a missing one is an N5.03 error (Arkade's built-in fallback counts as one). */
async function loadSchema(root: string, obj: AddmlDataObject, n503: ControlResult): Promise<SchemaSet | null> {
  const main = obj.mainSchema ?? `${obj.name}.xsd`;
  const names = [main, ...obj.otherSchemas.filter((n) => n !== main)];
  const texts: string[] = [];
  for (const n of names) {
    const p = path.join(root, n);
    if (!(await isFile(p))) {
      n503.fail(`XSD-skjemaet ${n} for ${obj.file} finnes ikke i arkivuttrekket, så ${obj.file} ble ikke validert.`, n);
      return null;
    }
    texts.push(await readFile(p, 'utf8'));
  }
  return { main: texts[0]!, files: names.slice(1).map((fileName, i) => ({ fileName, contents: texts[i + 1]! })) };
}

