import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { archiveConfigSchema } from '../../../electron/app/config/config.schema';
import { probeIntegration } from '../../../integrations';
import type { ArchiveSimulator } from '../../../integrations/noark/simulator/archive-sim-state';
import { ARCHIVE_SECRETS, startArchiveSim, type Transport } from '../../helpers/archive-sims';
import { tempDir } from '../../helpers/temp-dir';
import { closedPort, deps, lastDetail, outline, withPort } from './probe-helpers';

const PASSWORD = ARCHIVE_SECRETS.POSTMOTTAK_SECRET_ARCHIVE_PASSWORD;
const sims: ArchiveSimulator[] = [];
afterAll(async () => {
  for (const s of sims) await s.close();
});

async function start(transport: Transport) {
  const { sim, config } = await startArchiveSim(transport, tempDir());
  sims.push(sim);
  return archiveConfigSchema.parse(config);
}

type Archive = ReturnType<typeof archiveConfigSchema.parse>;
/** The section with every URL of the transport moved to `port`. */
function movedTo(a: Archive, port: number): Archive {
  const json = JSON.stringify(a).replace(/http:\/\/127\.0\.0\.1:\d+/g, (u) => withPort(u, port));
  return JSON.parse(json) as Archive;
}

const good = () => deps({ 'archive-password': PASSWORD });
const wrong = () => deps({ 'archive-password': 'feil-passord' });

describe('Test tilkobling: archive, per transport', () => {
  it('Noark 5 REST: password, service root, arkivstruktur, the arkivdel list', async () => {
    const a = await start('noark5-rest');
    const r = await probeIntegration('archive', { archive: a }, good());
    expect(outline(r)).toEqual([
      'Hent arkivpassordet «archive-password» fra hemmelighetslageret: ok',
      'Hent tjenesteroten (Noark 5): ok',
      'Hent arkivstruktur: ok',
      'List arkivdeler: ok',
    ]);
    expect(lastDetail(r)).toMatch(/^\d+ arkivdel(er)? på første side$/);

    const refused = await probeIntegration('archive', { archive: a }, wrong());
    expect(outline(refused).at(-1)).toBe('Hent tjenesteroten (Noark 5): FAIL');
    expect(lastDetail(refused)).toBe('Innlogging avvist (HTTP 401) – sjekk klient-id/nøkkel/passord i «archive-password»');
    expect(JSON.stringify(refused)).not.toContain('feil-passord');

    const port = await closedPort();
    expect(lastDetail(await probeIntegration('archive', { archive: movedTo(a, port) }, good()))).toBe(`Ingen svarer på 127.0.0.1:${port} – feil port, eller tjenesten er nede`);

    const wrongPath = { ...a, noark5: { ...a.noark5!, url: `${a.noark5!.url}/feil` } };
    expect(lastDetail(await probeIntegration('archive', { archive: wrongPath }, good()))).toMatch(/^Fant ikke \/.*\/feil på 127\.0\.0\.1:\d+ \(HTTP 404\) – feil sti i adressen$/);
  });

  it('GeoIntegrasjon: a case lookup by a key nothing has; wrong password and wrong port', async () => {
    const a = await start('geointegrasjon');
    const r = await probeIntegration('archive', { archive: a }, good());
    expect(outline(r)).toEqual(['Hent passordet «archive-password» fra hemmelighetslageret: ok', 'Søk etter en sak (ArkivInnsyn FinnSaksmapperGittNoekkel): ok']);
    expect(lastDetail(r)).toBe('Arkivet svarte på søket (0 treff på en nøkkel ingen sak har)');
    expect(lastDetail(await probeIntegration('archive', { archive: a }, wrong()))).toBe('Innlogging avvist (HTTP 401) – sjekk klient-id/nøkkel/passord i «archive-password»');
    const port = await closedPort();
    expect(lastDetail(await probeIntegration('archive', { archive: movedTo(a, port) }, good()))).toBe(`Ingen svarer på 127.0.0.1:${port} – feil port, eller tjenesten er nede`);
  });

  it('Noark 4 WS: GetNoarksak by a key nothing has; wrong password and the missing secret', async () => {
    const a = await start('noark4-ws');
    const r = await probeIntegration('archive', { archive: a }, good());
    expect(outline(r)).toEqual(['Hent passordet «archive-password» fra hemmelighetslageret: ok', 'Søk etter en sak (Noark 4 GetNoarksak): ok']);
    expect(lastDetail(await probeIntegration('archive', { archive: a }, wrong()))).toBe('Innlogging avvist (HTTP 401) – sjekk klient-id/nøkkel/passord i «archive-password»');
    expect(lastDetail(await probeIntegration('archive', { archive: a }, deps({})))).toBe('Hemmeligheten «archive-password» finnes ikke – legg den inn under Nøkler og sertifikater');
    const port = await closedPort();
    expect(lastDetail(await probeIntegration('archive', { archive: movedTo(a, port) }, good()))).toBe(`Ingen svarer på 127.0.0.1:${port} – feil port, eller tjenesten er nede`);
  });

  it('arkivmelding: the message folder takes a probe file (and keeps none), the receipt folder is read', async () => {
    const a = await start('arkivmelding');
    const out = a.arkivmelding!.outDir;
    fs.mkdirSync(out, { recursive: true });
    fs.mkdirSync(a.arkivmelding!.receiptDir, { recursive: true });
    const before = fs.readdirSync(out);
    const r = await probeIntegration('archive', { archive: a }, deps({}));
    expect(outline(r)).toEqual(['Skriv en prøvefil i meldingsmappen: ok', 'Les kvitteringsmappen: ok']);
    expect(fs.readdirSync(out)).toEqual(before);

    const missing = path.join(tempDir(), 'finnes-ikke');
    const bad = await probeIntegration('archive', { archive: { ...a, arkivmelding: { ...a.arkivmelding!, outDir: missing } } }, deps({}));
    expect(outline(bad)).toEqual(['Skriv en prøvefil i meldingsmappen: FAIL']);
    expect(lastDetail(bad)).toBe(`Finner ikke mappen «${missing}» – opprett den, eller rett stien`);
  });
});
