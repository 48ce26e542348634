import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import type { ExtractEntry } from '../../electron/core/ports/archive-extract.port';
import type { ClosedCaseFile, ExtractionMeta } from '../../electron/core/ports/archive-extraction.port';
import { createNoark4DepositWriter, n4date } from '../../integrations/noark/noark4-deposit/noark4-deposit.writer';
import { latin1Text } from '../../integrations/noark/noark4-deposit/latin1-table.writer';
import { declaredPdfA } from '../../integrations/noark/uttrekk/pdfa.converter';
import { findOnPath } from '../helpers/system-tool';
import { tempDir } from '../helpers/temp-dir';

/**
 * #16 item 3: the Noark 4 deposit. Every table file and NOARKIH.XML is checked against its DTD by
 * two validators:
 *  - the system xmllint (`--noout --dtdvalid <DTD>`, and `--valid` through the file's own DOCTYPE),
 *    when it is on PATH;
 *  - xmllint-wasm, always. Its libxml2 build has no DTD validation (xmllint-wasm 5.3 answers
 *    «Unknown option --dtdvalid»; `--valid` is missing too: asserted below), so the DTD is
 *    translated into RELAX NG, which the build does validate. The Noark 4 DTDs use only flat
 *    sequences of #PCDATA elements with `?`/`+` and one #FIXED attribute, so the translation is
 *    exact; it refuses any other construct, and planted faults show both validators agree.
 * xmllint-wasm wants UTF-8 only for documents given as JS strings (it UTF-8-encodes them); given as
 * bytes, the file reaches libxml2 unchanged and its ISO-8859-1 declaration is honoured, so no
 * conversion is needed (a string would double-decode «Æ» into «Ã\u0086»: asserted below).
 */

const RESOURCES = path.resolve('resources');
const DTD_DIR = path.join(RESOURCES, 'noark4-dtd');
const SPEC_DTD_DIR = path.resolve('..', 'shared', 'specs', 'noark', 'noark4', 'dtd');

// --- the DTD as RELAX NG --------------------------------------------------------------------------

interface DtdModel {
  root: string;
  rng: string;
}

/** A Noark 4 DTD (flat sequences of #PCDATA children, `?` and `+`, #FIXED CDATA attributes) as an equivalent RELAX NG grammar. */
function dtdToRng(dtd: string): DtdModel {
  const body = dtd.replace(/<\?xml[^>]*\?>/, '').replace(/<!--[\s\S]*?-->/g, '');
  const elements = [...body.matchAll(/<!ELEMENT\s+(\S+)\s+\(([^)]*)\)\s*>/g)].map((m) => ({ name: m[1]!, model: m[2]!.replace(/\s+/g, '') }));
  const attlists = [...body.matchAll(/<!ATTLIST\s+(\S+)\s+([\s\S]*?)>/g)].map((m) => ({ name: m[1]!, decl: m[2]!.trim() }));
  const rest = body.replace(/<!ELEMENT\s+(\S+)\s+\(([^)]*)\)\s*>/g, '').replace(/<!ATTLIST\s+(\S+)\s+([\s\S]*?)>/g, '').trim();
  if (rest) throw new Error(`dtdToRng: unsupported declarations: ${rest.slice(0, 80)}`);
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  const referenced = new Set<string>();
  const defines = elements.map(({ name, model }) => {
    let content: string;
    if (model === '#PCDATA') content = '<text/>';
    else {
      content = model
        .split(',')
        .map((part) => {
          const m = /^([A-Za-z0-9._-]+)([?+]?)$/.exec(part);
          if (!m) throw new Error(`dtdToRng: unsupported content model part «${part}» in ${name}`);
          referenced.add(m[1]!);
          const ref = `<ref name="${esc(m[1]!)}"/>`;
          return m[2] === '?' ? `<optional>${ref}</optional>` : m[2] === '+' ? `<oneOrMore>${ref}</oneOrMore>` : ref;
        })
        .join('');
    }
    const attrs = attlists
      .filter((a) => a.name === name)
      .map((a) => {
        const m = /^(\S+)\s+CDATA\s+#FIXED\s+'([^']*)'$/.exec(a.decl);
        if (!m) throw new Error(`dtdToRng: unsupported ATTLIST «${a.decl}»`);
        return `<optional><attribute name="${esc(m[1]!)}"><value>${esc(m[2]!)}</value></attribute></optional>`;
      })
      .join('');
    return `<define name="${esc(name)}"><element name="${esc(name)}">${attrs}${content}</element></define>`;
  });
  const roots = elements.map((e) => e.name).filter((n) => !referenced.has(n));
  if (roots.length !== 1) throw new Error(`dtdToRng: expected one root, found ${roots.join(', ')}`);
  const rng = `<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start><ref name="${esc(roots[0]!)}"/></start>${defines.join('')}</grammar>`;
  return { root: roots[0]!, rng };
}

