import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { internalConfigSchema, probeIntegration } from '../../../integrations';
import { startInternalSimulators, type InternalSimulators } from '../../../integrations/internal/simulator/demo-internal';
import { tempDir } from '../../helpers/temp-dir';
import { closedPort, deps, lastDetail, outline, RESOURCES, withPort } from './probe-helpers';

let sims: InternalSimulators;
let work: string;
beforeAll(async () => {
  // outside tempDir(): that one is emptied after every test, these run for the whole file
  work = fs.mkdtempSync(`${tempDir()}-internal-`);
  sims = await startInternalSimulators({ workDir: work, stateDir: work, resourcesDir: RESOURCES, now: Date.now });
});
afterAll(async () => {
  await sims.close();
  fs.rmSync(work, { recursive: true, force: true });
});

type Targets = ReturnType<typeof internalConfigSchema.parse>['targets'];
const internal = (targets: Targets = sims.config.targets) => ({ internal: internalConfigSchema.parse({ targets }) });
const t = (id: string) => sims.config.targets[id]!;

describe('Test tilkobling: internal systems', () => {
  it('REST (OAuth2): the client secret, a token, a HEAD on the target address', async () => {
    const r = await probeIntegration('internal:visma-flyt-skole', internal(), deps(sims.secrets));
    expect(outline(r)).toEqual([
      'Hent klienthemmeligheten «visma-flyt-skole.client-secret» fra hemmelighetslageret: ok',
      'Hent OAuth2-token (client credentials): ok',
      'Kontakt Visma Flyt Skole (HEAD): ok',
    ]);
    expect(r.ok).toBe(true);
  });

  it('REST: a wrong client secret is a refused login; a wrong port names host:port', async () => {
    const bad = await probeIntegration('internal:visma-flyt-skole', internal(), deps({ ...sims.secrets, 'visma-flyt-skole.client-secret': 'feil' }));
    expect(outline(bad).at(-1)).toBe('Hent OAuth2-token (client credentials): FAIL');
    expect(lastDetail(bad)).toMatch(/^Innlogging avvist.* – sjekk klient-id\/nøkkel\/passord i «klient-id postmottak-demo \/ visma-flyt-skole\.client-secret»$/);
    const port = await closedPort();
    const rest = t('visma-flyt-skole').rest!;
    const moved = { ...t('visma-flyt-skole'), rest: { ...rest, url: withPort(rest.url, port) } };
    const r = await probeIntegration('internal:visma-flyt-skole', internal({ 'visma-flyt-skole': moved }), deps(sims.secrets));
    expect(outline(r).at(-1)).toBe('Kontakt Visma Flyt Skole (HEAD): FAIL');
    expect(lastDetail(r)).toBe(`Ingen svarer på 127.0.0.1:${port} – feil port, eller tjenesten er nede`);
  });

  it('SOAP: the password, the WSDL and its operations, an empty envelope with Basic auth', async () => {
    const r = await probeIntegration('internal:visma-enterprise', internal(), deps(sims.secrets));
    expect(outline(r)).toEqual([
      'Hent passordet «demo.visma-enterprise-password» fra hemmelighetslageret: ok',
      'Les WSDL-en og list operasjonene: ok',
      'Kontakt Visma Enterprise HRM (tom SOAP-forespørsel): ok',
    ]);
    expect(r.steps[1]!.detail).toMatch(/RegistrerSoknad/);
  });

  it('SOAP: a wrong password is a refused login; a missing secret says so; an operation the WSDL lacks is named', async () => {
    const bad = await probeIntegration('internal:visma-enterprise', internal(), deps({ 'demo.visma-enterprise-password': 'feil' }));
    expect(lastDetail(bad)).toBe('Innlogging avvist (HTTP 401) – sjekk klient-id/nøkkel/passord i «demo.visma-enterprise-password»');
    expect(lastDetail(await probeIntegration('internal:visma-enterprise', internal(), deps({})))).toBe(
      'Hemmeligheten «demo.visma-enterprise-password» finnes ikke – legg den inn under Nøkler og sertifikater',
    );
    const soap = t('visma-enterprise').soap!;
    const wrongOp = { ...t('visma-enterprise'), soap: { ...soap, operation: 'FinnesIkke' } };
    const r = await probeIntegration('internal:visma-enterprise', internal({ 'visma-enterprise': wrongOp }), deps(sims.secrets));
    expect(lastDetail(r)).toMatch(/har ikke operasjonen «FinnesIkke»; den har .*RegistrerSoknad/);
  });

  it('file drop: the folder takes a probe file; the receipt folder is read; a missing folder says so', async () => {
    const r = await probeIntegration('internal:ist-barnehage', internal(), deps({}));
    expect(outline(r)).toEqual(['Skriv en prøvefil i mappen IST barnehage henter fra: ok', 'Les kvitteringsmappen til IST barnehage: ok']);
    const gone = { ...t('ist-sfo'), file: { ...t('ist-sfo').file!, dir: `${work}/borte` } };
    const bad = await probeIntegration('internal:ist-sfo', internal({ 'ist-sfo': gone }), deps({}));
    expect(lastDetail(bad)).toBe(`Finner ikke mappen «${work}/borte» – opprett den, eller rett stien`);
  });

  it('an unknown or switched-off target is reported, not thrown', async () => {
    expect(await probeIntegration('internal:finnes-ikke', internal(), deps({}))).toMatchObject({ ok: false, notRun: 'not-configured' });
    const off = { ...t('ist-sfo'), enabled: false };
    expect(await probeIntegration('internal:ist-sfo', internal({ 'ist-sfo': off }), deps({}))).toMatchObject({ ok: false, notRun: 'disabled' });
  });
});
