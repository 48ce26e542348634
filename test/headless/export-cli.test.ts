import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { exportExitCode, exportSummary, journalLine, periodOf } from '../../electron/app/admin/archivist-export';
import type { ExportRecord } from '../../electron/core/ports/archivist-store.port';
import { createRepos, openStore, STORE_FILE } from '../../electron/store';
import { part, receivedApplication } from '../helpers/submission-fixture';
import { tempDir } from '../helpers/temp-dir';

const CLI = path.resolve(__dirname, '../../electron/headless/cli.ts');
const env = { ...process.env, XDG_CONFIG_HOME: '/nonexistent-pm-test', DISPLAY: '', WAYLAND_DISPLAY: '' };

function cli(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { encoding: 'utf8', env, timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A real one-page PDF (the package converts documents to PDF/A, so they must parse). */
async function pdf(title: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  doc.addPage([200, 200]);
  return doc.save();
}

const SCREENING = { tilgangsrestriksjon: 'UO', skjermingshjemmel: 'Offl. § 13 jf. fvl. § 13', screenTitle: true, screenCorrespondent: true, screenDocuments: true };

/**
 * A data folder (no config: a single-user installation, every role) holding case files in arkivdel
 * BARNEHAGE in January 2026, as registration, delivery and replies leave them: Kari Nordmann 1 and
 * 2 (screened) answered and archived, Kari Nordmann 3 archived but not answered.
 */
async function seededDataFolder(): Promise<{ dir: string; screenedName: string; openName: string }> {
  const dir = tempDir('pm-export-cli-');
  expect(cli(['--data', dir, 'migrate']).code).toBe(0);
  const store = openStore(path.join(dir, STORE_FILE));
  const { submissions, archive } = createRepos(store);
  for (const i of [1, 2, 3]) {
    const name = `Kari Nordmann ${i}`;
    const fnr = `0101701234${i}`;
    const at = Date.UTC(2026, 0, 10 + i, 9);
    const screening = i === 2 ? SCREENING : null;
    const bytes = await pdf(`Søknad ${i}`);
    await store.uow.run(async () => {
      const sub = await submissions.insert(receivedApplication({ profileId: 'barnehageplass', fnr, name, title: `Søknad om barnehageplass - ${name}`, parts: [part('receipt-pdf', 'ref-data-as-pdf', 'kvittering.pdf', 'application/pdf', bytes)], at }), {
        source: 'altinn3',
        sourceId: `src-${i}`,
        serviceKey: 'kommune/barnehageplass',
        fetchedAt: at,
      });
      const masked = (t: string) => (screening ? t.replace(name, '*****') : t);
      const caseFileId = await archive.insertCaseFile({
        externalKey: `sak-${i}`,
        systemId: randomUUID(),
        profileId: 'barnehageplass',
        applicantKey: fnr,
        title: `Barnehageplass - ${name}`,
        titlePublic: masked(`Barnehageplass - ${name}`),
        arkivdel: 'BARNEHAGE',
        classification: { ordningsprinsipp: 'KK', ordningsverdi: 'A20' },
        administrativEnhet: 'OPPV',
        saksansvarlig: null,
        screening,
        saksdato: `2026-01-1${i}`,
        openedAt: at,
      });
      const sha = await archive.putBlob(bytes);
      const incoming = {
        externalKey: `jp-${i}`,
        systemId: randomUUID(),
        journalposttype: 'I' as const,
        title: `Søknad om barnehageplass - ${name}`,
        titlePublic: masked(`Søknad om barnehageplass - ${name}`),
        journaldato: `2026-01-1${i}`,
        dokumentetsDato: `2026-01-1${i}T10:00:00+01:00`,
        administrativEnhet: 'OPPV',
        saksbehandler: null,
        screening,
        correspondents: [{ role: 'avsender' as const, name, personNumber: fnr, organisationNumber: null, address: { street: 'Storgata 1', postalCode: '0155', postalPlace: 'OSLO' } }],
        documents: [{ number: 1, role: 'hoveddokument' as const, title: 'Søknad', dokumenttype: 'SØKNAD', filename: 'soknad.pdf', contentType: 'application/pdf', sha256: sha, size: bytes.byteLength }],
        caseFileId,
        submissionId: sub.id,
        closesEntryId: null,
        avskrivningsmaate: null,
        createdAt: at,
      };
      const iId = await archive.insertEntry(incoming);
      await archive.markCaseFileArchived(caseFileId, 'noark5-rest', { archiveSystemId: `arkiv-sak-${i}`, saksaar: 2026, sakssekvensnummer: 10 + i }, at + 1);
      await archive.markEntryArchived(iId, 'noark5-rest', { archiveSystemId: `arkiv-jp-${i}`, journalaar: 2026, journalsekvensnummer: 100 + i, journalpostnummer: 1, documents: [{ number: 1, archiveSystemId: `arkiv-dok-${i}` }] }, at + 1);
      if (i === 3) return;
      const letter = await pdf(`Vedtak ${i}`);
      const letterSha = await archive.putBlob(letter);
      const uId = await archive.insertEntry({
        ...incoming,
        externalKey: `jp-svar-${i}`,
        systemId: randomUUID(),
        journalposttype: 'U',
        title: `Svar på søknad - ${name}`,
        titlePublic: masked(`Svar på søknad - ${name}`),
        journaldato: `2026-01-2${i}`,
        dokumentetsDato: `2026-01-2${i}T12:00:00+01:00`,
        saksbehandler: 'Sara Saksbehandler',
        correspondents: [{ role: 'mottaker', name, personNumber: fnr, organisationNumber: null, address: null }],
        documents: [{ number: 1, role: 'hoveddokument', title: 'Vedtak', dokumenttype: 'BREV', filename: 'svar.pdf', contentType: 'application/pdf', sha256: letterSha, size: letter.byteLength }],
        closesEntryId: iId,
        avskrivningsmaate: 'BU',
        createdAt: at + 10,
      });
      await archive.markEntryArchived(uId, 'noark5-rest', { archiveSystemId: `arkiv-svar-${i}`, journalaar: 2026, journalsekvensnummer: 200 + i, journalpostnummer: 2, documents: [{ number: 1, archiveSystemId: `arkiv-svardok-${i}` }] }, at + 20);
    });
  }
  await store.close();
  return { dir, screenedName: 'Kari Nordmann 2', openName: 'Kari Nordmann 3' };
}

describe('postmottak export and journal (#16)', () => {
  it('exports a Noark 5 package with the pre-check verdict and the left-out case file, packed as .tar; and a Noark 4 deposit', async () => {
    const { dir, openName } = await seededDataFolder();
    const out = path.join(dir, 'ut');
    const r = cli(['--data', dir, 'export', 'noark5', '--arkivdel', 'BARNEHAGE', '--from', '2026-01-01', '--to', '2026-01-31', '--out', out, '--tar']);
    expect(r.code, r.err).toBe(0);
    // progress on stderr, the Norwegian summary on stdout
    expect(r.err).toMatch(/av \d+/);
    expect(r.out).toMatch(/Arkivuttrekk \(Noark 5\) \(arkivdel BARNEHAGE, 2026-01-01 – 2026-01-31\) er skrevet/);
    expect(r.out).toMatch(/Forhåndskontrollen er bestått/);
    expect(r.out).toMatch(/Utelatt: 1 saksmappe som ikke er avsluttet/);
    expect(r.out).toMatch(/2026\/13\t.*besvart/);
    const folder = /Mappe: (.+)/.exec(r.out)![1]!;
    expect(folder.startsWith(out)).toBe(true);
    const arkivstruktur = fs.readFileSync(path.join(folder, 'arkivstruktur.xml'), 'utf8');
    expect(arkivstruktur).toContain('2026');
    expect(arkivstruktur).not.toContain(openName);
    const tar = /Pakke: (.+)/.exec(r.out)![1]!;
    expect(fs.statSync(tar).size).toBeGreaterThan(1024);

    const n4 = cli(['--data', dir, 'export', 'noark4', '--arkivdel', 'BARNEHAGE', '--from', '2026-01-01', '--to', '2026-01-31', '--out', path.join(dir, 'n4')]);
    expect(n4.code, n4.err).toBe(0);
    expect(n4.out).toMatch(/Deponering \(Noark 4\).*er skrevet/);
    const n4dir = /Mappe: (.+)/.exec(n4.out)![1]!;
    expect(fs.readdirSync(n4dir).map((f) => f.toUpperCase())).toEqual(expect.arrayContaining(['NOARKIH.XML']));
    // the same runs are listed for the Arkiv screen
    const store = openStore(path.join(dir, STORE_FILE));
    try {
      const runs = await createRepos(store).archivist.exports(10);
      expect(runs.map((x) => [x.kind, x.state])).toEqual([
        ['noark4', 'done'],
        ['noark5', 'done'],
      ]);
    } finally {
      await store.close();
    }
  }, 180_000);

  it('prints the løpende journal for a day or a period, and writes the public journal without the screened name', async () => {
    const { dir, screenedName } = await seededDataFolder();
    const day = cli(['--data', dir, 'journal', '--date', '2026-01-11']);
    expect(day.code, day.err).toBe(0);
    const lines = day.out.trim().split('\n');
    expect(lines[0]).toMatch(/^Journaldato\tType\tSaksnr/);
    expect(lines.slice(1)).toHaveLength(1);
    expect(lines[1]).toMatch(/^2026-01-11\tI\t2026\/11\t1\t/);
    expect(day.err).toMatch(/1 journalposter/);

    const file = path.join(dir, 'journal.tsv');
    const period = cli(['--data', dir, 'journal', '--from', '2026-01-01', '--to', '2026-01-31', '--out', file]);
    expect(period.code, period.err).toBe(0);
    expect(period.out).toMatch(/5 journalposter skrevet til/);
    expect(fs.readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(6);

    const pub = cli(['--data', dir, 'journal', '--from', '2026-01-01', '--to', '2026-01-31', '--public', '--out', path.join(dir, 'oj')]);
    expect(pub.code, pub.err).toBe(0);
    expect(pub.out).toMatch(/Offentlig journal \(2026-01-01 – 2026-01-31\) er skrevet/);
    const xmlPath = /Offentlig journal \(XML\): (.+)/.exec(pub.out)![1]!;
    const xml = fs.readFileSync(xmlPath, 'utf8');
    expect(xml).toContain('offentligJournal');
    expect(xml).toContain('Kari Nordmann 1');
    expect(xml).not.toContain(screenedName);
    // eleven digits standing alone (a UUID holds such runs by chance)
    expect(xml).not.toMatch(/(?<![\da-f])\d{11}(?![\da-f])/i);
  }, 180_000);

  it('refuses what does not make a period or a format, exit 2 (commander: 1), saying why in Norwegian', () => {
    // checked before the store is opened
    const dir = tempDir('pm-export-cli-');
    expect(cli(['--data', dir, 'journal', '--date', '2026-02-30'])).toMatchObject({ code: 2, err: expect.stringMatching(/ikke en gyldig dato/) });
    expect(cli(['--data', dir, 'journal', '--from', '2026-02-01'])).toMatchObject({ code: 2, err: expect.stringMatching(/både --from og --to/) });
    expect(cli(['--data', dir, 'journal', '--from', '2026-02-10', '--to', '2026-02-01'])).toMatchObject({ code: 2, err: expect.stringMatching(/baklengs/) });
    expect(cli(['--data', dir, 'export', 'noark4', '--arkivdel', 'X', '--from', '2026-01-01', '--to', '2026-01-31', '--tar'])).toMatchObject({ code: 2, err: expect.stringMatching(/bare noark5/) });
    const bad = cli(['--data', dir, 'export', 'noark6', '--arkivdel', 'X', '--from', '2026-01-01', '--to', '2026-01-31']);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/noark5 eller noark4/);
  }, 60_000);

  it('a configured user without the arkivar role is refused', () => {
    const dir = tempDir('pm-export-cli-');
    const config = path.join(dir, 'pm.json');
    fs.writeFileSync(config, JSON.stringify({ version: 1, access: { users: { [os.userInfo().username]: { name: 'Kari', roles: ['saksbehandler'] } } } }));
    expect(cli(['--data', dir, '--config', config, 'migrate']).code).toBe(0);
    expect(cli(['--data', dir, '--config', config, 'journal', '--date', '2026-01-11'])).toMatchObject({ code: 2, err: expect.stringMatching(/rollen arkivar/) });
  }, 60_000);
});

describe('the export summary and exit code', () => {
  const record = (o: Partial<ExportRecord>): ExportRecord => ({
    id: 1,
    kind: 'noark5',
    arkivdel: 'BARNEHAGE',
    from: '2026-01-01',
    to: '2026-01-31',
    pack: false,
    requestedBy: 'arne',
    state: 'done',
    phase: 'done',
    done: 3,
    total: 3,
    outDir: '/x/avleveringspakke',
    tarPath: null,
    files: { html: '/x/rapport.html' },
    checkPassed: true,
    failedChecks: [],
    leftOut: [],
    counts: { mappe: 2 },
    error: null,
    createdAt: 0,
    finishedAt: 1,
    ...o,
  });

  it('is 0 when the pre-check passed, 3 when it failed (naming the controls), 1 when the export failed', () => {
    expect(exportExitCode(record({}))).toBe(0);
    const failed = record({ checkPassed: false, failedChecks: ['N5.47', 'N5.48'], leftOut: [{ saksnummer: '2026/3', title: 'Barnehageplass', reason: 'Søknaden er ikke besvart ennå' }] });
    expect(exportExitCode(failed)).toBe(3);
    const text = exportSummary(failed).join('\n');
    expect(text).toContain('IKKE bestått: N5.47, N5.48');
    expect(text).toContain('Utelatt: 1 saksmappe som ikke er avsluttet:');
    expect(text).toContain('2026/3\tBarnehageplass\tSøknaden er ikke besvart ennå');
    expect(text).toContain('Antall: mapper 2');
    const broken = record({ state: 'failed', error: 'Uttrekket feilet: Disken er full' });
    expect(exportExitCode(broken)).toBe(1);
    expect(exportSummary(broken).join('\n')).toContain('2026-01-31): Uttrekket feilet: Disken er full');
  });

  it('reads a period from --date or --from/--to', () => {
    expect(periodOf({ date: '2026-03-01' })).toEqual({ from: '2026-03-01', to: '2026-03-01' });
    expect(periodOf({ from: '2026-03-01', to: '2026-03-31' })).toEqual({ from: '2026-03-01', to: '2026-03-31' });
    expect(periodOf({ date: '2026-03-01', from: '2026-03-01' })).toMatch(/enten --date/);
    expect(periodOf({ date: '1.3.2026' })).toMatch(/ÅÅÅÅ-MM-DD/);
  });

  it('writes a journal row as one tab-separated line, tabs and line breaks in titles flattened', () => {
    const line = journalLine({
      journaldato: '2026-01-11',
      journalposttype: 'I',
      journalpostnummer: 1,
      title: 'Søknad\tom\nplass',
      correspondents: [{ role: 'avsender', name: 'Kari', personNumber: '01017012345', organisationNumber: null, address: null }],
      administrativEnhet: 'OPPV',
      saksbehandler: null,
      screening: null,
      status: 'archived',
      caseFile: { saksaar: 2026, sakssekvensnummer: 11, screening: null },
    } as unknown as Parameters<typeof journalLine>[0]);
    expect(line.split('\t')).toEqual(['2026-01-11', 'I', '2026/11', '1', 'Søknad om plass', 'Kari', 'OPPV', '', '', 'arkivert']);
    // the journal never prints a fødselsnummer
    expect(line).not.toContain('01017012345');
  });
});
