import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MASK, maskHandoverDocument } from '../../electron/core/designer/masked-document';
import { SAMPLE_APPLICANT_FNR, SAMPLE_SUBJECT_FNR, sampleHandoverDocument } from '../../electron/core/designer/sample-document';
import { isValidFodselsnummer } from '../../electron/core/fodselsnummer';
import { parseProfile, type ServiceProfile } from '../../electron/core/profiles/profile.schema';

/** #15 item 7: what the mapping preview runs over when it is not a case the user may see. */

function profile(id: string): ServiceProfile {
  const r = parseProfile(JSON.parse(fs.readFileSync(path.resolve(__dirname, `../../resources/profiles/${id}/profile.json`), 'utf8')));
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.profile;
}
const municipality = { name: 'Testkommune', orgNumber: '123456789' };

describe('sample hand-over document', () => {
  it('is the same every time, fills every field and list from the examples, and carries valid fødselsnumre', () => {
    const p = profile('permisjon-skole');
    const a = sampleHandoverDocument(p, 'visma-flyt-skole', { decided: true, municipality });
    expect(sampleHandoverDocument(p, 'visma-flyt-skole', { decided: true, municipality })).toEqual(a);
    expect(isValidFodselsnummer(SAMPLE_APPLICANT_FNR)).toBe(true);
    expect(isValidFodselsnummer(SAMPLE_SUBJECT_FNR)).toBe(true);
    expect(Object.keys(a.form).sort()).toEqual(Object.keys(p.fields).sort());
    expect(Object.values(a.form).every((v) => typeof v === 'string' && v.length > 0)).toBe(true);
    expect(a.form.school).toBe(p.fields.school!.examples![0]);
    expect(a.applicant).toMatchObject({ name: 'Kari Nordmann', personNumber: SAMPLE_APPLICANT_FNR, birthDate: '1988-05-12' });
    expect(a.lists.children).toEqual([expect.objectContaining({ name: 'Ola Nordmann', personNumber: SAMPLE_SUBJECT_FNR })]);
    expect(a.subjects).toEqual([{ name: 'Ola Nordmann', personNumber: SAMPLE_SUBJECT_FNR, birthDate: '2020-03-14' }]);
    expect(a.period).toEqual({ from: '2026-08-17', to: '2026-08-21' });
    expect(a.decision).toMatchObject({ outcome: 'innvilget' });
    expect(sampleHandoverDocument(p, 'x', { decided: false, municipality }).decision).toBeNull();
  });
});

describe('masked hand-over document', () => {
  it('masks the persons and the personal fields, keeps the shape and the rest', () => {
    const p = profile('permisjon-skole');
    const m = maskHandoverDocument(sampleHandoverDocument(p, 't', { decided: true, municipality }), p);
    expect(m.applicant).toEqual({ name: MASK, personNumber: MASK, birthDate: MASK, address: { street: MASK, postalCode: MASK, postalPlace: MASK }, email: MASK, phone: MASK });
    expect(m.subjects).toEqual([{ name: MASK, personNumber: MASK, birthDate: MASK }]);
    expect(m.lists.children![0]).toMatchObject({ name: MASK, personNumber: MASK, grade: '1' });
    expect(m.form.school).toBe(p.fields.school!.examples![0]);
    expect(m.decision).toMatchObject({ outcome: 'innvilget', grounds: MASK });
    expect(JSON.stringify(m)).not.toContain(SAMPLE_APPLICANT_FNR);
  });

  it('masks every form value of a screened service', () => {
    const p = profile('helse-omsorg');
    expect(p.access.group).toBeTruthy();
    const m = maskHandoverDocument(sampleHandoverDocument(p, 'gerica', { decided: false, municipality }), p);
    expect(Object.values(m.form).every((v) => v === MASK || v === null)).toBe(true);
  });
});
