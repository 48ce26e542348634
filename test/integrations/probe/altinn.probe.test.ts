import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { altinn2ConfigSchema, altinnConfigSchema, correspondenceConfigSchema } from '../../../electron/app/config/config.schema';
import { probeIntegration } from '../../../integrations';
import { correspondenceAgencyExtension, CORRESPONDENCE_AGENCY_PATH } from '../../../integrations/altinn/simulator/correspondence-agency.simulator';
import { downloadQueueExtension, DOWNLOAD_QUEUE_PATH } from '../../../integrations/altinn/simulator/download-queue.simulator';
import type { AltinnSimulator } from '../../../integrations/altinn/simulator/altinn-simulator';
import { clientPrivatePem, ORG, startSim, tinySeed } from '../../helpers/altinn-fixture';
import { closedPort, deps, lastDetail, outline, withPort } from './probe-helpers';

const A2_USER = 'postmottak';
const A2_PASSWORD = 'a2-passord';
const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

let sim: AltinnSimulator;
beforeAll(async () => {
  sim = await startSim({
    extensions: [
      downloadQueueExtension({ systemUserName: A2_USER, systemPassword: A2_PASSWORD }),
      correspondenceAgencyExtension({ systemUserName: A2_USER, systemPassword: A2_PASSWORD, systemUserCode: 'KOMMUNE' }),
    ],
  });
  sim.state.addSubmissions([tinySeed(1), tinySeed(2), tinySeed(3, { altinn2: { archiveReference: 'AR1000003', serviceCode: '4711', serviceEditionCode: 1, reporteeType: 'Person' } })]);
});
afterAll(() => sim.close());

const mp = (url: string) => ({ tokenUrl: `${url}/token`, audience: `${url}/`, clientId: 'postmottak', kid: 'kid-1', privateKey: { secret: 'altinn-key' } });
const altinn = (url = sim.url) => altinnConfigSchema.parse({ platformUrl: url, org: ORG, maskinporten: mp(url) });
const altinn2 = (url = `${sim.url}${DOWNLOAD_QUEUE_PATH}`) => altinn2ConfigSchema.parse({ url, systemUserName: A2_USER, systemPassword: { secret: 'a2-password' } });

describe('Test tilkobling: Altinn 3', () => {
  it('fetches the key, a Maskinporten token, the Altinn token and lists one page of size 1', async () => {
    const r = await probeIntegration('altinn', { altinn: altinn() }, deps({ 'altinn-key': clientPrivatePem }));
    expect(outline(r)).toEqual([
      'Hent Maskinporten-nøkkelen «altinn-key» fra hemmelighetslageret: ok',
      'Hent token fra Maskinporten: ok',
      'Veksle til Altinn-token: ok',
      'List innsendinger i Altinn Storage: ok',
    ]);
    expect(r.ok).toBe(true);
    expect(lastDetail(r)).toMatch(/^Storage svarte: 1 innsending på første side \(sidestørrelse 1\); flere venter$/);
    expect(r.steps.every((s) => Number.isInteger(s.ms) && s.ms >= 0)).toBe(true);
    // counts only: no party, person number or instance id of what was listed
    expect(JSON.stringify(r)).not.toMatch(/01017012345|5000000\d/);
  });

  it('names host:port when nobody answers there, and stops at that step', async () => {
    const port = await closedPort();
    const r = await probeIntegration('altinn', { altinn: altinn(withPort(sim.url, port)) }, deps({ 'altinn-key': clientPrivatePem }));
    expect(r.ok).toBe(false);
    expect(outline(r)).toEqual(['Hent Maskinporten-nøkkelen «altinn-key» fra hemmelighetslageret: ok', 'Hent token fra Maskinporten: FAIL']);
    expect(lastDetail(r)).toBe(`Ingen svarer på 127.0.0.1:${port} – feil port, eller tjenesten er nede`);
  });

  it('says the login was refused when Maskinporten does not know the key', async () => {
    const r = await probeIntegration('altinn', { altinn: altinn() }, deps({ 'altinn-key': otherKey }));
    expect(outline(r).at(-1)).toBe('Hent token fra Maskinporten: FAIL');
    expect(lastDetail(r)).toMatch(/^Innlogging avvist – sjekk klient-id\/nøkkel\/passord i «klient-id postmottak \/ nøkkel altinn-key»$/);
    expect(JSON.stringify(r)).not.toContain('PRIVATE KEY');
  });

  it('says which secret is missing and where to add it', async () => {
    const r = await probeIntegration('altinn', { altinn: altinn() }, deps({}));
    expect(r).toMatchObject({ ok: false, steps: [{ ok: false, detail: 'Hemmeligheten «altinn-key» finnes ikke – legg den inn under Nøkler og sertifikater' }] });
    expect(r.steps).toHaveLength(1);
  });

  it('reports a missing or switched-off integration as data, not as an exception', async () => {
    expect(await probeIntegration('altinn', {}, deps({}))).toMatchObject({ ok: false, notRun: 'not-configured', steps: [{ step: 'Oppsett', ok: false }] });
    expect(await probeIntegration('altinn', { altinn: { ...altinn(), enabled: false } }, deps({}))).toMatchObject({ ok: false, notRun: 'disabled' });
  });
});

