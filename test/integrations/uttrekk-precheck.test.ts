import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreCheckReport, PreCheckResult } from '../../electron/core/ports/archive-extraction.port';
import { createPreCheck } from '../../integrations/noark/uttrekk/precheck/pre-check';
import { workerEntry } from '../../integrations/noark/uttrekk/precheck/worker-host';
import { buildPackage, dbId, docFile, doId, edit, jpId, mappeId, writeAddml, type BuiltPackage } from '../fixtures/uttrekk/build-package';
import { pdftotext } from '../helpers/pdf-tools';

const FONT_DIR = path.resolve(__dirname, '../../resources/fonts');
const ICC = path.resolve(__dirname, '../../resources/icc/sRGB.icc');

let tmp: string;
let n = 0;
const fresh = (mapper = 4): BuiltPackage => buildPackage(path.join(tmp, `pkg-${++n}`), mapper);

const preCheck = createPreCheck({ fontsDir: FONT_DIR, iccProfile: ICC, now: () => Date.UTC(2026, 11, 7, 11, 0) });
/** Every file chunked (N5.03 in batches of a few units). */
const chunked = createPreCheck({ fontsDir: FONT_DIR, iccProfile: ICC, wholeFileMaxBytes: 0, batchChars: 12_000 });

const control = (r: PreCheckReport, id: string): PreCheckResult => {
  const c = r.results.find((x) => x.id === id);
  expect(c, id).toBeDefined();
  return c!;
};
const failedIds = (r: PreCheckReport) => r.results.filter((x) => !x.passed).map((x) => x.id);
const messages = (c: PreCheckResult) => c.errors.map((e) => `${e.message} [${e.location ?? ''}]`).join('\n');

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-precheck-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('pre-check: a valid v5.0 package', () => {
  it('passes every control, whole and chunked, with the counts Arkade reports', async () => {
    const p = fresh(6);
    for (const pc of [preCheck, chunked]) {
      const r = await pc.run(p.dir);
      expect(failedIds(r), JSON.stringify(r.results.filter((x) => !x.passed).map((x) => x.errors), null, 1)).toEqual([]);
      expect(r.passed).toBe(true);
      expect(control(r, 'N5.04').counts['Antall arkiver']).toBe(1);
      expect(control(r, 'N5.05').counts['Antall arkivdeler']).toBe(1);
      expect(control(r, 'N5.08').counts['Antall klasser']).toBe(1);
      expect(control(r, 'N5.10').counts).toMatchObject({ 'Antall mapper': 6, 'Oppgitt i arkivuttrekk.xml (mappe)': 6 });
      expect(control(r, 'N5.16').counts).toMatchObject({ 'Antall registreringer': 12, 'Oppgitt i arkivuttrekk.xml (registrering)': 12 });
      expect(control(r, 'N5.17').counts).toMatchObject({ 'Antall journalposter': 12, 'Journalposttype: Inngående dokument': 6, 'Journalposttype: Utgående dokument': 6 });
      expect(control(r, 'N5.23').counts['Antall dokumentbeskrivelser']).toBe(12);
      expect(control(r, 'N5.26').counts['Antall dokumentobjekter']).toBe(12);
      expect(control(r, 'N5.28').counts['Antall dokumentfiler']).toBe(12);
      expect(control(r, 'N5.30').counts['Antall kontrollerte dokumentfiler']).toBe(12);
      expect(control(r, 'N5.39').counts['Antall korrespondanseparter']).toBe(12);
      expect(control(r, 'N5.40').counts['Antall avskrivninger']).toBe(6);
      expect(control(r, 'N5.47').counts['Antall systemID-er']).toBe(3 + 1 + 6 + 12 * 3);
      expect(control(r, 'N5.59').counts).toMatchObject({ 'antallJournalposter i loependeJournal.xml': 12, 'Antall journalposter i arkivstruktur.xml': 12 });
      expect(control(r, 'N5.61').counts['Antall endringer']).toBe(3);
      expect(control(r, 'N5.03').counts['Antall XML-filer kontrollert']).toBe(4);
    }
  });

  it('finds the package inside an outer folder holding avleveringspakke/', async () => {
    const outer = path.join(tmp, 'outer');
    buildPackage(path.join(outer, 'avleveringspakke'), 2);
    const r = await preCheck.run(outer);
    expect(r.passed).toBe(true);
    expect(r.packageDir).toBe(path.join(outer, 'avleveringspakke'));
  });

  it('reports progress up to the total bytes of the XML files', async () => {
    const p = fresh(3);
    const seen: number[] = [];
    await preCheck.run(p.dir, (pr) => {
      expect(pr.phase).toBe('checking');
      seen.push(pr.done / pr.total);
    });
    expect(seen.length).toBeGreaterThan(1);
    expect(seen[seen.length - 1]).toBe(1);
  });
});

