import { base, en, Faker, nb_NO } from '@faker-js/faker';
import type { SeedRng } from './seed-random';

/**
 * Made-up Norwegian people for the simulator: names and addresses from faker (nb_NO),
 * birth dates in the service's age range, and fødselsnummer with both mod-11 check digits.
 * The simulator has its own fødselsnummer code, like the outside world it stands in for;
 * the tests check its numbers with core's validator.
 */

export interface SeedPerson {
  firstName: string;
  lastName: string;
  name: string;
  sex: 'female' | 'male';
  /** ISO date. */
  birthDate: string;
  personNumber: string;
}

export interface SeedApplicant extends SeedPerson {
  street: string;
  postalCode: string;
  postalPlace: string;
  email: string;
  mobile: string;
}

export interface SeedHousehold {
  applicant: SeedApplicant;
  subjects: SeedPerson[];
}

export interface AgeRange {
  min: number;
  max: number;
}

const W1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
const W2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
const mod11 = (digits: number[], weights: number[]): number => {
  const k = 11 - (weights.reduce((s, w, i) => s + w * digits[i]!, 0) % 11);
  return k === 11 ? 0 : k;
};

/** DDMMYY + individnummer in the birth year's series + k1 + k2; individual numbers giving k = 10 are skipped. */
export function makeFodselsnummer(birthDate: string, sex: 'female' | 'male', rng: SeedRng): string {
  const [y, m, d] = birthDate.split('-') as [string, string, string];
  const year = Number(y);
  const [lo, hi] = year >= 2000 ? [500, 999] : year >= 1900 ? [0, 499] : [500, 749];
  for (;;) {
    let individ = rng.int(lo, hi);
    if (individ % 2 !== (sex === 'male' ? 1 : 0)) individ += individ < hi ? 1 : -1;
    const nine = `${d}${m}${y.slice(2)}${String(individ).padStart(3, '0')}`;
    const digits = [...nine].map(Number);
    const k1 = mod11(digits, W1);
    if (k1 === 10) continue;
    const k2 = mod11([...digits, k1], W2);
    if (k2 === 10) continue;
    return `${nine}${k1}${k2}`;
  }
}

const DAY_MS = 86_400_000;
const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** A birth date that makes the person exactly `age` on the day `on` (ms). */
export function birthDateForAge(age: number, on: number, rng: SeedRng): string {
  const t = new Date(on);
  const anniversary = Date.UTC(t.getUTCFullYear() - age, t.getUTCMonth(), Math.min(t.getUTCDate(), 28));
  return iso(anniversary - rng.int(0, 360) * DAY_MS);
}

const ASCII: Record<string, string> = { æ: 'ae', ø: 'o', å: 'aa', é: 'e', è: 'e', ü: 'u', ö: 'o', ä: 'a' };
const emailLocal = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[æøåéèüöä]/g, (c) => ASCII[c] ?? '')
    .replace(/[^a-z0-9]+/g, '');

const MAIL_DOMAINS = ['gmail.com', 'hotmail.com', 'online.no', 'outlook.com', 'icloud.com', 'live.no'];

export function createPersonFactory(seed: number, rng: SeedRng) {
  const faker = new Faker({ locale: [nb_NO, en, base] });
  faker.seed(seed);
  const used = new Set<string>();

  function person(age: number, on: number, lastName?: string): SeedPerson {
    const sex = rng.chance(0.5) ? 'female' : 'male';
    const firstName = faker.person.firstName(sex);
    const last = lastName ?? faker.person.lastName();
    const birthDate = birthDateForAge(age, on, rng);
    let personNumber = makeFodselsnummer(birthDate, sex, rng);
    while (used.has(personNumber)) personNumber = makeFodselsnummer(birthDate, sex, rng);
    used.add(personNumber);
    return { firstName, lastName: last, name: `${firstName} ${last}`, sex, birthDate, personNumber };
  }

  /** An applicant and `subjects` persons (children, usually), ages consistent with each other. */
  function household(opts: { on: number; applicantAge?: AgeRange; subjectAge?: AgeRange; subjects: number }): SeedHousehold {
    const subjectAges = Array.from({ length: opts.subjects }, () => rng.int(opts.subjectAge?.min ?? 6, opts.subjectAge?.max ?? 16));
    const range = opts.applicantAge ?? { min: 25, max: 55 };
    // a parent is at least 18 years older than the eldest child and at most 45 older than the youngest
    const lo = Math.max(range.min, opts.subjects ? Math.max(...subjectAges) + 18 : range.min);
    const hi = Math.max(lo, Math.min(range.max, opts.subjects ? Math.min(...subjectAges) + 45 : range.max));
    const adult = person(rng.int(lo, hi), opts.on);
    const applicant: SeedApplicant = {
      ...adult,
      street: faker.location.streetAddress(),
      postalCode: faker.location.zipCode('####'),
      postalPlace: faker.location.city(),
      email: `${emailLocal(adult.firstName)}.${emailLocal(adult.lastName)}${rng.chance(0.4) ? rng.int(1, 99) : ''}@${rng.pick(MAIL_DOMAINS)}`,
      mobile: `${rng.pick(['4', '9'])}${String(rng.int(0, 9_999_999)).padStart(7, '0')}`,
    };
    const subjects = subjectAges.map((age) => person(age, opts.on, rng.chance(0.8) ? adult.lastName : undefined));
    return { applicant, subjects };
  }

  return { person, household, faker };
}

export type PersonFactory = ReturnType<typeof createPersonFactory>;
