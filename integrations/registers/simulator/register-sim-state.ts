import type { AddressProtection, PersonStatus } from '../../../electron/core/ports/register.port';
import { seededRandom } from '../../shared/simulator/faults';

/**
 * What the register simulator knows: persons as Folkeregisteret and KRR would describe them,
 * raw Folkeregisteret documents (the spec's example files, served verbatim), and, with
 * `synthesize`, a deterministic synthetic person for any other valid number (demo, load tests).
 * Request counters let tests see whether a caller cached.
 */

export type KrrStatus = 'AKTIV' | 'SLETTET' | 'IKKE_REGISTRERT';

export interface SimKrr {
  reserved: boolean;
  state: KrrStatus;
  email: string | null;
  mobile: string | null;
  /** *_oppdatert of both channels (ms), unless a channel has its own below. */
  updatedAt: number;
  /** *_sist_verifisert (ms); null/absent: never verified. */
  verifiedAt?: number | null;
  emailUpdatedAt?: number;
  mobileUpdatedAt?: number;
  language?: 'nb' | 'nn' | 'en' | 'se' | null;
}

export interface SimAddress {
  /** "Storgata 12B": split into adressenavn, husnummer and husbokstav for Folkeregisteret. */
  street: string;
  postalCode: string;
  postalPlace: string;
  /** kommunenummer; default 0301. */
  municipality?: string;
}

export interface SimPerson {
  personNumber: string;
  firstName: string;
  middleName?: string | null;
  lastName: string;
  /** YYYY-MM-DD */
  birthDate: string;
  sex: 'kvinne' | 'mann';
  /** Bostedsadresse; null: ukjent bosted. Never served for strengt fortrolig persons. */
  address: SimAddress | null;
  /** A postadresse besides the bostedsadresse. */
  postAddress?: SimAddress | null;
  protection: AddressProtection;
  status: PersonStatus;
  /** personNumbers of the person's children (relation barn). */
  children: string[];
  /** personNumbers of the parents; mor/far by the parent's sex when known, else by the number. */
  parents: string[];
  /** Who has foreldreansvar for this person; default the parents while the person is under 18. */
  parentalResponsibility?: string[];
  /** The KRR entry; absent: IKKE_REGISTRERT. */
  krr?: SimKrr;
}

export interface SynthesizeRates {
  /** reservasjon JA */
  reserved: number;
  /** not in KRR at all (IKKE_REGISTRERT) */
  notInKrr: number;
  /** adressebeskyttelse strengt fortrolig */
  strengtFortrolig: number;
  /** no bostedsadresse (ukjent bosted) */
  noAddress: number;
  /** KRR contact data older than 18 months */
  staleContact: number;
}

export const DEFAULT_SYNTHESIZE_RATES: SynthesizeRates = { reserved: 0.05, notInKrr: 0.02, strengtFortrolig: 0.01, noAddress: 0.01, staleContact: 0.02 };

export interface RegisterSimStateOptions {
  now?: () => number;
  synthesize?: boolean;
  synthesizeRates?: Partial<SynthesizeRates>;
  /** Varies the synthetic population; default 1. */
  seed?: number;
  /** Whether KRR answers carry varslingsstatus (the /personer example in the docs has none); default true. */
  krrVarslingsstatus?: boolean;
  /**
   * People known besides the added ones, read when asked (the demo: the Altinn simulator's applicants, also
   * those arriving later), so a seeded applicant is never answered by a made-up person (#13 item 10).
   */
  known?: () => SimPerson[];
}

// --- person numbers -------------------------------------------------------------------------

const W1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
const W2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

function control(digits: number[], weights: number[]): number | null {
  const sum = weights.reduce((s, w, i) => s + w * (digits[i] ?? 0), 0);
  const k = 11 - (sum % 11);
  return k === 11 ? 0 : k === 10 ? null : k;
}

/** The two mod-11 control digits of a fødselsnummer / D-number (synthetic numbers use the same). */
export function hasValidChecksum(n: string): boolean {
  if (!/^\d{11}$/.test(n)) return false;
  const d = [...n].map(Number);
  return control(d, W1) === d[9] && control(d, W2) === d[10];
}

/** Birth date, sex and kind read from the number: D-number (+40 day), synthetic Tenor (+80 month) or NAV (+40 month). */
export function decodePersonNumber(n: string): { birthDate: string; sex: 'kvinne' | 'mann'; dNumber: boolean } | null {
  if (!hasValidChecksum(n)) return null;
  let day = Number(n.slice(0, 2));
  let month = Number(n.slice(2, 4));
  const yy = Number(n.slice(4, 6));
  const individ = Number(n.slice(6, 9));
  const dNumber = day > 40;
  if (dNumber) day -= 40;
  if (month > 80) month -= 80;
  else if (month > 40) month -= 40;
  let century: number;
  if (individ < 500) century = 1900;
  else if (individ < 750 && yy >= 54) century = 1800;
  else if (yy < 40) century = 2000;
  else if (individ >= 900) century = 1900;
  else return null;
  const year = century + yy;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return { birthDate: date.toISOString().slice(0, 10), sex: Number(n[8]) % 2 === 1 ? 'mann' : 'kvinne', dNumber };
}

