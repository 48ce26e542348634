import { describe, expect, it } from 'vitest';
import { mayActOnReply } from '../../electron/core/desk/access-policy';
import { applicationPersons, isPersonNumber, maskIfPersonNumber, maskPersonNumber, personsNamedInLists } from '../../electron/core/fodselsnummer';
import { checkNamedChildren } from '../../electron/core/registers/parental-responsibility';

const KARI = '01017012345';
const OLA = '15061812345';
const STRANGER = '16061812345';
const SIBLING = '17061812345';

describe('persons in a form', () => {
  it('knows an identity number by its shape and masks it for display', () => {
    expect(isPersonNumber(KARI)).toBe(true);
    expect(isPersonNumber('0101701234')).toBe(false);
    expect(isPersonNumber(null)).toBe(false);
    expect(maskPersonNumber(KARI)).toBe('010170*****');
    expect(maskPersonNumber('123')).toBe('*****');
    expect(maskPersonNumber(null)).toBeNull();
    expect(maskIfPersonNumber(` ${KARI} `)).toBe('010170*****');
    expect(maskIfPersonNumber('Storgata 1')).toBe('Storgata 1');
  });

  it('finds each person the lists name once, and the applicant behind an application', () => {
    const lists = { children: [{ name: 'Ola', personNumber: OLA }, { name: 'Ola igjen', personNumber: OLA }], other: [{ id: STRANGER, note: null }] };
    expect(personsNamedInLists({ lists })).toEqual([OLA, STRANGER]);
    expect(personsNamedInLists(null)).toEqual([]);
    expect(applicationPersons({ personNumber: KARI }, { applicant: { name: 'Kari', personNumber: KARI } }, 20)).toEqual([KARI]);
    expect(applicationPersons({ personNumber: null }, { applicant: { name: 'Kari', personNumber: 'ukjent' } }, 20)).toEqual([]);
  });
});

describe('the parental-responsibility check', () => {
  it('marks the named children Folkeregisteret gives the applicant, and names those it does not', () => {
    const applicant = { personNumber: KARI, facts: { children: [{ personNumber: OLA, name: null, birthDate: null }, { personNumber: SIBLING, name: 'Siv', birthDate: '2019-01-01' }] } };
    const known = (n: string) => (n === OLA ? { name: 'Ola Nordmann', birthDate: '2018-06-15' } : undefined);
    expect(checkNamedChildren(applicant, [KARI, OLA, STRANGER], known)).toEqual({
      children: [
        { personNumber: OLA, name: 'Ola Nordmann', birthDate: '2018-06-15', inApplication: true },
        { personNumber: SIBLING, name: 'Siv', birthDate: '2019-01-01', inApplication: false },
      ],
      notChildren: [STRANGER],
    });
  });
});

describe('who may act on a reply', () => {
  it('caseworkers and leaders; an archivist or IT admin only looks', () => {
    const user = (roles: ('saksbehandler' | 'leder' | 'arkivar' | 'it-admin')[]) => ({ account: 'a', name: 'A', roles, groups: [] });
    expect(mayActOnReply(user(['saksbehandler']))).toBe(true);
    expect(mayActOnReply(user(['leder']))).toBe(true);
    expect(mayActOnReply(user(['arkivar', 'it-admin']))).toBe(false);
  });
});
