import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import jsonata from 'jsonata';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemorySecretStore } from '../../electron/app/secrets/memory-secret-store';
import type { Handover, InternalSystemPort } from '../../electron/core/ports/internal-system.port';
import type { HandoverDocument } from '../../electron/core/routing/handover-document';
import type { InternalDeps, InternalTargetConfig } from '../../integrations/internal/internal.config';
import { startVismaEnterpriseSimulator, vismaEnterpriseDemoTarget, type VismaEnterpriseSimulator } from '../../integrations/internal/simulator/visma-enterprise.simulator';
import { createSoapTarget } from '../../integrations/internal/soap/soap.adapter';
import { soapFailure } from '../../integrations/internal/soap/soap-failure';
import { failure } from '../helpers/integration-error';
import { tempDir } from '../helpers/temp-dir';

const RESOURCES = path.resolve(__dirname, '../../resources');
const MAPPING = fs.readFileSync(path.join(RESOURCES, 'profiles/ansatt-permisjon/mappings/visma-enterprise.jsonata'), 'utf8');
const SCHEMA = JSON.parse(fs.readFileSync(path.join(RESOURCES, 'internal/visma-enterprise.schema.json'), 'utf8')) as object;
const FNR = '15057612336';
const PASSWORD = 'hemmelig-passord-123';

/** An application for leave as the mapping sees it (electron/core/routing/handover-document.ts). */
const doc = (key: string, over: Partial<HandoverDocument['form']> = {}): HandoverDocument => ({
  handover: { key, target: 'visma-enterprise' },
  service: { id: 'ansatt-permisjon', version: 1, name: 'Søknad om permisjon (ansatt)' },
  case: { publicId: 'PM-2026-0042', number: '2026/123', journalpost: '2026/123-1', receivedAt: '2026-11-02T09:15:00+01:00', receivedDate: '2026-11-02' },
  applicant: {
    name: 'Kari Nordmann',
    personNumber: FNR,
    birthDate: '1976-05-15',
    address: { street: 'Storgata 1', postalCode: '0155', postalPlace: 'Oslo' },
    email: 'kari@example.no',
    phone: '91234567',
  },
  form: {
    applicantName: 'Kari Nordmann',
    applicantPersonNumber: FNR,
    employeeNumber: '10234',
    workplace: 'Nordby skole',
    position: 'Lærer',
    manager: 'Lars Haugen',
    leaveType: 'Permisjon uten lønn',
    leavePercent: '50',
    periodFrom: '2027-01-04',
    periodTo: '2027-06-18',
    reason: 'Videreutdanning i spesialpedagogikk.',
    comment: null,
    ...over,
  },
  lists: {},
  subjects: [],
  period: { from: '2027-01-04', to: '2027-06-18' },
  registers: { applicant: null },
  decision: { outcome: 'innvilget', grounds: 'Innvilget etter HTA § 14.', date: '2026-11-20', decidedBy: 'Saksbehandler' },
  attachments: [],
  municipality: { name: 'Testkommune', orgNumber: '999888777' },
});

const mapped = async (key: string, over: Partial<HandoverDocument['form']> = {}): Promise<Handover> => ({
  key,
  payload: (await jsonata(MAPPING).evaluate(doc(key, over))) as unknown,
  text: null,
});