export const isValidPersonNumber = (n: string): boolean => decodePersonNumber(n) !== null;

/**
 * A valid synthetic (Tenor style, month + 80) number for a birth date: the `seq`-th one with a
 * valid checksum, so tests and seeds can make as many distinct numbers as they need.
 */
export function syntheticPersonNumber(birthDate: string, seq = 0, sex?: 'kvinne' | 'mann'): string {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  const base = y >= 2000 ? 500 : 0;
  let found = 0;
  for (let individ = base; individ < base + 500; individ++) {
    if (sex && (individ % 2 === 1 ? 'mann' : 'kvinne') !== sex) continue;
    const nine = `${String(d).padStart(2, '0')}${String(m + 80).padStart(2, '0')}${String(y % 100).padStart(2, '0')}${String(individ).padStart(3, '0')}`;
    const digits = [...nine].map(Number);
    const k1 = control(digits, W1);
    if (k1 === null) continue;
    const k2 = control([...digits, k1], W2);
    if (k2 === null) continue;
    if (found++ === seq) return `${nine}${k1}${k2}`;
  }
  throw new Error(`no synthetic number #${seq} for ${birthDate}`);
}

// --- synthetic persons ----------------------------------------------------------------------

const FIRST_F = ['Kari', 'Ingrid', 'Anne', 'Sigrid', 'Nora', 'Emma', 'Sara', 'Ida', 'Maja', 'Aud', 'Liv', 'Marit', 'Hanne', 'Silje', 'Åse'];
const FIRST_M = ['Ola', 'Per', 'Lars', 'Jon', 'Knut', 'Jakob', 'Emil', 'Noah', 'Henrik', 'Arne', 'Bjørn', 'Trond', 'Odd', 'Magnus', 'Øyvind'];
const LAST = ['Hansen', 'Johansen', 'Olsen', 'Larsen', 'Andersen', 'Pedersen', 'Nilsen', 'Kristiansen', 'Jensen', 'Karlsen', 'Berg', 'Haugen', 'Hagen', 'Bakken', 'Dahl', 'Lie', 'Moen', 'Solberg', 'Strand', 'Ødegård'];
const STREETS = ['Storgata', 'Kirkegata', 'Skolevegen', 'Fjellveien', 'Granittvegen', 'Lyngmoveien', 'Parkveien', 'Bjørkelia', 'Sjøgata', 'Åsvegen'];
const PLACES: [string, string, string][] = [
  ['0150', 'OSLO', '0301'],
  ['5003', 'BERGEN', '4601'],
  ['7010', 'TRONDHEIM', '5001'],
  ['9008', 'TROMSØ', '5501'],
  ['2270', 'FLISA', '3421'],
  ['1642', 'SALTNES', '3110'],
  ['5473', 'SNILSTVEITØY', '4617'],
  ['6144', 'SYLTE', '1511'],
];
const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)] as T;
const ascii = (s: string): string => s.toLowerCase().replace(/æ/g, 'ae').replace(/ø/g, 'o').replace(/å/g, 'a');

/** FNV-1a over the number: the synthetic person depends on the number (and the seed) only. */
function hash(s: string, seed: number): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const DAY = 86_400_000;

export function synthesizePerson(personNumber: string, rates: SynthesizeRates, now: number, seed = 1): SimPerson | null {
  const decoded = decodePersonNumber(personNumber);
  if (!decoded) return null;
  const r = seededRandom(hash(personNumber, seed));
  // every roll is always made, in a fixed order, so changing one rate does not reshuffle the rest
  const rolls = { reserved: r(), notInKrr: r(), strengt: r(), noAddress: r(), stale: r() };
  const firstName = pick(r, decoded.sex === 'kvinne' ? FIRST_F : FIRST_M);
  const lastName = pick(r, LAST);
  const street = `${pick(r, STREETS)} ${1 + Math.floor(r() * 120)}${r() < 0.1 ? 'B' : ''}`;
  const [postalCode, postalPlace, municipality] = pick(r, PLACES);
  const mobile = `4${String(Math.floor(r() * 10_000_000)).padStart(7, '0')}`;
  const freshAge = Math.floor(r() * 400) * DAY;
  const staleAge = (600 + Math.floor(r() * 900)) * DAY;
  const language = r() < 0.1 ? 'nn' : 'nb';
  const krr: SimKrr | undefined =
    rolls.notInKrr < rates.notInKrr
      ? undefined
      : {
          reserved: rolls.reserved < rates.reserved,
          state: 'AKTIV',
          email: `${ascii(firstName)}.${ascii(lastName)}.${personNumber.slice(7, 11)}@eksempel.no`,
          mobile,
          updatedAt: now - (rolls.stale < rates.staleContact ? staleAge : freshAge),
          verifiedAt: null,
          language,
        };
  return {
    personNumber,
    firstName,
    lastName,
    birthDate: decoded.birthDate,
    sex: decoded.sex,
    address: rolls.noAddress < rates.noAddress ? null : { street, postalCode, postalPlace, municipality },
    protection: rolls.strengt < rates.strengtFortrolig ? 'strengt-fortrolig' : 'none',
    status: decoded.dNumber ? 'inaktiv' : 'bosatt',
    children: [],
    parents: [],
    krr,
  };
}