describe('pre-check: in its worker thread', () => {
  it('runs in a worker from source, and the worker gives the report this thread gives, errors and all', async () => {
    const entry = workerEntry();
    expect(entry?.file.endsWith('pre-check.worker.ts')).toBe(true);
    expect(fs.existsSync(entry!.file)).toBe(true);
    const p = fresh(5);
    edit(p, 'arkivstruktur.xml', `<systemID>${doId(3, 2)}</systemID>`, '<sjekksum>', '<sjekksum>00');
    edit(p, 'arkivstruktur.xml', `<systemID>${jpId(4, 1)}</systemID>`, '<journalaar>2025</journalaar>', '<journalaar>tjuetjuefem</journalaar>');
    const opts = { fontsDir: FONT_DIR, iccProfile: ICC, wholeFileMaxBytes: 0, batchChars: 12_000, now: () => 1 };
    const progress: number[] = [];
    const inWorker = await createPreCheck({ ...opts, isolate: true }).run(p.dir, (pr) => progress.push(pr.done));
    const here = await createPreCheck({ ...opts, isolate: false }).run(p.dir);
    expect(failedIds(inWorker)).toEqual(expect.arrayContaining(['N5.03', 'N5.30']));
    expect(inWorker).toEqual(here);
    expect(progress.length).toBeGreaterThan(1);
  });

});

