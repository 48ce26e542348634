import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { statusLines } from '../../electron/app/admin/status-text';
import { coreRecords } from '../helpers/archive-core-records';
import { parseProfile } from '../../electron/core/profiles/profile.schema';
import type { SystemStatus } from '../../electron/ipc';
import { archiveProfileCheck } from '../../integrations/noark/archive-profile-check';
import { buildArkivmelding } from '../../integrations/noark/arkivmelding.mapper';
import { createGeoIntegrasjonAdapter } from '../../integrations/noark/geointegrasjon.adapter';
import { dokumentXml, noarksakXml } from '../../integrations/noark/noark4-ws.mapper';
import { toJournalpost, toKlasse, toSaksmappe } from '../../integrations/noark/noark5-rest.mapper';
import { startGeoIntegrasjonSimulator } from '../../integrations/noark/simulator/geointegrasjon.simulator';
import { loadProfiles } from '../../integrations/shared/profiles/profile-loader';
import { formatLoadErrors } from '../../integrations/shared/profiles/profile-check';
import { HEALTH_SCREENING, incomingApplication } from '../helpers/archive-fixture';
import { tempDir } from '../helpers/temp-dir';

/** 2026-03-10T23:30:00Z is 00:30 on 11 March in Oslo (CET, +01:00). */
const AT = Date.UTC(2026, 2, 10, 23, 30);
const OSLO_DAY = '2026-03-11';
const WSDL_DIR = path.resolve(__dirname, '../../resources/wsdl/geointegrasjon');
const SHIPPED = path.resolve(__dirname, '../../resources/profiles');

