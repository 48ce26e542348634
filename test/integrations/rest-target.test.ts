import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import jsonata from 'jsonata';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemorySecretStore } from '../../electron/app/secrets/memory-secret-store';
import type { Handover, InternalSystemPort } from '../../electron/core/ports/internal-system.port';
import type { SecretStore } from '../../electron/core/ports/secret-store.port';
import type { HandoverDocument } from '../../electron/core/routing/handover-document';
import type { Maskinporten } from '../../integrations/shared/auth/maskinporten';
import type { InternalDeps, InternalTargetConfig } from '../../integrations/internal/internal.config';
import { createRestTarget } from '../../integrations/internal/rest/rest.adapter';
import { referenceAt, targetMessage } from '../../integrations/internal/rest/rest-answer';
import {
  startVismaFlytSkoleSimulator,
  vismaFlytSkoleDemoSecrets,
  vismaFlytSkoleDemoTarget,
  type VismaFlytSkoleSimulator,
} from '../../integrations/internal/simulator/visma-flyt-skole.simulator';
import { FakeClock } from '../helpers/fake-clock';
import { failure } from '../helpers/integration-error';
import { tempDir } from '../helpers/temp-dir';

const RESOURCES = path.resolve(__dirname, '../../resources');
const SCHEMA = JSON.parse(fs.readFileSync(path.join(RESOURCES, 'internal/visma-flyt-skole.schema.json'), 'utf8')) as object;
const MAPPING = fs.readFileSync(path.join(RESOURCES, 'profiles/permisjon-skole/mappings/visma-flyt-skole.jsonata'), 'utf8');
const PUPIL_FNR = '15891498765';

const body = (key: string, over: Record<string, unknown> = {}) => ({
  externalId: key,
  caseNumber: '2026/123',
  school: { name: 'Nordby skole', code: 'NORDBY' },
  pupils: [{ nationalIdentityNumber: PUPIL_FNR, name: 'Ola Testesen', grade: 4 }],
  period: { from: '2026-12-01', to: '2026-12-04' },
  reason: 'Bryllup i familien i Bergen.',
  decision: { outcome: 'granted', date: '2026-11-20' },
  ...over,
});
const handover = (key: string, over: Record<string, unknown> = {}): Handover => ({ key, payload: body(key, over), text: null });

/** Counts reads, so "no per-call secret reads" is checked, not assumed. */
function countingSecrets(initial: Record<string, string>): SecretStore & { reads: number } {
  const inner = createMemorySecretStore(initial);
  const s = { ...inner, reads: 0, get: async (name: string) => (s.reads++, inner.get(name)) };
  return s;
}

const noMaskinporten: Maskinporten = {
  provider: () => Promise.reject(new Error('not used')),
};