describe('SOAP target against the Visma Enterprise HRM simulator', () => {
  let sim: VismaEnterpriseSimulator;
  let deps: InternalDeps;
  const opened: InternalSystemPort[] = [];
  const target = async (t: InternalTargetConfig = vismaEnterpriseDemoTarget(sim), d: InternalDeps = deps) => {
    const port = await createSoapTarget('visma-enterprise', t, d);
    opened.push(port);
    return port;
  };
  const withSoap = (over: Partial<NonNullable<InternalTargetConfig['soap']>>): InternalTargetConfig => {
    const t = vismaEnterpriseDemoTarget(sim);
    return { ...t, soap: { ...t.soap!, ...over } };
  };

  beforeAll(async () => {
    sim = await startVismaEnterpriseSimulator({ username: 'postmottak', password: PASSWORD });
    deps = { secrets: createMemorySecretStore(sim.secrets), resourcesDir: RESOURCES, now: Date.now, maskinporten: {} as never };
  });
  beforeEach(() => sim.faults.reset());
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((p) => p.close?.()));
  });
  afterAll(() => sim.close());

  it('hands an application over: stored once with its key, answered with the target reference', async () => {
    const port = await target();
    const key = randomUUID();
    const r = await port.handOver(await mapped(key));
    expect(r).toEqual({ state: 'delivered', reference: expect.stringMatching(/^HRM-\d{4}-\d{6}$/) });
    const item = sim.items().find((i) => i.handoverKey === key);
    expect(item).toMatchObject({
      referanse: r.state === 'delivered' ? r.reference : '',
      externalId: key,
      ansatt: { ansattnummer: '10234', fodselsnummer: FNR, navn: 'Kari Nordmann' },
      soknadstype: 'PERMISJON',
      permisjonskode: 'ULONNET',
      periode: { fra: '2027-01-04', til: '2027-06-18' },
      prosent: 50,
      saksnummer: '2026/123',
    });
  });

  it('keeps the keys of concurrent hand-overs on one client apart', async () => {
    const port = await target();
    const keys = Array.from({ length: 25 }, () => randomUUID());
    const before = sim.items().length;
    const results = await Promise.all(keys.map(async (k) => port.handOver(await mapped(k))));
    const items = sim.items().slice(before);
    expect(items).toHaveLength(25);
    // the header key (written by soap while it builds each envelope) is the one of that call's body
    for (const i of items) expect(i.handoverKey).toBe(i.externalId);
    expect(new Set(results.map((r) => (r.state === 'delivered' ? r.reference : null))).size).toBe(25);
  });

  it('shows the target refusal with its own faultstring, as validation, and stores nothing', async () => {
    const port = await target();
    const before = sim.items().length;
    sim.faults.rejectNext('Den ansatte har ingen aktiv stilling i perioden.');
    const e = await failure(port.handOver(await mapped(randomUUID())));
    expect(e.kind).toBe('validation');
    expect(e.message).toBe('Visma Enterprise HRM: Den ansatte har ingen aktiv stilling i perioden.');
    expect(sim.items()).toHaveLength(before);

    // the simulator checks the request against the WSDL sequence itself
    const unmapped = await failure(port.handOver(await mapped(randomUUID(), { leaveType: 'Sabbatsår' })));
    expect(unmapped).toMatchObject({ kind: 'validation', message: 'Visma Enterprise HRM: Påkrevd element mangler: RegistrerSoknad/Permisjonskode.' });
    const key = randomUUID();
    const payload = (await mapped(key)).payload as Record<string, unknown>;
    const { Ansatt, ...rest } = payload;
    const misplaced = await failure(port.handOver({ key, payload: { ...rest, Ansatt }, text: null }));
    expect(misplaced.kind).toBe('validation');
    expect(misplaced.message).toMatch(/står på feil plass/);
    expect(sim.items()).toHaveLength(before);
  });

  it('never puts a fødselsnummer the target echoes into the message', async () => {
    const port = await target();
    sim.faults.rejectNext(`Fant ingen ansatt med fødselsnummer ${FNR}.`);
    const e = await failure(port.handOver(await mapped(randomUUID())));
    expect(e.message).toBe('Visma Enterprise HRM: Fant ingen ansatt med fødselsnummer ***********.');
  });

  it('times out as transient; the retry leaves one item however the late request lands', async () => {
    const port = await target(withSoap({ timeoutMs: 300 }));
    const key = randomUUID();
    const before = sim.received();
    sim.faults.delay(1_000);
    const e = await failure(port.handOver(await mapped(key)));
    expect(e.kind).toBe('transient');
    expect(e.message).toMatch(/tidsavbrudd etter 300 ms/);
    sim.faults.delay(0);
    const again = await port.handOver(await mapped(key));
    // the request that timed out is still handled by the target, after the retry
    await vi.waitFor(() => expect(sim.received()).toBe(before + 2), { timeout: 3_000 });
    const items = sim.items().filter((i) => i.handoverKey === key);
    expect(items).toHaveLength(1);
    expect(again).toEqual({ state: 'delivered', reference: items[0]!.referanse });
  });

  it('a lost answer after the target stored it, then the retry: one item, the same reference', async () => {
    const port = await target();
    const key = randomUUID();
    sim.faults.dropNextAnswer();
    const e = await failure(port.handOver(await mapped(key)));
    expect(e.kind).toBe('transient');
    const stored = sim.items().filter((i) => i.handoverKey === key);
    expect(stored).toHaveLength(1);
    const r = await port.handOver(await mapped(key));
    expect(r).toEqual({ state: 'delivered', reference: stored[0]!.referanse });
    expect(sim.items().filter((i) => i.externalId === key)).toHaveLength(1);
  });

  it('a server fault is transient', async () => {
    const port = await target();
    sim.faults.serverFaultNext();
    const e = await failure(port.handOver(await mapped(randomUUID())));
    expect(e.kind).toBe('transient');
    expect(e.message).toMatch(/Intern feil i personalsystemet/);
  });

  it('a wrong password or a missing secret is auth, and stores nothing', async () => {
    const before = sim.items().length;
    const wrong = await target(undefined, { ...deps, secrets: createMemorySecretStore({ 'demo.visma-enterprise-password': 'feil-passord' }) });
    const e = await failure(wrong.handOver(await mapped(randomUUID())));
    expect(e.kind).toBe('auth');
    expect(e.message).toMatch(/HTTP 401/);
    expect(e.message).not.toContain('feil-passord');
    const none = await target(undefined, { ...deps, secrets: createMemorySecretStore() });
    expect((await failure(none.handOver(await mapped(randomUUID())))).kind).toBe('auth');
    expect(sim.items()).toHaveLength(before);
  });

  it('reads the WSDL from the service address once, and a refused connection is transient', async () => {
    const served = sim.wsdlServed();
    const port = await target(withSoap({ wsdl: sim.wsdlUrl, endpoint: undefined }));
    const refs = [];
    for (let i = 0; i < 3; i++) refs.push(await port.handOver(await mapped(randomUUID())));
    expect(refs.every((r) => r.state === 'delivered' && r.reference)).toBe(true);
    expect(sim.wsdlServed()).toBe(served + 1);

    const gone = await startVismaEnterpriseSimulator();
    const endpoint = gone.endpoint;
    await gone.close();
    const closed = await target(withSoap({ endpoint, auth: undefined }));
    expect((await failure(closed.handOver(await mapped(randomUUID())))).kind).toBe('transient');
  });

  it('without the key header, the target dedups by ExternalId', async () => {
    const port = await target(withSoap({ keyHeader: null }));
    const key = randomUUID();
    const first = await port.handOver(await mapped(key));
    const again = await port.handOver(await mapped(key));
    expect(again).toEqual(first);
    expect(sim.items().filter((i) => i.externalId === key)).toEqual([expect.objectContaining({ handoverKey: null })]);
  });

  it('the simulator keeps what it registered across a restart (the demo journal)', async () => {
    const stateFile = path.join(tempDir('pm-ve-sim-'), 'visma-enterprise.jsonl');
    const first = await startVismaEnterpriseSimulator({ stateFile });
    const key = randomUUID();
    const a = await (await target(vismaEnterpriseDemoTarget(first))).handOver(await mapped(key));
    await first.close();
    const second = await startVismaEnterpriseSimulator({ stateFile });
    try {
      const b = await (await target(vismaEnterpriseDemoTarget(second))).handOver(await mapped(key));
      expect(b).toEqual(a);
      expect(second.items()).toHaveLength(1);
    } finally {
      await second.close();
    }
  });

  it('the simulator answers SOAP 1.2, a wrong SOAPAction and a wrong content type as a SOAP 1.1 service does', async () => {
    const auth = { Authorization: `Basic ${Buffer.from(`postmottak:${PASSWORD}`).toString('base64')}` };
    const post = (body: string, headers: Record<string, string>) => fetch(sim.endpoint, { method: 'POST', body, headers: { ...auth, ...headers } });
    const v12 = await post('<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body/></e:Envelope>', { 'Content-Type': 'text/xml; charset=utf-8' });
    expect(v12.status).toBe(500);
    expect(await v12.text()).toMatch(/<faultcode>soap:VersionMismatch<\/faultcode>/);
    const action = await post('<x/>', { 'Content-Type': 'text/xml', SOAPAction: '"urn:annet#Slett"' });
    expect(await action.text()).toMatch(/<faultcode>soap:Client<\/faultcode><faultstring xml:lang="nb">Ukjent SOAPAction/);
    expect((await post('{}', { 'Content-Type': 'application/json' })).status).toBe(415);
    const wsdl = await (await fetch(sim.wsdlUrl)).text();
    expect(wsdl).toContain(`<soap:address location="${sim.endpoint}"/>`);
  });

  it('the sample mapping gives arguments the target schema and the simulator accept', async () => {
    const key = randomUUID();
    const h = await mapped(key, { employeeNumber: null });
    const validate = new Ajv({ allErrors: true, strict: true }).compile(SCHEMA);
    expect(validate(h.payload), JSON.stringify(validate.errors)).toBe(true);
    expect(Object.keys(h.payload as object)).toEqual(['Ansatt', 'Soknadstype', 'Permisjonskode', 'Periode', 'Prosent', 'Begrunnelse', 'Saksnummer', 'ExternalId']);
    const port = await target();
    const r = await port.handOver(h);
    expect(r.state).toBe('delivered');
    expect(sim.items().find((i) => i.externalId === key)).toMatchObject({ ansatt: { ansattnummer: null, fodselsnummer: FNR }, begrunnelse: 'Videreutdanning i spesialpedagogikk.' });
  });
});

