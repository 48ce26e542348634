import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IntegrationError } from '../../electron/core/errors';
import { parseConfig } from '../../electron/app/config/load-config';
import { ConfigError } from '../../electron/app/config/load-config';
import { createAltinn3StorageAdapter } from '../../integrations/altinn/altinn3-storage.adapter';
import { createNoark5RestAdapter } from '../../integrations/noark/noark5-rest.adapter';
import { startNoark5RestSimulator } from '../../integrations/noark/simulator/noark5-rest.simulator';
import { httpUrl, isLoopbackHost } from '../../integrations/shared/config';
import { sameOriginLink } from '../../integrations/shared/http';
import { HEALTH_SCREENING, incomingApplication } from '../helpers/archive-fixture';

// #12 item 12: the Altinn Storage client followed `next` and the Noark 5 client followed `_links`
// with their credentials to any origin, and the config accepted http:// anywhere.
// #12 item 13: the Noark 5 adapter looked person classes up with $filter=klasseID eq '<fødselsnummer>'.
// Each test here fails on the code before the fix.

const servers: http.Server[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A server on 127.0.0.1 that answers with `handler` and records every request's authorization header. */
async function serve(handler: (req: http.IncomingMessage, origin: string) => unknown) {
  const seen: { url: string; authorization: string | undefined }[] = [];
  const server = http.createServer((req, res) => {
    seen.push({ url: req.url ?? '', authorization: req.headers.authorization });
    const body = handler(req, origin);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body ?? {}));
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, seen };
}

const refusal = async (p: Promise<unknown>) => {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(IntegrationError);
  expect((e as IntegrationError).kind).toBe('permanent');
  expect((e as Error).message).toMatch(/lenken følges ikke/);
};

describe('links are followed only on the configured origin (#12 item 12)', () => {
  it('Altinn Storage: a `next` on another origin is refused, and the token never goes there', async () => {
    const elsewhere = await serve(() => ({ instances: [] }));
    const platform = await serve(() => ({ instances: [], next: `${elsewhere.origin}/storage/api/v1/instances?continuationtoken=x` }));
    const adapter = createAltinn3StorageAdapter(
      { platformUrl: platform.origin, org: 'kommune', appIds: ['kommune/app'], includeMigratedAltinn2: false, pageSize: 10, timeoutMs: 2_000, maxPartBytes: 1_000 },
      { tokens: { token: async () => 'secret-token', invalidate: () => undefined } },
    );
    await refusal((async () => {
      for await (const page of adapter.listPending()) void page;
    })());
    expect(platform.seen[0]?.authorization).toBe('Bearer secret-token');
    expect(elsewhere.seen).toEqual([]);
  });

  it('Noark 5: a _links href on another origin is refused, and the basic credentials never go there', async () => {
    const elsewhere = await serve(() => ({}));
    const rel = 'https://rel.arkivverket.no/noark5/v5/api/';
    const archive = await serve(() => ({ _links: { [`${rel}arkivstruktur/`]: { href: `${elsewhere.origin}/api/arkivstruktur/` }, [`${rel}sakarkiv/`]: { href: `${elsewhere.origin}/api/sakarkiv/` } } }));
    const adapter = createNoark5RestAdapter({ url: `${archive.origin}/api`, auth: { kind: 'basic', username: 'postmottak', password: 'hemmelig' }, timeoutMs: 2_000 });
    await refusal(adapter.deliver(incomingApplication().delivery));
    expect(archive.seen[0]?.authorization).toMatch(/^Basic /);
    expect(elsewhere.seen).toEqual([]);
  });

  it('sameOriginLink keeps an absolute link verbatim, resolves a relative one, and compares scheme, host and port', () => {
    const base = 'https://platform.altinn.no';
    const next = 'https://platform.altinn.no/storage/api/v1/instances?continuationtoken=a%252Fb';
    expect(sameOriginLink(next, base, 'x', 'altinn')).toBe(next);
    expect(sameOriginLink('/storage/api/v1/instances?p=2', base, 'x', 'altinn')).toBe('https://platform.altinn.no/storage/api/v1/instances?p=2');
    for (const bad of ['http://platform.altinn.no/x', 'https://platform.altinn.no:444/x', 'https://evil.example/x', '//evil.example/x']) {
      expect(() => sameOriginLink(bad, base, 'x', 'altinn'), bad).toThrow(/lenken følges ikke/);
    }
  });
});

