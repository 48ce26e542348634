import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failure } from '../helpers/integration-error';
import { type IntegrationError } from '../../electron/core/errors';
import type { PersonFacts } from '../../electron/core/ports/register.port';
import { createRegisterAdapter, type RegisterScope } from '../../integrations/registers/create-registers';
import { createFolkeregisteretAdapter } from '../../integrations/registers/folkeregisteret.adapter';
import { createKrrAdapter } from '../../integrations/registers/krr.adapter';
import { countryCode, mapFregPerson, mapKrrPerson, parseKrrTime, type FregPerson } from '../../integrations/registers/register.mapper';
import { decodePersonNumber, hasValidChecksum, syntheticPersonNumber, type SimPerson } from '../../integrations/registers/simulator/register-sim-state';
import { startRegisterSimulator, type RegisterSimulator } from '../../integrations/registers/simulator/start-register-simulator';

// copies of the spec's synthetic examples; source noted in the folder's README.md
const EXAMPLES = path.resolve(__dirname, '../fixtures/registers/folkeregisteret');
const example = (id: string): FregPerson => JSON.parse(fs.readFileSync(path.join(EXAMPLES, `${id}.npr.json`), 'utf8')) as FregPerson;

const NOW = Date.UTC(2026, 10, 27, 9, 0, 0);
const MONTH = 30 * 86_400_000;

/** What each spec example must map to (read off the files: current versions only). */
const EXPECTED: Record<string, Omit<PersonFacts, 'personNumber'>> = {
  '20821098387': {
    name: 'ERFAREN SJAKAL',
    birthDate: '2010-02-20',
    status: 'bosatt',
    // bosted is ukjentBosted now; the postadresse (postboks) is where letters go
    address: { lines: ['Postboks 95'], postalCode: '8890', postalPlace: 'LEIRFJORD', country: null },
    addressProtection: 'none',
    children: [],
    parents: [
      { personNumber: '09828496155', name: null, birthDate: null },
      { personNumber: '07818194638', name: null, birthDate: null },
    ],
    // only the current foreldreansvar (mor); the ended 'felles' entries are history
    parentalResponsibility: ['07818194638'],
  },
  '27862199486': {
    name: 'GULAKTIG ABBOR',
    birthDate: '2021-06-27',
    status: 'bosatt',
    address: { lines: ['Granittvegen'], postalCode: '2270', postalPlace: 'FLISA', country: null },
    addressProtection: 'none',
    children: [],
    // the far has no folkeregisteridentifikator: not a RelatedPerson
    parents: [{ personNumber: '30839498094', name: null, birthDate: null }],
    parentalResponsibility: [],
  },
  '12889197496': {
    name: 'REALISTISK DIAKRITISK GOLBMAČIEHKA',
    birthDate: '1991-08-12',
    status: 'bosatt',
    address: { lines: ['Snilstveitvegen 41'], postalCode: '5473', postalPlace: 'SNILSTVEITØY', country: null },
    addressProtection: 'none',
    children: ['18832397314', '19891298067', '15881198271'].map((personNumber) => ({ personNumber, name: null, birthDate: null })),
    parents: [],
    parentalResponsibility: [],
  },
  '04834598502': {
    name: 'SPENNENDE ASSOSIASJON',
    birthDate: '1945-03-04',
    status: 'bosatt',
    address: { lines: ['Syltedalsvegen 32'], postalCode: '6144', postalPlace: 'SYLTE', country: null },
    addressProtection: 'fortrolig',
    children: ['01907999587', '15857499864', '04856898844'].map((personNumber) => ({ personNumber, name: null, birthDate: null })),
    parents: ['26810749937', '06840949816'].map((personNumber) => ({ personNumber, name: null, birthDate: null })),
    parentalResponsibility: [],
  },
  '23904597538': {
    name: 'FLAT SVAMP',
    birthDate: '1945-10-23',
    status: 'bosatt',
    address: { lines: ['Empirisk Ungdom', 'Test 165'], postalCode: '5473', postalPlace: 'SNILSTVEITØY', country: null },
    addressProtection: 'none',
    children: [],
    parents: ['04921048578', '04811049404'].map((personNumber) => ({ personNumber, name: null, birthDate: null })),
    parentalResponsibility: [],
  },
  '28857197102': {
    name: 'NYSGJERRIG LISTE',
    birthDate: '1971-05-28',
    status: 'doed',
    // the only bostedsadresse has ended
    address: null,
    addressProtection: 'none',
    children: [],
    parents: [],
    parentalResponsibility: [],
  },
  '41919701143': {
    name: 'FRUKTBAR LUNSJ',
    birthDate: '1997-11-01',
    status: 'inaktiv',
    // D-number: no bosted, the oppholdsadresse is used
    address: { lines: ['Jorvardeveien 7'], postalCode: '4888', postalPlace: 'HOMBORSUND', country: null },
    addressProtection: 'none',
    children: [],
    parents: [],
    parentalResponsibility: [],
  },
};