interface Verdict {
  tool: string;
  valid: boolean;
  out: string;
}

/** Every validator's verdict on one file against one DTD. */
async function dtdVerdicts(file: string, dtdPath: string): Promise<Verdict[]> {
  const bytes = fs.readFileSync(file);
  const dtd = fs.readFileSync(dtdPath);
  const model = dtdToRng(dtd.toString('latin1'));
  const doctype = /<!DOCTYPE\s+(\S+)\s+SYSTEM\s+"([^"]+)"\s*>/.exec(bytes.toString('latin1'));
  const name = path.basename(file);
  const wasm = await validateXML({
    xml: [{ fileName: name, contents: bytes }],
    schema: [{ fileName: 'dtd.rng', contents: model.rng }],
    extension: 'relaxng',
    // the DOCTYPE's DTD, so libxml2 finds it instead of warning (the grammar decides validity)
    preload: doctype ? [{ fileName: doctype[2]!, contents: dtd }] : [],
  });
  // DTD validity also requires the DOCTYPE to name the root element (XML 1.0 VC: Root Element Type)
  const rootOk = !!doctype && doctype[1] === model.root && new RegExp(`<${model.root.replace(/\./g, '\\.')}[\\s>]`).test(bytes.toString('latin1'));
  const verdicts: Verdict[] = [{ tool: 'xmllint-wasm (RELAX NG from the DTD)', valid: wasm.valid && rootOk, out: wasm.rawOutput + (rootOk ? '' : `DOCTYPE/root is not ${model.root}\n`) }];
  const system = findOnPath('xmllint');
  if (system) {
    const r = spawnSync(system, ['--noout', '--nonet', '--dtdvalid', dtdPath, file], { encoding: 'utf8' });
    verdicts.push({ tool: 'xmllint --dtdvalid', valid: r.status === 0, out: r.stderr });
    const v = spawnSync(system, ['--noout', '--nonet', '--valid', file], { encoding: 'utf8', cwd: path.dirname(file) });
    verdicts.push({ tool: 'xmllint --valid (DOCTYPE)', valid: v.status === 0, out: v.stderr });
  }
  return verdicts;
}

/** The file as libxml2 reads it (ISO-8859-1 decoded, character references resolved), in canonical form. */
async function canonical(file: string): Promise<string> {
  const r = await validateXML({ xml: [{ fileName: path.basename(file), contents: fs.readFileSync(file) }], normalization: 'c14n', modifyArguments: (a) => ['--nonet', ...a] });
  return r.normalized;
}

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#xD;/g, '\r').replace(/&amp;/g, '&');

/** The records of a canonical table file as field maps (flat records: each field once at most). */
function records(xml: string, record: string): Record<string, string>[] {
  const re = new RegExp(`<${record.replace(/\./g, '\\.')}>([\\s\\S]*?)</${record.replace(/\./g, '\\.')}>`, 'g');
  return [...xml.matchAll(re)].map((m) => Object.fromEntries([...m[1]!.matchAll(/<([A-Z0-9.]+)>([^<]*)<\/\1>/g)].map((f) => [f[1]!, unescape(f[2]!)])));
}

// --- fixture --------------------------------------------------------------------------------------

const SCREENED_NAME = 'Ærlig Østby Åsen';
/** Outside Latin-1: one from the BMP, one astral (a surrogate pair in JS). */
const WIDE_NAME = 'Łukasz Żółw 𝄞';
/** A real one-page PDF (not PDF/A: the converter re-saves it), made once; each document is it plus a comment line. */
let basePdf: Uint8Array | null = null;
beforeAll(async () => {
  const doc = await PDFDocument.create();
  doc.addPage([200, 200]);
  basePdf = await doc.save();
});
const pdf = (s: string) => Buffer.concat([basePdf!, Buffer.from(`% ${s}\n`, 'latin1')]);
const blobs = new Map<string, Uint8Array>();
const blobOf = (s: string) => {
  const bytes = pdf(s);
  const sha = createHash('sha256').update(bytes).digest('hex');
  blobs.set(sha, bytes);
  return { sha256: sha, size: bytes.byteLength };
};

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function entry(id: number, over: Partial<ExtractEntry>): ExtractEntry {
  const doc = blobOf(`dok ${id}`);
  return {
    id,
    systemId: uuid(id),
    externalKey: `jp-${id}`,
    journalposttype: 'I',
    title: 'Søknad',
    titlePublic: 'Søknad',
    journaldato: '2026-03-02',
    dokumentetsDato: '2026-03-01T23:30:00Z', // 2 March in Oslo
    administrativEnhet: 'Oppvekst & kultur',
    saksbehandler: 'Sara Saksbehandler',
    screening: null,
    status: 'archived',
    journalaar: 2026,
    journalsekvensnummer: 1000 + id,
    journalpostnummer: 1,
    correspondents: [],
    documents: [{ number: 1, role: 'hoveddokument', title: 'Søknadsskjema', dokumenttype: 'SØKNAD', filename: 'soknad.pdf', contentType: 'application/pdf', ...doc }],
    avskrevetAv: null,
    closesSystemId: null,
    sentAt: null,
    createdAt: 0,
    archivedAt: 0,
    ...over,
  };
}

