import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PublicJournalRow } from '../../electron/core/ports/archive-extraction.port';
import type { Screening } from '../../electron/core/archive/archive-record';
import { createPublicJournalWriter, parseSaksnummer } from '../../integrations/noark/uttrekk/public-journal.writer';
import { MAX_PDF_ROWS } from '../../integrations/noark/uttrekk/public-journal-pdf.renderer';
import { pdffonts, pdfinfo, pdftotext } from '../helpers/pdf-tools';
import { tempDir } from '../helpers/temp-dir';
import { xmllintRuns } from '../helpers/xsd-check';

/**
 * #16 item 4: the public journal. offentligJournal.xml is checked against offentligJournal.xsd v5.0
 * (the copy the app ships, the same bytes as the spec's) by xmllint-wasm and the system xmllint;
 * the PDF/A list is read back with pdfjs-dist (and poppler's pdftotext when present). Rows are
 * built from known unscreened data and screened the way core does it (a screened correspondent's
 * name → «Skjermet», a screened title → its public form); no screened name or title may be
 * found in the XML's bytes or in the PDF's text.
 */

const RESOURCES = path.resolve('resources');
const XSD = path.join(RESOURCES, 'noark5-uttrekk', 'offentligJournal.xsd');

const SCREENED_NAME = 'Ærlig Østby Åsen';
const SCREENED_TITLE_PART = 'Hemmelig diagnose';
const SCREENED_CASE_PART = 'Bjørnsdatter';
const PUBLIC_NAME = 'Ola Åpen Nordmann';

/** The journal as it stands in the archive record, before screening: what core reads. */
interface RawEntry {
  systemId: string;
  journalposttype: 'I' | 'U';
  journaldato: string;
  saksnummer: string | null;
  journalpostnummer: number | null;
  journalsekvensnummer: number | null;
  caseTitle: string;
  caseTitlePublic: string;
  title: string;
  titlePublic: string;
  correspondents: { role: 'avsender' | 'mottaker'; name: string }[];
  screening: Screening | null;
}

/** Core's screening (#16): a screened correspondent is «Skjermet», a screened title its public form. */
function screen(e: RawEntry): PublicJournalRow {
  const s = e.screening;
  return {
    systemId: e.systemId,
    journalposttype: e.journalposttype,
    journaldato: e.journaldato,
    dokumentetsDato: `${e.journaldato}T08:00:00Z`,
    saksnummer: e.saksnummer,
    journalpostnummer: e.journalpostnummer,
    journalaar: e.journalsekvensnummer === null ? null : 2026,
    journalsekvensnummer: e.journalsekvensnummer,
    caseTitle: s?.screenTitle ? e.caseTitlePublic : e.caseTitle,
    title: s?.screenTitle ? e.titlePublic : e.title,
    correspondents: e.correspondents.map((c) => ({ role: c.role, name: s?.screenCorrespondent ? 'Skjermet' : c.name })),
    skjermingshjemmel: s?.skjermingshjemmel ?? null,
    administrativEnhet: 'Oppvekst',
    saksbehandler: 'Sara Saksbehandler',
    mappeSystemId: '00000000-0000-4000-8000-0000000000aa',
  };
}

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const screening: Screening = { tilgangsrestriksjon: '13', skjermingshjemmel: 'Offl. § 13 jf. fvl. § 13', screenTitle: true, screenCorrespondent: true, screenDocuments: true };

