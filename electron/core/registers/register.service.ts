import type { UnitOfWork } from '../ports/unit-of-work.port';
import type { Clock } from '../ports/clock.port';
import type { ContactFacts, PersonFacts, RegisterPort } from '../ports/register.port';
import type { RegisterCache } from '../ports/reply-store.port';

export interface RegisterFacts {
  person: { facts: PersonFacts | null; fetchedAt: number } | null;
  contact: { facts: ContactFacts | null; fetchedAt: number } | null;
}

/**
 * Folkeregisteret and KRR answers, cached with a time limit. Enrichment at ingest fills the
 * cache for the case view; just before a letter goes out (sent or printed) the service asks
 * again (`fresh`), because KRR's guidelines say to look up for every mailing.
 */
export function createRegisterService(d: {
  port: RegisterPort | null;
  cache: RegisterCache;
  uow: UnitOfWork;
  clock: Clock;
  ttl: { personMs: number; contactMs: number };
}) {
  async function person(personNumber: string, o: { fresh: boolean }): Promise<PersonFacts | null> {
    const now = d.clock.now();
    const hit = o.fresh ? undefined : await d.cache.person(personNumber, now);
    if (hit) return hit.facts;
    if (!d.port) throw new Error('Folkeregisteret er ikke satt opp.');
    // the lookup is a network call: it stays outside the unit of work, which only stores its answer
    const facts = await d.port.person(personNumber);
    await d.uow.run(() => d.cache.putPerson(personNumber, facts, d.clock.now(), d.ttl.personMs));
    return facts;
  }

  async function contacts(personNumbers: string[], o: { fresh: boolean }): Promise<Map<string, ContactFacts | null>> {
    const now = d.clock.now();
    const out = new Map<string, ContactFacts | null>();
    const missing: string[] = [];
    for (const p of personNumbers) {
      const hit = o.fresh ? undefined : await d.cache.contact(p, now);
      if (hit) out.set(p, hit.facts);
      else missing.push(p);
    }
    if (missing.length) {
      if (!d.port) throw new Error('KRR er ikke satt opp.');
      const got = await d.port.contacts(missing);
      const byNumber = new Map(got.map((c) => [c.personNumber, c]));
      const at = d.clock.now();
      await d.uow.run(async () => {
        for (const p of missing) {
          const c = byNumber.get(p) ?? null;
          out.set(p, c);
          await d.cache.putContact(p, c, at, d.ttl.contactMs);
        }
      });
    }
    return out;
  }

  return {
    configured: () => d.port !== null,
    person,
    contacts,
    /**
     * Look up the applicant, the applicant's children in Folkeregisteret (their names and birth
     * dates, so the caseworker can check the children an application names) and KRR.
     */
    async enrich(personNumbers: string[]): Promise<void> {
      if (!d.port || personNumbers.length === 0) return;
      const [first, ...rest] = personNumbers;
      const applicant = await person(first!, { fresh: false });
      const children = (applicant?.children ?? []).map((c) => c.personNumber).slice(0, 10);
      for (const p of new Set([...rest, ...children])) await person(p, { fresh: false });
      await contacts([first!], { fresh: false });
    },
    /** What the case view shows: the cache only, never a network call. */
    async cached(personNumber: string): Promise<RegisterFacts> {
      // an expired entry is still shown, with its time: better than nothing while offline
      // (the smallest safe integer rather than -Infinity: a bigint column on PostgreSQL takes no infinity)
      const person = await d.cache.person(personNumber, Number.MIN_SAFE_INTEGER);
      const contact = await d.cache.contact(personNumber, Number.MIN_SAFE_INTEGER);
      return { person: person ?? null, contact: contact ?? null };
    },
  };
}

export type RegisterService = ReturnType<typeof createRegisterService>;
