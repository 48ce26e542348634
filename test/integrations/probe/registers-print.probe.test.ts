import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printConfigSchema, registersConfigSchema } from '../../../electron/app/config/config.schema';
import { probeIntegration } from '../../../integrations';
import { startSvarUtSimulator, type SvarUtSimulator } from '../../../integrations/print/simulator/svarut.simulator';
import { startRegisterSimulator, type RegisterSimulator } from '../../../integrations/registers/simulator/start-register-simulator';
import { clientPrivatePem, startSim } from '../../helpers/altinn-fixture';
import type { AltinnSimulator } from '../../../integrations/altinn/simulator/altinn-simulator';
import { tempDir } from '../../helpers/temp-dir';
import { closedPort, deps, lastDetail, outline, withPort } from './probe-helpers';

const KONTO = '11111111-2222-4333-8444-555555555555';
const INTEGRASJON = '66666666-7777-4888-9999-aaaaaaaaaaaa';

let reg: RegisterSimulator;
let svarut: SvarUtSimulator;
let mp: AltinnSimulator;
beforeAll(async () => {
  [reg, svarut, mp] = await Promise.all([
    startRegisterSimulator({ token: 'register-token' }),
    startSvarUtSimulator({ kontoId: KONTO, integrasjonId: INTEGRASJON, integrasjonPassord: 'svarut-passord', bearer: 'svarut-token' }),
    startSim(),
  ]);
});
afterAll(async () => {
  await Promise.all([reg.close(), svarut.close(), mp.close()]);
});

const registers = (url = reg.url) => registersConfigSchema.parse({ folkeregisteret: { url }, krr: { url }, auth: { kind: 'bearer', token: { secret: 'register-token' } } });

describe('Test tilkobling: registers', () => {
  it('bearer: the token, then one call to each register that names nobody', async () => {
    const before = { ...reg.state.calls };
    const r = await probeIntegration('registers', { registers: registers() }, deps({ 'register-token': 'register-token' }));
    expect(outline(r)).toEqual(['Hent tokenet «register-token» fra hemmelighetslageret: ok', 'Kontroller tilgangen til Folkeregisteret: ok', 'Kontroller tilgangen til KRR: ok']);
    expect(r.steps[1]!.detail).toBe('Folkeregisteret svarte (HTTP 400 på et oppslag uten person, som ventet)');
    expect(r.steps[2]!.detail).toBe('KRR svarte (HTTP 400 på et tomt oppslag, som ventet)');
    // one call each, and no person was looked up in KRR
    expect(reg.state.calls.freg - before.freg).toBe(1);
    expect(reg.state.calls.krrPersons).toBe(before.krrPersons);
    expect(JSON.stringify(r)).not.toMatch(/\d{11}/);
  });

  it('a token the registers refuse is a refused login; the wrong port names host:port; a missing secret says so', async () => {
    const refused = await probeIntegration('registers', { registers: registers() }, deps({ 'register-token': 'feil' }));
    expect(outline(refused).at(-1)).toBe('Kontroller tilgangen til Folkeregisteret: FAIL');
    expect(lastDetail(refused)).toBe('Innlogging avvist (HTTP 401) – sjekk klient-id/nøkkel/passord i «register-token»');
    const port = await closedPort();
    expect(lastDetail(await probeIntegration('registers', { registers: registers(withPort(reg.url, port)) }, deps({ 'register-token': 'register-token' })))).toBe(
      `Ingen svarer på 127.0.0.1:${port} – feil port, eller tjenesten er nede`,
    );
    expect(lastDetail(await probeIntegration('registers', { registers: registers() }, deps({})))).toBe('Hemmeligheten «register-token» finnes ikke – legg den inn under Nøkler og sertifikater');
  });

  it('Maskinporten: a token per register before its call (the register refuses it: not its token)', async () => {
    const client = (scope: string) => ({ tokenUrl: `${mp.url}/token`, audience: `${mp.url}/`, clientId: 'postmottak', kid: 'kid-1', scope, privateKey: { secret: 'mp-key' } });
    const section = registersConfigSchema.parse({
      folkeregisteret: { url: reg.url },
      krr: { url: reg.url },
      auth: { kind: 'maskinporten', folkeregisteret: client('altinn:serviceowner'), krr: client('altinn:serviceowner') },
    });
    const r = await probeIntegration('registers', { registers: section }, deps({ 'mp-key': clientPrivatePem }));
    expect(outline(r)).toEqual([
      'Hent Maskinporten-nøkkelen «mp-key» (Folkeregisteret) fra hemmelighetslageret: ok',
      'Hent token fra Maskinporten (Folkeregisteret): ok',
      'Kontroller tilgangen til Folkeregisteret: FAIL',
    ]);
    expect(lastDetail(r)).toBe('Innlogging avvist (HTTP 401) – sjekk klient-id/nøkkel/passord i «klient-id postmottak»');
  });
});

describe('Test tilkobling: print', () => {
  it('hot folder: a probe file is written and removed; a missing folder says so', async () => {
    const dir = tempDir();
    const r = await probeIntegration('print', { print: printConfigSchema.parse({ channel: 'hot-folder', hotFolder: { dir } }) }, deps({}));
    expect(outline(r)).toEqual(['Skriv en prøvefil i trykkeriets mappe (hot folder): ok']);
    expect(fs.readdirSync(dir)).toEqual([]);
    const missing = path.join(dir, 'borte');
    const bad = await probeIntegration('print', { print: printConfigSchema.parse({ channel: 'hot-folder', hotFolder: { dir: missing } }) }, deps({}));
    expect(lastDetail(bad)).toBe(`Finner ikke mappen «${missing}» – opprett den, eller rett stien`);
  });

  const svarutSection = (url = svarut.url) =>
    printConfigSchema.parse({ channel: 'svarut', svarut: { url, kontoId: KONTO, integrasjonId: INTEGRASJON, integrasjonPassord: { secret: 'svarut-passord' }, token: { secret: 'svarut-token' } } });

  it('SvarUt: both secrets, the forsendelsestyper, a lookup by a reference nothing has', async () => {
    const r = await probeIntegration('print', { print: svarutSection() }, deps({ 'svarut-passord': 'svarut-passord', 'svarut-token': 'svarut-token' }));
    expect(outline(r)).toEqual([
      'Hent SvarUt-tokenet «svarut-token» fra hemmelighetslageret: ok',
      'Hent integrasjonspassordet «svarut-passord» fra hemmelighetslageret: ok',
      'Hent forsendelsestyper fra SvarUt: ok',
      'Slå opp en forsendelse i SvarUt (eksternRef): ok',
    ]);
    expect(svarut.forsendelser()).toEqual([]);
  });

  it('SvarUt: a wrong integration password is a refused login; the wrong port names host:port', async () => {
    const bad = await probeIntegration('print', { print: svarutSection() }, deps({ 'svarut-passord': 'feil', 'svarut-token': 'svarut-token' }));
    expect(lastDetail(bad)).toBe(`Innlogging avvist (HTTP 401) – sjekk klient-id/nøkkel/passord i «integrasjon ${INTEGRASJON} / svarut-passord»`);
    const port = await closedPort();
    const moved = await probeIntegration('print', { print: svarutSection(withPort(svarut.url, port)) }, deps({ 'svarut-passord': 'svarut-passord', 'svarut-token': 'svarut-token' }));
    expect(lastDetail(moved)).toBe(`Ingen svarer på 127.0.0.1:${port} – feil port, eller tjenesten er nede`);
  });
});