function rawEntries(): RawEntry[] {
  return [
    {
      systemId: uuid(1),
      journalposttype: 'I',
      journaldato: '2026-03-02',
      saksnummer: '2026/7',
      journalpostnummer: 1,
      journalsekvensnummer: 1001,
      caseTitle: `Helsetjenester – ${SCREENED_CASE_PART}`,
      caseTitlePublic: 'Helsetjenester – ******',
      title: `Søknad om avlastning – ${SCREENED_TITLE_PART} – ${SCREENED_NAME}`,
      titlePublic: 'Søknad om avlastning – ****** – ******',
      correspondents: [{ role: 'avsender', name: SCREENED_NAME }],
      screening,
    },
    {
      systemId: uuid(2),
      journalposttype: 'U',
      journaldato: '2026-03-05',
      saksnummer: '2026/7',
      journalpostnummer: 2,
      journalsekvensnummer: 1010,
      caseTitle: `Helsetjenester – ${SCREENED_CASE_PART}`,
      caseTitlePublic: 'Helsetjenester – ******',
      title: `Vedtak om avlastning – ${SCREENED_NAME}`,
      titlePublic: 'Vedtak om avlastning – ******',
      correspondents: [{ role: 'mottaker', name: SCREENED_NAME }],
      screening,
    },
    {
      systemId: uuid(3),
      journalposttype: 'I',
      journaldato: '2026-03-05',
      saksnummer: '2026/8',
      journalpostnummer: 1,
      journalsekvensnummer: 1011,
      caseTitle: 'Søknad om SFO-plass',
      caseTitlePublic: 'Søknad om SFO-plass',
      title: 'Søknad om SFO-plass <skoleåret 2026/2027> & mer',
      titlePublic: 'Søknad om SFO-plass <skoleåret 2026/2027> & mer',
      correspondents: [{ role: 'avsender', name: PUBLIC_NAME }],
      screening: null,
    },
    // not yet given numbers by the archive: in neither file
    {
      systemId: uuid(4),
      journalposttype: 'I',
      journaldato: '2026-03-05',
      saksnummer: null,
      journalpostnummer: null,
      journalsekvensnummer: null,
      caseTitle: 'Venter',
      caseTitlePublic: 'Venter',
      title: 'Venter på arkivet',
      titlePublic: 'Venter på arkivet',
      correspondents: [{ role: 'avsender', name: 'Per Venter' }],
      screening: null,
    },
  ];
}

async function* stream<T>(items: Iterable<T>): AsyncIterable<T> {
  for (const i of items) yield i;
}

const meta = {
  arkivskaper: { id: '974760673', name: 'Eksempel kommune' },
  archiveTitle: 'Postmottak – Eksempel kommune',
  systemName: 'Postmottak',
  systemVersion: '1.0.0',
  producedAt: Date.UTC(2026, 2, 6, 23, 30), // 7 March in Oslo
  producedBy: 'Arne Arkivar',
  timezone: 'Europe/Oslo',
  range: { from: '2026-03-01', to: '2026-03-06' },
};

const writer = createPublicJournalWriter({ resourcesDir: RESOURCES });

async function writeJournal(rows: PublicJournalRow[]) {
  const outDir = tempDir('pm-oj-');
  return { outDir, ...(await writer.write({ meta, rows: stream(rows), outDir })) };
}

const SCREENED = [SCREENED_NAME, SCREENED_TITLE_PART, SCREENED_CASE_PART, 'Østby', 'Åsen', 'diagnose'];