const screening = { tilgangsrestriksjon: '13', skjermingshjemmel: 'Offl. § 13 jf. fvl. § 13', screenTitle: true, screenCorrespondent: true, screenDocuments: true };

function caseFiles(): ClosedCaseFile[] {
  const base = {
    profileId: 'barnehageplass',
    arkivdel: 'SAK',
    administrativEnhet: 'Oppvekst & kultur',
    saksansvarlig: 'Sara Saksbehandler',
    transport: 'noark5-rest' as const,
    openedAt: 0,
    archivedAt: 0,
    avsluttetAv: 'Postmottak',
  };
  const addr = { street: 'Storgata 1', postalCode: '0155', postalPlace: 'OSLO' };
  return [
    {
      ...base,
      id: 11,
      systemId: uuid(11),
      externalKey: 'sak-11',
      title: `Barnehageplass – ${SCREENED_NAME}`,
      titlePublic: 'Barnehageplass – ******',
      classification: { ordningsprinsipp: 'PNR', ordningsverdi: '01017012345' },
      screening,
      saksdato: '2026-03-02',
      saksaar: 2026,
      sakssekvensnummer: 7,
      avsluttetDato: '2026-03-05',
      entries: [
        entry(101, {
          title: `Søknad om barnehageplass – ${SCREENED_NAME}`,
          titlePublic: 'Søknad om barnehageplass – ******',
          screening,
          correspondents: [{ role: 'avsender', name: SCREENED_NAME, personNumber: '01017012345', organisationNumber: null, address: addr }],
          avskrevetAv: { bySystemId: uuid(102), date: '2026-03-05', avskrivningsmaate: 'BU', by: 'Sara Saksbehandler' },
        }),
        entry(102, {
          journalposttype: 'U',
          title: `Vedtak om barnehageplass – ${SCREENED_NAME}`,
          titlePublic: 'Vedtak om barnehageplass – ******',
          journaldato: '2026-03-05',
          dokumentetsDato: '2026-03-05T09:00:00Z',
          journalpostnummer: 2,
          screening,
          correspondents: [{ role: 'mottaker', name: SCREENED_NAME, personNumber: '01017012345', organisationNumber: null, address: addr }],
          documents: [
            { number: 1, role: 'hoveddokument', title: 'Vedtak', dokumenttype: 'BREV', filename: 'vedtak.pdf', contentType: 'application/pdf', ...blobOf('vedtak') },
            { number: 2, role: 'vedlegg', title: 'Vedlegg <1> & «2»', dokumenttype: 'VEDLEGG', filename: 'v.pdf', contentType: 'application/pdf', ...blobOf('vedlegg') },
          ],
          closesSystemId: uuid(101),
          sentAt: '2026-03-05T22:30:00Z', // 5 March in UTC, 5 March 23:30 in Oslo
        }),
      ],
    },
    {
      ...base,
      id: 12,
      systemId: uuid(12),
      externalKey: 'sak-12',
      title: 'Søknad om SFO-plass',
      titlePublic: 'Søknad om SFO-plass',
      classification: { ordningsprinsipp: 'KK', ordningsverdi: 'A20' },
      screening: null,
      saksansvarlig: null,
      saksdato: '2026-03-10',
      saksaar: 2026,
      sakssekvensnummer: 8,
      avsluttetDato: '2026-03-12',
      entries: [
        entry(103, {
          title: 'Søknad om SFO-plass',
          titlePublic: 'Søknad om SFO-plass',
          journaldato: '2026-03-10',
          saksbehandler: null,
          correspondents: [{ role: 'avsender', name: WIDE_NAME, personNumber: null, organisationNumber: null, address: null }],
        }),
      ],
    },
  ];
}

const meta: ExtractionMeta = {
  arkivskaper: { id: '974760673', name: 'Eksempel kommune' },
  archiveTitle: 'Postmottak – Eksempel kommune',
  systemName: 'Postmottak',
  systemVersion: '1.0.0',
  scope: { arkivdel: 'SAK', from: '2026-01-01', to: '2026-12-31' },
  producedAt: Date.UTC(2026, 11, 7, 10, 0),
  producedBy: 'Arne Arkivar',
  timezone: 'Europe/Oslo',
};

async function* stream<T>(items: T[]): AsyncIterable<T> {
  for (const i of items) yield i;
}

