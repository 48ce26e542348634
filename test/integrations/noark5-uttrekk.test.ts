import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { XMLParser } from 'fast-xml-parser';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { extract } from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import type { Correspondent, Screening } from '../../electron/core/archive/archive-record';
import type { ExtractDocument, ExtractEntry } from '../../electron/core/ports/archive-extract.port';
import type { ChangeLogEntry, ClosedCaseFile, ExtractionMeta, ExtractionProgress } from '../../electron/core/ports/archive-extraction.port';
import { IntegrationError } from '../../electron/core/errors';
import { createNoark5ExtractionWriter } from '../../integrations/noark/uttrekk/noark5-uttrekk.writer';
import { declaredPdfA } from '../../integrations/noark/uttrekk/pdfa.converter';
import { applyPdfA, SRGB_OUTPUT_INTENT } from '../../integrations/shared/pdf/pdfa-metadata';
import { pdffonts, pdftotext } from '../helpers/pdf-tools';
import { findOnPath } from '../helpers/system-tool';
import { tempDir } from '../helpers/temp-dir';
import { xmllintRuns } from '../helpers/xsd-check';

const RESOURCES = path.resolve(__dirname, '../../resources');
const ICC = fs.readFileSync(path.join(RESOURCES, 'icc', 'sRGB.icc'));
const sha = (b: Uint8Array | Buffer) => createHash('sha256').update(b).digest('hex');
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

// ---------- documents -------------------------------------------------------------------------

async function plainPdf(text: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([300, 200]);
  page.drawText(text, { x: 20, y: 100, size: 12, font: await doc.embedFont(StandardFonts.Helvetica) });
  return doc.save();
}

/** A PDF that declares PDF/A-2b (the shared applyPdfA writes the XMP and the output intent). */
async function pdfA2b(): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.addPage([300, 200]);
  applyPdfA(
    doc,
    { title: 'Søknad', author: 'Altinn', subject: null, language: 'nb-NO', creatorTool: 't', producer: 't', date: new Date('2026-03-01T10:00:00Z'), documentId: new Uint8Array(16).fill(7) },
    { iccProfile: ICC, ...SRGB_OUTPUT_INTENT },
  );
  return doc.save({ useObjectStreams: false });
}

