import http from 'node:http';
import type net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { archiveConfigSchema, registersConfigSchema } from '../../../electron/app/config/config.schema';
import { IntegrationError } from '../../../electron/core/errors';
import { probeIntegration } from '../../../integrations';
import { startRegisterSimulator } from '../../../integrations/registers/simulator/start-register-simulator';
import { createMemorySecretStore } from '../../../electron/app/secrets/memory-secret-store';
import { describeFailure } from '../../../integrations/probe/probe-failure';
import { runProbe } from '../../../integrations/probe/probe-runner';
import { deps, lastDetail } from './probe-helpers';

/** fetch's failure shape: TypeError('fetch failed') with the socket error (and its code) as cause, wrapped by httpRequest. */
const networkError = (code: string) =>
  new IntegrationError('transient', 'Noark 5: rot: nettverksfeil', { cause: Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(`connect ${code}`), { code }) }) });
const target = { url: 'https://arkiv.kommune.no/noark5v5/api', credentials: 'archive-password' };

describe('describeFailure: what IT reads', () => {
  it('names the host and what to check for DNS, TLS and network failures', () => {
    expect(describeFailure(networkError('ENOTFOUND'), target, 10_000)).toBe('Finner ikke maskinen «arkiv.kommune.no» (DNS-oppslaget feilet) – sjekk adressen, eller DNS/proxy på denne maskinen');
    expect(describeFailure(networkError('SELF_SIGNED_CERT_IN_CHAIN'), target, 10_000)).toMatch(/^Sertifikatet til arkiv\.kommune\.no:443 er ikke klarert \(SELF_SIGNED_CERT_IN_CHAIN\)/);
    expect(describeFailure(networkError('ERR_TLS_CERT_ALTNAME_INVALID'), target, 10_000)).toBe(
      'Sertifikatet til arkiv.kommune.no:443 gjelder ikke for navnet «arkiv.kommune.no» – bruk det vertsnavnet sertifikatet er utstedt for',
    );
    expect(describeFailure(networkError('CERT_HAS_EXPIRED'), target, 10_000)).toMatch(/^Sertifikatet til arkiv\.kommune\.no:443 er utløpt/);
    expect(describeFailure(networkError('ECONNRESET'), target, 10_000)).toMatch(/^Forbindelsen til arkiv\.kommune\.no:443 ble brutt/);
    // SOAP adapters keep a plain {status, code} summary as the cause
    expect(describeFailure(new IntegrationError('transient', 'Noark 4 WS GetNoarksak: ECONNREFUSED', { cause: { op: 'GetNoarksak', code: 'ECONNREFUSED' } }), target, 10_000)).toBe(
      'Ingen svarer på arkiv.kommune.no:443 – feil port, eller tjenesten er nede',
    );
  });

  it('reads the HTTP status: 401/403 the login, 404 the path, 5xx the service', () => {
    expect(describeFailure(new IntegrationError('auth', 'Noark 5: rot: HTTP 403'), target, 10_000)).toBe('Innlogging avvist (HTTP 403) – sjekk klient-id/nøkkel/passord i «archive-password»');
    expect(describeFailure(new IntegrationError('permanent', 'Noark 5: rot: HTTP 404'), target, 10_000)).toBe('Fant ikke /noark5v5/api på arkiv.kommune.no:443 (HTTP 404) – feil sti i adressen');
    expect(describeFailure(new IntegrationError('transient', 'x: HTTP 502'), target, 10_000)).toMatch(/^Tjenesten på arkiv\.kommune\.no:443 svarte med en feil \(HTTP 502\)/);
  });

  it('never repeats a fødselsnummer from a message it passes on', () => {
    expect(describeFailure(new Error('ukjent feil for 01017012345'), {}, 10_000)).not.toContain('01017012345');
  });
});

describe('failures against real servers', () => {
  const silent = http.createServer(() => undefined); // takes the request and never answers
  const sockets = new Set<net.Socket>();
  silent.on('connection', (s) => sockets.add(s));
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((r) => silent.close(r));
  });

  it('a service that never answers: the timeout, with how long was waited', async () => {
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as net.AddressInfo).port;
    const archive = archiveConfigSchema.parse({ transport: 'noark5-rest', noark5: { url: `http://127.0.0.1:${port}/api` } });
    const r = await probeIntegration('archive', { archive }, deps({}, { timeoutMs: 300 }));
    expect(r.steps.map((s) => s.ok)).toEqual([false]);
    expect(lastDetail(r)).toBe(`Fikk ikke svar fra 127.0.0.1:${port} innen 0.3 s – tjenesten er treg eller nede, eller en brannmur stopper trafikken`);
    expect(r.steps[0]!.ms).toBeGreaterThanOrEqual(250);
  });

  it('a register answering 503: the service is at fault, not the setup', async () => {
    const reg = await startRegisterSimulator({ token: 't' });
    try {
      reg.forceStatus('*', 503);
      const registers = registersConfigSchema.parse({ folkeregisteret: { url: reg.url }, krr: { url: reg.url }, auth: { kind: 'bearer', token: { secret: 't' } } });
      const r = await probeIntegration('registers', { registers }, deps({ t: 't' }));
      expect(lastDetail(r)).toBe(`Tjenesten på ${reg.url.slice('http://'.length)} svarte med en feil (HTTP 503) – den kan være nede eller feilkonfigurert; prøv igjen senere, eller kontakt leverandøren`);
    } finally {
      await reg.close();
    }
  });
});

describe('the runner', () => {
  it('stops a step that outlives its calls’ timeouts, and tries nothing after it', async () => {
    let later = false;
    const r = await runProbe({ timeoutMs: 100, secrets: createMemorySecretStore() }, async (run) => {
      await run.step('Henger', { url: 'http://127.0.0.1:8080/' }, () => new Promise<never>(() => undefined), () => '');
      later = true;
    });
    expect(r).toMatchObject({ ok: false, steps: [{ step: 'Henger', ok: false, detail: expect.stringMatching(/^Fikk ikke svar fra 127\.0\.0\.1:8080 innen 0\.3 s/) as unknown }] });
    expect(later).toBe(false);
  });
});
