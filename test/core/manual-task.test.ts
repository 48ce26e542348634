import { describe, expect, it } from 'vitest';
import { fieldsFromPayload, readablePath } from '../../electron/core/routing/manual-task';
import type { ServiceProfile } from '../../electron/core/profiles/profile.schema';
import type { MappedForm } from '../../electron/core/profiles/profile.types';

const profile = { fields: {}, lists: {} } as unknown as ServiceProfile;

describe('a manual hand-over task names the target’s fields readably (#15 item 4)', () => {
  it('turns a mapping path into words: list items numbered, camelCase split, attributes and text nodes plain', () => {
    expect(readablePath('barn[1].fodselsnummer')).toBe('Barn 1 › Fodselsnummer');
    expect(readablePath('Soknad.OnsketOppstart')).toBe('Soknad › Onsket oppstart');
    expect(readablePath('Barnehager.Barnehage[2].@prioritet')).toBe('Barnehager › Barnehage 2 › Prioritet');
    expect(readablePath('Barnehager.Barnehage[2].#text')).toBe('Barnehager › Barnehage 2');
    expect(readablePath('')).toBe('Verdi');
  });

  it('leaves out XML namespace declarations and hides fødselsnumre until asked', () => {
    const fields = fieldsFromPayload({ Soknad: { '@xmlns': 'urn:ist:barnehage:soknad:1', Foresatt: { Fodselsnummer: '01017012345', Navn: 'Kari' } } }, profile, null, false);
    expect(fields).toEqual([
      { label: 'Soknad › Foresatt › Fodselsnummer', value: '01017012345', sensitive: true },
      { label: 'Soknad › Foresatt › Navn', value: 'Kari', sensitive: false },
    ]);
  });

  it('a screened service hides what the application says, not the case number or the target’s own codes', () => {
    const form = {
      applicant: { name: 'Hans Helse', personNumber: '01017012345' },
      title: 't',
      titlePublic: 't',
      fields: { description: 'Trenger hjelp etter hoftebrudd' },
      lists: {},
    } as unknown as MappedForm;
    const fields = fieldsFromPayload({ saksnummer: '2026/12', tjeneste: 'HJSP', beskrivelse: 'Trenger hjelp etter hoftebrudd', pasient: { navn: 'Hans Helse' } }, profile, form, true);
    expect(fields.map((f) => [f.label, f.sensitive])).toEqual([
      ['Saksnummer', false],
      ['Tjeneste', false],
      ['Beskrivelse', true],
      ['Pasient › Navn', true],
    ]);
  });
});
