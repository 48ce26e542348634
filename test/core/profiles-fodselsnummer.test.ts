import { describe, expect, it } from 'vitest';
import { ageOn, fnrCheckDigits, generateFodselsnummer, isValidFodselsnummer, parseFodselsnummer } from '../../electron/core/fodselsnummer';

// Check digits computed independently (by hand / another implementation) for these dates.
const VALID = {
  male1970: '01017012343', // 01.01.1970, individnummer 123
  female1985: '15038545660', // 15.03.1985, individnummer 456
  male1999HighSeries: '24129998713', // 24.12.1999, individnummer 987 (900–999 series, 1940–1999)
  male2009: '31120950153', // 31.12.2009, individnummer 501 (500–999 series, 2000–2039)
  leapDay2000: '29020051386',
  dNumber: '45017012383', // D-nummer: day + 40 → 05.01.1970
  synthetic: '01817012309', // Tenor test number: month + 80
};

describe('fødselsnummer', () => {
  it('accepts valid numbers and reads birth date, sex and century', () => {
    expect(parseFodselsnummer(VALID.male1970)).toEqual({ kind: 'fodselsnummer', birthDate: '1970-01-01', sex: 'male', synthetic: false });
    expect(parseFodselsnummer(VALID.female1985)).toMatchObject({ birthDate: '1985-03-15', sex: 'female' });
    expect(parseFodselsnummer(VALID.male1999HighSeries)).toMatchObject({ birthDate: '1999-12-24', sex: 'male' });
    expect(parseFodselsnummer(VALID.male2009)).toMatchObject({ birthDate: '2009-12-31', sex: 'male' });
    expect(parseFodselsnummer(VALID.leapDay2000)).toMatchObject({ birthDate: '2000-02-29' });
  });

  it('refuses a wrong first check digit, a wrong second one, and each single-digit change', () => {
    const v = VALID.male1970;
    expect(isValidFodselsnummer(`${v.slice(0, 9)}${(Number(v[9]) + 1) % 10}${v[10]}`)).toBe(false);
    expect(isValidFodselsnummer(`${v.slice(0, 10)}${(Number(v[10]) + 1) % 10}`)).toBe(false);
    for (let i = 0; i < 11; i++) {
      const changed = `${v.slice(0, i)}${(Number(v[i]) + 3) % 10}${v.slice(i + 1)}`;
      expect(isValidFodselsnummer(changed), changed).toBe(false);
    }
  });

  it('refuses impossible dates even with matching check digits, and malformed input', () => {
    expect(fnrCheckDigits('300285124')).toEqual([1, 0]);
    expect(isValidFodselsnummer('30028512410')).toBe(false); // 30 February
    for (const bad of ['', '0101701234', '010170123433', '0101701234a', '01017012343 ', '00000000000']) {
      expect(isValidFodselsnummer(bad), bad).toBe(false);
    }
  });

  it('knows D-numbers and Tenor test numbers, under options', () => {
    expect(parseFodselsnummer(VALID.dNumber)).toMatchObject({ kind: 'd-nummer', birthDate: '1970-01-05' });
    expect(isValidFodselsnummer(VALID.dNumber, { allowDNumber: false })).toBe(false);
    expect(isValidFodselsnummer(VALID.synthetic)).toBe(false);
    expect(parseFodselsnummer(VALID.synthetic, { allowSynthetic: true })).toMatchObject({ synthetic: true, birthDate: '1970-01-01' });
  });

  it('says when nine digits admit no check digit (remainder gives 10)', () => {
    expect(fnrCheckDigits('290200512')).toBeNull();
    expect(fnrCheckDigits('12345678')).toBeNull();
  });

  it('generates valid numbers for the given birth date and sex, across centuries', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    for (const date of ['1925-06-30', '1940-01-01', '1979-11-11', '1999-12-31', '2000-01-01', '2016-02-29', '2025-08-15']) {
      for (const sex of ['female', 'male'] as const) {
        for (let i = 0; i < 20; i++) {
          const fnr = generateFodselsnummer(date, sex, random);
          expect(parseFodselsnummer(fnr), fnr).toMatchObject({ birthDate: date, sex, kind: 'fodselsnummer' });
        }
      }
    }
    expect(() => generateFodselsnummer('2001-02-29', 'male', random)).toThrow(/Ugyldig/);
  });

  it('counts age in whole years', () => {
    expect(ageOn('2010-05-17', '2026-05-16')).toBe(15);
    expect(ageOn('2010-05-17', '2026-05-17')).toBe(16);
    expect(ageOn('1950-12-31', '2026-01-01')).toBe(75);
  });
});
