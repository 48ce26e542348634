import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import type http from 'node:http';
import { SignJWT, decodeJwt } from 'jose';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startAltinnSimulator, type AltinnSimulator, type AltinnSimulatorOptions } from '../../integrations/altinn/simulator/altinn-simulator';
import { deterministicUuid } from '../../integrations/altinn/simulator/sim-state';
import type { SeedSubmission } from '../../integrations/altinn/simulator/sim-types';
import { tinySeed } from '../helpers/altinn-fixture';

const ORG = 'kommune';
const ORG_NO = '910000001';
const APP = `${ORG}/permisjon-skole`;
const CLIENT_ID = 'postmottak-client';
const KID = 'postmottak-kid-1';
const ALL_SCOPES = [
  'altinn:serviceowner/instances.read',
  'altinn:serviceowner/instances.write',
  'altinn:serviceowner',
  'altinn:events.subscribe',
];
const T0 = Date.UTC(2026, 10, 29, 8, 0, 0);

let clientKey: KeyObject;
let clientPublicPem: string;
let otherKey: KeyObject;
let clock = T0;
let sim: AltinnSimulator | undefined;

beforeAll(() => {
  const kp = generateKeyPairSync('rsa', { modulusLength: 2048 });
  clientKey = kp.privateKey;
  clientPublicPem = kp.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
});

afterEach(async () => {
  await sim?.close();
  sim = undefined;
  clock = T0;
});

/** A tiny seed: form XML, receipt PDF and 0–2 attachments (the shared fixture's). */
const seed = (i: number, over: Partial<SeedSubmission> = {}): SeedSubmission => tinySeed(i, over);

function a2Seed(i: number): SeedSubmission {
  return seed(1000 + i, {
    appId: `${ORG}/a2-4711-1`,
    altinn2: { archiveReference: `AR${9_000_000 + i}`, serviceCode: '4711', serviceEditionCode: 1, reporteeType: 'Person' },
  });
}

async function start(extra: Partial<AltinnSimulatorOptions> = {}): Promise<AltinnSimulator> {
  sim = await startAltinnSimulator({
    org: ORG,
    orgNumber: ORG_NO,
    clients: [{ clientId: CLIENT_ID, kid: KID, publicKeyPem: clientPublicPem, scopes: ALL_SCOPES }],
    now: () => clock,
    ...extra,
  });
  return sim;
}

interface AssertionOpts {
  key?: KeyObject;
  kid?: string;
  aud?: string;
  iss?: string;
  scope?: string;
  iat?: number;
  exp?: number;
  jti?: string;
}

async function assertion(s: AltinnSimulator, o: AssertionOpts = {}): Promise<string> {
  const iat = o.iat ?? Math.floor(clock / 1000);
  return new SignJWT({ scope: o.scope ?? ALL_SCOPES.join(' ') })
    .setProtectedHeader({ alg: 'RS256', kid: o.kid ?? KID })
    .setAudience(o.aud ?? `${s.url}/`)
    .setIssuer(o.iss ?? CLIENT_ID)
    .setIssuedAt(iat)
    .setExpirationTime(o.exp ?? iat + 10)
    .setJti(o.jti ?? randomUUID())
    .sign(o.key ?? clientKey);
}