/** A PDF whose XMP declares PDF/A-1b (attribute form of pdfaid). */
async function pdfA1b(): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.addPage([300, 200]);
  const xmp = `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" pdfaid:part="1" pdfaid:conformance="B"/></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;
  const stream = doc.context.stream(new TextEncoder().encode(xmp), { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(doc.context.obj('Metadata') as never, doc.context.register(stream));
  return doc.save({ useObjectStreams: false });
}

/** A 1×1 progressive JPEG (the smallest well-formed JFIF). */
const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
);

function png(w: number, h: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const raw = Buffer.alloc((w * 3 + 1) * h, 0x80);
  for (let y = 0; y < h; y++) raw[y * (w * 3 + 1)] = 0;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

// ---------- the record ------------------------------------------------------------------------

const SCREENED_NAME = 'Åse Hemmelig Ærøe';
const SCREENED_FNR = '01017012345';
const SCREENED_TITLE_WORD = 'Hemmeligdiagnose';
const SCREENING: Screening = { tilgangsrestriksjon: '13', skjermingshjemmel: 'Offl. § 13 jf. fvl. § 13', screenTitle: true, screenCorrespondent: true, screenDocuments: true };

interface Fixture {
  blobs: Map<string, Uint8Array>;
  caseFiles: ClosedCaseFile[];
  originals: Record<'pdfa2b' | 'pdfa1b' | 'plain' | 'jpeg' | 'png' | 'xml', string>;
}

async function fixture(): Promise<Fixture> {
  const blobs = new Map<string, Uint8Array>();
  const put = (b: Uint8Array) => {
    const h = sha(b);
    blobs.set(h, b);
    return h;
  };
  const originals = {
    pdfa2b: put(await pdfA2b()),
    pdfa1b: put(await pdfA1b()),
    plain: put(await plainPdf('Vedtak om plass')),
    jpeg: put(JPEG),
    png: put(png(4, 3)),
    xml: put(Buffer.from('<?xml version="1.0"?><skjema><navn>Kari</navn><ønske>SFO & leksehjelp</ønske></skjema>', 'utf8')),
  };
  const doc = (number: number, key: keyof typeof originals, over: Partial<ExtractDocument> = {}): ExtractDocument => {
    const bytes = blobs.get(originals[key])!;
    const ext = { pdfa2b: 'pdf', pdfa1b: 'pdf', plain: 'pdf', jpeg: 'jpg', png: 'png', xml: 'xml' }[key];
    const ct = { pdf: 'application/pdf', jpg: 'image/jpeg', png: 'image/png', xml: 'application/xml' }[ext]!;
    return { number, role: number === 1 ? 'hoveddokument' : 'vedlegg', title: `Dokument ${number}`, dokumenttype: number === 1 ? 'Søknad' : 'Vedlegg', filename: `fil${number}.${ext}`, contentType: ct, sha256: originals[key], size: bytes.length, ...over };
  };
  const person = (name: string, role: Correspondent['role']): Correspondent => ({ role, name, personNumber: SCREENED_FNR, organisationNumber: null, address: { street: 'Storgata 1', postalCode: '7130', postalPlace: 'BREKSTAD' } });
  // winter (+01:00) and summer (+02:00) instants
  const winter = Date.parse('2026-01-15T09:30:00Z');
  const summer = Date.parse('2026-06-10T08:00:00Z');
  let n = 0;
  const entry = (type: 'I' | 'U', at: number, docs: ExtractDocument[], corr: Correspondent[], over: Partial<ExtractEntry> = {}): ExtractEntry => {
    n++;
    return {
      id: n,
      systemId: uuid(1000 + n),
      externalKey: `e${n}`,
      journalposttype: type,
      title: type === 'I' ? 'Søknad om SFO-plass' : 'Vedtak om SFO-plass',
      titlePublic: type === 'I' ? 'Søknad om SFO-plass' : 'Vedtak om SFO-plass',
      journaldato: new Date(at).toISOString().slice(0, 10),
      dokumentetsDato: new Date(at).toISOString(),
      administrativEnhet: 'Oppvekst',
      saksbehandler: 'Kari Saksbehandler',
      screening: null,
      status: 'archived',
      journalaar: 2026,
      journalsekvensnummer: 100 + n,
      journalpostnummer: type === 'I' ? 1 : 2,
      correspondents: corr,
      documents: docs,
      avskrevetAv: null,
      closesSystemId: null,
      sentAt: type === 'U' ? new Date(at + 3600_000).toISOString() : null,
      createdAt: at,
      archivedAt: at + 60_000,
      ...over,
    };
  };
  const pair = (at: number, iDocs: ExtractDocument[], uDocs: ExtractDocument[], name: string, screening: Screening | null): ExtractEntry[] => {
    const i = entry('I', at, iDocs, [person(name, 'avsender')], { screening });
    const u = entry('U', at + 2 * 86_400_000, uDocs, [person(name, 'mottaker')], { screening, closesSystemId: i.systemId });
    i.avskrevetAv = { bySystemId: u.systemId, date: u.journaldato, avskrivningsmaate: 'BU', by: 'Kari Saksbehandler' };
    return [i, u];
  };
  let c = 0;
  const caseFile = (prinsipp: string, verdi: string, entries: ExtractEntry[], screening: Screening | null, title = 'SFO-plass'): ClosedCaseFile => {
    c++;
    return {
      id: c,
      systemId: uuid(c),
      externalKey: `c${c}`,
      profileId: 'sfo',
      title,
      titlePublic: screening?.screenTitle ? title.replace(SCREENED_TITLE_WORD, '******') : title,
      arkivdel: 'Sakarkiv',
      classification: { ordningsprinsipp: prinsipp, ordningsverdi: verdi },
      administrativEnhet: 'Oppvekst',
      saksansvarlig: c === 2 ? null : 'Kari Saksbehandler',
      screening,
      saksdato: new Date(entries[0]!.createdAt).toISOString().slice(0, 10),
      saksaar: 2026,
      sakssekvensnummer: c,
      transport: 'noark5-rest',
      openedAt: entries[0]!.createdAt,
      archivedAt: entries[0]!.archivedAt,
      entries,
      avsluttetDato: entries.at(-1)!.journaldato,
      avsluttetAv: 'Kari Saksbehandler',
    };
  };
  const caseFiles = [
    caseFile('KK', 'A20', pair(winter, [doc(1, 'pdfa2b'), doc(2, 'jpeg')], [doc(1, 'plain')], 'Ola Åpen', null), null),
    caseFile('KK', 'A20', pair(summer, [doc(1, 'pdfa1b'), doc(2, 'png')], [doc(1, 'plain')], 'Per Åpen', null), null),
    caseFile('KK', 'B13', pair(winter + 86_400_000, [doc(1, 'xml')], [doc(1, 'pdfa2b')], 'Lise Åpen', null), null),
    caseFile('PNR', SCREENED_FNR, pair(summer + 86_400_000, [doc(1, 'pdfa2b')], [doc(1, 'plain')], SCREENED_NAME, SCREENING), SCREENING, `Søknad om ${SCREENED_TITLE_WORD}-tilrettelegging`),
  ];
  return { blobs, caseFiles, originals };
}

const META: ExtractionMeta = {
  arkivskaper: { id: '964982953', name: 'Ørland kommune' },
  archiveTitle: 'Ørland kommune – Postmottak',
  systemName: 'Postmottak',
  systemVersion: '1.0.0',
  scope: { arkivdel: 'Sakarkiv', from: '2026-01-01', to: '2026-12-31' },
  producedAt: Date.parse('2026-12-07T10:00:00Z'),
  producedBy: 'Arne Arkivar',
  timezone: 'Europe/Oslo',
};

async function* iterate<T>(items: T[]): AsyncIterable<T> {
  for (const i of items) yield await Promise.resolve(i);
}

const CHANGES: ChangeLogEntry[] = [
  { referanseArkivenhet: uuid(1), referanseMetadata: 'saksansvarlig', endretDato: '2026-01-16T10:00:00.000Z', endretAv: 'Arne Arkivar', tidligereVerdi: null, nyVerdi: 'Kari Saksbehandler' },
  { referanseArkivenhet: uuid(1001), referanseMetadata: 'tittel', endretDato: '2026-06-11T10:00:00+02:00', endretAv: 'Arne Arkivar', tidligereVerdi: 'Søknad', nyVerdi: 'Søknad om SFO-plass' },
];

async function writePackage(f: Fixture, over: { pack?: boolean; changes?: ChangeLogEntry[]; caseFiles?: ClosedCaseFile[]; outDir?: string } = {}) {
  const outDir = over.outDir ?? tempDir('pm-uttrekk-');
  const progress: ExtractionProgress[] = [];
  const caseFiles = over.caseFiles ?? f.caseFiles;
  const result = await createNoark5ExtractionWriter({ resourcesDir: RESOURCES }).write({
    meta: META,
    outDir,
    caseFiles: iterate(caseFiles),
    total: caseFiles.length,
    changes: iterate(over.changes ?? CHANGES),
    leftOut: [],
    blob: (h) => Promise.resolve(f.blobs.get(h)),
    pack: over.pack ?? false,
    onProgress: (p) => progress.push(p),
  });
  return { result, outDir, progress };
}

// ---------- reading the package back -----------------------------------------------------------

const parser = new XMLParser({ ignoreAttributes: false, removeNSPrefix: true, parseTagValue: false, isArray: (name) => ['mappe', 'registrering', 'dokumentbeskrivelse', 'dokumentobjekt', 'klasse', 'klassifikasjonssystem', 'korrespondansepart', 'journalregistrering', 'endring', 'skjerming', 'konvertering', 'avskrivning'].includes(name) });
const read = (file: string) => fs.readFileSync(file, 'utf8');

/** Every element of the name anywhere below node. */
function all(node: unknown, name: string, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(node)) for (const n of node) all(n, name, out);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === name) for (const x of Array.isArray(v) ? v : [v]) out.push(x as Record<string, unknown>);
      all(v, name, out);
    }
  }
  return out;
}

/** Empty elements: <x/> or <x></x> (krav 6.4.5). */
const emptyElements = (xml: string): string[] => [...xml.matchAll(/<([\w:.-]+)(?:\s[^<>]*?)?\/>|<([\w:.-]+)(?:\s[^<>]*)?>\s*<\/\2>/g)].map((m) => m[0]);

function addmlChecksums(xml: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /<property name="name">\s*<value>([^<]+)<\/value>\s*<\/property>\s*<property name="format">[\s\S]*?<property name="algorithm">\s*<value>SHA-256<\/value>\s*<\/property>\s*<property name="value">\s*<value>([0-9a-f]{64})<\/value>/g;
  for (const m of xml.matchAll(re)) out.set(m[1]!, m[2]!);
  return out;
}

function occurrences(xml: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of xml.matchAll(/<property name="numberOfOccurrences">\s*<value>(\w+)<\/value>[\s\S]*?<property dataType="integer" name="value">\s*<value>(\d+)<\/value>/g)) out.set(m[1]!, Number(m[2]));
  return out;
}

async function tarListing(file: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const ex = extract();
  const done = new Promise<void>((resolve, reject) => {
    ex.on('entry', (header, stream, next) => {
      const h = createHash('sha256');
      stream.on('data', (c: unknown) => {
        h.update(c as Buffer);
      });
      stream.on('end', () => {
        out.set(header.name, h.digest('hex'));
        next();
      });
      stream.on('error', reject);
    });
    ex.on('finish', resolve);
    ex.on('error', reject);
  });
  fs.createReadStream(file).pipe(ex);
  await done;
  return out;
}

function filesUnder(dir: string, rel = ''): string[] {
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? filesUnder(dir, path.posix.join(rel, d.name)) : [path.posix.join(rel, d.name)]));
}

const LOC_XLINK = 'http://www.loc.gov/standards/xlink/xlink.xsd';

/** info.xml against mets/info.xsd: xlink.xsd is taken from resources, never fetched from loc.gov. */
async function validateInfoXml(file: string): Promise<{ tool: string; status: number; out: string }[]> {
  const metsDir = path.join(RESOURCES, 'noark5-uttrekk', 'mets');
  const info = read(path.join(metsDir, 'info.xsd'));
  expect(info).toContain(`schemaLocation="${LOC_XLINK}"`);
  const r = await validateXML({
    xml: [{ fileName: 'info.xml', contents: read(file) }],
    schema: [{ fileName: 'info.xsd', contents: info.replace(LOC_XLINK, 'xlink.xsd') }],
    preload: [{ fileName: 'xlink.xsd', contents: read(path.join(metsDir, 'xlink.xsd')) }],
  });
  const out = [{ tool: 'xmllint-wasm', status: r.valid ? 0 : 3, out: r.rawOutput }];
  const system = findOnPath('xmllint');
  if (system) {
    const dir = tempDir('pm-catalog-');
    const catalog = path.join(dir, 'catalog.xml');
    fs.writeFileSync(
      catalog,
      `<?xml version="1.0"?><catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog"><uri name="${LOC_XLINK}" uri="file://${path.join(metsDir, 'xlink.xsd')}"/><system systemId="${LOC_XLINK}" uri="file://${path.join(metsDir, 'xlink.xsd')}"/></catalog>`,
    );
    const s = spawnSync(system, ['--nonet', '--schema', path.join(metsDir, 'info.xsd'), '--noout', file], { encoding: 'utf8', env: { ...process.env, XML_CATALOG_FILES: catalog } });
    out.push({ tool: 'xmllint', status: s.status ?? -1, out: s.stderr });
  }
  return out;
}