describe('REST target against the Visma Flyt Skole simulator', () => {
  let sim: VismaFlytSkoleSimulator;
  let clock: FakeClock;
  let secrets: ReturnType<typeof countingSecrets>;
  let deps: InternalDeps;
  const opened: InternalSystemPort[] = [];
  const target = async (t: InternalTargetConfig = vismaFlytSkoleDemoTarget(sim), d: InternalDeps = deps) => {
    const port = await createRestTarget('visma-flyt-skole', t, d);
    opened.push(port);
    return port;
  };
  const withRest = (over: Partial<NonNullable<InternalTargetConfig['rest']>>): InternalTargetConfig => {
    const t = vismaFlytSkoleDemoTarget(sim);
    return { ...t, rest: { ...t.rest!, ...over } };
  };

  beforeEach(async () => {
    clock = new FakeClock();
    sim = await startVismaFlytSkoleSimulator({ clientId: 'postmottak', clientSecret: 'hemmelig+/:æ', tokenTtlSeconds: 600, now: () => clock.now() });
    secrets = countingSecrets(vismaFlytSkoleDemoSecrets(sim));
    deps = { secrets, resourcesDir: RESOURCES, now: () => clock.now(), maskinporten: noMaskinporten };
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((p) => p.close?.()));
    await sim.close();
  });

  it('hands over: the item is stored under its key and the target reference comes back', async () => {
    const port = await target();
    expect(port.transport).toBe('rest');
    const r = await port.handOver(handover('pm-1'));
    expect(r).toEqual({ state: 'delivered', reference: 'PERM-000001' });
    const [item] = sim.items();
    expect(item).toMatchObject({ id: 'PERM-000001', key: 'pm-1', status: 'registrert' });
    expect(item!.body).toEqual(body('pm-1'));
  });

  it('keeps the token across hand-overs, shares one fetch among concurrent callers, and reads the secret once', async () => {
    const port = await target();
    await Promise.all(Array.from({ length: 20 }, (_, i) => port.handOver(handover(`pm-c${i}`))));
    await port.handOver(handover('pm-after'));
    expect(sim.items()).toHaveLength(21);
    expect(sim.tokensIssued()).toBe(1);
    expect(secrets.reads).toBe(1);
  });

  it('renews the token before it expires, without a 401', async () => {
    const port = await target();
    await port.handOver(handover('pm-1'));
    clock.advance(595_000); // inside the last tenth of the 600 s lifetime
    await port.handOver(handover('pm-2'));
    expect(sim.tokensIssued()).toBe(2);
    expect(sim.tokensRefused()).toBe(0);
    expect(secrets.reads).toBe(1);
  });

  it('drops the token once on a 401 and hands over with a new one', async () => {
    const port = await target();
    await port.handOver(handover('pm-1'));
    sim.faults.expireTokens();
    expect(await port.handOver(handover('pm-2'))).toEqual({ state: 'delivered', reference: 'PERM-000002' });
    expect(sim.tokensIssued()).toBe(2);
    expect(sim.tokensRefused()).toBe(1);
  });

  it('a client the token endpoint refuses is an auth error that names no secret value', async () => {
    await secrets.set('visma-flyt-skole.client-secret', 'feil-hemmelighet');
    const e = await failure((await target()).handOver(handover('pm-1')));
    expect(e.kind).toBe('auth');
    expect(e.message).toContain('invalid_client');
    expect(e.message).not.toContain('feil-hemmelighet');
    expect(sim.items()).toHaveLength(0);
  });

  it('a missing secret is an auth error naming the secret', async () => {
    await secrets.delete('visma-flyt-skole.client-secret');
    const e = await failure((await target()).handOver(handover('pm-1')));
    expect(e.kind).toBe('auth');
    expect(e.message).toContain('visma-flyt-skole.client-secret');
  });

  it("a rejection is 'validation' with the target's own message, fødselsnummer masked; nothing stored", async () => {
    const port = await target();
    sim.faults.rejectNext(`Eleven ${PUPIL_FNR} har allerede permisjon i perioden`);
    const e = await failure(port.handOver(handover('pm-1')));
    expect(e.kind).toBe('validation');
    expect(e.message).toBe('Visma Flyt Skole avviste overføringen (HTTP 422): Eleven *********** har allerede permisjon i perioden');
    expect(sim.items()).toHaveLength(0);
    // fixed and sent again under the same key: taken
    expect(await port.handOver(handover('pm-1'))).toEqual({ state: 'delivered', reference: 'PERM-000001' });
  });

  it('a body the schema refuses: the target names the field, our payload is never echoed', async () => {
    const e = await failure((await target()).handOver(handover('pm-1', { pupils: [{ nationalIdentityNumber: '1234', name: 'Ola Testesen' }] })));
    expect(e.kind).toBe('validation');
    expect(e.message).toContain('/pupils/0/nationalIdentityNumber');
    expect(e.message).not.toContain('Ola Testesen');
    expect(e.message).not.toContain('Bryllup');
    expect(sim.items()).toHaveLength(0);
  });

  it("a timeout is 'transient'; the retry under the same key leaves one item", async () => {
    const port = await target(withRest({ timeoutMs: 1000 }));
    await port.handOver(handover('pm-0')); // token fetched before the delay starts
    sim.faults.delay(1500);
    const e = await failure(port.handOver(handover('pm-1')));
    expect(e.kind).toBe('transient');
    expect(e.message).toContain('tidsavbrudd');
    sim.faults.delay(0);
    const r = await port.handOver(handover('pm-1'));
    expect(r.state).toBe('delivered');
    const mine = sim.items().filter((i) => i.key === 'pm-1');
    expect(mine).toHaveLength(1);
    expect(r).toEqual({ state: 'delivered', reference: mine[0]!.id });
  });

  it('a lost answer after the target stored the item: the retry gets the same reference, no second item', async () => {
    const port = await target();
    sim.faults.dropNextAnswer();
    const e = await failure(port.handOver(handover('pm-1')));
    expect(e.kind).toBe('transient');
    expect(sim.items()).toHaveLength(1);
    expect(await port.handOver(handover('pm-1'))).toEqual({ state: 'delivered', reference: sim.items()[0]!.id });
    expect(sim.items()).toHaveLength(1);
  });

  it("429 is 'rate-limited' with Retry-After; 503 is 'transient'", async () => {
    const port = await target();
    sim.faults.rateLimitNext(7);
    const limited = await failure(port.handOver(handover('pm-1')));
    expect(limited.kind).toBe('rate-limited');
    expect(limited.retryAfterMs).toBe(7000);
    sim.faults.unavailableNext();
    expect((await failure(port.handOver(handover('pm-1')))).kind).toBe('transient');
    expect(await port.handOver(handover('pm-1'))).toEqual({ state: 'delivered', reference: 'PERM-000001' });
  });

  it('a target that is not listening is transient', async () => {
    const port = await target(withRest({ url: 'http://127.0.0.1:1/api/v1/permisjoner' }));
    expect((await failure(port.handOver(handover('pm-1')))).kind).toBe('transient');
  });

  it('client_secret_post works as well as Basic', async () => {
    const t = vismaFlytSkoleDemoTarget(sim);
    const auth = t.rest!.auth;
    if (auth.kind !== 'oauth2') throw new Error('oauth2 expected');
    const port = await target({ ...t, rest: { ...t.rest!, auth: { ...auth, clientAuth: 'body', scope: 'permisjon.write' } } });
    expect((await port.handOver(handover('pm-1'))).state).toBe('delivered');
  });

  it('Maskinporten: the provider is asked with the target timeout, its token used as is, invalidated after a 401', async () => {
    const asked: { timeoutMs: number }[] = [];
    let invalidated = 0;
    const fetchSimToken = async () => {
      const res = await fetch(`${sim.origin}/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: sim.clientId, client_secret: sim.clientSecret }).toString(),
      });
      return ((await res.json()) as { access_token: string }).access_token;
    };
    let current: string | null = null;
    const maskinporten: Maskinporten = {
      provider: async (_mp, o) => {
        asked.push({ timeoutMs: o.timeoutMs });
        return { token: async () => (current ??= await fetchSimToken()), invalidate: () => void (invalidated++, (current = null)) };
      },
    };
    const mp = { tokenUrl: 'https://maskinporten.no/token', audience: 'https://maskinporten.no/', clientId: 'c', kid: 'k', scope: 'visma:skole', privateKey: { secret: 'mp-key' } };
    const port = await target(withRest({ auth: { kind: 'maskinporten', maskinporten: mp }, timeoutMs: 4000 }), { ...deps, maskinporten });
    await port.handOver(handover('pm-1'));
    sim.faults.expireTokens();
    await port.handOver(handover('pm-2'));
    expect(sim.items()).toHaveLength(2);
    expect(asked).toEqual([{ timeoutMs: 4000 }]);
    expect(invalidated).toBe(1);
  });

  it('Basic auth, the password read once; a wrong one is an auth error', async () => {
    await sim.close();
    sim = await startVismaFlytSkoleSimulator({ clientId: 'x', clientSecret: 'y', basic: { username: 'postmottak', password: 'passord-1' } });
    const basic = (secret: string) => withRest({ auth: { kind: 'basic', username: 'postmottak', password: { secret } } });
    await secrets.set('visma-basic', 'passord-1');
    await secrets.set('visma-basic-feil', 'passord-2');
    const readsBefore = secrets.reads;
    const port = await target(basic('visma-basic'));
    await port.handOver(handover('pm-1'));
    await port.handOver(handover('pm-2'));
    expect(sim.items()).toHaveLength(2);
    expect(secrets.reads - readsBefore).toBe(1);
    expect(sim.tokensIssued()).toBe(0);
    const wrong = await failure((await target(basic('visma-basic-feil'))).handOver(handover('pm-3')));
    expect(wrong.kind).toBe('auth');
  });

  it('reads the reference from a field name or a JSON Pointer', () => {
    expect(referenceAt({ id: 'A-1' }, 'id')).toBe('A-1');
    expect(referenceAt({ data: { items: [{ 'a/b': 42 }] } }, '/data/items/0/a~1b')).toBe('42');
    expect(referenceAt({ data: {} }, '/data/id')).toBeNull();
    expect(referenceAt({ id: { nested: true } }, 'id')).toBeNull();
  });

  it("reads the target's words from problem+json, plain JSON and text; ignores HTML", () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(targetMessage(enc('{"title":"Bad","detail":"Skolen finnes ikke"}'), 'application/problem+json')).toBe('Skolen finnes ikke');
    expect(targetMessage(enc('{"title":"Eleven er ikke registrert"}'), 'application/problem+json')).toBe('Eleven er ikke registrert');
    expect(targetMessage(enc('{"message":"Ugyldig periode"}'), 'application/json')).toBe('Ugyldig periode');
    expect(targetMessage(enc('Perioden\r\noverlapper'), 'text/plain; charset=utf-8')).toBe('Perioden overlapper');
    expect(targetMessage(enc('<html>feil</html>'), 'text/html')).toBeNull();
  });
});

describe('the Visma Flyt Skole simulator on the wire', () => {
  let sim: VismaFlytSkoleSimulator;
  afterEach(() => sim.close());
  const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
  const tokenCall = (form: Record<string, string>, authorization?: string) =>
    fetch(`${sim.origin}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(authorization ? { authorization } : {}) },
      body: new URLSearchParams(form).toString(),
    });
  const post = (token: string | null, key: string | null, payload: unknown) =>
    fetch(`${sim.origin}/api/v1/permisjoner`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...(key ? { 'idempotency-key': key } : {}) },
      body: JSON.stringify(payload),
    });

  it('issues tokens for client_credentials only, to the right client, by one method', async () => {
    sim = await startVismaFlytSkoleSimulator({ clientId: 'pm', clientSecret: 's3', tokenTtlSeconds: 120 });
    const ok = await tokenCall({ grant_type: 'client_credentials' }, basic('pm', 's3'));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('cache-control')).toBe('no-store');
    expect(await ok.json()).toMatchObject({ token_type: 'Bearer', expires_in: 120 });
    expect((await tokenCall({ grant_type: 'client_credentials' }, basic('pm', 'feil'))).status).toBe(401);
    expect(await (await tokenCall({ grant_type: 'password' }, basic('pm', 's3'))).json()).toMatchObject({ error: 'unsupported_grant_type' });
    expect(await (await tokenCall({ grant_type: 'client_credentials', client_id: 'pm', client_secret: 's3' }, basic('pm', 's3'))).json()).toMatchObject({ error: 'invalid_request' });
    expect(sim.tokensIssued()).toBe(1);
  });

  it('needs a valid bearer; stores by Idempotency-Key: 201, then 200 with the same id; GET gives the item', async () => {
    sim = await startVismaFlytSkoleSimulator({ clientId: 'pm', clientSecret: 's3' });
    const token = ((await (await tokenCall({ grant_type: 'client_credentials', client_id: 'pm', client_secret: 's3' })).json()) as { access_token: string }).access_token;
    const unauth = await post(null, 'k-1', body('k-1'));
    expect(unauth.status).toBe(401);
    expect(unauth.headers.get('www-authenticate')).toContain('invalid_token');
    expect((await post(token, null, body('k-1'))).status).toBe(400);
    const first = await post(token, 'k-1', body('k-1'));
    expect(first.status).toBe(201);
    const again = await post(token, 'k-1', body('k-1'));
    expect(again.status).toBe(200);
    const created = (await first.json()) as { id: string; status: string };
    expect(await again.json()).toEqual(created);
    const got = await fetch(`${sim.origin}/api/v1/permisjoner/${created.id}`, { headers: { authorization: `Bearer ${token}` } });
    expect(await got.json()).toMatchObject({ id: created.id, externalId: 'k-1' });
    expect(sim.items()).toHaveLength(1);
  });

  it('keeps its registrations across a restart with a state file', async () => {
    const stateFile = path.join(tempDir('pm-visma-'), 'visma.jsonl');
    sim = await startVismaFlytSkoleSimulator({ clientId: 'pm', clientSecret: 's3', stateFile });
    const deps = (s: VismaFlytSkoleSimulator): InternalDeps => ({ secrets: createMemorySecretStore(vismaFlytSkoleDemoSecrets(s)), resourcesDir: RESOURCES, now: Date.now, maskinporten: noMaskinporten });
    const first = await (await createRestTarget('visma-flyt-skole', vismaFlytSkoleDemoTarget(sim), deps(sim))).handOver(handover('pm-1'));
    await sim.close();
    sim = await startVismaFlytSkoleSimulator({ clientId: 'pm', clientSecret: 's3', stateFile });
    expect(sim.items().map((i) => i.id)).toEqual(['PERM-000001']);
    expect(await (await createRestTarget('visma-flyt-skole', vismaFlytSkoleDemoTarget(sim), deps(sim))).handOver(handover('pm-1'))).toEqual(first);
    expect(sim.items()).toHaveLength(1);
  });
});