describe('https:// required except for this machine (#12 item 12)', () => {
  it('refuses plain http to another host, for Maskinporten, registers and SOAP endpoints, and says why in Norwegian', () => {
    let problems: { key: string; message: string }[] = [];
    try {
      parseConfig({
        version: 1,
        integrations: {
          altinn: {
            platformUrl: 'https://platform.altinn.no',
            org: 'kommune',
            appIds: ['kommune/app'],
            maskinporten: { tokenUrl: 'http://maskinporten.no/token', audience: 'https://maskinporten.no/', clientId: 'c', kid: 'k', privateKey: { secret: 'mp' } },
          },
          altinn2: { url: 'http://www.altinn.no/ArchiveExternal/DownloadQueueExternalBasic.svc', systemUserName: 'u', systemPassword: { secret: 'p' } },
          registers: { folkeregisteret: { url: 'http://folkeregisteret.example' }, krr: { url: 'https://krr.example' }, auth: { kind: 'bearer', token: { secret: 'reg' } } },
        },
      });
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      problems = e.problems;
    }
    const https = problems.filter((p) => p.message.includes('må bruke https://'));
    expect(https.map((p) => p.key).sort()).toEqual(['integrations.altinn.maskinporten.tokenUrl', 'integrations.altinn2.url', 'integrations.registers.folkeregisteret.url'].sort());
    expect(https[0]?.message).toMatch(/127\.0\.0\.0\/8, ::1 eller localhost/);
  });

  it('accepts https anywhere and http to loopback (the simulators)', () => {
    for (const ok of ['https://arkiv.kommune.no/api', 'http://127.0.0.1:8080/api', 'http://127.3.4.5/', 'http://localhost:3000/', 'http://[::1]:9000/']) expect(httpUrl.safeParse(ok).success, ok).toBe(true);
    for (const bad of ['http://arkiv.kommune.no/api', 'http://10.0.0.1/', 'http://127.0.0.1.evil.example/', 'http://[::2]/', 'ftp://127.0.0.1/']) expect(httpUrl.safeParse(bad).success, bad).toBe(false);
    expect(isLoopbackHost('127.255.255.255')).toBe(true);
    expect(isLoopbackHost('128.0.0.1')).toBe(false);
  });
});

describe('no fødselsnummer in a Noark 5 URL (#12 item 13)', () => {
  it('finds and makes person classes without naming the number in any URL, and still files into one class per person', async () => {
    const sim = await startNoark5RestSimulator({ now: () => Date.UTC(2026, 10, 27, 9, 0, 0) });
    try {
      const urls: string[] = [];
      const realFetch = globalThis.fetch;
      vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
        urls.push(decodeURIComponent(String(input instanceof Request ? input.url : input)));
        return realFetch(input, init);
      });
      const adapter = createNoark5RestAdapter({ url: sim.apiUrl, auth: { kind: 'none' }, timeoutMs: 5_000 });
      const pnr = '02029912345';
      await adapter.deliver(incomingApplication({ screening: HEALTH_SCREENING, personNumber: pnr }).delivery);
      // a second adapter (a restarted process) finds the class the first one made
      const again = createNoark5RestAdapter({ url: sim.apiUrl, auth: { kind: 'none' }, timeoutMs: 5_000 });
      await again.deliver(incomingApplication({ screening: HEALTH_SCREENING, personNumber: pnr }).delivery);
      await again.deliver(incomingApplication({ screening: HEALTH_SCREENING, personNumber: '03038812345' }).delivery);
      expect(urls.length).toBeGreaterThan(10);
      // neither number, nor any eleven digits standing alone (a UUID's hex may hold eleven digits in a row)
      expect(urls.filter((u) => u.includes(pnr) || u.includes('03038812345') || /(?<![\da-f])\d{11}(?![\da-f])/i.test(u))).toEqual([]);
      expect(sim.requestsByOperation()['klasse.create']).toBe(2);
      expect(sim.state.rejections()).toEqual([]);
    } finally {
      await sim.close();
    }
  });

  it('a class someone else made after the listing is found again when the archive refuses the duplicate', async () => {
    const sim = await startNoark5RestSimulator({ now: () => Date.UTC(2026, 10, 27, 9, 0, 0) });
    try {
      const first = createNoark5RestAdapter({ url: sim.apiUrl, auth: { kind: 'none' }, timeoutMs: 5_000 });
      const second = createNoark5RestAdapter({ url: sim.apiUrl, auth: { kind: 'none' }, timeoutMs: 5_000 });
      // the second adapter lists the classes before the first makes the person's class
      await second.deliver(incomingApplication({ screening: HEALTH_SCREENING, personNumber: '03038812345' }).delivery);
      await first.deliver(incomingApplication({ screening: HEALTH_SCREENING, personNumber: '02029912345' }).delivery);
      await second.deliver(incomingApplication({ screening: HEALTH_SCREENING, personNumber: '02029912345' }).delivery);
      expect(sim.requestsByOperation()['klasse.create']).toBe(3); // the third is the refused duplicate
      expect(sim.state.rejections()).toHaveLength(1);
    } finally {
      await sim.close();
    }
  });
});