// --- the state ------------------------------------------------------------------------------

export class RegisterSimState {
  private readonly persons = new Map<string, SimPerson>();
  private readonly documents = new Map<string, Record<string, unknown>>();
  private readonly krrOnly = new Map<string, SimKrr | null>();
  readonly now: () => number;
  synthesize: boolean;
  readonly rates: SynthesizeRates;
  readonly seed: number;
  /** Whether KRR answers carry varslingsstatus; tests switch it off to exercise the 18-month rule. */
  krrVarslingsstatus: boolean;
  /** Requests received per API (whatever their outcome), and person numbers asked of KRR. */
  readonly calls = { freg: 0, krr: 0, krrPersons: 0 };

  private readonly known: () => SimPerson[];
  private knownIndex: { size: number; byNumber: Map<string, SimPerson> } = { size: -1, byNumber: new Map() };

  constructor(o: RegisterSimStateOptions = {}) {
    this.known = o.known ?? (() => []);
    this.now = o.now ?? Date.now;
    this.synthesize = o.synthesize ?? false;
    this.rates = { ...DEFAULT_SYNTHESIZE_RATES, ...o.synthesizeRates };
    this.seed = o.seed ?? 1;
    this.krrVarslingsstatus = o.krrVarslingsstatus ?? true;
  }

  addPerson(p: SimPerson): SimPerson {
    if (!/^\d{11}$/.test(p.personNumber)) throw new Error('SimPerson.personNumber must be 11 digits');
    const copy: SimPerson = { ...p, children: [...p.children], parents: [...p.parents], krr: p.krr ? { ...p.krr } : undefined };
    this.persons.set(p.personNumber, copy);
    return copy;
  }

  addPersons(list: SimPerson[]): void {
    for (const p of list) this.addPerson(p);
  }

  /**
   * A Folkeregisteret document served as it is (e.g. a spec example). Keyed by its current
   * identifikasjonsnummer; returns that number. Its KRR entry is set with setKrr.
   */
  addFregDocument(doc: Record<string, unknown>): string {
    const ids = (doc.identifikasjonsnummer ?? []) as { erGjeldende?: boolean; foedselsEllerDNummer?: string }[];
    const id = ids.find((i) => i.erGjeldende !== false)?.foedselsEllerDNummer;
    if (!id) throw new Error('the document has no current identifikasjonsnummer');
    this.documents.set(id, structuredClone(doc));
    return id;
  }

  /** A KRR entry of its own (for documents, or to override a person's); null: IKKE_REGISTRERT. */
  setKrr(personNumber: string, krr: SimKrr | null): void {
    this.krrOnly.set(personNumber, krr ? { ...krr } : null);
  }

  remove(personNumber: string): void {
    this.persons.delete(personNumber);
    this.documents.delete(personNumber);
    this.krrOnly.delete(personNumber);
  }

  /** The `known` people by number, indexed again when their list has grown. */
  private knownPerson(personNumber: string): SimPerson | undefined {
    const list = this.known();
    if (list.length !== this.knownIndex.size) this.knownIndex = { size: list.length, byNumber: new Map(list.map((p) => [p.personNumber, p])) };
    return this.knownIndex.byNumber.get(personNumber);
  }

  /** Every person added or known (not synthetic ones), e.g. to find one by name. */
  allPersons(): SimPerson[] {
    const out = new Map(this.known().map((p) => [p.personNumber, p]));
    for (const [n, p] of this.persons) out.set(n, p);
    return [...out.values()];
  }

  /** A stored person, else a known one, else (with synthesize) the synthetic one for a valid number. */
  person(personNumber: string): SimPerson | undefined {
    const stored = this.persons.get(personNumber) ?? this.knownPerson(personNumber);
    if (stored) return stored;
    if (!this.synthesize || this.documents.has(personNumber)) return undefined;
    return synthesizePerson(personNumber, this.rates, this.now(), this.seed) ?? undefined;
  }

  /** Only the persons added (not synthetic ones): relations are looked up here. */
  storedPerson(personNumber: string): SimPerson | undefined {
    return this.persons.get(personNumber) ?? this.knownPerson(personNumber);
  }

  document(personNumber: string): Record<string, unknown> | undefined {
    return this.documents.get(personNumber);
  }

  /** The KRR entry for a number; undefined: IKKE_REGISTRERT. */
  krr(personNumber: string): SimKrr | undefined {
    if (this.krrOnly.has(personNumber)) return this.krrOnly.get(personNumber) ?? undefined;
    return this.person(personNumber)?.krr;
  }

  resetCalls(): void {
    this.calls.freg = 0;
    this.calls.krr = 0;
    this.calls.krrPersons = 0;
  }
}