/** Every calendar date written in a payload (dates and the date part of date-times). */
const datesIn = (text: string): string[] => [...text.matchAll(/\b(\d{4}-\d{2}-\d{2})(?=[T<"'\s,]|$)/g)].map((m) => m[1]!);

let closeSim: (() => Promise<void>) | null = null;
afterAll(async () => closeSim?.());

describe('#13 item 1: register dates are Oslo dates (fake clock 00:30 Oslo = 2026-03-10T23:30Z)', () => {
  it('the core record: saksdato, journaldato and the date-times are 11 March', async () => {
    // #13 item 1
    const { incoming, reply } = await coreRecords(AT);
    expect(incoming.caseFile.saksdato).toBe(OSLO_DAY);
    expect(incoming.entry.journaldato).toBe(OSLO_DAY);
    expect(incoming.entry.dokumentetsDato).toBe('2026-03-11T00:30:00+01:00');
    expect(reply.entry.journaldato).toBe(OSLO_DAY);
    expect(datesIn(JSON.stringify([incoming.caseFile, incoming.entry, reply.entry]))).toEqual(expect.arrayContaining([OSLO_DAY]));
    expect(new Set(datesIn(JSON.stringify([incoming.caseFile, incoming.entry, reply.entry])))).toEqual(new Set([OSLO_DAY]));
  });

  it('every date in every transport’s payload is 11 March', async () => {
    // #13 item 1: Noark 5 REST (saksmappe, journalpost bodies), Noark 4 (noarksak with journalpost),
    // both arkivmelding dialects (the file the drop folder receives) and GeoIntegrasjon (what the simulator received)
    const { incoming, reply } = await coreRecords(AT);
    const payloads: Record<string, string> = {
      'noark5-rest': JSON.stringify([toSaksmappe(incoming.caseFile), toJournalpost(incoming.entry), toJournalpost(reply.entry)]),
      'noark4-ws': noarksakXml(incoming.caseFile),
      eformidling: buildArkivmelding('eformidling', incoming, { now: new Date(AT) }).xml + buildArkivmelding('eformidling', reply, { now: new Date(AT) }).xml,
      'fiks-arkiv-v2': buildArkivmelding('fiks-arkiv-v2', incoming, { now: new Date(AT) }).xml + buildArkivmelding('fiks-arkiv-v2', reply, { now: new Date(AT) }).xml,
    };
    const sim = await startGeoIntegrasjonSimulator({ wsdlDir: WSDL_DIR, username: 'u', password: 'p', now: () => AT });
    closeSim = () => sim.close();
    const gi = createGeoIntegrasjonAdapter({ oppdateringUrl: sim.oppdateringUrl, innsynUrl: sim.innsynUrl, username: 'u', password: 'p', klientnavn: 'Postmottak', timeoutMs: 10_000 }, { wsdlDir: WSDL_DIR, timeZone: 'Europe/Oslo' });
    const docs = new Map<string, Uint8Array>();
    const load = async (sha: string) => docs.get(sha) ?? new TextEncoder().encode('%PDF-1.7');
    await gi.deliver({ ...incoming, loadDocument: load });
    payloads.geointegrasjon = ['NySaksmappe', 'NyJournalpost'].flatMap((op) => sim.requestsOf(op)).join('\n');
    for (const [transport, text] of Object.entries(payloads)) {
      const dates = datesIn(text);
      expect(dates.length, transport).toBeGreaterThan(0);
      expect(new Set(dates), transport).toEqual(new Set([OSLO_DAY]));
    }
    // GeoIntegrasjon date-times carry the offset (giArkivKjerne20120131.xsd: saksdato, journaldato are xs:dateTime)
    expect(payloads.geointegrasjon).toContain(`<kj:saksdato>${OSLO_DAY}T00:00:00+01:00</kj:saksdato>`);
    expect(payloads.geointegrasjon).toContain(`<kj:journaldato>${OSLO_DAY}T00:00:00+01:00</kj:journaldato>`);
    await gi.close?.();
  }, 60_000);

  it('the letter date and the CLI status are the Oslo date', () => {
    // #13 item 1: the CLI status printed UTC/host-locale times; the letter's date comes from the same helper (desk.service isoDate)
    const status = { version: 't', demo: false, now: AT, store: { sizeBytes: 0, schemaVersion: 1, auditEntries: 0 }, jobs: { queued: 0, running: 0, done: 0, dead: 0, deadUnresolved: 0 }, archive: { transport: null, entries: { archived: 0, pending: 0, 'awaiting-receipt': 0, failed: 0 } }, schedules: [{ name: 'ingest', cron: '* * * * *', lastRunAt: AT }] } as unknown as SystemStatus;
    const text = statusLines(status, 'Europe/Oslo').join('\n');
    expect(text).toContain(`Dato: ${OSLO_DAY}, kl. 00:30`);
    expect(new Set(datesIn(text))).toEqual(new Set([OSLO_DAY]));
  });
});

describe('#13 item 3: dokumenttype mapped per dialect, and a profile a transport cannot map fails to load', () => {
  it('Fiks Arkiv v2 sends SØKNAD, VEDLEGG, KORR (not DOKUMENT); eFormidling the M083 texts', async () => {
    // #13 item 3 — Fiks code list: specs/noark/arkivmelding/fiks-arkiv-v2/kodelister/no.ks.fiks.arkiv.v2.kodelister.dokumenttype/
    // no.ks.fiks.arkiv.v2.kodelister.dokumenttype.json:8 (SØKNAD), :16 (KORR); eFormidling metadatakatalog.xsd:276 (M083, free text)
    const { incoming, reply } = await coreRecords(AT);
    const fiksI = buildArkivmelding('fiks-arkiv-v2', incoming, { now: new Date(AT) }).xml;
    const fiksU = buildArkivmelding('fiks-arkiv-v2', reply, { now: new Date(AT) }).xml;
    const codes = (xml: string) => [...xml.matchAll(/<dokumenttype>\s*<mdk:kode>([^<]+)<\/mdk:kode>/g)].map((m) => m[1]);
    expect(codes(fiksI)).toEqual(['SØKNAD', 'VEDLEGG']);
    expect(codes(fiksU)).toEqual(['KORR']);
    const efI = buildArkivmelding('eformidling', incoming, { now: new Date(AT) }).xml;
    expect([...efI.matchAll(/<dokumenttype>([^<]+)<\/dokumenttype>/g)].map((m) => m[1])).toEqual(['Søknad', 'Vedlegg']);
    // Noark 4 DB.KATEGORI (DOKBESK.DTD:11): the mapped code
    expect(dokumentXml({ doc: incoming.entry.documents[0]!, bytes: new Uint8Array([1]) })).toContain('<dbKategori>SØKNAD</dbKategori>');
  });

  it('a profile with a type no transport can map is left out with a Norwegian message naming profile, type and transport', () => {
    // #13 item 3
    const dir = tempDir('pm-13-profiles-');
    fs.cpSync(path.join(SHIPPED, 'sfo-plass'), path.join(dir, 'sfo-plass'), { recursive: true });
    const file = path.join(dir, 'sfo-plass', 'profile.json');
    const json = JSON.parse(fs.readFileSync(file, 'utf8'));
    json.archive.dokumenttype = 'Søknadsskjema';
    fs.writeFileSync(file, JSON.stringify(json));
    const ok = loadProfiles({ dirs: [{ dir: SHIPPED, origin: 'shipped' }], altinnOrg: 'k' }, { parseProfile, extraCheck: archiveProfileCheck });
    expect(formatLoadErrors(ok.errors)).toBe('');
    const r = loadProfiles({ dirs: [{ dir, origin: 'municipality' }], altinnOrg: 'k' }, { parseProfile, extraCheck: archiveProfileCheck });
    expect(r.registry.byId('sfo-plass')).toBeUndefined();
    const text = formatLoadErrors(r.errors);
    expect(text).toContain('archive.dokumenttype');
    for (const t of ['Fiks Arkiv v2', 'eFormidling arkivmelding', 'GeoIntegrasjon', 'Noark 4 WS']) expect(text).toContain(`Profilen «sfo-plass» har dokumenttypen «Søknadsskjema», som ${t} ikke kan sende`);
  });
});

describe('#13 items 5 and 9: GeoIntegrasjon variantformat, person class titles', () => {
  it('GeoIntegrasjon NyDokument sends variantformat A, and a PNR class carries «Personmappe», screened', async () => {
    // #13 item 5 — giArkivDokument20120131.xsd:19 (variantformat), code A = Arkivformat (N5 M700), the archived PDF/A
    // #13 item 9 — giArkivKjerne20120131.xsd:146-153 (Klasse: skjermetKlasse, tittel)
    const sim = await startGeoIntegrasjonSimulator({ wsdlDir: WSDL_DIR, username: 'u', password: 'p', now: () => AT });
    const gi = createGeoIntegrasjonAdapter({ oppdateringUrl: sim.oppdateringUrl, innsynUrl: sim.innsynUrl, username: 'u', password: 'p', klientnavn: 'Postmottak', timeoutMs: 10_000 }, { wsdlDir: WSDL_DIR });
    const app = incomingApplication({ screening: HEALTH_SCREENING, title: 'Søknad om helse- og omsorgstjenester - Hans Helse', personNumber: '03039012345' });
    await gi.deliver(app.delivery);
    const docs = sim.requestsOf('NyDokument');
    expect(docs.length).toBe(2);
    for (const x of docs) expect(x).toMatch(/<dok:variantformat><kl:kodeverdi>A<\/kl:kodeverdi><kl:kodebeskrivelse>Arkivformat<\/kl:kodebeskrivelse>/);
    const mappe = sim.requestsOf('NySaksmappe')[0]!;
    expect(mappe).toContain('<kj:skjermetKlasse>true</kj:skjermetKlasse><kj:tittel>Personmappe</kj:tittel>');
    expect(mappe).not.toMatch(/<kj:klasse>.*Hans Helse.*<\/kj:klasse>/s);
    await gi.close?.();
    await sim.close();
  }, 60_000);

  it('Noark 5 REST and both arkivmelding dialects give a new person class the neutral title', () => {
    // #13 item 9 — N5WS ny-klasse (07 «Klasse»: tittel), arkivmelding klassifikasjon/tittel
    const app = incomingApplication({ screening: HEALTH_SCREENING, title: 'Søknad om helse- og omsorgstjenester - Hans Helse', personNumber: '03039012345' });
    const klasse = toKlasse(app.delivery.caseFile);
    expect(klasse.tittel).toBe('Personmappe');
    expect(klasse.skjerming).toBeDefined();
    for (const dialect of ['eformidling', 'fiks-arkiv-v2'] as const) {
      const xml = buildArkivmelding(dialect, app.delivery, { now: new Date(AT) }).xml;
      expect(xml).toMatch(/<klassifikasjon>.*<tittel>Personmappe<\/tittel>.*<\/klassifikasjon>/s);
    }
  });
});
