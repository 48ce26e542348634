/**
 * Norwegian national identity numbers (fødselsnummer, D-nummer): DDMMYY + individnummer (3)
 * + two mod-11 check digits. Personal data: never log a value, only whether it is valid.
 */

import type { MappedForm } from './profiles/profile.types';

const W1 = [3, 7, 6, 1, 8, 9, 4, 5, 2] as const;
const W2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2] as const;

export type FnrKind = 'fodselsnummer' | 'd-nummer';

export interface FnrInfo {
  kind: FnrKind;
  /** ISO date (YYYY-MM-DD). */
  birthDate: string;
  /** The third individual digit: odd = male, even = female. */
  sex: 'female' | 'male';
  /** Skatteetaten's Tenor test numbers (month + 80), used in Altinn's test environment (TT02). */
  synthetic: boolean;
}

export interface FnrOptions {
  /** D-numbers (day + 40) belong to people without a fødselsnummer; accepted unless false. */
  allowDNumber?: boolean;
  /** Tenor test numbers (month + 80); refused unless true. */
  allowSynthetic?: boolean;
}

/** The shape of an identity number: eleven digits. Whether it is a valid one is `parseFodselsnummer`'s question. */
export const PERSON_NUMBER = /^\d{11}$/;

/** Eleven digits: what the application treats as a person (search, forms, lookups). */
export const isPersonNumber = (value: string | null | undefined): value is string => !!value && PERSON_NUMBER.test(value);

/** For display: the birth date and five stars; a value of another shape shows as stars only. */
export const maskPersonNumber = (value: string | null): string | null =>
  value && value.length === 11 ? `${value.slice(0, 6)}*****` : value ? '*****' : null;

/** A form value that is an identity number (anywhere in the form) is masked for display; others pass. */
export const maskIfPersonNumber = (value: string | null): string | null => (value && isPersonNumber(value.trim()) ? maskPersonNumber(value.trim()) : value);

/** Every person an application's lists name (the children of a kindergarten application, …), each once. */
export function personsNamedInLists(form: Pick<MappedForm, 'lists'> | null): string[] {
  const rows = Object.values(form?.lists ?? {}).flat();
  return [...new Set(rows.flatMap((r) => Object.values(r).filter(isPersonNumber)))];
}

/** The people behind an application: the reportee and the form's applicant, each once, at most `max`. */
export function applicationPersons(reportee: { personNumber: string | null } | undefined, form: Pick<MappedForm, 'applicant'> | null, max: number): string[] {
  const candidates = [reportee?.personNumber, form?.applicant?.personNumber];
  return [...new Set(candidates.filter(isPersonNumber))].slice(0, max);
}

function checkDigit(digits: readonly number[], weights: readonly number[]): number | null {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += digits[i]! * weights[i]!;
  const k = 11 - (sum % 11);
  if (k === 11) return 0;
  return k === 10 ? null : k;
}

/** Both check digits for the first nine digits, or null when the nine digits admit none (k = 10). */
export function fnrCheckDigits(first9: string): [number, number] | null {
  if (!/^\d{9}$/.test(first9)) return null;
  const d = [...first9].map(Number);
  const k1 = checkDigit(d, W1);
  if (k1 === null) return null;
  const k2 = checkDigit([...d, k1], W2);
  return k2 === null ? null : [k1, k2];
}

/** The century from the individual number (Skatteetaten's allocation rules). */
function fullYear(yy: number, individ: number): number | null {
  if (individ <= 499) return 1900 + yy;
  if (individ <= 749 && yy >= 54) return 1800 + yy;
  if (individ >= 500 && yy <= 39) return 2000 + yy;
  if (individ >= 900 && yy >= 40) return 1900 + yy;
  return null;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** Reads an identity number; null when it is not a valid one under the options. */
export function parseFodselsnummer(value: string, options: FnrOptions = {}): FnrInfo | null {
  if (!PERSON_NUMBER.test(value)) return null;
  const checks = fnrCheckDigits(value.slice(0, 9));
  if (!checks || checks[0] !== Number(value[9]) || checks[1] !== Number(value[10])) return null;
  let day = Number(value.slice(0, 2));
  let month = Number(value.slice(2, 4));
  const yy = Number(value.slice(4, 6));
  const individ = Number(value.slice(6, 9));
  let kind: FnrKind = 'fodselsnummer';
  let synthetic = false;
  if (day > 40) {
    if (options.allowDNumber === false) return null;
    kind = 'd-nummer';
    day -= 40;
  }
  if (month > 80) {
    if (!options.allowSynthetic) return null;
    synthetic = true;
    month -= 80;
  }
  const year = fullYear(yy, individ);
  if (year === null || !isRealDate(year, month, day)) return null;
  return {
    kind,
    birthDate: `${year}-${pad2(month)}-${pad2(day)}`,
    sex: Number(value[8]) % 2 === 1 ? 'male' : 'female',
    synthetic,
  };
}

export const isValidFodselsnummer = (value: string, options?: FnrOptions): boolean =>
  parseFodselsnummer(value, options) !== null;

/** Individual-number ranges that give this year its century. */
function individRange(year: number): [number, number] {
  if (year >= 2000 && year <= 2039) return [500, 999];
  if (year >= 1900 && year <= 1999) return [0, 499];
  if (year >= 1854 && year <= 1899) return [500, 749];
  throw new RangeError(`Ingen fødselsnummerserie for år ${year}`);
}

/**
 * A valid fødselsnummer for the birth date and sex. `random` returns [0, 1); retries
 * individual numbers until both check digits exist (about 1 in 3 is rejected).
 */
export function generateFodselsnummer(birthDate: string, sex: 'female' | 'male', random: () => number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!m || !isRealDate(Number(m[1]), Number(m[2]), Number(m[3]))) throw new RangeError(`Ugyldig fødselsdato: ${birthDate}`);
  const year = Number(m[1]);
  const [lo, hi] = individRange(year);
  const prefix = `${m[3]}${m[2]}${m[1]!.slice(2)}`;
  for (let attempt = 0; attempt < 1000; attempt++) {
    let individ = lo + Math.floor(random() * (hi - lo + 1));
    if ((individ % 2 === 1) !== (sex === 'male')) individ = individ === hi ? individ - 1 : individ + 1;
    const first9 = prefix + String(individ).padStart(3, '0');
    const checks = fnrCheckDigits(first9);
    if (checks) return `${first9}${checks[0]}${checks[1]}`;
  }
  throw new Error('Fant ikke gyldig individnummer');
}

/** Whole years from birthDate to the date `on` (both ISO dates). */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