describe('Test tilkobling: Altinn 2 DownloadQueue', () => {
  it('lists the queue with the system user and reports how many wait', async () => {
    const r = await probeIntegration('altinn2', { altinn2: altinn2() }, deps({ 'a2-password': A2_PASSWORD }));
    expect(outline(r)).toEqual(['Hent passordet «a2-password» fra hemmelighetslageret: ok', 'List nedlastingskøen (GetDownloadQueueItems): ok']);
    expect(lastDetail(r)).toBe('Køen svarte: 1 innsending venter');
  });

  it('says the login was refused for a wrong password, naming the secret, and never shows the password', async () => {
    const r = await probeIntegration('altinn2', { altinn2: altinn2() }, deps({ 'a2-password': 'feil-passord' }));
    expect(r.ok).toBe(false);
    expect(lastDetail(r)).toMatch(/^Innlogging avvist.* – sjekk klient-id\/nøkkel\/passord i «a2-password»$/);
    expect(JSON.stringify(r)).not.toContain('feil-passord');
  });

  it('names the port nobody answers on', async () => {
    const port = await closedPort();
    const r = await probeIntegration('altinn2', { altinn2: altinn2(withPort(`${sim.url}${DOWNLOAD_QUEUE_PATH}`, port)) }, deps({ 'a2-password': A2_PASSWORD }));
    expect(lastDetail(r)).toBe(`Ingen svarer på 127.0.0.1:${port} – feil port, eller tjenesten er nede`);
  });
});

describe('Test tilkobling: correspondence', () => {
  const a3 = () => correspondenceConfigSchema.parse({ resourceId: 'kommune-svar' });
  const a2 = (url = `${sim.url}${CORRESPONDENCE_AGENCY_PATH}`) =>
    correspondenceConfigSchema.parse({
      transport: 'altinn2',
      resourceId: 'kommune-svar',
      altinn2: { url, systemUserName: A2_USER, systemPassword: { secret: 'a2-password' }, systemUserCode: 'KOMMUNE', serviceCode: '4711', serviceEdition: 1 },
    });

  it('Altinn 3: uses integrations.altinn’s client with the correspondence scope, then searches by a reference nothing has', async () => {
    const r = await probeIntegration('correspondence', { altinn: altinn(), correspondence: a3() }, deps({ 'altinn-key': clientPrivatePem }));
    expect(outline(r)).toEqual([
      'Hent Maskinporten-nøkkelen «altinn-key» fra hemmelighetslageret: ok',
      'Hent token fra Maskinporten: ok',
      'Veksle til Altinn-token: ok',
      'Søk i meldingstjenesten (Altinn 3 Correspondence): ok',
    ]);
    expect(r.steps[1]!.detail).toContain('altinn:correspondence.write');
  });

  it('Altinn 3: the missing secret', async () => {
    const r = await probeIntegration('correspondence', { altinn: altinn(), correspondence: a3() }, deps({}));
    expect(lastDetail(r)).toBe('Hemmeligheten «altinn-key» finnes ikke – legg den inn under Nøkler og sertifikater');
  });

  it('Altinn 2: a status search with the system user; a wrong password is a refused login', async () => {
    const good = await probeIntegration('correspondence', { correspondence: a2() }, deps({ 'a2-password': A2_PASSWORD }));
    expect(outline(good)).toEqual(['Hent passordet «a2-password» fra hemmelighetslageret: ok', 'Søk etter forsendelser (GetCorrespondenceStatusDetailsBasicV3): ok']);
    const bad = await probeIntegration('correspondence', { correspondence: a2() }, deps({ 'a2-password': 'feil' }));
    expect(lastDetail(bad)).toMatch(/^Innlogging avvist.*«a2-password»$/);
  });
});