describe('pre-check: planted faults, each caught and named', () => {
  it('N5.02: a wrong checksum in arkivuttrekk.xml names the file', async () => {
    const p = fresh();
    edit(p, 'arkivstruktur.xml', '<tittel>Eksempel kommune', 'sakarkiv', 'sakarkiv (endret)');
    const r = await preCheck.run(p.dir);
    expect(failedIds(r)).toEqual(['N5.02']);
    const c = control(r, 'N5.02');
    expect(c.errorCount).toBe(1);
    expect(messages(c)).toMatch(/Sjekksummen for arkivstruktur\.xml stemmer ikke/);
  });

  it('N5.30: a dokumentobjekt sjekksum that is not the file\'s names the dokumentobjekt and the file', async () => {
    const p = fresh();
    edit(p, 'arkivstruktur.xml', `<systemID>${doId(3, 2)}</systemID>`, '<sjekksum>', '<sjekksum>00');
    const text = fs.readFileSync(path.join(p.dir, 'arkivstruktur.xml'), 'utf8');
    fs.writeFileSync(path.join(p.dir, 'arkivstruktur.xml'), text.replace(/(<sjekksum>00[0-9a-f]{62})[0-9a-f]{2}/, '$1'));
    writeAddml(p);
    const r = await preCheck.run(p.dir);
    expect(failedIds(r)).toEqual(['N5.30']);
    expect(messages(control(r, 'N5.30'))).toContain(`dokumentobjekt ${doId(3, 2)}`);
    expect(messages(control(r, 'N5.30'))).toContain(docFile(3, 2));
  });

  it('N5.30 is case-insensitive and accepts "\\" in referanseDokumentfil', async () => {
    const p = fresh(2);
    const f = path.join(p.dir, 'arkivstruktur.xml');
    let text = fs.readFileSync(f, 'utf8');
    text = text.replace(/<sjekksum>([0-9a-f]+)<\/sjekksum>/g, (_, h: string) => `<sjekksum>${h.toUpperCase()}</sjekksum>`);
    text = text.replace('<referanseDokumentfil>DOKUMENT/1/1.pdf<', '<referanseDokumentfil>DOKUMENT\\1\\1.pdf<');
    fs.writeFileSync(f, text);
    writeAddml(p);
    const r = await preCheck.run(p.dir);
    expect(failedIds(r)).toEqual([]);
  });

  it('N5.32 and N5.28: a missing document file names the file and its dokumentobjekt', async () => {
    const p = fresh();
    fs.rmSync(path.join(p.dir, docFile(2, 1)));
    const r = await preCheck.run(p.dir);
    expect(failedIds(r).sort()).toEqual(['N5.28', 'N5.32']);
    expect(messages(control(r, 'N5.32'))).toContain(`Dokumentfilen ${docFile(2, 1)} som dokumentobjekt ${doId(2, 1)} refererer til, finnes ikke`);
    expect(messages(control(r, 'N5.28'))).toContain('oppgir 8 dokumentfiler, men arkivuttrekket har 7');
  });

  it('N5.01: a file named in arkivuttrekk.xml that is missing', async () => {
    const p = fresh();
    fs.rmSync(path.join(p.dir, 'endringslogg.xml'));
    const r = await preCheck.run(p.dir);
    expect(failedIds(r)).toContain('N5.01');
    expect(messages(control(r, 'N5.01'))).toContain('Filen endringslogg.xml, som arkivuttrekk.xml nevner, finnes ikke');
  });

  it('N5.47: a duplicate systemID is named', async () => {
    const p = fresh();
    edit(p, 'arkivstruktur.xml', `<systemID>${jpId(4, 1)}</systemID>`, `<systemID>${dbId(4, 1)}</systemID>`, `<systemID>${dbId(1, 2)}</systemID>`);
    writeAddml(p);
    const r = await preCheck.run(p.dir);
    expect(failedIds(r)).toEqual(['N5.47']);
    const c = control(r, 'N5.47');
    expect(c.errorCount).toBe(1);
    expect(messages(c)).toContain(`systemID ${dbId(1, 2)} (i <dokumentbeskrivelse>) forekommer mer enn én gang`);
  });

  it('N5.63: an element without content is named with its line and unit', async () => {
    const p = fresh();
    const line = edit(p, 'arkivstruktur.xml', `<systemID>${jpId(2, 2)}</systemID>`, '<offentligTittel>Vedtak</offentligTittel>', '<offentligTittel></offentligTittel>');
    writeAddml(p);
    const r = await preCheck.run(p.dir);
    expect(failedIds(r)).toContain('N5.63');
    const c = control(r, 'N5.63');
    expect(c.errorCount).toBe(1);
    expect(c.errors[0]).toEqual({ message: `Elementet <offentligTittel> i arkivstruktur.xml har ikke innhold (i enheten med systemID ${jpId(2, 2)}).`, location: `arkivstruktur.xml:${line}` });
  });

  it('N5.16: a registrering count that disagrees with ADDML numberOfOccurrences', async () => {
    const p = fresh();
    writeAddml(p, { registrering: 9 });
    const r = await preCheck.run(p.dir);
    expect(failedIds(r)).toEqual(['N5.16']);
    expect(messages(control(r, 'N5.16'))).toContain('arkivuttrekk.xml oppgir 9 forekomster av registrering i arkivstruktur.xml, men filen har 8');
  });

  it('N5.59: antallJournalposter that disagrees between the journals and with arkivstruktur (skarp periode)', async () => {
    const p = fresh();
    edit(p, 'loependeJournal.xml', '<journalhode>', '<antallJournalposter>8<', '<antallJournalposter>7<');
    writeAddml(p);
    const r = await preCheck.run(p.dir);
    expect(failedIds(r)).toEqual(['N5.59']);
    const m = messages(control(r, 'N5.59'));
    expect(m).toContain('loependeJournal.xml oppgir antallJournalposter 7, men har 8 journalregistreringer');
    expect(m).toContain('antallJournalposter er 8 i offentligJournal.xml, men 7 i loependeJournal.xml');
    expect(m).toContain('antallJournalposter i loependeJournal.xml (7) er ikke lik antall journalposter i arkivstruktur.xml (8)');
  });

  it('N5.48, N5.51 and N5.62: references to nothing', async () => {
    const p = fresh();
    const ghost = 'deadbeef-0000-4000-8000-000000000000';
    edit(p, 'arkivstruktur.xml', `<systemID>${mappeId(2)}</systemID>`, '<referanseArkivdel>', `<referanseArkivdel>${ghost}</referanseArkivdel>\n          <referanseArkivdel>`);
    edit(p, 'arkivstruktur.xml', `<systemID>${mappeId(3)}</systemID>`, '</saksstatus>', `</saksstatus>\n          <referanseSekundaerKlassifikasjon>${ghost}</referanseSekundaerKlassifikasjon>`);
    edit(p, 'endringslogg.xml', '<endring>', mappeId(1), ghost);
    writeAddml(p);
    const r = await preCheck.run(p.dir);
    expect(failedIds(r).sort()).toEqual(['N5.48', 'N5.51', 'N5.62']);
    expect(messages(control(r, 'N5.48'))).toContain(`referanseArkivdel ${ghost} peker ikke på en arkivdel`);
    expect(messages(control(r, 'N5.51'))).toContain(`referanseSekundaerKlassifikasjon ${ghost} peker ikke på en klasse`);
    expect(messages(control(r, 'N5.62'))).toContain(`referanseArkivenhet ${ghost} peker ikke på en systemID`);
  });

  it('N5.03: a missing XSD is an error naming it and the file left unvalidated', async () => {
    const p = fresh();
    fs.rmSync(path.join(p.dir, 'loependeJournal.xsd'));
    const r = await preCheck.run(p.dir);
    // N5.01 names the missing file; N5.02 has no file to hash
    expect(failedIds(r).sort()).toEqual(['N5.01', 'N5.03']);
    expect(messages(control(r, 'N5.03'))).toContain('XSD-skjemaet loependeJournal.xsd for loependeJournal.xml finnes ikke i arkivuttrekket');
  });

  it('N5.03 in chunks: a unit far into the file that breaks the XSD gives its original line and systemID', async () => {
    const p = fresh(60);
    const line = edit(p, 'arkivstruktur.xml', `<systemID>${jpId(57, 2)}</systemID>`, '<journalaar>2025</journalaar>', '<journalaar>tjuetjuefem</journalaar>');
    const line2 = edit(p, 'loependeJournal.xml', `<systemID>${jpId(51, 1)}</systemID>`, '<journalpostnummer>1</journalpostnummer>', '<journalpostnummer>1</journalpostnummer><ukjent>x</ukjent>');
    writeAddml(p);
    for (const pc of [chunked, preCheck]) {
      const r = await pc.run(p.dir);
      expect(failedIds(r)).toEqual(['N5.03']);
      const c = control(r, 'N5.03');
      expect(c.errorCount, messages(c)).toBe(2);
      const [a, b] = [c.errors.find((e) => e.location?.startsWith('arkivstruktur')), c.errors.find((e) => e.location?.startsWith('loependeJournal'))];
      expect(a?.location).toBe(`arkivstruktur.xml:${line}`);
      expect(a?.message).toContain(`arkivstruktur.xml linje ${line} (systemID ${jpId(57, 2)})`);
      expect(a?.message).toContain('journalaar');
      expect(b?.location).toBe(`loependeJournal.xml:${line2}`);
      expect(b?.message).toContain(`(systemID ${jpId(51, 1)})`);
      expect(b?.message).toContain('ukjent');
    }
  });

  it('N5.03 in chunks: an error outside the units (the skeleton) keeps its line', async () => {
    const p = fresh(20);
    const line = edit(p, 'arkivstruktur.xml', '<klasse>', '<klasseID>Q13</klasseID>', '<klasseIdent>Q13</klasseIdent>');
    writeAddml(p);
    const r = await chunked.run(p.dir);
    expect(failedIds(r)).toEqual(['N5.03']);
    const c = control(r, 'N5.03');
    expect(c.errors.map((e) => e.location)).toEqual([`arkivstruktur.xml:${line}`]);
    expect(c.errors[0]!.message).toContain('klasseIdent');
  });

  it('N5.03: a registrering beside the mappes of a klasse breaks the xs:choice, whole and in chunks', async () => {
    const p = fresh(12);
    const loose = `        <registrering>
          <systemID>ffffffff-0000-4000-8000-000000000001</systemID>
          <opprettetDato>2025-03-01T10:15:00+01:00</opprettetDato>
          <opprettetAv>admin</opprettetAv>
          <arkivertDato>2025-03-01T10:16:00+01:00</arkivertDato>
          <arkivertAv>admin</arkivertAv>
          <tittel>Løs registrering</tittel>
        </registrering>
`;
    const line = edit(p, 'arkivstruktur.xml', `<systemID>${mappeId(12)}</systemID>`, '      </klasse>', `${loose}      </klasse>`) ;
    writeAddml(p, { registrering: 25 });
    for (const pc of [preCheck, chunked]) {
      const r = await pc.run(p.dir);
      expect(failedIds(r)).toEqual(['N5.03']);
      const c = control(r, 'N5.03');
      expect(c.errors.map((e) => e.location)).toContain(`arkivstruktur.xml:${line}`);
      expect(messages(c)).toMatch(/registrering'?: This element is not expected/);
    }
  });

  it('N5.03: XML that is not well-formed', async () => {
    const p = fresh(2);
    edit(p, 'endringslogg.xml', '<endring>', '</endretAv>', '</endretAvv>');
    writeAddml(p);
    const r = await preCheck.run(p.dir);
    expect(failedIds(r)).toContain('N5.03');
    expect(messages(control(r, 'N5.03'))).toContain('endringslogg.xml er ikke velformet XML');
  });
});

describe('pre-check report: JSON, HTML and PDF/A', () => {
  let report: PreCheckReport;
  let files: { html: string; pdf: string; json: string };
  beforeAll(async () => {
    const p = fresh();
    edit(p, 'arkivstruktur.xml', `<systemID>${jpId(4, 1)}</systemID>`, `<systemID>${dbId(4, 1)}</systemID>`, `<systemID>${dbId(1, 2)}</systemID>`);
    writeAddml(p);
    report = await preCheck.run(p.dir);
    files = await preCheck.writeReport(report, path.join(p.dir, '..', `report-${n}`));
  });

  it('JSON: our report plus Arkade testReport naming', () => {
    const json = JSON.parse(fs.readFileSync(files.json, 'utf8'));
    expect(json.passed).toBe(false);
    expect(json.results).toHaveLength(report.results.length);
    const t = json.arkade.TestsResults.find((x: { TestId: string }) => x.TestId === 'N5.47');
    expect(t).toMatchObject({ TestType: 'ContentControl', NumberOfErrors: '1', HasResults: true });
    expect(t.ResultSet.Results.some((x: { ResultType: string; Message: string }) => x.ResultType === 'Error' && x.Message.includes(dbId(1, 2)))).toBe(true);
  });

  it('HTML: Norwegian, headings, a table per control, the verdict in words', () => {
    const html = fs.readFileSync(files.html, 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="nb">/);
    expect(html).not.toMatch(/<script|https?:\/\//);
    expect(html).toContain('<h1>Forhåndskontroll av arkivuttrekk (Noark 5)</h1>');
    for (const r of report.results) expect(html).toContain(`<h3 id="k-${r.id.replace('.', '-')}">${r.id} `);
    expect(html).toContain('Ikke bestått');
    expect(html).toContain(`systemID ${dbId(1, 2)} (i &lt;dokumentbeskrivelse&gt;) forekommer mer enn én gang`);
    expect((html.match(/<table>/g) ?? []).length).toBeGreaterThanOrEqual(report.results.length);
  });

  it('PDF/A-2b whose text names the failed control and its systemID', async () => {
    const bytes = fs.readFileSync(files.pdf);
    const latin = bytes.toString('latin1');
    expect(latin.startsWith('%PDF-')).toBe(true);
    expect(latin).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(latin).toContain('/GTS_PDFA1');
    for (const { tool, out } of await pdftotext(files.pdf)) {
      const flat = out.replace(/\s+/g, ' ');
      expect(flat, tool).toContain('Forhåndskontroll av arkivuttrekk (Noark 5)');
      expect(flat, tool).toContain('N5.47 Kontroll av at systemID-er er unike');
      expect(flat, tool).toContain('Ikke bestått');
      expect(flat.replace(/ /g, ''), tool).toContain(dbId(1, 2));
    }
  });
});
