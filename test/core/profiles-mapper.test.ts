import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mapForm, mergeLookup, selectAll } from '../../electron/core/profiles/field-mapper';
import { parseProfile, type ServiceProfile } from '../../electron/core/profiles/profile.schema';
import { ruleFactValues } from '../../electron/core/profiles/rule-evaluator';
import { evaluateRules } from '../../electron/core/rules/rules-engine';
import type { XmlElement } from '../../electron/core/profiles/xml-tree';

const load = (id: string): ServiceProfile => {
  const r = parseProfile(JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../resources/profiles', id, 'profile.json'), 'utf8')));
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.profile;
};

/** el('Navn', 'Kari') or el('Innsender', [children]) */
const el = (name: string, content: string | XmlElement[] = ''): XmlElement =>
  typeof content === 'string' ? { name, attributes: {}, children: [], text: content } : { name, attributes: {}, children: content, text: '\n  ' };

const child = (name: string, fnr: string, grade: string) => el('Barn', [el('Navn', name), el('Fodselsnummer', fnr), el('Trinn', grade)]);

function permisjonForm(opts: { children?: XmlElement[]; from?: string; to?: string; reason?: string } = {}): XmlElement {
  return {
    ...el('PermisjonSoknad', [
      el('Innsender', [
        el('Navn', '  Kari   Nordmann '),
        el('Fodselsnummer', '010170 12343'),
        el('Adresse', [el('Gateadresse', 'Storgata 1'), el('Postnummer', '0155'), el('Poststed', 'Oslo')]),
        el('Mobil', '98765432'),
      ]),
      el('Barna', opts.children ?? [child('Ola Nordmann', '31120950153', '8'), child('Per Nordmann', '29020051386', '3')]),
      el('Skole', 'Nordby skole'),
      el('Periode', [el('FraDato', opts.from ?? '2026-05-04+02:00'), el('TilDato', opts.to ?? '2026-05-08')]),
      el('Aarsak', opts.reason ?? 'Bryllup i familien.\r\nReiser fredag.'),
    ]),
    namespace: 'urn:no:kommune:skjema:permisjon-skole:v1',
  };
}

describe('field mapper', () => {
  const profile = load('permisjon-skole');

  it('maps applicant, fields, several children and the period', () => {
    const form = mapForm(permisjonForm(), profile);
    expect(form.applicant).toEqual({
      name: 'Kari Nordmann',
      personNumber: '01017012343',
      address: { street: 'Storgata 1', postalCode: '0155', postalPlace: 'Oslo' },
      phone: '98765432',
    });
    expect(form.lists.children).toEqual([
      { name: 'Ola Nordmann', personNumber: '31120950153', grade: '8' },
      { name: 'Per Nordmann', personNumber: '29020051386', grade: '3' },
    ]);
    expect(form.fields).toMatchObject({ school: 'Nordby skole', periodFrom: '2026-05-04', periodTo: '2026-05-08', applicantEmail: null, comment: null });
    expect(form.fields.reason).toBe('Bryllup i familien.\nReiser fredag.');
    expect(form.period).toEqual({ from: '2026-05-04', to: '2026-05-08' });
  });

  it('builds the title and the public title with screened parts masked', () => {
    const form = mapForm(permisjonForm(), profile);
    expect(form.title).toBe('Søknad om permisjon fra undervisning – Ola Nordmann og Per Nordmann – Nordby skole');
    expect(form.titlePublic).toBe('Søknad om permisjon fra undervisning – ***** – Nordby skole');
    expect(form.titlePublic).not.toMatch(/Nordmann/);
  });

  it('ignores namespace prefixes in profile paths and finds nothing where nothing is', () => {
    const root = permisjonForm();
    expect(selectAll(root, 'p:Barna/p:Barn')).toHaveLength(2);
    expect(selectAll(root, 'Barna/Elev')).toEqual([]);
    const form = mapForm(permisjonForm({ children: [] }), profile);
    expect(form.lists.children).toEqual([]);
    expect(form.title).toBe('Søknad om permisjon fra undervisning – Nordby skole');
  });

  it('resolves merge fields for letters, with extra values', () => {
    const form = mapForm(permisjonForm(), profile);
    const lookup = mergeLookup(profile, form, { 'decision.grounds': 'Kort permisjon.' });
    expect(lookup('children.count')).toBe('2');
    expect(lookup('subjects.names')).toBe('Ola Nordmann og Per Nordmann');
    expect(lookup('applicant.address')).toBe('Storgata 1, 0155 Oslo');
    expect(lookup('decision.grounds')).toBe('Kort permisjon.');
    expect(lookup('service.name')).toBe('Søknad om permisjon fra undervisning');
    expect(lookup('constructor')).toBeNull();
  });

  it('normalises booleans', () => {
    const bading = load('samtykke-bading');
    const root = permisjonForm({ children: [el('Barn', [el('Navn', 'Ola'), el('Fodselsnummer', '31120950153'), el('KanSvomme', '1')])] });
    root.name = 'SamtykkeBading';
    root.children[4] = el('Samtykke', 'true');
    const form = mapForm(root, bading);
    expect(form.fields.consent).toBe('true');
    expect(form.lists.children?.[0]?.canSwim).toBe('true');
  });
});

describe('rule recommendations', () => {
  const profile = load('permisjon-skole');
  // the engine's own tests (history, school years, reasons word for word) are in rules.test.ts
  const recommend = (p: ServiceProfile, form: ReturnType<typeof mapForm>) => evaluateRules(p, p.rules!, form, []);

  it('recommends innvilget for a leave within the limit with a reason, with the reasons filled in', async () => {
    const form = mapForm(permisjonForm({ from: '2026-05-04', to: '2026-05-15' }), profile); // Mon–Fri two weeks: 10 school days
    expect(ruleFactValues(profile, form)['period.schoolDays']).toBe('10');
    expect(ruleFactValues(profile, form)['period.days']).toBe('12');
    const r = await recommend(profile, form);
    expect(r).toMatchObject({ ruleId: 'innenfor-grensen', recommended: 'innvilget' });
    expect(r.reasons.nb[0]).toMatch(/gjelder 10 skoledager/);
  });

  it('recommends a person (manuell) for a longer leave, a missing reason or a period that ends before it starts', async () => {
    expect((await recommend(profile, mapForm(permisjonForm({ from: '2026-05-04', to: '2026-05-18' }), profile))).recommended).toBe('manuell'); // 11 school days
    expect((await recommend(profile, mapForm(permisjonForm({ reason: '   ' }), profile))).recommended).toBe('manuell');
    expect((await recommend(profile, mapForm(permisjonForm({ from: '2026-05-08', to: '2026-05-04' }), profile))).recommended).toBe('manuell');
  });

  it('compares values with eq for the health profile', async () => {
    const helse = load('helse-omsorg');
    const form = (service: string) =>
      mapForm(
        el('HelseOmsorgSoknad', [
          el('Soker', [el('Navn', 'Astrid'), el('Fodselsnummer', '01017012343')]),
          el('Tjeneste', service),
          el('Beskrivelse', 'Falt hjemme.'),
          el('OnsketOppstart', '2026-02-01'),
          el('SamtykkeInnhenting', 'true'),
        ]),
        helse,
      );
    expect((await recommend(helse, form('trygghetsalarm'))).recommended).toBe('innvilget');
    expect((await recommend(helse, form('rehabilitering'))).recommended).toBe('manuell');
    expect(form('rehabilitering').titlePublic).toBe('Søknad om helse- og omsorgstjenester – rehabilitering – *****');
  });
});