function person(over: Partial<SimPerson> & Pick<SimPerson, 'personNumber'>): SimPerson {
  const d = decodePersonNumber(over.personNumber);
  return {
    firstName: 'Kari',
    lastName: 'Nordmann',
    birthDate: d?.birthDate ?? '1980-01-01',
    sex: d?.sex ?? 'kvinne',
    address: { street: 'Storgata 12B', postalCode: '0150', postalPlace: 'OSLO' },
    protection: 'none',
    status: 'bosatt',
    children: [],
    parents: [],
    krr: { reserved: false, state: 'AKTIV', email: 'kari@eksempel.no', mobile: '41234567', updatedAt: NOW - 2 * MONTH, language: 'nb' },
    ...over,
  };
}


/** Every text an error carries, its causes included. */
function texts(e: unknown): string {
  const out: string[] = [];
  for (let c: unknown = e, i = 0; c && i < 5; c = (c as { cause?: unknown }).cause, i++) out.push(c instanceof Error ? `${c.message} ${c.stack ?? ''}` : String(c));
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------

describe('register mapper (pure)', () => {
  it('maps every spec example as the expectations read off the files', () => {
    for (const [id, expected] of Object.entries(EXPECTED)) {
      expect(mapFregPerson(example(id), id), id).toEqual({ personNumber: id, ...expected });
    }
  });

  it('follows preferertKontaktadresse to the address abroad, with the country as alpha-2', () => {
    const doc = example('23904597538');
    doc.preferertKontaktadresse = [{ erGjeldende: true, valg: 'POSTADRESSE_I_UTLANDET' }];
    expect(mapFregPerson(doc, '23904597538').address).toEqual({
      lines: ['Testadresselinje 1'],
      postalCode: 'Testpostkode utland 80',
      postalPlace: 'Lys testby- eller stedsnavn',
      country: 'BV',
    });
    expect([countryCode('SWE'), countryCode('NOR'), countryCode('dk'), countryCode('XXK'), countryCode(undefined)]).toEqual(['SE', null, 'DK', 'XK', null]);
  });

  it('reads UPPER_SNAKE enum values (2020 OpenAPI) and hides a strengt fortrolig address', () => {
    const doc = example('12889197496');
    doc.status = [{ erGjeldende: true, status: 'IKKE_BOSATT' }];
    doc.adressebeskyttelse = [{ erGjeldende: true, graderingsnivaa: 'STRENGT_FORTROLIG' }];
    const f = mapFregPerson(doc, '12889197496');
    expect(f.status).toBe('ikke-bosatt');
    expect(f.addressProtection).toBe('strengt-fortrolig');
    expect(f.address).toBeNull();

    doc.adressebeskyttelse = [{ erGjeldende: true, graderingsnivaa: 'strengtFortroligUtland' }];
    expect(mapFregPerson(doc, '12889197496')).toMatchObject({ addressProtection: 'strengt-fortrolig-utland', address: null });
    // an ended protection does not count
    doc.adressebeskyttelse = [{ erGjeldende: false, graderingsnivaa: 'strengtFortrolig' }];
    expect(mapFregPerson(doc, '12889197496')).toMatchObject({ addressProtection: 'none', address: { postalCode: '5473' } });
  });

  it('never gives out an address graded strengt fortrolig, even without a person-level adressebeskyttelse', () => {
    const doc = example('41919701143');
    const opphold = doc.oppholdsadresse?.[0];
    if (!opphold) throw new Error('fixture changed');
    opphold.adressegradering = 'strengtFortrolig';
    expect(mapFregPerson(doc, '41919701143')).toMatchObject({ addressProtection: 'strengt-fortrolig', address: null });
  });

  it('KRR: the 18-month rule per channel when varslingsstatus is absent', () => {
    const iso = (ms: number) => new Date(ms).toISOString();
    const base = { personidentifikator: '20914695016', reservasjon: 'NEI', status: 'AKTIV' };
    // e-mail stale by both dates, mobile fresh: only the mobile is handed on
    const mixed = mapKrrPerson(
      {
        ...base,
        kontaktinformasjon: {
          epostadresse: 'gammel@eksempel.no',
          epostadresse_oppdatert: iso(NOW - 19 * MONTH),
          epostadresse_sist_verifisert: iso(NOW - 19 * MONTH),
          mobiltelefonnummer: '41234567',
          mobiltelefonnummer_oppdatert: iso(NOW - 3 * MONTH),
        },
      },
      NOW,
    );
    expect(mixed).toMatchObject({ state: 'active', reserved: false, canNotify: true, email: null, mobile: '41234567' });
    // an old update but a recent verification: usable
    const verified = mapKrrPerson({ ...base, kontaktinformasjon: { epostadresse: 'a@b.no', epostadresse_oppdatert: iso(NOW - 30 * MONTH), epostadresse_sist_verifisert: iso(NOW - MONTH) } }, NOW);
    expect(verified).toMatchObject({ canNotify: true, email: 'a@b.no' });
    // both stale
    const stale = mapKrrPerson({ ...base, kontaktinformasjon: { epostadresse: 'a@b.no', epostadresse_oppdatert: iso(NOW - 19 * MONTH) } }, NOW);
    expect(stale).toMatchObject({ canNotify: false, email: null, mobile: null });
    // reserved: no notification by our own rule
    expect(mapKrrPerson({ ...base, reservasjon: 'JA', kontaktinformasjon: { epostadresse: 'a@b.no', epostadresse_oppdatert: iso(NOW) } }, NOW)).toMatchObject({ reserved: true, canNotify: false });
    // KRR's own varslingsstatus wins when given
    expect(mapKrrPerson({ ...base, varslingsstatus: 'KAN_IKKE_VARSLES', kontaktinformasjon: { epostadresse: 'a@b.no', epostadresse_oppdatert: iso(NOW) } }, NOW).canNotify).toBe(false);
    expect(mapKrrPerson({ ...base, varslingsstatus: 'KAN_VARSLES', spraak: 'nn', kontaktinformasjon: { mobiltelefonnummer: '41234567' } }, NOW)).toMatchObject({ canNotify: true, language: 'nn' });
  });

  it('KRR: reads the documented timestamp forms, and the 18-month edge', () => {
    expect(parseKrrTime('2023-06-29T10:14:52+02')).toBe(Date.UTC(2023, 5, 29, 8, 14, 52));
    expect(parseKrrTime('2023-08-05T10:45:15.768Z')).toBe(Date.UTC(2023, 7, 5, 10, 45, 15, 768));
    expect(Number.isNaN(parseKrrTime('i går'))).toBe(true);
    const now = Date.UTC(2026, 10, 27);
    const at = (t: string) => mapKrrPerson({ personidentifikator: '20914695016', reservasjon: 'NEI', status: 'AKTIV', kontaktinformasjon: { mobiltelefonnummer: '4', mobiltelefonnummer_oppdatert: t } }, now).canNotify;
    expect(at('2025-05-27T00:00:00Z')).toBe(true);
    expect(at('2025-05-26T23:59:59Z')).toBe(false);
  });

  it('synthetic numbers are valid and decode back to their birth date', () => {
    const n = syntheticPersonNumber('2012-03-04', 3, 'mann');
    expect(hasValidChecksum(n)).toBe(true);
    expect(decodePersonNumber(n)).toEqual({ birthDate: '2012-03-04', sex: 'mann', dNumber: false });
    // the spec examples are valid synthetic numbers too
    for (const id of Object.keys(EXPECTED)) expect(hasValidChecksum(id), id).toBe(true);
    expect(decodePersonNumber('41919701143')).toEqual({ birthDate: '1997-11-01', sex: 'mann', dNumber: true });
    expect(hasValidChecksum('20821098388')).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------

describe('registers against the simulator (real sockets)', () => {
  let sim: RegisterSimulator;
  const scopes: RegisterScope[] = [];

  beforeEach(async () => {
    sim = await startRegisterSimulator({ now: () => NOW });
    scopes.length = 0;
  });
  afterEach(async () => {
    await sim.close();
  });

  const registers = (o: { token?: string; timeoutMs?: number } = {}) =>
    createRegisterAdapter(
      { folkeregisteret: { url: sim.url, timeoutMs: o.timeoutMs ?? 5_000 }, krr: { url: sim.url, timeoutMs: o.timeoutMs ?? 5_000 } },
      {
        token: async (scope) => {
          scopes.push(scope);
          return o.token ?? sim.token;
        },
        now: () => NOW,
      },
    );

  it('serves each spec example through the adapter and maps it as expected', async () => {
    for (const id of Object.keys(EXPECTED)) sim.state.addFregDocument(example(id) as Record<string, unknown>);
    const reg = registers();
    for (const [id, expected] of Object.entries(EXPECTED)) expect(await reg.person(id), id).toEqual({ personNumber: id, ...expected });
    expect(sim.state.calls.freg).toBe(Object.keys(EXPECTED).length);
    expect(new Set(scopes)).toEqual(new Set(['folkeregister']));
  });

  it('asks only for the parts it needs, and gets no history', async () => {
    sim.state.addFregDocument(example('12889197496') as Record<string, unknown>);
    const res = await fetch(`${sim.url}/folkeregisteret/offentlig-med-hjemmel/api/v1/personer/12889197496?part=navn&part=bostedsadresse`, { headers: { authorization: `Bearer ${sim.token}` } });
    const doc = (await res.json()) as FregPerson;
    expect(Object.keys(doc).sort()).toEqual(['bostedsadresse', 'navn']);
    expect(doc.bostedsadresse).toHaveLength(1);
    const withHistory = (await (await fetch(`${sim.url}/folkeregisteret/offentlig-med-hjemmel/api/v1/personer/12889197496?part=bostedsadresse&part=historikk`, { headers: { authorization: `Bearer ${sim.token}` } })).json()) as FregPerson;
    expect(withHistory.bostedsadresse).toHaveLength(4);
  });

  it('a strengt fortrolig person: protection set, no address, although Folkeregisteret sent a forwarding postadresse', async () => {
    const n = syntheticPersonNumber('1985-06-15', 0);
    sim.state.addPerson(person({ personNumber: n, protection: 'strengt-fortrolig' }));
    const raw = (await (await fetch(`${sim.url}/folkeregisteret/offentlig-med-hjemmel/api/v1/personer/${n}`, { headers: { authorization: `Bearer ${sim.token}` } })).json()) as FregPerson;
    expect(raw.postadresse?.[0]?.postboksadresse).toBeDefined();
    expect(raw.bostedsadresse).toBeUndefined();

    const f = await registers().person(n);
    expect(f).toMatchObject({ personNumber: n, name: 'Kari Nordmann', addressProtection: 'strengt-fortrolig', address: null });
  });

  it('a fortrolig person keeps the address, marked; a vegadresse with husbokstav is put together', async () => {
    const n = syntheticPersonNumber('1985-06-15', 1);
    sim.state.addPerson(person({ personNumber: n, protection: 'fortrolig', middleName: 'Marie' }));
    expect(await registers().person(n)).toMatchObject({
      name: 'Kari Marie Nordmann',
      addressProtection: 'fortrolig',
      address: { lines: ['Storgata 12B'], postalCode: '0150', postalPlace: 'OSLO', country: null },
    });
  });

  it('maps children, parents and foreldreansvar both ways', async () => {
    const mor = syntheticPersonNumber('1980-02-01', 0, 'kvinne');
    const far = syntheticPersonNumber('1979-03-02', 0, 'mann');
    const barn = syntheticPersonNumber('2015-04-03', 0);
    const voksen = syntheticPersonNumber('2000-05-04', 0);
    sim.state.addPerson(person({ personNumber: mor, sex: 'kvinne', children: [barn, voksen] }));
    sim.state.addPerson(person({ personNumber: far, sex: 'mann', firstName: 'Ola', children: [barn] }));
    sim.state.addPerson(person({ personNumber: barn, parents: [mor, far] }));
    sim.state.addPerson(person({ personNumber: voksen, parents: [mor] }));
    const reg = registers();

    const child = await reg.person(barn);
    expect(child?.parents.map((p) => p.personNumber).sort()).toEqual([mor, far].sort());
    expect(child?.parentalResponsibility.sort()).toEqual([mor, far].sort());
    expect(child?.children).toEqual([]);

    const mother = await reg.person(mor);
    expect(mother?.children.map((c) => c.personNumber).sort()).toEqual([barn, voksen].sort());
    expect(mother?.parentalResponsibility).toEqual([]);
    // an adult child has no foreldreansvar
    expect((await reg.person(voksen))?.parentalResponsibility).toEqual([]);
  });

  it('404 → null; every lookup goes to the register (no cache in the adapter)', async () => {
    const reg = registers();
    const unknown = syntheticPersonNumber('1990-01-01', 0);
    expect(await reg.person(unknown)).toBeNull();
    expect(await reg.person(unknown)).toBeNull();
    expect(sim.state.calls.freg).toBe(2);
  });

  it('synthesizes a deterministic person for an unknown valid number, none for an invalid one', async () => {
    sim.state.synthesize = true;
    const reg = registers();
    const n = syntheticPersonNumber('1990-07-08', 5);
    const a = await reg.person(n);
    const b = await reg.person(n);
    expect(a).not.toBeNull();
    expect(a).toEqual(b);
    expect(a?.personNumber).toBe(n);
    expect(await reg.person('20821098388')).toBeNull();

    const other = await startRegisterSimulator({ now: () => NOW, synthesize: true });
    try {
      const again = await createRegisterAdapter({ folkeregisteret: { url: other.url, timeoutMs: 5_000 }, krr: { url: other.url, timeoutMs: 5_000 } }, { token: async () => other.token }).person(n);
      expect(again).toEqual(a);
    } finally {
      await other.close();
    }
  });

  it('KRR: reserved, SLETTET, IKKE_REGISTRERT and active', async () => {
    const [active, reserved, deleted, unknown] = [0, 1, 2, 3].map((i) => syntheticPersonNumber('1970-01-10', i));
    sim.state.addPerson(person({ personNumber: active as string }));
    sim.state.addPerson(person({ personNumber: reserved as string, krr: { reserved: true, state: 'AKTIV', email: 'r@eksempel.no', mobile: null, updatedAt: NOW - MONTH } }));
    sim.state.addPerson(person({ personNumber: deleted as string, krr: { reserved: false, state: 'SLETTET', email: 'x@eksempel.no', mobile: null, updatedAt: NOW - MONTH } }));
    const all = await registers().contacts([active, reserved, deleted, unknown] as string[]);
    const by = new Map(all.map((c) => [c.personNumber, c]));
    expect(all).toHaveLength(4);
    expect(by.get(active as string)).toEqual({ personNumber: active, state: 'active', reserved: false, canNotify: true, email: 'kari@eksempel.no', mobile: '41234567', language: 'nb' });
    expect(by.get(reserved as string)).toMatchObject({ state: 'active', reserved: true, canNotify: false, email: 'r@eksempel.no' });
    expect(by.get(deleted as string)).toEqual({ personNumber: deleted, state: 'deleted', reserved: false, canNotify: false, email: null, mobile: null, language: null });
    expect(by.get(unknown as string)).toEqual({ personNumber: unknown, state: 'not-registered', reserved: false, canNotify: false, email: null, mobile: null, language: null });
    expect(sim.state.calls.krr).toBe(1);
    expect(scopes).toEqual(['krr']);
  });

  it('KRR: the 18-month rule applies when KRR sends no varslingsstatus', async () => {
    sim.state.krrVarslingsstatus = false;
    const [fresh, stale, reverified] = [0, 1, 2].map((i) => syntheticPersonNumber('1960-12-24', i));
    sim.state.addPerson(person({ personNumber: fresh as string, krr: { reserved: false, state: 'AKTIV', email: 'f@eksempel.no', mobile: null, updatedAt: NOW - 17 * MONTH } }));
    sim.state.addPerson(person({ personNumber: stale as string, krr: { reserved: false, state: 'AKTIV', email: 's@eksempel.no', mobile: '41234567', updatedAt: NOW - 19 * MONTH } }));
    sim.state.addPerson(
      person({ personNumber: reverified as string, krr: { reserved: false, state: 'AKTIV', email: 'v@eksempel.no', mobile: null, updatedAt: NOW - 40 * MONTH, verifiedAt: NOW - 2 * MONTH } }),
    );
    const by = new Map((await registers().contacts([fresh, stale, reverified] as string[])).map((c) => [c.personNumber, c]));
    expect(by.get(fresh as string)).toMatchObject({ canNotify: true, email: 'f@eksempel.no' });
    expect(by.get(stale as string)).toMatchObject({ state: 'active', canNotify: false, email: null, mobile: null });
    expect(by.get(reverified as string)).toMatchObject({ canNotify: true, email: 'v@eksempel.no' });

    // the simulator's own varslingsstatus agrees
    sim.state.krrVarslingsstatus = true;
    const again = new Map((await registers().contacts([fresh, stale, reverified] as string[])).map((c) => [c.personNumber, c.canNotify]));
    expect([again.get(fresh as string), again.get(stale as string), again.get(reverified as string)]).toEqual([true, false, true]);
  });

  it('KRR: more than 1000 numbers go in calls of at most 1000, duplicates once', async () => {
    sim.state.synthesize = true;
    const numbers: string[] = [];
    for (let day = 1; numbers.length < 2_500; day++) {
      const date = new Date(Date.UTC(1950, 0, day)).toISOString().slice(0, 10);
      for (let seq = 0; seq < 10 && numbers.length < 2_500; seq++) numbers.push(syntheticPersonNumber(date, seq));
    }
    expect(new Set(numbers).size).toBe(2_500);
    const all = await registers().contacts([...numbers, numbers[0] as string]);
    expect(all).toHaveLength(2_500);
    expect(new Set(all.map((c) => c.personNumber))).toEqual(new Set(numbers));
    expect(sim.state.calls.krr).toBe(3);
    expect(sim.state.calls.krrPersons).toBe(2_500);
    // the default rates show up: some reserved, some not registered, most reachable
    const reservedShare = all.filter((c) => c.reserved).length / all.length;
    const notRegistered = all.filter((c) => c.state === 'not-registered').length / all.length;
    expect(reservedShare).toBeGreaterThan(0.02);
    expect(reservedShare).toBeLessThan(0.09);
    expect(notRegistered).toBeGreaterThan(0.005);
    expect(notRegistered).toBeLessThan(0.04);
    expect(all.filter((c) => c.canNotify).length / all.length).toBeGreaterThan(0.85);
  });

  it('KRR: an empty list makes no call', async () => {
    expect(await registers().contacts([])).toEqual([]);
    expect(sim.state.calls.krr).toBe(0);
  });

  describe('failures', () => {
    const n = '20821098387';
    beforeEach(() => {
      sim.state.addFregDocument(example(n) as Record<string, unknown>);
    });

    it('401 (wrong token) → auth, for both registers', async () => {
      const reg = registers({ token: 'feil' });
      expect((await failure(reg.person(n))).kind).toBe('auth');
      expect((await failure(reg.contacts([n]))).kind).toBe('auth');
    });

    it('5xx → transient; 429 → rate-limited with Folkeregisteret’s Retry-After in ms', async () => {
      const reg = registers();
      sim.forceStatus('freg.person', 503);
      expect((await failure(reg.person(n))).kind).toBe('transient');
      sim.forceStatus('freg.person', 500);
      expect((await failure(reg.person(n))).kind).toBe('transient');
      sim.forceStatus('freg.person', 429, { 'Retry-After': '1500' });
      const limited = await failure(reg.person(n));
      expect([limited.kind, limited.retryAfterMs]).toEqual(['rate-limited', 1500]);
      sim.forceStatus('freg.person', null);
      sim.faults.set({ 'krr.personer': { errorRate: 1 } });
      expect((await failure(reg.contacts([n]))).kind).toBe('transient');
      expect(await reg.person(n)).not.toBeNull();
    });

    it('a delay beyond timeoutMs → transient; a dropped connection → transient', async () => {
      sim.faults.set({ '*': { latencyMs: 400 } });
      const reg = registers({ timeoutMs: 100 });
      expect((await failure(reg.person(n))).kind).toBe('transient');
      expect((await failure(reg.contacts([n]))).kind).toBe('transient');
      sim.faults.set({ '*': { dropRate: 1 } });
      expect((await failure(registers().person(n))).kind).toBe('transient');
    });

    it('a malformed number is refused before any call → validation', async () => {
      const reg = registers();
      expect((await failure(reg.person('2082109838'))).kind).toBe('validation');
      expect((await failure(reg.contacts([n, '2082109838x']))).kind).toBe('validation');
      expect(sim.state.calls).toMatchObject({ freg: 0, krr: 0 });
    });

    it('no error text or cause carries a full fødselsnummer', async () => {
      const errors: IntegrationError[] = [];
      const reg = registers();
      for (const status of [401, 403, 429, 500, 503, 400]) {
        sim.forceStatus('*', status);
        errors.push(await failure(reg.person(n)), await failure(reg.contacts([n])));
      }
      sim.forceStatus('*', null);
      sim.faults.set({ '*': { latencyMs: 300 } });
      errors.push(await failure(registers({ timeoutMs: 50 }).person(n)));
      sim.faults.set({ '*': { dropRate: 1 } });
      errors.push(await failure(reg.person(n)), await failure(reg.contacts([n])));
      sim.faults.set({});
      // nothing listening: the connection error (whose cause may name the URL)
      const closed = createFolkeregisteretAdapter({ url: 'http://127.0.0.1:1', timeoutMs: 2_000 }, { token: async () => 't' });
      errors.push(await failure(closed.person(n)));
      const closedKrr = createKrrAdapter({ url: 'http://127.0.0.1:1', timeoutMs: 2_000 }, { token: async () => 't', now: () => NOW });
      errors.push(await failure(closedKrr.contacts([n])));
      // a token provider whose failure names the person
      const leaky = createFolkeregisteretAdapter({ url: sim.url, timeoutMs: 2_000 }, { token: async () => Promise.reject(new Error(`kunne ikke hente token for ${n}`)) });
      errors.push(await failure(leaky.person(n)));

      expect(errors.length).toBeGreaterThan(15);
      for (const e of errors) {
        const all = texts(e);
        expect(all, e.message).not.toMatch(/\d{11}/);
        expect(all).not.toContain(n);
      }
      // the masked form is there, so a log still tells which lookup failed
      expect(errors[0]?.message).toContain('208210*****');
    });
  });
});