async function grant(s: AltinnSimulator, jwt: string): Promise<Response> {
  return fetch(`${s.url}/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: jwt }).toString(),
  });
}

async function maskinportenToken(s: AltinnSimulator, scope = ALL_SCOPES.join(' ')): Promise<string> {
  const res = await grant(s, await assertion(s, { scope }));
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

async function altinnToken(s: AltinnSimulator, scope?: string): Promise<string> {
  const res = await fetch(`${s.url}/authentication/api/v1/exchange/maskinporten`, {
    headers: { Authorization: `Bearer ${await maskinportenToken(s, scope)}` },
  });
  expect(res.status).toBe(200);
  return res.text();
}

const get = (url: string, token: string, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(url, { headers: { Authorization: `Bearer ${token}`, ...headers } });
const post = (url: string, token: string): Promise<Response> => fetch(url, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });

interface ListBody {
  count: number;
  self: string;
  next?: string;
  instances: { id: string; appId: string; lastChanged: string; dataValues: Record<string, string> | null; data: { id: string; dataType: string }[] }[];
}

async function listAll(s: AltinnSimulator, token: string, query: string, onPage?: (page: ListBody, n: number) => void): Promise<ListBody['instances']> {
  const all: ListBody['instances'] = [];
  let url: string | undefined = `${s.url}/storage/api/v1/instances?${query}`;
  for (let n = 0; url && n < 50; n++) {
    const res = await get(url, token);
    expect(res.status).toBe(200);
    const page = (await res.json()) as ListBody;
    onPage?.(page, n);
    all.push(...page.instances);
    url = page.next; // verbatim
  }
  return all;
}

describe('Maskinporten token grant and Altinn token exchange', () => {
  it('grants a token, and exchanges it for an Altinn token with the §0 claims', async () => {
    const s = await start();
    const res = await grant(s, await assertion(s));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { access_token: string; expires_in: number; scope: string; token_type: string };
    expect(body).toMatchObject({ expires_in: 120, scope: ALL_SCOPES.join(' '), token_type: 'Bearer' });
    const mp = decodeJwt(body.access_token);
    expect(mp.consumer).toEqual({ authority: 'iso6523-actorid-upis', ID: `0192:${ORG_NO}` });
    expect(mp.client_id).toBe(CLIENT_ID);

    const ex = await fetch(`${s.url}/authentication/api/v1/exchange/Maskinporten`, { headers: { Authorization: `Bearer ${body.access_token}` } });
    expect(ex.status).toBe(200);
    const altinn = decodeJwt(await ex.text());
    expect(altinn).toMatchObject({
      'urn:altinn:org': ORG,
      'urn:altinn:orgNumber': ORG_NO,
      'urn:altinn:authenticatemethod': 'maskinporten',
      'urn:altinn:authlevel': 3,
      scope: ALL_SCOPES.join(' '),
      iss: `${s.url}/authentication/api/v1/openid/`,
    });
    expect(altinn.client_amr).toBeUndefined();
    expect((altinn.exp ?? 0) - (altinn.iat ?? 0)).toBe(1800);
    expect(altinn.sid).not.toBe(mp.sid);
  });

  it('gives no urn:altinn:org claim without an altinn:serviceowner scope', async () => {
    const s = await start();
    const altinn = decodeJwt(await altinnToken(s, 'altinn:events.subscribe'));
    expect(altinn['urn:altinn:org']).toBeUndefined();
    expect(altinn['urn:altinn:orgNumber']).toBe(ORG_NO);
  });

  it('refuses a bad signature, a wrong aud, an expired or too long-lived assertion, a replayed jti and a scope not allowed', async () => {
    const s = await start();
    const error = async (jwt: string): Promise<string> => {
      const res = await grant(s, jwt);
      expect(res.status).toBe(400);
      return ((await res.json()) as { error: string }).error;
    };
    expect(await error(await assertion(s, { key: otherKey }))).toBe('invalid_grant');
    expect(await error(await assertion(s, { aud: 'https://maskinporten.no/' }))).toBe('invalid_grant');
    expect(await error(await assertion(s, { iss: 'someone-else' }))).toBe('invalid_grant');
    const past = Math.floor(clock / 1000) - 300;
    expect(await error(await assertion(s, { iat: past, exp: past + 10 }))).toBe('invalid_grant');
    expect(await error(await assertion(s, { exp: Math.floor(clock / 1000) + 300 }))).toBe('invalid_grant');
    expect(await error(await assertion(s, { kid: 'unknown-kid' }))).toBe('invalid_client');
    expect(await error(await assertion(s, { scope: 'altinn:serviceowner/instances.read altinn:correspondence.write' }))).toBe('invalid_scope');

    const once = await assertion(s, { jti: 'the-same-jti' });
    expect((await grant(s, once)).status).toBe(200);
    expect(await error(once)).toBe('invalid_grant');
    expect(s.state.requestCount('token')).toBe(9);
  });

  it('exchange: 401 without or with a bad or expired token, 400 for an unknown provider, 410 for the enterprise-user header', async () => {
    const s = await start();
    const mp = await maskinportenToken(s);
    const exchange = (provider: string, headers: Record<string, string>): Promise<Response> =>
      fetch(`${s.url}/authentication/api/v1/exchange/${provider}`, { headers });
    expect((await exchange('maskinporten', {})).status).toBe(401);
    expect((await exchange('maskinporten', { Authorization: 'Bearer not.a.jwt' })).status).toBe(401);
    expect((await exchange('facebook', { Authorization: `Bearer ${mp}` })).status).toBe(400);
    const gone = await exchange('maskinporten', { Authorization: `Bearer ${mp}`, 'X-Altinn-EnterpriseUser-Authentication': 'dXNlcjpwdw==' });
    expect(gone.status).toBe(410);
    // An Altinn token is not a Maskinporten token.
    const altinn = await altinnToken(s);
    expect((await exchange('maskinporten', { Authorization: `Bearer ${altinn}` })).status).toBe(401);
    // Maskinporten tokens live 120 s on the simulator clock.
    clock += 121_000;
    expect((await exchange('maskinporten', { Authorization: `Bearer ${mp}` })).status).toBe(401);
  });

  it('expireTokens invalidates every issued token; a new one works', async () => {
    const s = await start();
    s.state.addSubmissions([seed(1)]);
    const token = await altinnToken(s);
    const list = `${s.url}/storage/api/v1/instances?org=${ORG}`;
    expect((await get(list, token)).status).toBe(200);
    s.expireTokens();
    const res = await get(list, token);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await get(list, await altinnToken(s))).status).toBe(200);
  });

  it('Altinn tokens expire after tokenLifetimeSec', async () => {
    const s = await start({ tokenLifetimeSec: 60 });
    const token = await altinnToken(s);
    clock += 61_000;
    expect((await get(`${s.url}/storage/api/v1/instances?org=${ORG}`, token)).status).toBe(401);
  });
});

describe('Storage instance listing', () => {
  it('pages across 3+ pages by following next verbatim; next is double-encoded', async () => {
    const s = await start();
    s.state.addSubmissions(Array.from({ length: 250 }, (_, i) => seed(i)));
    const token = await altinnToken(s);
    const nexts: string[] = [];
    const all = await listAll(s, token, `appId=${encodeURIComponent(APP)}&process.isComplete=true&excludeConfirmedBy=${ORG}&size=100`, (p) => {
      if (p.next) nexts.push(p.next);
      expect(p.count).toBe(p.instances.length);
      expect(p.self.startsWith(`${s.url}/storage/api/v1/instances?`)).toBe(true);
    });
    expect(nexts).toHaveLength(2);
    expect(all).toHaveLength(250);
    expect(new Set(all.map((i) => i.id)).size).toBe(250);
    // desc:lastChanged: newest first
    const times = all.map((i) => Date.parse(i.lastChanged));
    expect(times).toEqual([...times].sort((a, b) => b - a));

    const next = nexts[0] ?? '';
    expect(next).toContain('continuationToken=%257b%2522lastChanged%2522%253a%2522');
    expect(next).toContain('%252b00%253a00'); // "+00:00", encoded twice
    expect(next).toContain(`appId=${encodeURIComponent(APP)}`);
    expect(next.match(/continuationToken=/g)).toHaveLength(1);
    // The second next replaced the first page's token instead of adding another.
    expect(nexts[1]?.match(/continuationToken=/g)).toHaveLength(1);
  });

  it('a client that decodes the token once too often gets 400', async () => {
    const s = await start();
    s.state.addSubmissions(Array.from({ length: 5 }, (_, i) => seed(i)));
    const token = await altinnToken(s);
    const first = (await (await get(`${s.url}/storage/api/v1/instances?org=${ORG}&size=2`, token)).json()) as ListBody;
    const next = first.next ?? '';
    expect((await get(next, token)).status).toBe(200);

    // Decoding the whole link once and requesting that.
    expect((await get(decodeURIComponent(next), token)).status).toBe(400);
    // Taking the token out, decoding it to its JSON, and sending it encoded only once.
    const u = new URL(next);
    const raw = decodeURIComponent(u.searchParams.get('continuationToken') ?? '');
    expect(raw).toMatch(/^\{"lastChanged":"[^"]+\+00:00","id":"/);
    u.searchParams.set('continuationToken', raw);
    const res = await get(u.toString(), token);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { title: string }).title).toBe('Bad Request');
  });

  it('excludeConfirmedBy and confirmed=false drop confirmed items; mainVersionInclude=2 shows migrated A2 items, the default hides them', async () => {
    const s = await start();
    s.state.addSubmissions([seed(1), seed(2), seed(3), a2Seed(1), a2Seed(2)]);
    const token = await altinnToken(s);
    const ids = async (q: string): Promise<string[]> => (await listAll(s, token, q)).map((i) => i.id).sort();

    const a3 = [seed(1), seed(2), seed(3)].map((x) => `${x.partyId}/${x.instanceGuid}`).sort();
    expect(await ids(`org=${ORG}`)).toEqual(a3);
    expect(await ids(`org=${ORG}&mainVersionInclude=3`)).toEqual(a3);

    const migrated = await listAll(s, token, `org=${ORG}&mainVersionInclude=2`);
    expect(migrated.map((i) => i.appId)).toEqual([`${ORG}/a2-4711-1`, `${ORG}/a2-4711-1`]);
    expect(migrated.map((i) => i.dataValues?.A2ArchRef).sort()).toEqual(['AR9000001', 'AR9000002']);
    expect(await ids(`org=${ORG}&dataValues.A2ArchRef=AR9000002`)).toEqual([`${a2Seed(2).partyId}/${a2Seed(2).instanceGuid}`]);

    const [first] = a3;
    expect((await post(`${s.url}/storage/api/v1/instances/${first}/complete`, token)).status).toBe(200);
    expect(await ids(`org=${ORG}&excludeConfirmedBy=${ORG}`)).toEqual(a3.slice(1));
    expect(await ids(`org=${ORG}&confirmed=false`)).toEqual(a3.slice(1));
    expect(await ids(`org=${ORG}`)).toEqual(a3);
  });

  it('filters by dates, party and includeDataElements, and sorts ascending on request', async () => {
    const s = await start();
    s.state.addSubmissions([seed(1), seed(2), seed(3), seed(4)]);
    const token = await altinnToken(s);
    const from = encodeURIComponent(new Date(seed(3).completedAt).toISOString());
    const to = encodeURIComponent(new Date(seed(2).completedAt).toISOString());
    const ranged = await listAll(s, token, `org=${ORG}&lastChanged=gte:${from}&lastChanged=lte:${to}`);
    expect(ranged.map((i) => i.id)).toEqual([seed(2), seed(3)].map((x) => `${x.partyId}/${x.instanceGuid}`));

    const byParty = await listAll(s, token, `org=${ORG}&instanceOwner.partyId=${seed(4).partyId}&includeDataElements=false`);
    expect(byParty).toHaveLength(1);
    expect(byParty[0]?.data).toEqual([]);

    const asc = await listAll(s, token, `org=${ORG}&order=asc:lastChanged&size=1`);
    expect(asc.map((i) => i.id)).toEqual([seed(4), seed(3), seed(2), seed(1)].map((x) => `${x.partyId}/${x.instanceGuid}`));
  });

  it('answers 400/401/403 as Storage does', async () => {
    const s = await start();
    const token = await altinnToken(s);
    const base = `${s.url}/storage/api/v1/instances`;

    const noOrg = await get(base, token);
    expect(noOrg.status).toBe(400);
    expect(await noOrg.text()).toBe('Org or AppId must be defined.');
    const badValue = await get(`${base}?org=${ORG}&process.isComplete=yes`, token);
    expect(badValue.status).toBe(400);
    expect(((await badValue.json()) as { errors: Record<string, string[]> }).errors['process.isComplete']).toBeDefined();
    expect((await get(`${base}?org=${ORG}&lastChanged=gt:yesterday`, token)).status).toBe(400);

    expect((await fetch(`${base}?org=${ORG}`)).status).toBe(401);
    expect((await get(`${base}?org=other`, token)).status).toBe(403);
    const readless = await altinnToken(s, 'altinn:serviceowner altinn:events.subscribe');
    expect((await get(`${base}?org=${ORG}`, readless)).status).toBe(403);
    // Altinn's HasServiceOwnerScope is a substring test: instances.read alone yields the org claim.
    expect(decodeJwt(await altinnToken(s, 'altinn:serviceowner/instances.read'))['urn:altinn:org']).toBe(ORG);
    expect(s.state.requestCount('list')).toBe(6);
  });
});

describe('Storage instance, data and complete', () => {
  it('returns the instance JSON and each data element with its bytes and content type', async () => {
    const s = await start();
    const sd = seed(2); // two attachments
    s.state.addSubmissions([sd]);
    const token = await altinnToken(s);
    const id = `${sd.partyId}/${sd.instanceGuid}`;
    const res = await get(`${s.url}/storage/api/v1/instances/${id}`, token);
    expect(res.status).toBe(200);
    const inst = (await res.json()) as {
      instanceOwner: { partyId: unknown };
      process: { ended: string };
      status: { isArchived: boolean };
      selfLinks: { platform: string };
      completeConfirmations: unknown;
      data: { id: string; dataType: string; contentType: string; filename: string | null; size: number; selfLinks: { platform: string } }[];
    };
    expect(inst.instanceOwner.partyId).toBe(sd.partyId);
    expect(inst.process.ended).toBe(new Date(sd.completedAt).toISOString());
    expect(inst.status.isArchived).toBe(true);
    expect(inst.selfLinks.platform).toBe(`${s.url}/storage/api/v1/instances/${id}`);
    expect(inst.completeConfirmations).toBeNull();
    expect(inst.data.map((d) => d.dataType)).toEqual(['model', 'ref-data-as-pdf', 'vedlegg', 'vedlegg']);

    const expected = [Buffer.from(sd.formXml), sd.receiptPdf, ...sd.attachments.map((a) => a.bytes)];
    for (const [i, d] of inst.data.entries()) {
      const r = await get(d.selfLinks.platform, token);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toBe(d.contentType);
      const bytes = Buffer.from(await r.arrayBuffer());
      expect(bytes.equals(expected[i] ?? Buffer.alloc(0))).toBe(true);
      expect(d.size).toBe(bytes.length);
    }
    expect(inst.data[0]?.contentType).toBe('application/xml');
    expect(inst.data[1]?.contentType).toBe('application/pdf');
    // Stable ids across runs.
    expect(inst.data[0]?.id).toBe(deterministicUuid(sd.instanceGuid, '0'));

    expect((await get(`${s.url}/storage/api/v1/instances/${id}/data/${randomUUID()}`, token)).status).toBe(404);
    expect((await get(`${s.url}/storage/api/v1/instances/0/${sd.instanceGuid}`, token)).status).toBe(400);
    expect((await get(`${s.url}/storage/api/v1/instances/${sd.partyId}/${randomUUID()}`, token)).status).toBe(404);
  });

  it('403 for an instance of another org', async () => {
    const s = await start();
    const foreign = seed(5, { appId: 'nabokommune/barnehage' });
    s.state.addSubmissions([foreign]);
    const token = await altinnToken(s);
    expect((await get(`${s.url}/storage/api/v1/instances/${foreign.partyId}/${foreign.instanceGuid}`, token)).status).toBe(403);
  });

  it('complete is idempotent: two POSTs, one confirmation; the app route works too; write scope needed', async () => {
    const s = await start();
    const sd = seed(1);
    const other = seed(2);
    s.state.addSubmissions([sd, other]);
    const token = await altinnToken(s);
    const id = `${sd.partyId}/${sd.instanceGuid}`;

    clock += 5_000;
    const r1 = await post(`${s.url}/storage/api/v1/instances/${id}/complete`, token);
    expect(r1.status).toBe(200);
    const i1 = (await r1.json()) as { completeConfirmations: { stakeholderId: string; confirmedOn: string }[]; lastChanged: string };
    expect(i1.completeConfirmations).toEqual([{ stakeholderId: ORG, confirmedOn: new Date(clock).toISOString() }]);
    expect(i1.lastChanged).toBe(new Date(clock).toISOString());

    clock += 5_000;
    const r2 = await post(`${s.url}/${APP}/instances/${id}/complete`, token);
    expect(r2.status).toBe(200);
    expect(await r2.json()).toEqual(i1);
    expect(s.state.completeCalls.get(id)).toBe(2);
    expect(s.state.confirmedCount(id)).toBe(1);
    expect(s.state.requestCount('complete')).toBe(2);

    expect((await post(`${s.url}/${ORG}/another-app/instances/${id}/complete`, token)).status).toBe(404);
    const readOnly = await altinnToken(s, 'altinn:serviceowner/instances.read');
    expect((await post(`${s.url}/storage/api/v1/instances/${other.partyId}/${other.instanceGuid}/complete`, readOnly)).status).toBe(403);
    expect(s.state.confirmedCount(`${other.partyId}/${other.instanceGuid}`)).toBe(0);
    expect((await get(`${s.url}/storage/api/v1/instances/${id}/complete`, token)).status).toBe(405);
  });

  it('an A2 item is one submission in two views: purge does not confirm, complete does not purge', async () => {
    const s = await start();
    const a = a2Seed(1);
    const b = a2Seed(2);
    s.state.addSubmissions([b, a, seed(1)]);
    const refA = a.altinn2?.archiveReference ?? '';
    const refB = b.altinn2?.archiveReference ?? '';
    expect(s.state.a2Queue().map((x) => x.altinn2?.archiveReference)).toEqual([refB, refA]); // oldest first
    expect(s.state.a2Item(refA)).toBe(a);

    expect(s.state.purge(refA)).toBe('purged');
    expect(s.state.purge(refA)).toBe('already-purged');
    expect(s.state.purge('AR-nope')).toBe('unknown');
    expect(s.state.purgeCalls.get(refA)).toBe(2);
    expect(s.state.a2Queue().map((x) => x.altinn2?.archiveReference)).toEqual([refB]);
    expect(s.state.confirmedCount(`${a.partyId}/${a.instanceGuid}`)).toBe(0);

    const token = await altinnToken(s);
    const pending = await listAll(s, token, `org=${ORG}&mainVersionInclude=2&excludeConfirmedBy=${ORG}`);
    expect(pending).toHaveLength(2);
    expect((await post(`${s.url}/storage/api/v1/instances/${b.partyId}/${b.instanceGuid}/complete`, token)).status).toBe(200);
    expect(s.state.a2Queue().map((x) => x.altinn2?.archiveReference)).toEqual([refB]);
    expect(await listAll(s, token, `org=${ORG}&mainVersionInclude=2&excludeConfirmedBy=${ORG}`)).toHaveLength(1);
  });
});

describe('fault injection', () => {
  it('429 with Retry-After, 5xx at rate 1, then back to normal', async () => {
    const s = await start({ faults: { list: { rateLimitRate: 1, retryAfterSec: 7 } } });
    s.state.addSubmissions([seed(1)]);
    const token = await altinnToken(s); // token/exchange untouched by list faults
    const list = `${s.url}/storage/api/v1/instances?org=${ORG}`;
    const limited = await get(list, token);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');

    s.setFaults({ '*': { errorRate: 1 } });
    const statuses = await Promise.all(Array.from({ length: 12 }, async () => (await get(list, token)).status));
    for (const st of statuses) expect([500, 502, 503]).toContain(st);

    s.setFaults({});
    expect((await get(list, token)).status).toBe(200);
    expect(s.state.requestCount('list')).toBe(14);
  });

  it('drops the connection without an answer', async () => {
    const s = await start({ faults: { instance: { dropRate: 1 } } });
    const sd = seed(1);
    s.state.addSubmissions([sd]);
    const token = await altinnToken(s);
    await expect(get(`${s.url}/storage/api/v1/instances/${sd.partyId}/${sd.instanceGuid}`, token)).rejects.toThrow();
  });

  it('dropAfterRate: the complete happens, the answer is lost; the retry is harmless', async () => {
    const s = await start({ faults: { complete: { dropAfterRate: 1 } } });
    const sd = seed(1);
    s.state.addSubmissions([sd]);
    const token = await altinnToken(s);
    const url = `${s.url}/storage/api/v1/instances/${sd.partyId}/${sd.instanceGuid}/complete`;
    await expect(post(url, token)).rejects.toThrow();
    expect(s.state.confirmedCount(`${sd.partyId}/${sd.instanceGuid}`)).toBe(1);
    s.setFaults({});
    expect((await post(url, token)).status).toBe(200);
    expect(s.state.confirmedCount(`${sd.partyId}/${sd.instanceGuid}`)).toBe(1);
    expect(s.state.completeCalls.get(`${sd.partyId}/${sd.instanceGuid}`)).toBe(2);
  });

  it('malformed: 200 with a body that does not parse', async () => {
    const s = await start();
    s.state.addSubmissions([seed(1)]);
    const token = await altinnToken(s);
    s.setFaults({ list: { malformedRate: 1 }, exchange: { malformedRate: 1 } });
    const res = await get(`${s.url}/storage/api/v1/instances?org=${ORG}`, token);
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(() => JSON.parse(body) as unknown).toThrow();
    const ex = await fetch(`${s.url}/authentication/api/v1/exchange/maskinporten`, { headers: { Authorization: `Bearer ${await maskinportenToken(s)}` } });
    expect(ex.status).toBe(200);
    const garbled = await ex.text();
    expect(() => decodeJwt(garbled)).toThrow();
  });

  it('is repeatable with the same faultSeed', async () => {
    const run = async (): Promise<number[]> => {
      const s = await start({ faultSeed: 42, faults: { list: { errorRate: 0.5 } } });
      const token = await altinnToken(s);
      const out: number[] = [];
      for (let i = 0; i < 10; i++) out.push((await get(`${s.url}/storage/api/v1/instances?org=${ORG}`, token)).status);
      await s.close();
      sim = undefined;
      return out;
    };
    const a = await run();
    expect(a).toEqual(await run());
    expect(new Set(a).size).toBeGreaterThan(1);
  });

  it('latencyMs delays the answer', async () => {
    const s = await start({ faults: { token: { latencyMs: 150 } } });
    const t = Date.now();
    await maskinportenToken(s);
    expect(Date.now() - t).toBeGreaterThanOrEqual(140);
  });

  it('pageChurn: items change and new ones appear between pages; paging never repeats an item and still ends', async () => {
    const s = await start({ faultSeed: 7 });
    s.state.addSubmissions(Array.from({ length: 30 }, (_, i) => seed(i)));
    const token = await altinnToken(s);
    s.setFaults({ pageChurn: { touchRate: 0.1, newRate: 1 } });
    const seen = await listAll(s, token, `org=${ORG}&excludeConfirmedBy=${ORG}&size=7`, (p, n) => {
      clock += 1_000; // touched and new items get a fresh, later lastChanged
      // Confirm something while the walk is under way: it leaves the listing, paging goes on.
      const first = n === 1 ? s.state.instance(p.instances[0]?.id ?? '') : undefined;
      if (first) s.state.confirm(first, ORG, ORG_NO);
    });
    expect(new Set(seen.map((i) => i.id)).size).toBe(seen.length);
    expect(s.state.instances().length).toBeGreaterThan(30);
  });

  it('confirming items between pages does not break the keyset token', async () => {
    const s = await start();
    s.state.addSubmissions(Array.from({ length: 20 }, (_, i) => seed(i)));
    const token = await altinnToken(s);
    const seen = await listAll(s, token, `org=${ORG}&excludeConfirmedBy=${ORG}&size=5`, (p) => {
      // Confirm the whole page as an ingest run would, before asking for the next one.
      for (const i of p.instances) {
        const inst = s.state.instance(i.id);
        if (inst) s.state.confirm(inst, ORG, ORG_NO);
      }
    });
    expect(seen).toHaveLength(20);
    expect(new Set(seen.map((i) => i.id)).size).toBe(20);
  });
});

describe('events and extensions', () => {
  it('lists process.completed CloudEvents for an app resource, with a next header', async () => {
    const s = await start();
    s.state.addSubmissions([seed(1), seed(2), seed(3), a2Seed(1)]);
    const token = await altinnToken(s);
    const resource = `urn:altinn:resource:app_${ORG}_permisjon-skole`;
    const url = `${s.url}/events/api/v1/events?resource=${resource}&after=0&type=app.instance.process.completed&size=2`;
    const res = await get(url, token);
    expect(res.status).toBe(200);
    const evs = (await res.json()) as { id: string; type: string; source: string; subject: string; resource: string }[];
    expect(evs).toHaveLength(2);
    const oldest = seed(3);
    expect(evs[0]).toMatchObject({
      type: 'app.instance.process.completed',
      resource,
      source: `${s.url}/${APP}/instances/${oldest.partyId}/${oldest.instanceGuid}`,
      subject: `/party/${oldest.partyId}`,
    });
    const next = res.headers.get('next') ?? '';
    expect(next).toContain(`after=${evs[1]?.id}`);
    const rest = (await (await get(next, token)).json()) as unknown[];
    expect(rest).toHaveLength(1);

    expect((await get(`${s.url}/events/api/v1/events?after=0`, token)).status).toBe(400);
    const noSubscribe = await altinnToken(s, 'altinn:serviceowner/instances.read');
    expect((await get(url, noSubscribe)).status).toBe(403);
  });

  it('extensions share the server, the state and the fault dice; they only see the paths REST does not own', async () => {
    const seenByExtension: string[] = [];
    const s = await start({
      faults: { extensions: { PurgeItem: { rateLimitRate: 1, retryAfterSec: 3 } } },
      extensions: [
        (server, state) => {
          server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
            seenByExtension.push(req.url ?? '');
            void (async () => {
              if (req.url === '/ArchiveExternal/PurgeItem') {
                if ((await state.faults.beforeHandling('PurgeItem', req, res)) === 'handled') return;
              }
              // A catch-all 404 is fine: REST paths never reach this listener.
              if (!req.url?.startsWith('/ArchiveExternal/')) return void res.writeHead(404).end();
              res.writeHead(200, { 'Content-Type': 'text/plain' }).end(String(state.a2Queue().length));
            })();
          });
        },
      ],
    });
    s.state.addSubmissions([a2Seed(1)]);
    expect(await (await fetch(`${s.url}/ArchiveExternal/DownloadQueueExternalBasic.svc`)).text()).toBe('1');
    const limited = await fetch(`${s.url}/ArchiveExternal/PurgeItem`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect((await fetch(`${s.url}/nothing-here`)).status).toBe(404);
    const token = await altinnToken(s);
    expect((await get(`${s.url}/storage/api/v1/instances?org=${ORG}&mainVersionInclude=2`, token)).status).toBe(200);
    expect(seenByExtension).toEqual(['/ArchiveExternal/DownloadQueueExternalBasic.svc', '/ArchiveExternal/PurgeItem', '/nothing-here']);
  });

  it('without extensions, unknown paths get 404', async () => {
    const s = await start();
    expect((await fetch(`${s.url}/nothing-here`)).status).toBe(404);
  });
});
