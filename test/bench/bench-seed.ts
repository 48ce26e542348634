/** What the benchmarks seed their stores with: Norwegian names, the sample services, a repeatable PRNG. */
import type { Store } from '../../electron/store';
import type { SqlValue } from '../../electron/store/sql/sql-client';

const DAY = 86_400_000;

export const FIRST = ['Kari', 'Ola', 'Åse', 'Øystein', 'Ærling', 'Ingrid', 'Lars', 'Sigrid', 'Bjørn', 'Marit', 'Håkon', 'Solveig', 'Jørgen', 'Nora', 'Emil', 'Astrid', 'Karin', 'Karl', 'Tiril', 'Mathias'];
export const LAST = ['Hansen', 'Johansen', 'Olsen', 'Larsen', 'Andersen', 'Pedersen', 'Nilsen', 'Kristiansen', 'Jensen', 'Karlsen', 'Johnsen', 'Pettersen', 'Eriksen', 'Berg', 'Haugen', 'Hagen', 'Bråten', 'Sæther', 'Løvås', 'Økland'];
export const PROFILES = [
  { id: 'barnehageplass', title: 'Søknad om barnehageplass' },
  { id: 'sfo', title: 'Søknad om plass i SFO' },
  { id: 'redusert-foreldrebetaling', title: 'Søknad om redusert foreldrebetaling' },
  { id: 'startlan', title: 'Søknad om startlån' },
  { id: 'helse-omsorg', title: 'Søknad om helse- og omsorgstjenester' },
];
export const HIDDEN = 'helse-omsorg';
export const STREETS = ['Storgata', 'Kirkeveien', 'Skogveien', 'Fjordgata', 'Bakkeløkka', 'Sørliveien'];
export const PLACES = ['OSLO', 'BERGEN', 'TRONDHEIM', 'TROMSØ', 'BODØ', 'ÅLESUND'];

/** A small deterministic PRNG (mulberry32), so every run builds the same store. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!, int: (n: number) => Math.floor(next() * n) };
}

export const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** n applications with their cases by multi-row INSERTs on either engine, in units of 500 (the desk's triggers fill search and persons). */
export async function seedCases(store: Pick<Store, 'sql' | 'uow'>, n: number, now = Date.UTC(2026, 10, 1)) {
  const { sql } = store;
  const r = prng(42);
  const fnr = (year: number) => `${pad(1 + r.int(28), 2)}${pad(1 + r.int(12), 2)}${pad(year % 100, 2)}${pad(r.int(100_000), 5)}`;
  const statuses: [string, number][] = [['new', 0.3], ['in-progress', 0.25], ['decided', 0.1], ['awaiting-approval', 0.05], ['approved', 0.25], ['quarantined', 0.05]];
  const BATCH = 500;
  for (let start = 0; start < n; start += BATCH) {
    await store.uow.run(async () => {
      const subs: SqlValue[] = [];
      const meta: { status: string; receivedAt: number }[] = [];
      const count = Math.min(BATCH, n - start);
      for (let k = 0; k < count; k++) {
        const i = start + k;
        const profile = r.pick(PROFILES);
        const name = `${r.pick(FIRST)} ${r.pick(LAST)}`;
        const person = fnr(1960 + r.int(40));
        const children = Array.from({ length: profile.id === 'startlan' ? 0 : 1 + r.int(3) }, () => ({ navn: `${r.pick(FIRST)} ${name.split(' ')[1]}`, fodselsnummer: fnr(2015 + r.int(10)) }));
        let u = r.next();
        const status = statuses.find(([, p]) => (u -= p) < 0)?.[0] ?? 'new';
        const receivedAt = now - r.int(365 * DAY);
        const title = `${profile.title} - ${name}`;
        const form = {
          applicant: { name, personNumber: person, address: { street: `${r.pick(STREETS)} ${1 + r.int(120)}`, postalCode: pad(r.int(10_000), 4), postalPlace: r.pick(PLACES) } },
          title,
          titlePublic: title.replace(name, '*****'),
          fields: { onsketOppstart: '2026-08-01', merknad: r.next() < 0.3 ? 'Ønsker plass nær jobb, gjerne på Bakkeløkka' : null },
          lists: { barn: children },
        };
        const q = status === 'quarantined';
        subs.push(`bench-${i}`, q ? 'quarantined' : 'received', `kommune/${profile.id}`, profile.id, 1, person, name, title, form.titlePublic, JSON.stringify(form), q ? 'schema-invalid' : null, q ? 'Skjemaet følger ikke skjemadefinisjonen' : null, receivedAt - 60_000, receivedAt);
        meta.push({ status, receivedAt });
      }
      const ids = await sql.all<{ id: number }>(
        `INSERT INTO submissions (public_id, status, service_key, profile_id, profile_version, reportee_person_number, applicant_name, title,
          title_public, form_json, quarantine_code, quarantine_reason, submitted_at, received_at)
         VALUES ${meta.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')} RETURNING id`,
        subs,
      );
      const cases: SqlValue[] = [];
      ids.forEach(({ id }, k) => {
        const m = meta[k]!;
        const q = m.status === 'quarantined';
        const worker = m.status === 'new' || q ? null : r.pick([null, { a: 'kari.saksbehandler', n: 'Kari Saksbehandler' }, { a: 'ola.leder', n: 'Ola Leder' }]);
        const deadline = q ? null : m.receivedAt + 28 * DAY;
        cases.push(id, m.status, worker?.a ?? null, worker?.n ?? null, deadline, deadline === null ? null : m.receivedAt + 21 * DAY, m.receivedAt);
      });
      await sql.run(
        `INSERT INTO cases (submission_id, status, assignee_account, assignee_name, deadline_at, preliminary_reply_at, updated_at) VALUES ${ids.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
        cases,
      );
    });
  }
}