describe('public journal (#16 item 4)', () => {
  it('the shipped offentligJournal.xsd is the spec’s v5.0 schema', () => {
    const spec = path.resolve('..', 'shared', 'specs', 'noark', 'noark5-uttrekk', 'v5.0');
    for (const f of ['offentligJournal.xsd', 'metadatakatalog.xsd']) {
      const shipped = fs.readFileSync(path.join(RESOURCES, 'noark5-uttrekk', f));
      expect(shipped.toString('utf8')).toContain('targetNamespace="http://www.arkivverket.no/standarder/noark5/');
      if (fs.existsSync(spec)) expect(shipped.equals(fs.readFileSync(path.join(spec, f))), f).toBe(true);
    }
  });

  it('writes offentligJournal.xml valid against offentligJournal.xsd v5.0, by both validators', async () => {
    const r = await writeJournal(rawEntries().map(screen));
    expect(r.rows).toBe(3);
    const opinions = await xmllintRuns(XSD, [r.xml]);
    for (const o of opinions) expect(o.status, `${o.tool}: ${o.stderr}`).toBe(0);
    expect(opinions[0]!.tool).toBe('xmllint-wasm');
    const xml = fs.readFileSync(r.xml, 'utf8');
    expect(xml).toContain('<antallJournalposter>3</antallJournalposter>');
    expect(xml.match(/<journalregistrering>/g)).toHaveLength(3);
    expect(xml).toContain('<journalStartDato>2026-03-01</journalStartDato>');
    expect(xml).toContain('<registreringsID>2026/7-1</registreringsID>');
    expect(xml).toContain('<korrespondanseparttype>Avsender</korrespondanseparttype>');
    expect(xml).toContain('<skjermingshjemmel>Offl. § 13 jf. fvl. § 13</skjermingshjemmel>');
    expect(xml).toContain('&lt;skoleåret 2026/2027&gt; &amp; mer');
    expect(xml).not.toContain('Venter på arkivet');
    expect(xml).not.toContain('<klasse>');
    expect(fs.readdirSync(r.outDir).sort()).toEqual(['offentligJournal.pdf', 'offentligJournal.xml']); // no temp file left
  });

  it('a file the schema refuses is refused by the same check (the check can fail)', async () => {
    const r = await writeJournal(rawEntries().map(screen));
    const bad = path.join(r.outDir, 'bad.xml');
    fs.writeFileSync(bad, fs.readFileSync(r.xml, 'utf8').replace(/<journalaar>2026<\/journalaar>/, ''));
    for (const o of await xmllintRuns(XSD, [bad])) expect(o.status, o.tool).not.toBe(0);
  });

  it('no screened name or title in the XML bytes or the PDF text; the unscreened ones are there', async () => {
    const raw = rawEntries();
    // the raw data does hold them (the scan would find them)
    expect(JSON.stringify(raw)).toContain(SCREENED_NAME);
    const r = await writeJournal(raw.map(screen));
    const bytes = fs.readFileSync(r.xml);
    for (const s of SCREENED) {
      expect(bytes.includes(Buffer.from(s, 'utf8')), `XML holds «${s}»`).toBe(false);
      expect(bytes.includes(Buffer.from(s, 'latin1')), `XML holds «${s}» (Latin-1)`).toBe(false);
    }
    expect(bytes.includes(Buffer.from(PUBLIC_NAME, 'utf8'))).toBe(true);
    expect(bytes.includes(Buffer.from('<korrespondansepartNavn>Skjermet</korrespondansepartNavn>', 'utf8'))).toBe(true);

    const opinions = await pdftotext(r.pdf);
    expect(opinions[0]!.tool).toBe('pdfjs-dist');
    for (const { tool, out } of opinions) {
      const flat = out.replace(/\s+/g, ' ');
      for (const s of SCREENED) expect(flat, `${tool}: PDF holds «${s}»`).not.toContain(s);
      expect(flat, tool).toContain(PUBLIC_NAME);
      expect(flat, tool).toContain('Fra: Skjermet');
      expect(flat, tool).toContain('Til: Skjermet');
      expect(flat, tool).toContain('Helsetjenester – ******');
    }
  });

  it('the PDF is a landscape A4 list with the columns, page headers and page numbers', async () => {
    const r = await writeJournal(rawEntries().map(screen));
    for (const { tool, out } of await pdftotext(r.pdf)) {
      for (const s of ['Offentlig journal – Eksempel kommune', 'Journaldato 01.03.2026–06.03.2026', 'Saksnr.', 'Jp.nr.', 'I/U', 'Sakstittel', 'Dokumenttittel', 'Avsender/mottaker', 'Skjermingshjemmel']) {
        expect(out, `${tool}: ${s}`).toContain(s);
      }
      expect(out, tool).toContain('02.03.2026');
      expect(out, tool).toContain('2026/7');
      expect(out, tool).toContain('Offl. § 13 jf. fvl. § 13');
      expect(out, tool).toContain('Side 1 av 1');
      expect(out, tool).toContain('Produsert 07.03.2026 av Postmottak');
      expect(out, tool).toContain('1 journalposter uten saks- og journalnummer fra arkivet er ikke med.');
    }
    for (const { tool, out } of await pdfinfo(r.pdf)) {
      expect(out, tool).toMatch(/^Page size:\s+841\.89 x 595\.2\d+ pts/m); // A4 landscape
      expect(out, tool).toMatch(/^Pages:\s+1$/m);
    }
    for (const { tool, out } of await pdfinfo(r.pdf, ['-meta'])) {
      expect(out, tool).toContain('<pdfaid:part>2</pdfaid:part>');
      expect(out, tool).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    }
    for (const { tool, out } of await pdffonts(r.pdf)) {
      expect(out, tool).toMatch(/DejaVuSans/);
      expect(out, tool).not.toMatch(/\bno\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/m); // every font embedded
    }
  });

  it('many rows run over pages with the header on each and a correct page count', async () => {
    const rows: PublicJournalRow[] = Array.from({ length: 120 }, (_, i) =>
      screen({ ...rawEntries()[2]!, systemId: uuid(100 + i), journalsekvensnummer: 2000 + i, title: `Søknad nr. ${i + 1} ${'lang tittel '.repeat(i % 7)}` }),
    );
    const r = await writeJournal(rows);
    expect(r.rows).toBe(120);
    const [mine] = await pdftotext(r.pdf);
    const pages = mine!.out.split('\f').filter((p) => p.trim());
    expect(pages.length).toBeGreaterThan(2);
    pages.forEach((p, i) => {
      expect(p).toContain('Offentlig journal – Eksempel kommune');
      expect(p).toContain('Dokumenttittel');
      expect(p).toContain(`Side ${i + 1} av ${pages.length}`);
    });
    for (let i = 1; i <= 120; i++) expect(mine!.out).toContain(`Søknad nr. ${i} `.trim());
    expect(MAX_PDF_ROWS).toBeGreaterThanOrEqual(1000);
  });

  it('caps the PDF list and says so, while the XML holds every row', async () => {
    const capped = createPublicJournalWriter({ resourcesDir: RESOURCES, maxPdfRows: 10 });
    const rows = Array.from({ length: 25 }, (_, i) => screen({ ...rawEntries()[2]!, systemId: uuid(300 + i), journalsekvensnummer: 3000 + i, title: `Rad ${i + 1}.` }));
    const outDir = tempDir('pm-oj-');
    const r = await capped.write({ meta, rows: stream(rows), outDir });
    expect(r.rows).toBe(25);
    expect(fs.readFileSync(r.xml, 'utf8').match(/<journalregistrering>/g)).toHaveLength(25);
    for (const { tool, out } of await pdftotext(r.pdf)) {
      expect(out, tool).toContain('Rad 10.');
      expect(out, tool).not.toContain('Rad 11.');
      expect(out, tool).toContain('Listen viser de første 10 av 25 journalpostene; alle står i offentligJournal.xml.');
    }
  });

  it('refuses a period without a numbered entry (the schema needs one) and leaves no files behind', async () => {
    const outDir = tempDir('pm-oj-');
    const waiting = rawEntries().slice(3).map(screen);
    await expect(writer.write({ meta, rows: stream(waiting), outDir })).rejects.toThrow(/Ingen journalposter/);
    expect(fs.readdirSync(outDir)).toEqual([]);
    expect(parseSaksnummer('2026/12')).toEqual({ saksaar: 2026, sakssekvensnummer: 12 });
    expect(parseSaksnummer('12')).toBeNull();
  });
});