describe('SOAP failures as IntegrationError kinds', () => {
  const c = { label: 'HRM', integration: 'hrm', timeoutMs: 5_000, password: 'topphemmelig', now: () => Date.UTC(2026, 0, 1) };
  const fault = (f: Record<string, unknown>, status = 500) => ({ root: { Envelope: { Body: { Fault: f } } }, response: { status } });

  it('reads client and server faults of SOAP 1.1 and 1.2, and WS-Security ones', () => {
    expect(soapFailure(fault({ faultcode: 'soap:Client.Validering', faultstring: 'Feil i periode' }), c)).toMatchObject({ kind: 'validation', message: 'HRM: Feil i periode' });
    expect(soapFailure(fault({ Code: { Value: 'env:Sender' }, Reason: { Text: { $value: 'Ugyldig', attributes: { 'xml:lang': 'nb' } } } }), c)).toMatchObject({ kind: 'validation', message: 'HRM: Ugyldig' });
    expect(soapFailure(fault({ faultcode: 's:Server', faultstring: 'Database nede' }), c).kind).toBe('transient');
    expect(soapFailure(fault({ faultcode: 'wsse:FailedAuthentication', faultstring: 'Ugyldig token' }), c).kind).toBe('auth');
    expect(soapFailure(fault({ faultcode: 'soap:VersionMismatch', faultstring: 'SOAP 1.2' }), c).kind).toBe('permanent');
  });

  it('reads HTTP statuses and transport errors, and keeps the password out', () => {
    expect(soapFailure({ response: { status: 403 } }, c).kind).toBe('auth');
    expect(soapFailure({ response: { status: 429, headers: { 'retry-after': '7' } } }, c)).toMatchObject({ kind: 'rate-limited', retryAfterMs: 7_000 });
    expect(soapFailure({ response: { status: 503 } }, c).kind).toBe('transient');
    expect(soapFailure({ response: { status: 404 } }, c).kind).toBe('permanent');
    expect(soapFailure({ code: 'ECONNABORTED', message: 'timeout of 5000ms exceeded' }, c)).toMatchObject({ kind: 'transient', message: 'HRM: tidsavbrudd etter 5000 ms' });
    expect(soapFailure({ code: 'ECONNRESET' }, c).kind).toBe('transient');
    expect(soapFailure(fault({ faultcode: 'Client', faultstring: 'Passordet topphemmelig er feil' }), c).message).toBe('HRM: Passordet [skjult] er feil');
  });
});