async function writeDeposit() {
  const out = tempDir('pm-n4-');
  const progress: string[] = [];
  const result = await createNoark4DepositWriter({ resourcesDir: RESOURCES }).write({
    meta,
    outDir: out,
    caseFiles: stream(caseFiles()),
    total: 2,
    leftOut: [{ systemId: uuid(13), saksnummer: '2026/9', titlePublic: 'Åpen sak', reason: 'Ikke avsluttet' }],
    blob: async (sha) => blobs.get(sha),
    onProgress: (p) => progress.push(`${p.phase}:${p.done}/${p.total}`),
  });
  return { result, progress };
}

// --- tests ----------------------------------------------------------------------------------------

describe('Noark 4 deposit (#16 item 3)', () => {
  it('ships the DTDs it uses byte for byte as the spec holds them', () => {
    const shipped = fs.readdirSync(DTD_DIR).filter((f) => f.endsWith('.DTD'));
    expect(shipped.length).toBeGreaterThanOrEqual(27);
    // SOURCES.md names each file with the sha256 of the spec's copy
    const sources = fs.readFileSync(path.join(DTD_DIR, 'SOURCES.md'), 'utf8');
    for (const f of shipped) expect(sources, f).toContain(`| ${f} | ${/<!ELEMENT (\S+)/.exec(fs.readFileSync(path.join(DTD_DIR, f), 'latin1'))![1]} | ${createHash('sha256').update(fs.readFileSync(path.join(DTD_DIR, f))).digest('hex')} |`);
    // and, where the spec folder is checked out beside the repository, the bytes are its bytes
    if (fs.existsSync(SPEC_DTD_DIR)) for (const f of shipped) expect(fs.readFileSync(path.join(DTD_DIR, f)).equals(fs.readFileSync(path.join(SPEC_DTD_DIR, f))), f).toBe(true);
  });

  it('xmllint-wasm has no DTD validation, which is why its check goes through RELAX NG', async () => {
    const doc = Buffer.from('<?xml version="1.0"?><!DOCTYPE A [<!ELEMENT A (#PCDATA)>]><A/>');
    await expect(validateXML({ xml: [{ fileName: 'a.xml', contents: doc }], schema: [], modifyArguments: (a) => ['--dtdvalid', 'x.dtd', ...a] })).rejects.toThrow(/Unknown option --dtdvalid/);
    await expect(validateXML({ xml: [{ fileName: 'a.xml', contents: doc }], schema: [], modifyArguments: (a) => ['--valid', ...a] })).rejects.toThrow(/Unknown option --valid/);
  });

  it('the RELAX NG translation agrees with the DTD on planted faults', async () => {
    const dir = tempDir('pm-n4-rng-');
    const good = `<?xml version="1.0" encoding="ISO-8859-1"?>\n<!DOCTYPE DOKLINK.TAB SYSTEM "DOKLINK.DTD">\n<DOKLINK.TAB VERSJON="1.0"><DOKLINK><DL.JPID>1</DL.JPID><DL.RNR>1</DL.RNR><DL.DOKID>1</DL.DOKID><DL.TYPE>H</DL.TYPE><DL.TKDATO>20260302</DL.TKDATO><DL.TKAV>1</DL.TKAV></DOKLINK></DOKLINK.TAB>\n`;
    const cases: [string, string, boolean][] = [
      ['good', good, true],
      ['missing', good.replace('<DL.TYPE>H</DL.TYPE>', ''), false],
      ['order', good.replace('<DL.RNR>1</DL.RNR><DL.DOKID>1</DL.DOKID>', '<DL.DOKID>1</DL.DOKID><DL.RNR>1</DL.RNR>'), false],
      ['unknown', good.replace('<DL.TKAV>1</DL.TKAV>', '<DL.TKAV>1</DL.TKAV><DL.X>1</DL.X>'), false],
      ['empty table', good.replace(/<DOKLINK>.*<\/DOKLINK>/, ''), false],
      ['fixed attribute', good.replace('VERSJON="1.0"', 'VERSJON="2.0"'), false],
      ['wrong root', good.replace(/DOKLINK\.TAB/g, 'DOKLINK'), false],
    ];
    fs.copyFileSync(path.join(DTD_DIR, 'DOKLINK.DTD'), path.join(dir, 'DOKLINK.DTD'));
    for (const [name, xml, valid] of cases) {
      const file = path.join(dir, `${name.replace(/ /g, '-')}.XML`);
      fs.writeFileSync(file, xml, 'latin1');
      for (const v of await dtdVerdicts(file, path.join(DTD_DIR, 'DOKLINK.DTD'))) expect(v.valid, `${name}: ${v.tool}: ${v.out}`).toBe(valid);
    }
  });

  it('writes every table file and NOARKIH.XML valid against its DTD, with both validators', async () => {
    const { result } = await writeDeposit();
    const xmlFiles = fs.readdirSync(result.dir).filter((f) => f.endsWith('.XML'));
    expect(xmlFiles).toEqual(
      expect.arrayContaining(['NOARKIH.XML', 'NOARKSAK.XML', 'JOURNPST.XML', 'AVSMOT.XML', 'DOKBESK.XML', 'DOKVERS.XML', 'DOKLINK.XML', 'KLASS.XML', 'ARKIV.XML', 'ARKIVDEL.XML', 'JOURNSTA.XML', 'DOKTYPE.XML', 'AVSKRM.XML', 'DOKKAT.XML', 'TGKODE.XML', 'ORDNPRI.XML', 'ADMINDEL.XML', 'PERSON.XML', 'PERNAVN.XML']),
    );
    const tools = new Set<string>();
    for (const f of xmlFiles) {
      const file = path.join(result.dir, f);
      const head = fs.readFileSync(file).subarray(0, 200).toString('latin1');
      expect(head).toMatch(/^<\?xml version="1\.0" encoding="ISO-8859-1"\?>\n<!DOCTYPE \S+ SYSTEM "[A-Z]+\.DTD">/);
      const dtdName = /SYSTEM "([A-Z]+\.DTD)"/.exec(head)![1]!;
      expect(fs.existsSync(path.join(result.dir, dtdName)), `${dtdName} beside ${f}`).toBe(true);
      for (const v of await dtdVerdicts(file, path.join(DTD_DIR, dtdName))) {
        tools.add(v.tool);
        expect(v.valid, `${f}: ${v.tool}: ${v.out}`).toBe(true);
      }
    }
    expect(tools.has('xmllint-wasm (RELAX NG from the DTD)')).toBe(true);
    if (findOnPath('xmllint')) expect(tools.has('xmllint --dtdvalid')).toBe(true);
  });

  it('NOARKIH.XML lists every table with its attributes, file name and the record count the file holds', async () => {
    const { result } = await writeDeposit();
    const ih = await canonical(path.join(result.dir, 'NOARKIH.XML'));
    const info = records(ih, 'EKSPORTINFO')[0]!;
    expect(info).toMatchObject({ 'EI.ARKSKAPER': 'Eksempel kommune', 'EI.ORGNR': '974760673', 'EI.FRADATO': '20260101', 'EI.TILDATO': '20261231', 'EI.PRODDATO': '20261207' });
    expect(info['EI.MERKNAD']).toContain('1 saksmapper i perioden er ikke med');
    const tables = [...ih.matchAll(/<TABELLINFO>([\s\S]*?)<\/TABELLINFO>/g)].map((m) => ({
      table: /<TI\.TABELL>([^<]*)</.exec(m[1]!)![1]!,
      attrs: [...m[1]!.matchAll(/<TI\.ATTR>([^<]*)</g)].map((a) => a[1]!),
      file: /<TI\.FILNAVN>([^<]*)</.exec(m[1]!)![1]!,
      count: Number(/<TI\.ANTPOSTER>([^<]*)</.exec(m[1]!)![1]),
      files: Number(/<TI\.ANTFILER>([^<]*)</.exec(m[1]!)![1]),
    }));
    const onDisk = fs.readdirSync(result.dir).filter((f) => f.endsWith('.XML') && f !== 'NOARKIH.XML');
    expect(tables.map((t) => t.file).sort()).toEqual(onDisk.sort());
    for (const t of tables) {
      const xml = await canonical(path.join(result.dir, t.file));
      const recs = records(xml, t.table);
      expect(recs.length, t.file).toBe(t.count);
      expect(t.files).toBe(1);
      // the attribute list names exactly the attributes the records carry (a subset of it per record)
      const used = new Set(recs.flatMap((r) => Object.keys(r)));
      for (const u of used) expect(t.attrs, `${t.file} ${u}`).toContain(u);
    }
    const byTable = Object.fromEntries(tables.map((t) => [t.table, t.count]));
    expect(byTable).toMatchObject({ NOARKSAK: 2, JOURNPOST: 3, AVSMOT: 3, DOKBESKRIV: 4, DOKVERSJON: 4, DOKLINK: 4, KLASSERING: 2 });
    expect(result.counts).toMatchObject({ mappe: 2, registrering: 3, dokumentfiler: 4, converted: 4 }); // the fixture PDFs are not PDF/A
  });

  it('encodes ISO-8859-1 bytes, and characters outside Latin-1 as character references, that read back unchanged', async () => {
    const { result } = await writeDeposit();
    const bytes = fs.readFileSync(path.join(result.dir, 'AVSMOT.XML'));
    const latin1 = Buffer.from(SCREENED_NAME, 'latin1');
    expect(bytes.includes(latin1)).toBe(true); // Æ = C6, Ø = D8, Å = C5: one byte each
    expect(bytes.includes(Buffer.from(SCREENED_NAME, 'utf8'))).toBe(false);
    expect(bytes.toString('latin1')).toContain('&#321;ukasz &#379;&#243;&#322;w &#119070;'.replace('&#243;', 'ó'));
    for (const b of bytes) expect(b).toBeLessThan(256);
    // read back by libxml2 (xmllint-wasm, from the bytes)
    const read = await canonical(path.join(result.dir, 'AVSMOT.XML'));
    const names = records(read, 'AVSMOT').map((r) => r['AM.NAVN']);
    expect(names).toContain(SCREENED_NAME);
    expect(names).toContain(WIDE_NAME);
    // the same file handed over as a JS string is UTF-8-encoded by xmllint-wasm and read wrong
    const wrong = await validateXML({ xml: [{ fileName: 'AVSMOT.XML', contents: bytes.toString('latin1') }], normalization: 'c14n', modifyArguments: (a) => ['--nonet', ...a] });
    expect(wrong.normalized).not.toContain(SCREENED_NAME);
    // the system xmllint agrees (re-encoded to UTF-8)
    const system = findOnPath('xmllint');
    if (system) {
      const r = spawnSync(system, ['--nonet', '--encode', 'UTF-8', path.join(result.dir, 'AVSMOT.XML')], { encoding: 'utf8' });
      expect(r.stdout).toContain(SCREENED_NAME);
      expect(r.stdout).toContain(WIDE_NAME);
    }
    expect(latin1Text('a\u0001b\uFFFEc & <d>')).toBe('abc &amp; &lt;d&gt;');
  });

  it('uses Noark 4 codes and 8-digit dates, and every reference resolves to its code table', async () => {
    const { result } = await writeDeposit();
    const read = async (file: string, record: string) => records(await canonical(path.join(result.dir, file)), record);
    const [sak, jp, am, db, ve, dl, kl] = await Promise.all([
      read('NOARKSAK.XML', 'NOARKSAK'),
      read('JOURNPST.XML', 'JOURNPOST'),
      read('AVSMOT.XML', 'AVSMOT'),
      read('DOKBESK.XML', 'DOKBESKRIV'),
      read('DOKVERS.XML', 'DOKVERSJON'),
      read('DOKLINK.XML', 'DOKLINK'),
      read('KLASS.XML', 'KLASSERING'),
    ]);
    const codes = async (file: string, record: string, key: string) => new Set((await read(file, record)).map((r) => r[key]));
    const arkdel = await codes('ARKIVDEL.XML', 'ARKIVDEL', 'AD.ARKDEL');
    const arkiv = await codes('ARKIV.XML', 'ARKIV', 'AR.ARKIV');
    const sakstatus = await codes('SAKSTAT.XML', 'SAKSTATUS', 'SS.STATUS');
    const jstatus = await codes('JOURNSTA.XML', 'JOURNSTATUS', 'JS.STATUS');
    const ndoktype = await codes('DOKTYPE.XML', 'NOARKDOKTYPE', 'ND.DOKTYPE');
    const avskm = await codes('AVSKRM.XML', 'AVSKRMAATE', 'AV.KODE');
    const dokkat = await codes('DOKKAT.XML', 'DOKKATEGORI', 'DK.KODE');
    const dokstat = await codes('DOKSTAT.XML', 'DOKSTATUS', 'DS.STATUS');
    const tilkn = await codes('DOKTILKN.XML', 'DOKTILKN', 'DT.KODE');
    const variant = await codes('VARFORM.XML', 'VARIANTFORMAT', 'VF.KODE');
    const lagr = await codes('LAGRFORM.XML', 'LAGRFORMAT', 'LF.KODE');
    const tgkode = await codes('TGKODE.XML', 'TGKODE', 'TK.TGKODE');
    const ordnpri = await codes('ORDNPRI.XML', 'ORDNPRINS', 'OP.ORDNPRI');
    const ordnverdi = (await read('ORDNVERD.XML', 'ORDNVERDI')).map((r) => `${r['OV.ORDNPRI']}/${r['OV.ORDNVER']}`);
    const admin = await codes('ADMINDEL.XML', 'ADMINDEL', 'AI.ID');
    const person = await codes('PERSON.XML', 'PERSON', 'PE.ID');
    const pernavn = await read('PERNAVN.XML', 'PERNAVN');
    const arkivdelRow = (await read('ARKIVDEL.XML', 'ARKIVDEL'))[0]!;
    const arstatus = await codes('ARSTATUS.XML', 'ARSTATUS', 'AS.STATUS');
    expect(arkiv.has(arkivdelRow['AD.ARKIV'])).toBe(true);
    expect(arstatus.has(arkivdelRow['AD.ASTATUS'])).toBe(true);
    expect(ordnpri.has(arkivdelRow['AD.PRIMNOK'])).toBe(true);

    const sakIds = new Set(sak.map((s) => s['SA.ID']));
    const jpIds = new Set(jp.map((j) => j['JP.ID']));
    const dokIds = new Set(db.map((d) => d['DB.DOKID']));
    const date8 = /^\d{8}$/;
    for (const s of sak) {
      expect(arkdel.has(s['SA.ARKDEL'])).toBe(true);
      expect(sakstatus.has(s['SA.STATUS'])).toBe(true);
      expect(s['SA.STATUS']).toBe('A');
      expect(admin.has(s['SA.ADMID'])).toBe(true);
      expect(person.has(s['SA.ANSVID'])).toBe(true);
      expect(s['SA.DATO']).toMatch(date8);
      if (s['SA.TGKODE']) expect(tgkode.has(s['SA.TGKODE'])).toBe(true);
    }
    expect(sak.find((s) => s['SA.ID'] === '11')).toMatchObject({ 'SA.SAAR': '2026', 'SA.SEKNR': '7', 'SA.DATO': '20260302', 'SA.U1': '1', 'SA.TGKODE': '13', 'SA.UOFF': 'Offl. § 13 jf. fvl. § 13', 'SA.ANTJP': '2', 'SA.SISTEJP': '20260305' });
    for (const j of jp) {
      expect(sakIds.has(j['JP.SAID'])).toBe(true);
      expect(jstatus.has(j['JP.STATUS'])).toBe(true);
      expect(ndoktype.has(j['JP.NDOKTYPE'])).toBe(true);
      for (const k of ['JP.JDATO', 'JP.DOKDATO', 'JP.AVSKDATO', 'JP.EKSPDATO']) if (j[k]) expect(j[k]).toMatch(date8);
    }
    const i = jp.find((j) => j['JP.ID'] === '101')!;
    const u = jp.find((j) => j['JP.ID'] === '102')!;
    expect(i).toMatchObject({ 'JP.NDOKTYPE': 'I', 'JP.STATUS': 'J', 'JP.JDATO': '20260302', 'JP.DOKDATO': '20260302', 'JP.AVSKDATO': '20260305', 'JP.U1': '1', 'JP.TGKODE': '13' });
    expect(u).toMatchObject({ 'JP.NDOKTYPE': 'U', 'JP.STATUS': 'E', 'JP.EKSPDATO': '20260305', 'JP.ANTVED': '1' });
    expect(n4date('2026-03-05T23:30:00Z')).toBe('20260306'); // Oslo date, not UTC
    for (const a of am) {
      expect(jpIds.has(a['AM.JPID'])).toBe(true);
      expect(admin.has(a['AM.ADMID'])).toBe(true);
      expect(person.has(a['AM.SBHID'])).toBe(true);
      if (a['AM.AVSKM']) expect(avskm.has(a['AM.AVSKM'])).toBe(true);
      if (a['AM.AVSKAV']) expect(jpIds.has(a['AM.AVSKAV'])).toBe(true);
      if (a['AM.BESVAR']) expect(jpIds.has(a['AM.BESVAR'])).toBe(true);
    }
    expect(am.find((a) => a['AM.JPID'] === '101')).toMatchObject({ 'AM.IHTYPE': '0', 'AM.BEHANSV': '1', 'AM.U1': '1', 'AM.AVSKM': 'BU', 'AM.AVSKAV': '102', 'AM.AVSKDATO': '20260305', 'AM.NAVN': SCREENED_NAME });
    expect(am.find((a) => a['AM.JPID'] === '102')).toMatchObject({ 'AM.IHTYPE': '1', 'AM.BESVAR': '101' });
    for (const d of db) {
      expect(dokkat.has(d['DB.KATEGORI'])).toBe(true);
      expect(dokstat.has(d['DB.STATUS'])).toBe(true);
    }
    expect(db.map((d) => d['DB.TITTEL'])).toContain('Vedlegg <1> & «2»');
    for (const l of dl) {
      expect(jpIds.has(l['DL.JPID'])).toBe(true);
      expect(dokIds.has(l['DL.DOKID'])).toBe(true);
      expect(tilkn.has(l['DL.TYPE'])).toBe(true);
      expect(person.has(l['DL.TKAV'])).toBe(true);
      expect(l['DL.TKDATO']).toMatch(date8);
    }
    for (const k of kl) {
      expect(sakIds.has(k['KL.SAID'])).toBe(true);
      expect(ordnpri.has(k['KL.ORDNPRI'])).toBe(true);
    }
    // the person number is a class value of PNR, which allows any value: it is not listed in ORDNVERDI
    expect(ordnverdi).toEqual(['KK/A20']);
    expect(kl.find((k) => k['KL.SAID'] === '11')).toMatchObject({ 'KL.ORDNPRI': 'PNR', 'KL.U1': '1' });
    // a case file without saksansvarlig and an entry without saksbehandler: the system is the person
    expect(pernavn.map((p) => p['PN.NAVN']).sort()).toEqual(['Postmottak', 'Sara Saksbehandler']);
    for (const v of ve) {
      expect(dokIds.has(v['VE.DOKID'])).toBe(true);
      expect(variant.has(v['VE.VARIANT'])).toBe(true);
      expect(lagr.has(v['VE.DOKFORMAT'])).toBe(true);
      expect(v['VE.FILREF']).toMatch(/^DOKUMENT\/\d+\.pdf$/);
      expect(v['VE.DOKFORMAT']).toBe('PDF');
      // the file is the Noark 5 package's archival form: PDF/A (pdfa.converter)
      const bytes = fs.readFileSync(path.join(result.dir, v['VE.FILREF']!));
      expect(bytes.subarray(0, 5).toString('latin1'), v['VE.FILREF']).toBe('%PDF-');
      expect(declaredPdfA(bytes), v['VE.FILREF']).not.toBeNull();
    }
    expect(result.counts.dokumentfiler).toBe(ve.length);
  });

  it('reports every written file with the checksum of its bytes, and progress per case file', async () => {
    const { result, progress } = await writeDeposit();
    const listed = new Set(result.files.map((f) => f.path));
    const walk = (d: string, rel = ''): string[] => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name), `${rel}${e.name}/`) : [`${rel}${e.name}`]));
    expect(new Set(walk(result.dir))).toEqual(listed);
    for (const f of result.files) {
      const bytes = fs.readFileSync(path.join(result.dir, f.path));
      expect(f.size, f.path).toBe(bytes.byteLength);
      expect(f.sha256, f.path).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
    expect(progress).toEqual(['writing:0/2', 'writing:1/2', 'writing:2/2', 'done:2/2']);
  });

  it('streams a larger deposit: 1,500 case files, 3,000 entries, valid and counted', async () => {
    const n = 1500;
    async function* many(): AsyncIterable<ClosedCaseFile> {
      const [template] = caseFiles();
      for (let i = 0; i < n; i++) {
        const id = 1000 + i;
        yield {
          ...template!,
          id,
          systemId: uuid(id),
          sakssekvensnummer: id,
          title: `Sak ${i} – ${SCREENED_NAME}`,
          entries: template!.entries.map((e, k) => ({
            ...e,
            id: 10_000 + 2 * i + k,
            systemId: uuid(10_000 + 2 * i + k),
            journalsekvensnummer: 10_000 + 2 * i + k,
            avskrevetAv: e.avskrevetAv ? { ...e.avskrevetAv, bySystemId: uuid(10_000 + 2 * i + 1) } : null,
            closesSystemId: e.closesSystemId ? uuid(10_000 + 2 * i) : null,
            documents: [], // the tables are what grows here; documents are converted one by one
          })),
        };
      }
    }
    const out = tempDir('pm-n4-');
    const result = await createNoark4DepositWriter({ resourcesDir: RESOURCES }).write({ meta, outDir: out, caseFiles: many(), total: n, leftOut: [], blob: async (sha) => blobs.get(sha) });
    expect(result.counts).toMatchObject({ mappe: n, registrering: 2 * n, dokumentfiler: 0 });
    for (const [file, dtd, record, count] of [
      ['NOARKSAK.XML', 'NOARKSAK.DTD', 'NOARKSAK', n],
      ['JOURNPST.XML', 'JOURNPST.DTD', 'JOURNPOST', 2 * n],
      ['AVSMOT.XML', 'AVSMOT.DTD', 'AVSMOT', 2 * n],
    ] as const) {
      for (const v of await dtdVerdicts(path.join(result.dir, file), path.join(DTD_DIR, dtd))) expect(v.valid, `${file}: ${v.tool}: ${v.out.slice(0, 500)}`).toBe(true);
      expect(fs.readFileSync(path.join(result.dir, file), 'latin1').split(`<${record}>`).length - 1).toBe(count);
    }
    const ih = fs.readFileSync(path.join(result.dir, 'NOARKIH.XML'), 'latin1');
    expect(ih).toContain(`<TI.FILNAVN>JOURNPST.XML</TI.FILNAVN><TI.ANTPOSTER>${2 * n}</TI.ANTPOSTER>`);
  }, 120_000);

  it('refuses a folder that already holds a deposit, and a document missing from the store', async () => {
    const out = tempDir('pm-n4-');
    const w = createNoark4DepositWriter({ resourcesDir: RESOURCES });
    const input = { meta, outDir: out, caseFiles: stream(caseFiles()), total: 2, leftOut: [], blob: async (sha: string) => blobs.get(sha) };
    await w.write(input);
    await expect(w.write({ ...input, caseFiles: stream(caseFiles()) })).rejects.toThrow(/er ikke tom/);
    await expect(w.write({ ...input, outDir: tempDir('pm-n4-'), caseFiles: stream(caseFiles()), blob: async () => undefined })).rejects.toThrow(/finnes ikke i lageret/);
  });
});