describe('the sample mapping permisjon-skole → visma-flyt-skole', () => {
  const doc: HandoverDocument = {
    handover: { key: 'hk-2f9c1a', target: 'visma-flyt-skole' },
    service: { id: 'permisjon-skole', version: 1, name: 'Søknad om permisjon fra undervisning' },
    case: { publicId: 'PM-2026-0042', number: '2026/42', journalpost: '2026/42-1', receivedAt: '2026-11-02T09:14:00+01:00', receivedDate: '2026-11-02' },
    applicant: { name: 'Kari Testesen', personNumber: '01018512345', birthDate: '1985-01-01', address: { street: 'Storgata 1', postalCode: '0155', postalPlace: 'OSLO' }, email: 'kari@example.no', phone: null },
    form: {
      applicantName: 'Kari Testesen',
      school: 'Nordby skole',
      periodFrom: '2026-12-01',
      periodTo: '2026-12-04',
      reason: 'Bryllup i familien i Bergen.',
      comment: null,
    },
    lists: {
      children: [
        { name: 'Ola Testesen', personNumber: PUPIL_FNR, grade: '4' },
        { name: 'Per Testesen', personNumber: '02091698765', grade: null },
      ],
    },
    subjects: [
      { name: 'Ola Testesen', personNumber: PUPIL_FNR, birthDate: '2014-09-15' },
      { name: 'Per Testesen', personNumber: '02091698765', birthDate: '2016-09-02' },
    ],
    period: { from: '2026-12-01', to: '2026-12-04' },
    registers: { applicant: null },
    decision: { outcome: 'delvis-innvilget', grounds: 'Innvilget for tre av fire dager.', date: '2026-11-20', decidedBy: 'Saksbehandler Test' },
    attachments: [],
    municipality: { name: 'Testkommune', orgNumber: null },
  };

  it('produces a body the target schema accepts, and the simulator takes', async () => {
    const out = (await jsonata(MAPPING).evaluate(doc)) as Record<string, unknown>;
    const validate = new Ajv({ allErrors: true, strict: true }).compile(SCHEMA);
    const valid = validate(out);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(out).toEqual({
      externalId: 'hk-2f9c1a',
      caseNumber: '2026/42',
      applicationDate: '2026-11-02',
      school: { name: 'Nordby skole', code: 'NORDBY' },
      pupils: [
        { nationalIdentityNumber: PUPIL_FNR, name: 'Ola Testesen', grade: 4 },
        { nationalIdentityNumber: '02091698765', name: 'Per Testesen' },
      ],
      period: { from: '2026-12-01', to: '2026-12-04' },
      reason: 'Bryllup i familien i Bergen.',
      decision: { outcome: 'partiallyGranted', date: '2026-11-20', grounds: 'Innvilget for tre av fire dager.' },
    });

    const sim = await startVismaFlytSkoleSimulator({ clientId: 'postmottak', clientSecret: 's' });
    try {
      const port = await createRestTarget('visma-flyt-skole', vismaFlytSkoleDemoTarget(sim), {
        secrets: createMemorySecretStore(vismaFlytSkoleDemoSecrets(sim)),
        resourcesDir: RESOURCES,
        now: Date.now,
        maskinporten: noMaskinporten,
      });
      expect(await port.handOver({ key: doc.handover.key, payload: out, text: null })).toEqual({ state: 'delivered', reference: 'PERM-000001' });
      expect(sim.items()[0]!.body).toEqual(out);
    } finally {
      await sim.close();
    }
  });

  it('one child, no case number yet, an unknown school: still an array, the optional fields left out', async () => {
    const one: HandoverDocument = { ...doc, case: { ...doc.case, number: null }, form: { ...doc.form, school: 'Ukjent skole' }, lists: { children: [doc.lists.children![0]!] } };
    const out = (await jsonata(MAPPING).evaluate(one)) as Record<string, unknown>;
    expect(new Ajv({ strict: true }).validate(SCHEMA, out)).toBe(true);
    expect(out.pupils).toHaveLength(1);
    expect(out).not.toHaveProperty('caseNumber');
    expect(out.school).toEqual({ name: 'Ukjent skole' });
  });
});
