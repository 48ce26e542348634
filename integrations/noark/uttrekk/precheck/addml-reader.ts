import { readFile } from 'node:fs/promises';
import { SaxesParser } from 'saxes';
import { localName } from './xml-pass';

/**
 * What the pre-check needs from arkivuttrekk.xml (ADDML 8.3, laid out as the official template
 * specs/noark5-uttrekk/examples/arkivuttrekk-mal-noark5-v5.0.xml): the files with their checksums,
 * the schemas of each XML file, numberOfOccurrences, antallDokumentfiler and the periode.
 * The file is small (a few KB), so it is read whole into a tree.
 */

interface Node {
  name: string;
  attrs: Record<string, string>;
  children: Node[];
  text: string;
}

function parseTree(xml: string): Node {
  const parser = new SaxesParser({ position: false });
  const root: Node = { name: '#root', attrs: {}, children: [], text: '' };
  const stack: Node[] = [root];
  let error: Error | null = null;
  parser.on('opentag', (t) => {
    const n: Node = { name: localName(t.name), attrs: t.attributes as Record<string, string>, children: [], text: '' };
    stack[stack.length - 1]!.children.push(n);
    stack.push(n);
  });
  parser.on('closetag', () => void stack.pop());
  parser.on('text', (t) => {
    stack[stack.length - 1]!.text += t;
  });
  parser.on('error', (e) => {
    error ??= e;
  });
  parser.write(xml).close();
  if (error) throw error;
  return root;
}

const kids = (n: Node | undefined, name: string): Node[] => n?.children.filter((c) => c.name === name) ?? [];
const kid = (n: Node | undefined, name: string): Node | undefined => kids(n, name)[0];
/** property children of a node's <properties>, by @name. */
const props = (n: Node | undefined, name: string): Node[] => kids(kid(n, 'properties'), 'property').filter((p) => p.attrs.name === name);
const prop = (n: Node | undefined, name: string): Node | undefined => props(n, name)[0];
const value = (n: Node | undefined): string | null => {
  const v = kid(n, 'value');
  return v ? v.text.trim() : null;
};

export interface AddmlChecksum {
  algorithm: string | null;
  value: string | null;
}

export interface AddmlFile {
  /** As named in arkivuttrekk.xml, relative to the package. */
  name: string;
  /** The dataObject it belongs to (arkivstruktur, endringslogg, …). */
  dataObject: string;
  kind: 'xml' | 'schema';
  /** null: no checksum property at this occurrence. */
  checksum: AddmlChecksum | null;
}

export interface AddmlDataObject {
  name: string;
  file: string | null;
  /** The schema marked <value>main</value>, and the others (imported through it). */
  mainSchema: string | null;
  otherSchemas: string[];
  /** numberOfOccurrences by element name (mappe, registrering, journalregistrering, endring). */
  occurrences: Record<string, number | null>;
}

export interface Addml {
  type: string | null;
  version: string | null;
  inngaaendeSkille: string | null;
  utgaaendeSkille: string | null;
  antallDokumentfiler: number | null;
  archivalPeriod: { start: string | null; end: string | null };
  recordCreators: string[];
  systemName: string | null;
  archive: string | null;
  dataObjects: AddmlDataObject[];
  files: AddmlFile[];
}

const toInt = (s: string | null): number | null => (s !== null && /^\s*\d+\s*$/.test(s) ? Number(s) : null);

function checksumOf(fileProp: Node | undefined): AddmlChecksum | null {
  const c = prop(fileProp, 'checksum');
  if (!c) return null;
  return { algorithm: value(prop(c, 'algorithm')), value: value(prop(c, 'value')) };
}

function additional(n: Node | undefined, name: string): Node | undefined {
  return kids(kid(n, 'additionalElements'), 'additionalElement').find((e) => e.attrs.name === name);
}

export async function readAddml(file: string): Promise<Addml> {
  const root = parseTree(await readFile(file, 'utf8'));
  const addml = kid(root, 'addml');
  const dataset = kid(addml, 'dataset');
  const reference = kid(dataset, 'reference');
  const context = kid(reference, 'context');
  const creators = kids(kid(additional(context, 'recordCreators'), 'additionalElements'), 'additionalElement')
    .map((e) => value(e))
    .filter((v): v is string => !!v);
  const period = additional(kid(reference, 'content'), 'archivalPeriod');

  const top = kids(kid(dataset, 'dataObjects'), 'dataObject')[0];
  const info = prop(top, 'info');
  const typeProp = prop(info, 'type');
  const add = prop(info, 'additionalInfo');
  const periode = prop(add, 'periode');

  const out: Addml = {
    type: value(typeProp),
    version: value(prop(typeProp, 'version')),
    inngaaendeSkille: value(prop(periode, 'inngaaendeSkille')),
    utgaaendeSkille: value(prop(periode, 'utgaaendeSkille')),
    antallDokumentfiler: toInt(value(prop(add, 'antallDokumentfiler'))),
    archivalPeriod: { start: value(prop(period, 'startDate')), end: value(prop(period, 'endDate')) },
    recordCreators: creators,
    systemName: value(additional(context, 'systemName')),
    archive: value(additional(context, 'archive')),
    dataObjects: [],
    files: [],
  };

  for (const d of kids(kid(top, 'dataObjects'), 'dataObject')) {
    const name = d.attrs.name ?? '';
    const fileProp = prop(d, 'file');
    const fileName = value(prop(fileProp, 'name'));
    if (fileName) out.files.push({ name: fileName, dataObject: name, kind: 'xml', checksum: checksumOf(fileProp) });
    const obj: AddmlDataObject = { name, file: fileName, mainSchema: null, otherSchemas: [], occurrences: {} };
    for (const s of props(d, 'schema')) {
      const sf = prop(s, 'file');
      const sName = value(prop(sf, 'name'));
      if (!sName) continue;
      if (value(s) === 'main') obj.mainSchema = sName;
      else obj.otherSchemas.push(sName);
      out.files.push({ name: sName, dataObject: name, kind: 'schema', checksum: checksumOf(sf) });
    }
    for (const o of props(prop(d, 'info'), 'numberOfOccurrences')) {
      const el = value(o);
      if (el) obj.occurrences[el] = toInt(value(prop(o, 'value')));
    }
    out.dataObjects.push(obj);
  }
  return out;
}