// ---------- the tests ---------------------------------------------------------------------------

describe('Noark 5 arkivuttrekk v5.0', () => {
  it('writes a package whose every XML is valid against the package’s own XSDs (xmllint-wasm and the system xmllint)', async () => {
    const f = await fixture();
    const { result } = await writePackage(f);
    const dir = result.dir;
    const xmls: [string, string][] = [
      ['arkivstruktur.xml', 'arkivstruktur.xsd'],
      ['endringslogg.xml', 'endringslogg.xsd'],
      ['loependeJournal.xml', 'loependeJournal.xsd'],
      ['offentligJournal.xml', 'offentligJournal.xsd'],
      ['arkivuttrekk.xml', 'addml.xsd'],
    ];
    for (const [xml, xsd] of xmls) {
      const opinions = await xmllintRuns(path.join(dir, xsd), [path.join(dir, xml)]);
      for (const o of opinions) expect(o.status, `${o.tool} on ${xml}: ${o.stderr}`).toBe(0);
      if (fs.existsSync('/usr/bin/xmllint')) expect(opinions.map((o) => o.tool)).toContain('xmllint');
      expect(emptyElements(read(path.join(dir, xml))), `${xml} has empty elements`).toEqual([]);
    }
    // the shipped XSDs are the official ones, byte for byte
    for (const xsd of ['arkivstruktur.xsd', 'metadatakatalog.xsd', 'endringslogg.xsd', 'loependeJournal.xsd', 'offentligJournal.xsd']) {
      expect(sha(fs.readFileSync(path.join(dir, xsd)))).toBe(sha(fs.readFileSync(path.join(RESOURCES, 'noark5-uttrekk', xsd))));
    }
    expect(result.files.map((x) => x.path).sort()).toEqual(
      ['addml.xsd', 'arkivstruktur.xml', 'arkivstruktur.xsd', 'arkivuttrekk.xml', 'endringslogg.xml', 'endringslogg.xsd', 'loependeJournal.xml', 'loependeJournal.xsd', 'metadatakatalog.xsd', 'offentligJournal.xml', 'offentligJournal.xsd'].sort(),
    );
    for (const x of result.files) expect(sha(fs.readFileSync(path.join(dir, x.path))), x.path).toBe(x.sha256);
  });

  it('gives every XML and XSD but arkivuttrekk.xml and addml.xsd its SHA-256 in arkivuttrekk.xml, and counts what the files hold', async () => {
    const f = await fixture();
    const { result, progress } = await writePackage(f);
    const dir = result.dir;
    const addml = read(path.join(dir, 'arkivuttrekk.xml'));
    const sums = addmlChecksums(addml);
    const expected = fs.readdirSync(dir).filter((n) => /\.(xml|xsd)$/.test(n) && n !== 'arkivuttrekk.xml' && n !== 'addml.xsd');
    expect([...sums.keys()].sort()).toEqual(expected.sort());
    for (const [name, sum] of sums) expect(sha(fs.readFileSync(path.join(dir, name))), name).toBe(sum);
    // metadatakatalog.xsd: the checksum at its first occurrence only, four mentions in all
    expect(addml.match(/<value>metadatakatalog\.xsd<\/value>/g)).toHaveLength(4);

    const struktur = parser.parse(read(path.join(dir, 'arkivstruktur.xml')));
    const mapper = all(struktur, 'mappe');
    const registreringer = all(struktur, 'registrering');
    const docFiles = fs.readdirSync(path.join(dir, 'dokumenter'));
    const occ = occurrences(addml);
    expect(mapper).toHaveLength(4);
    expect(registreringer).toHaveLength(8);
    expect(occ.get('mappe')).toBe(4);
    expect(occ.get('registrering')).toBe(8);
    expect(occ.get('endring')).toBe(2);
    expect(occ.get('journalregistrering')).toBe(8);
    expect(addml).toMatch(/name="antallDokumentfiler">\s*<value>10<\/value>/);
    expect(docFiles).toHaveLength(10);
    expect(addml).toMatch(/name="inneholderSkjermetInformasjon">\s*<value>true<\/value>/);
    expect(addml).toMatch(/name="startDate">\s*<value>2026-01-01<\/value>[\s\S]*name="endDate">\s*<value>2026-12-31<\/value>/);
    expect(result.counts).toEqual({ mappe: 4, registrering: 8, dokumentfiler: 10, endringer: 2, converted: 6 });
    for (const j of ['loependeJournal.xml', 'offentligJournal.xml']) expect(read(path.join(dir, j))).toMatch(/<antallJournalposter>8<\/antallJournalposter>/);
    // two klassifikasjonssystemer (KK, PNR), three klasser (A20, B13, the person's)
    expect(all(struktur, 'klassifikasjonssystem')).toHaveLength(2);
    expect(all(struktur, 'klasse').map((k) => k['klasseID'])).toEqual(['A20', 'B13', SCREENED_FNR]);
    expect(progress.at(-1)).toEqual({ phase: 'done', done: 4, total: 4 });
    expect(progress.filter((p) => p.phase === 'writing').map((p) => p.done)).toEqual([0, 1, 2, 3, 4]);
  });

  it('writes each document once as PDF/A, with its PUID, checksum, size and the conversion where it was converted', async () => {
    const f = await fixture();
    const { result } = await writePackage(f);
    const dir = result.dir;
    const objekter = all(parser.parse(read(path.join(dir, 'arkivstruktur.xml'))), 'dokumentobjekt');
    expect(objekter).toHaveLength(10);
    const ids = new Set<string>();
    for (const o of objekter) {
      const ref = String(o['referanseDokumentfil']);
      expect(ref).toBe(`dokumenter/${String(o['systemID'])}.pdf`);
      const bytes = fs.readFileSync(path.join(dir, ref));
      expect(String(o['sjekksum'])).toBe(sha(bytes));
      expect(o['sjekksumAlgoritme']).toBe('SHA256');
      expect(Number(o['filstoerrelse'])).toBe(bytes.length);
      const a = declaredPdfA(bytes);
      expect(a, ref).not.toBeNull();
      ids.add(String(o['systemID']));
      const conv = o['konvertering'] as Record<string, string>[] | undefined;
      if (conv) {
        expect(o['format']).toBe('fmt/477');
        expect(a).toEqual({ part: '2', conformance: 'B' });
        expect(bytes.toString('latin1')).toContain('/GTS_PDFA1');
        expect(conv[0]!['konvertertTilFormat']).toBe('fmt/477');
        expect(conv[0]!['konvertertAv']).toBe('Arne Arkivar');
        expect(conv[0]!['konvertertDato']).toBe('2026-12-07T11:00:00+01:00');
      }
    }
    expect(ids.size).toBe(10);
    const byFormat = (fmt: string) => objekter.filter((o) => o['format'] === fmt);
    // declared PDF/A is copied byte for byte
    for (const o of byFormat('fmt/477').filter((x) => !x['konvertering'])) expect(String(o['sjekksum'])).toBe(f.originals.pdfa2b);
    expect(byFormat('fmt/477').filter((x) => !x['konvertering'])).toHaveLength(3);
    expect(byFormat('fmt/354').map((o) => String(o['sjekksum']))).toEqual([f.originals.pdfa1b]);
    const from = objekter.flatMap((o) => ((o['konvertering'] as Record<string, string>[] | undefined) ?? []).map((c) => c['konvertertFraFormat'])).sort();
    // JPEG (fmt/43), PNG (fmt/13), the XML form (fmt/101) and three plain PDFs made by pdf-lib (PDF 1.7, fmt/276)
    expect(from).toEqual(['fmt/101', 'fmt/13', 'fmt/276', 'fmt/276', 'fmt/276', 'fmt/43']);
    // the XML form's text is in its PDF, in an embedded font (PDF/A: every font embedded)
    const xmlObj = objekter.find((o) => (o['konvertering'] as Record<string, string>[] | undefined)?.[0]?.['konvertertFraFormat'] === 'fmt/101')!;
    const xmlPdf = path.join(dir, String(xmlObj['referanseDokumentfil']));
    expect((await PDFDocument.load(fs.readFileSync(xmlPdf))).getPageCount()).toBe(1);
    for (const o of await pdftotext(xmlPdf)) expect(o.out, o.tool).toContain('<ønske>SFO & leksehjelp</ønske>');
    for (const o of await pdffonts(xmlPdf)) expect(o.out, o.tool).toMatch(/DejaVuSans\s.*\syes\s+yes/);
  });

  it('writes the Noark structure and text values the v5.0 uttrekk wants', async () => {
    const f = await fixture();
    const { result } = await writePackage(f);
    const xml = read(path.join(result.dir, 'arkivstruktur.xml'));
    const s = parser.parse(xml);
    expect(s.arkiv.arkivdel.arkivdelstatus).toBe('Avsluttet periode');
    expect(s.arkiv.arkivdel.arkivperiodeStartDato).toBe('2026-01-01');
    expect(s.arkiv.arkivdel.arkivperiodeSluttDato).toBe('2026-12-31');
    const mapper = all(s, 'mappe');
    expect(mapper.map((m) => m['@_type'])).toEqual(['saksmappe', 'saksmappe', 'saksmappe', 'saksmappe']);
    expect(mapper.map((m) => m['mappeID'])).toEqual(['2026/1', '2026/2', '2026/3', '2026/4']);
    expect(mapper.every((m) => m['saksstatus'] === 'Avsluttet')).toBe(true);
    // saksansvarlig is required: case 2 has none and takes its entries' caseworker
    expect(mapper[1]!['saksansvarlig']).toBe('Kari Saksbehandler');
    expect(mapper.map((m) => Boolean(m['skjerming']))).toEqual([false, false, false, true]);
    const regs = all(s, 'registrering');
    expect(regs.every((r) => r['@_type'] === 'journalpost' && r['journalstatus'] === 'Arkivert')).toBe(true);
    expect(regs.map((r) => r['journalposttype'])).toEqual(Array.from({ length: 4 }, () => ['Inngående dokument', 'Utgående dokument']).flat());
    expect(xml).not.toMatch(/<journalposttype>[IU]<\/journalposttype>/);
    // Oslo offsets: January +01:00, June +02:00
    expect(regs[0]!['mottattDato']).toBe('2026-01-15T10:30:00+01:00');
    expect(regs[2]!['mottattDato']).toBe('2026-06-10T10:00:00+02:00');
    expect(regs[3]!['sendtDato']).toBe('2026-06-12T11:00:00+02:00');
    expect(regs[0]!['journaldato']).toBe('2026-01-15');
    for (let i = 0; i < regs.length; i += 2) {
      const [inn, ut] = [regs[i]!, regs[i + 1]!];
      const av = (inn['avskrivning'] as Record<string, string>[])[0]!;
      expect(av['referanseAvskrivesAvJournalpost']).toBe(ut['systemID']);
      expect(av['avskrivningsmaate']).toBe('Besvart med brev');
      expect((inn['korrespondansepart'] as Record<string, string>[])[0]!['korrespondanseparttype']).toBe('Avsender');
      expect((ut['korrespondansepart'] as Record<string, string>[])[0]!['korrespondanseparttype']).toBe('Mottaker');
      expect(ut['avskrivning']).toBeUndefined();
    }
    // every systemID a UUID, none twice
    const ids = [...xml.matchAll(/<systemID>([^<]+)<\/systemID>/g)].map((m) => m[1]!);
    expect(ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    // the person's number stays out of the package's public parts, never out of the archive's own record
    expect(xml).toContain(SCREENED_FNR);
    expect(xml).not.toMatch(/personNumber|01017012345<\/korrespondansepartNavn>/);
  });

  it('screens the offentligJournal from the data: «Skjermet» names, public titles, no person class', async () => {
    const f = await fixture();
    const { result } = await writePackage(f);
    const pub = fs.readFileSync(path.join(result.dir, 'offentligJournal.xml'));
    const text = pub.toString('utf8');
    for (const secret of [SCREENED_NAME, SCREENED_FNR, SCREENED_TITLE_WORD]) {
      expect(text).not.toContain(secret);
      expect(pub.includes(Buffer.from(secret, 'utf8'))).toBe(false);
    }
    expect(text).toContain('<korrespondansepartNavn>Skjermet</korrespondansepartNavn>');
    expect(text).toContain('Søknad om ******-tilrettelegging');
    expect(text).toContain('<korrespondansepartNavn>Ola Åpen</korrespondansepartNavn>');
    expect(text).toContain('<skjermingshjemmel>Offl. § 13 jf. fvl. § 13</skjermingshjemmel>');
    const regs = all(parser.parse(text), 'journalregistrering');
    expect(regs).toHaveLength(8);
    expect(regs.filter((r) => r['klasse'])).toHaveLength(6);
    // the løpende journal is the archive's own: it keeps the names
    const loepende = read(path.join(result.dir, 'loependeJournal.xml'));
    expect(loepende).toContain(SCREENED_NAME);
    expect(loepende).toContain('<offentligTittel>Søknad om ******-tilrettelegging</offentligTittel>');
  });

  it('packs the folder as <uuid>.tar with a METS info.xml (<uuid>.xml) valid against info.xsd', async () => {
    const f = await fixture();
    const { result, outDir } = await writePackage(f, { pack: true });
    expect(result.tarPath).toMatch(/[0-9a-f-]{36}\.tar$/);
    const id = path.basename(result.tarPath!, '.tar');
    expect(result.infoXmlPath).toBe(path.join(outDir, `${id}.xml`));
    const listing = await tarListing(result.tarPath!);
    const files = filesUnder(result.dir);
    expect([...listing.keys()].sort()).toEqual(files.map((x) => `${id}/content/${x}`).sort());
    for (const x of files) expect(listing.get(`${id}/content/${x}`), x).toBe(sha(fs.readFileSync(path.join(result.dir, x))));
    const info = read(result.infoXmlPath!);
    const tar = fs.readFileSync(result.tarPath!);
    expect(info).toContain(`CHECKSUM="${sha(tar)}"`);
    expect(info).toContain('CHECKSUMTYPE="SHA-256"');
    expect(info).toContain(`SIZE="${tar.length}"`);
    expect(info).toContain('PROFILE="http://xml.ra.se/METS/RA_METS_eARD.xml"');
    expect(info).toContain(`xlink:href="file:${id}.tar"`);
    for (const o of await validateInfoXml(result.infoXmlPath!)) expect(o.status, `${o.tool}: ${o.out}`).toBe(0);
  });

  it('streams many case files through several flushes and class changes, and the files stay valid', async () => {
    const f = await fixture();
    const base = f.caseFiles[2]!;
    const many: ClosedCaseFile[] = Array.from({ length: 300 }, (_, i) => ({
      ...base,
      id: 100 + i,
      systemId: uuid(5000 + i),
      sakssekvensnummer: 100 + i,
      classification: { ordningsprinsipp: 'KK', ordningsverdi: `A${String(Math.floor(i / 7)).padStart(3, '0')}` },
      entries: base.entries.map((e, k) => ({
        ...e,
        systemId: uuid(10_000 + i * 2 + k),
        avskrevetAv: e.avskrevetAv ? { ...e.avskrevetAv, bySystemId: uuid(10_000 + i * 2 + 1) } : null,
        documents: e.documents.map((d) => ({ ...d, sha256: f.originals.pdfa2b })),
      })),
    }));
    const { result } = await writePackage(f, { caseFiles: many });
    expect(fs.statSync(path.join(result.dir, 'arkivstruktur.xml')).size).toBeGreaterThan(4 * 64 * 1024);
    expect(result.counts).toMatchObject({ mappe: 300, registrering: 600, dokumentfiler: 600, converted: 0 });
    const klasser = all(parser.parse(read(path.join(result.dir, 'arkivstruktur.xml'))), 'klasse');
    expect(klasser).toHaveLength(43);
    for (const [xml, xsd] of [
      ['arkivstruktur.xml', 'arkivstruktur.xsd'],
      ['loependeJournal.xml', 'loependeJournal.xsd'],
      ['offentligJournal.xml', 'offentligJournal.xsd'],
    ] as const) {
      for (const o of await xmllintRuns(path.join(result.dir, xsd), [path.join(result.dir, xml)])) expect(o.status, `${o.tool} ${xml}: ${o.stderr.slice(0, 2000)}`).toBe(0);
    }
    for (const j of ['loependeJournal.xml', 'offentligJournal.xml']) expect(read(path.join(result.dir, j))).toContain('<antallJournalposter>600</antallJournalposter>');
    expect(fs.readdirSync(result.dir).filter((n) => n.endsWith('.part'))).toEqual([]);
  });

  it('logs the closing of the arkivdel when the period has no audited change (endring is 1..n)', async () => {
    const f = await fixture();
    const { result } = await writePackage(f, { changes: [] });
    const log = read(path.join(result.dir, 'endringslogg.xml'));
    expect(log).toContain('<referanseMetadata>arkivdelstatus</referanseMetadata>');
    expect(log).toContain('<nyVerdi>Avsluttet periode</nyVerdi>');
    expect(result.counts.endringer).toBe(1);
    for (const o of await xmllintRuns(path.join(result.dir, 'endringslogg.xsd'), [path.join(result.dir, 'endringslogg.xml')])) expect(o.status, o.stderr).toBe(0);
    expect(occurrences(read(path.join(result.dir, 'arkivuttrekk.xml'))).get('endring')).toBe(1);
  });

  it('writes NULL for a value the audit entry did not have (as Arkade’s test extracts do)', async () => {
    const f = await fixture();
    const { result } = await writePackage(f);
    expect(read(path.join(result.dir, 'endringslogg.xml'))).toContain('<tidligereVerdi>NULL</tidligereVerdi>');
  });

  it('leaves out the journals when no case file is closed, and the package stays valid', async () => {
    const f = await fixture();
    const { result } = await writePackage(f, { caseFiles: [] });
    expect(fs.existsSync(path.join(result.dir, 'loependeJournal.xml'))).toBe(false);
    expect(result.files.map((x) => x.path)).not.toContain('loependeJournal.xsd');
    for (const [xml, xsd] of [
      ['arkivstruktur.xml', 'arkivstruktur.xsd'],
      ['arkivuttrekk.xml', 'addml.xsd'],
    ] as const) {
      for (const o of await xmllintRuns(path.join(result.dir, xsd), [path.join(result.dir, xml)])) expect(o.status, `${o.tool} ${xml}: ${o.stderr}`).toBe(0);
    }
  });

  it('fails in Norwegian, and removes the half-written package, when a document is missing from the store', async () => {
    const f = await fixture();
    f.blobs.delete(f.originals.png);
    const outDir = tempDir('pm-uttrekk-');
    const err = await writePackage(f, { outDir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IntegrationError);
    expect((err as Error).message).toMatch(/finnes ikke i dokumentlageret/);
    expect((err as Error).message).not.toContain(SCREENED_FNR);
    expect(fs.existsSync(path.join(outDir, 'avleveringspakke'))).toBe(false);
  });

  it('refuses a case file without the archive’s numbers, and a folder that already holds a package', async () => {
    const f = await fixture();
    const broken = { ...f.caseFiles[0]!, saksaar: null };
    await expect(writePackage(f, { caseFiles: [broken] })).rejects.toThrow(/har ikke saksnummer fra arkivet/);
    const { outDir } = await writePackage(f);
    await expect(writePackage(f, { outDir })).rejects.toThrow(/finnes allerede og er ikke tom/);
  });
});
