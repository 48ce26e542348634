import { describe, expect, it } from 'vitest';
import type { ContactFacts, PersonFacts, RegisterPort } from '../../electron/core/ports/register.port';
import { createRegisterService } from '../../electron/core/registers/register.service';
import { createRegisterCacheRepo } from '../../electron/store';
import { FakeClock } from '../helpers/fake-clock';
import { storeKinds, testStoresOf, type TestStore } from '../helpers/test-store';

const HOUR = 3_600_000;
const MOTHER = '01017012345';
const KIDS = ['15052098765', '20081912345'];

const facts = (personNumber: string, name: string, children: string[] = []): PersonFacts => ({
  personNumber,
  name,
  birthDate: null,
  status: 'bosatt',
  address: { lines: ['Storgata 1'], postalCode: '0155', postalPlace: 'OSLO', country: null },
  addressProtection: 'none',
  children: children.map((c) => ({ personNumber: c, name: null, birthDate: null })),
  parents: [],
  parentalResponsibility: [],
});

async function setup(open: () => Promise<TestStore>) {
  const clock = new FakeClock();
  const { store } = await open();
  const calls: string[] = [];
  const people = new Map([
    [MOTHER, facts(MOTHER, 'Kari Nordmann', KIDS)],
    [KIDS[0]!, { ...facts(KIDS[0]!, 'Ola Nordmann'), birthDate: '2020-05-15' }],
    [KIDS[1]!, { ...facts(KIDS[1]!, 'Kari Nordmann d.y.'), birthDate: '2019-08-20' }],
  ]);
  const port: RegisterPort = {
    person: async (n) => (calls.push(`freg:${n}`), people.get(n) ?? null),
    contacts: async (ns) => (calls.push(`krr:${ns.join()}`), ns.map((n): ContactFacts => ({ personNumber: n, state: 'active', reserved: false, canNotify: true, email: 'a@b.no', mobile: null, language: 'nb' }))),
  };
  const service = createRegisterService({ port, cache: createRegisterCacheRepo(store.sql), uow: store.uow, clock, ttl: { personMs: 24 * HOUR, contactMs: 24 * HOUR } });
  return { clock, service, calls };
}

describe.each(storeKinds())('register lookups (%s)', (kind) => {
  const open = testStoresOf(kind);

  it('enrich looks up the applicant, the children Folkeregisteret names, and KRR, and the case view reads them from the cache', async () => {
    const t = await setup(open);
    await t.service.enrich([MOTHER]);
    expect(t.calls).toEqual([`freg:${MOTHER}`, `freg:${KIDS[0]}`, `freg:${KIDS[1]}`, `krr:${MOTHER}`]);
    const view = await t.service.cached(MOTHER);
    expect(view.person?.facts?.children.map((c) => c.personNumber)).toEqual(KIDS);
    expect((await t.service.cached(KIDS[0]!)).person?.facts).toMatchObject({ name: 'Ola Nordmann', birthDate: '2020-05-15' });
    expect(view.contact?.facts?.email).toBe('a@b.no');
  });

  it('answers from the cache within its time limit, asks again after it, and always when fresh', async () => {
    const t = await setup(open);
    await t.service.person(MOTHER, { fresh: false });
    t.clock.advance(23 * HOUR);
    await t.service.person(MOTHER, { fresh: false });
    expect(t.calls).toHaveLength(1);
    await t.service.contacts([MOTHER], { fresh: true });
    await t.service.contacts([MOTHER], { fresh: true });
    expect(t.calls.filter((c) => c.startsWith('krr'))).toHaveLength(2);
    t.clock.advance(2 * HOUR);
    await t.service.person(MOTHER, { fresh: false });
    expect(t.calls.filter((c) => c.startsWith('freg'))).toHaveLength(2);
    // an expired answer is still shown on the case, with its time, rather than nothing
    t.clock.advance(48 * HOUR);
    expect((await t.service.cached(MOTHER)).person?.facts?.name).toBe('Kari Nordmann');
  });
});
