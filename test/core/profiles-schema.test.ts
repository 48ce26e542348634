import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formMergeFields, parseProfile, type ServiceProfileInput } from '../../electron/core/profiles/profile.schema';
import { parseTemplate, renderTemplate, tidyTitle } from '../../electron/core/profiles/merge-template';

const DIR = path.resolve(__dirname, '../../resources/profiles');
const IDS = ['permisjon-skole', 'barnehageplass', 'sfo-plass', 'helse-omsorg', 'samtykke-bading'];
const read = (id: string): ServiceProfileInput => JSON.parse(fs.readFileSync(path.join(DIR, id, 'profile.json'), 'utf8')) as ServiceProfileInput;
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

const issuesOf = (raw: unknown) => {
  const r = parseProfile(raw);
  if (r.ok) throw new Error('expected issues');
  return r.issues;
};

describe('profile schema', () => {
  it('accepts every shipped profile', () => {
    for (const id of IDS) {
      const r = parseProfile(read(id));
      expect(r.ok ? 'ok' : r.issues, id).toBe('ok');
    }
  });

  it('names the key of a structural error, in Norwegian', () => {
    const p = clone(read('permisjon-skole')) as Record<string, unknown> & { fields: Record<string, Record<string, unknown>> };
    p.fields.school!.type = 'textt';
    p.version = 0;
    (p.fields.reason as Record<string, unknown>).requried = true;
    const keys = issuesOf(p).map((i) => i.key);
    expect(keys).toContain('fields.school.type');
    expect(keys).toContain('version');
    expect(keys).toContain('fields.reason.requried');
    expect(issuesOf(p).find((i) => i.key === 'fields.reason.requried')?.message).toMatch(/ukjent nøkkel/);
  });

  it('checks the cross-references: roles → fields of the right type, lists, merge fields', () => {
    const p = clone(read('permisjon-skole'));
    p.roles.applicant.personNumber = 'applicantName';
    p.roles.subjects!.list = 'kids';
    p.roles.title = 'Søknad – {children.nmae} – {schol|screened}';
    p.reply.templates.innvilget.body = 'Hei {applicant.name}, {decision.grounds} {decision.bogus}';
    p.archive.ordningsverdi = '{applicant.personNumber|upper}';
    const issues = issuesOf(p);
    const by = (key: string) => issues.filter((i) => i.key === key).map((i) => i.message);
    expect(by('roles.applicant.personNumber')[0]).toMatch(/type text, forventet fnr/);
    expect(by('roles.subjects.list')[0]).toMatch(/«kids» finnes ikke/);
    expect(by('roles.title')).toEqual(expect.arrayContaining([expect.stringMatching(/\{children\.nmae\}/), expect.stringMatching(/\{schol\}/)]));
    expect(by('reply.templates.innvilget.body')).toEqual([expect.stringMatching(/\{decision\.bogus\}/)]);
    expect(by('archive.ordningsverdi')[0]).toMatch(/ukjent modifikator «upper»/);
  });

  it('refuses a screened archive whose title screens nothing, reserved keys and a manual route without a task', () => {
    const p = clone(read('permisjon-skole'));
    p.roles.title = 'Søknad om permisjon – {school}';
    p.routing = { target: 'manual' };
    (p.fields as Record<string, unknown>).applicant = clone(p.fields.school);
    const keys = issuesOf(p).map((i) => i.key);
    expect(keys).toEqual(expect.arrayContaining(['roles.title', 'routing.manualTask', 'fields.applicant']));
  });

  it('checks rule conditions against the facts the profile has', () => {
    const p = clone(read('permisjon-skole'));
    p.rules!.recommendations[0]!.when = [
      { fact: 'period.schoolDays', op: 'lte' },
      { fact: 'reasn', op: 'present' },
      { fact: 'children.count', op: 'in', value: 2 },
    ];
    const keys = issuesOf(p).map((i) => i.key);
    expect(keys).toEqual(
      expect.arrayContaining(['rules.recommendations.0.when.0.value', 'rules.recommendations.0.when.1.fact', 'rules.recommendations.0.when.2.value']),
    );
  });

  it('fills defaults, so a minimal profile gets a 10-day paper fallback and no attachments', () => {
    const p = clone(read('sfo-plass'));
    delete (p as Partial<ServiceProfileInput>).access;
    const r = parseProfile(p);
    expect(r.ok && r.profile.reply.fallback).toEqual({ deadlineDays: 10, businessDays: false });
    expect(r.ok && r.profile.access).toEqual({});
    expect(r.ok && r.profile.attachments).toEqual([]);
  });

  it('lists the merge fields a form template may use', () => {
    const r = parseProfile(read('permisjon-skole'));
    if (!r.ok) throw new Error('bad');
    const refs = formMergeFields(r.profile);
    for (const ref of ['school', 'children.count', 'children.name', 'applicant.name', 'subjects.names', 'period.from', 'service.name']) expect(refs.has(ref), ref).toBe(true);
    expect(refs.has('decision.grounds')).toBe(false);
  });
});

describe('merge templates', () => {
  const values: Record<string, string> = { 'applicant.name': 'Kari Nordmann', school: 'Nordby skole', 'period.from': '2026-05-04' };
  const lookup = (ref: string) => values[ref] ?? null;

  it('renders fields, masks screened ones in the public rendering, formats dates', () => {
    const t = 'Søknad – {applicant.name|screened} – {school} fra {period.from|date}';
    expect(renderTemplate(t, lookup)).toBe('Søknad – Kari Nordmann – Nordby skole fra 04.05.2026');
    expect(renderTemplate(t, lookup, { public: true })).toBe('Søknad – ***** – Nordby skole fra 04.05.2026');
  });

  it('keeps literal braces, reports syntax errors, tidies dangling separators', () => {
    expect(renderTemplate('{{ikke felt}} {school}', lookup)).toBe('{ikke felt} Nordby skole');
    expect(parseTemplate('Søknad {school').ok).toBe(false);
    expect(parseTemplate('Søknad school}').ok).toBe(false);
    expect(parseTemplate('{ }').ok).toBe(false);
    expect(tidyTitle('Søknad –  – Nordby skole – ')).toBe('Søknad – Nordby skole');
    expect(tidyTitle('Søknad om plass – Jens-Petter Ås')).toBe('Søknad om plass – Jens-Petter Ås');
  });
});
