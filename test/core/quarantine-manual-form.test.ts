// #13 item 13: registering a quarantined submission by hand maps the typed fields exactly as a received form is mapped.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateFodselsnummer } from '../../electron/core/fodselsnummer';
import { parseProfile } from '../../electron/core/profiles';
import { formFromTyped, manualFields } from '../../electron/core/quarantine/manual-form';
import { mayHandleQuarantine, QUARANTINE_HANDLER_ROLES } from '../../electron/core/quarantine/quarantine.service';
import { QUARANTINE_HANDLERS } from '../../electron/ipc/roles';

const profile = (() => {
  const r = parseProfile(JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../resources/profiles/barnehageplass/profile.json'), 'utf8')));
  if (!r.ok) throw new Error('profile');
  return r.profile;
})();
const FNR = generateFodselsnummer('1985-04-12', 'female', () => 0.42);

describe('#13 item 13: the form typed from the PDF', () => {
  it('lists the profile’s fields with labels, the applicant’s name and fødselsnummer required, list fields by list', () => {
    const m = manualFields(profile);
    expect(m.fields.filter((f) => f.required).map((f) => f.key)).toEqual(['applicantName', 'applicantPersonNumber']);
    expect(m.fields.find((f) => f.list === 'children' && f.key === 'name')).toMatchObject({ label: expect.any(String), type: 'text' });
    expect(m.lists).toEqual([{ key: 'children', label: expect.any(String) }]);
  });

  it('maps the typed values through the profile: applicant, address, lists, period, and the title from its template', () => {
    const r = formFromTyped(profile, {
      fields: { applicantName: 'Kari Nordmann', applicantPersonNumber: FNR, applicantStreet: 'Storgata 1', applicantPostalCode: '0155', applicantPostalPlace: 'OSLO', desiredStart: '2026-08-01', firstChoice: 'Solstrålen' },
      lists: { children: [{ name: 'Ola Nordmann' }, { name: 'Per Nordmann' }, { name: '' }] },
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.form.applicant).toEqual({ name: 'Kari Nordmann', personNumber: FNR, address: { street: 'Storgata 1', postalCode: '0155', postalPlace: 'OSLO' } });
    expect(r.form.lists.children!.map((c) => c.name)).toEqual(['Ola Nordmann', 'Per Nordmann']);
    expect(r.form.period).toEqual({ from: '2026-08-01', to: null });
    expect(r.form.title).toBe('Søknad om barnehageplass – Ola Nordmann og Per Nordmann – Solstrålen');
    expect(r.form.titlePublic).not.toContain('Ola');
  });

  it('refuses what is missing or malformed, naming each field', () => {
    const r = formFromTyped(profile, { fields: { applicantPersonNumber: '12345678901', desiredStart: '1. august', bogus: 'x' }, lists: {} });
    expect(r).toEqual({
      ok: false,
      problems: expect.arrayContaining(['Ukjent felt «bogus».', '«Fødselsnummer» er ikke et gyldig fødselsnummer.', expect.stringMatching(/må være en dato/), '«Navn» må fylles ut.']),
    });
  });

  it('caseworkers, leaders and archivists handle quarantine, as the contract declares; IT does not', () => {
    expect([...QUARANTINE_HANDLER_ROLES]).toEqual([...QUARANTINE_HANDLERS]);
    expect(mayHandleQuarantine({ account: 'a', name: 'A', roles: ['arkivar'], groups: [] })).toBe(true);
    expect(mayHandleQuarantine({ account: 'i', name: 'I', roles: ['it-admin'], groups: [] })).toBe(false);
  });
});
