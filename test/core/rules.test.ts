import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Outcome } from '../../electron/core/desk/desk.types';
import type { DecidedCase } from '../../electron/core/ports/desk-store.port';
import { parseProfile, type ServiceProfile, type ServiceProfileInput } from '../../electron/core/profiles/profile.schema';
import type { MappedForm } from '../../electron/core/profiles/profile.types';
import { automaticGrounds, createAutomaticDecisions, decidesAlone } from '../../electron/core/rules/automatic-decision';
import type { RulesDecision } from '../../electron/core/desk/desk.service';
import type { SubmissionDetail } from '../../electron/core/ports/submission-store.port';
import { evaluateRules } from '../../electron/core/rules/rules-engine';
import { AUTOMATIC_NEEDS_LEGAL_BASIS } from '../../electron/core/rules/rules.schema';
import { createRulesService, parseRulesBody } from '../../electron/core/rules/rules.service';
import { periodLength, schoolDaysBySchoolYear, schoolYearLabel, schoolYearOfDay, dayNumber } from '../../electron/core/rules/school-year';

const raw = (id: string): ServiceProfileInput => JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../resources/profiles', id, 'profile.json'), 'utf8'));
const load = (input: unknown): ServiceProfile => {
  const r = parseProfile(input);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.profile;
};
const clone = <T>(v: T): T => structuredClone(v);

const OLA = '31120950153';
const PER = '29020051386';

/** A leave application for these children (fødselsnummer), as the form mapper gives it. */
function leave(from: string, to: string, children: string[] = [OLA], reason: string | null = 'Bryllup i familien.'): MappedForm {
  return {
    applicant: { name: 'Kari Nordmann', personNumber: '01017012343' },
    title: 'Søknad om permisjon',
    titlePublic: 'Søknad om permisjon',
    fields: { applicantName: 'Kari Nordmann', applicantPersonNumber: '01017012343', school: 'Nordby skole', periodFrom: from, periodTo: to, reason, comment: null },
    lists: { children: children.map((fnr, i) => ({ name: ['Ola Nordmann', 'Per Nordmann'][i] ?? 'Barn', personNumber: fnr, grade: '3' })) },
    period: { from, to },
  };
}

/** Decided applications in memory, found by any fødselsnummer in them (as the store's case_persons does). */
function memoryHistory(profileId: string) {
  const cases: DecidedCase[] = [];
  let next = 1;
  return {
    add(form: MappedForm, outcome: Outcome, decidedAt = next * 1000): number {
      const id = next++;
      cases.push({ submissionId: id, publicId: `00000000-0000-4000-8000-${String(id).padStart(12, '0')}`, receivedAt: decidedAt - 500, outcome, decidedAt, automatic: false, form });
      return id;
    },
    nextId: () => next,
    store: {
      async decidedNaming(q: { profileId: string; personNumbers: readonly string[]; except: number; decidedBefore?: number }) {
        expect(q.profileId).toBe(profileId);
        return cases.filter((c) => c.submissionId !== q.except && c.decidedAt < (q.decidedBefore ?? Infinity) && q.personNumbers.some((n) => JSON.stringify(c.form).includes(n)));
      },
      async lastDecided(_profileId: string, limit: number) {
        return [...cases].sort((a, b) => b.decidedAt - a.decidedAt).slice(0, limit);
      },
    },
  };
}

describe('school years', () => {
  it('runs 1 August – 31 July, named by the year it starts in', () => {
    expect(schoolYearOfDay(dayNumber('2026-08-01')!)).toBe(2026);
    expect(schoolYearOfDay(dayNumber('2027-07-31')!)).toBe(2026);
    expect(schoolYearOfDay(dayNumber('2027-08-01')!)).toBe(2027);
    expect(schoolYearLabel(2026)).toBe('2026/2027');
  });

  it('counts Monday–Friday, and a period across the boundary in the year each day falls in', () => {
    expect(periodLength('2026-09-14', '2026-09-27')).toEqual({ days: 14, schoolDays: 10 });
    expect(periodLength('2026-02-30', '2026-03-02')).toBeNull();
    expect(periodLength('2026-09-18', '2026-09-14')).toBeNull();
    // Thursday 29 July – Tuesday 3 August 2027: Thu, Fri in 2026/2027; Mon, Tue in 2027/2028
    expect([...schoolDaysBySchoolYear('2027-07-29', '2027-08-03')]).toEqual([
      [2026, 2],
      [2027, 2],
    ]);
  });
});

describe('school leave across a school year (permisjon-skole)', () => {
  const profile = load(raw('permisjon-skole'));

  function school() {
    const history = memoryHistory(profile.id);
    const service = createRulesService({ profile: (id) => (id === profile.id ? profile : undefined), history: history.store });
    /** The advice for a new application; a grant is then recorded as the caseworker's decision. */
    const apply = async (form: MappedForm, decideAs?: Outcome) => {
      const advice = await service.advise(profile.id, history.nextId(), form);
      history.add(form, decideAs ?? (advice!.recommended === 'manuell' ? 'avslått' : advice!.recommended));
      return advice!;
    };
    return { history, service, apply };
  }

  it('grants 3 days, then 7 more up to the limit of 10, and sends the next day to a person, with the reasons word for word', async () => {
    const { apply } = school();

    const first = await apply(leave('2026-09-16', '2026-09-18'));
    expect(first).toMatchObject({ recommended: 'innvilget', ruleId: 'innenfor-grensen', mode: 'suggest', version: null });
    expect(first.reasons).toEqual({
      nb: ['Søknaden gjelder 3 skoledager. Barnet har fått innvilget 0 skoledager tidligere i skoleåret 2026/2027, til sammen 3 av 10 dager skolen kan innvilge.'],
      nn: ['Søknaden gjeld 3 skuledagar. Barnet har fått innvilga 0 skuledagar tidlegare i skuleåret 2026/2027, til saman 3 av 10 dagar skulen kan innvilge.'],
    });

    const second = await apply(leave('2026-10-05', '2026-10-13'));
    expect(second.recommended).toBe('innvilget');
    expect(second.reasons.nb).toEqual(['Søknaden gjelder 7 skoledager. Barnet har fått innvilget 3 skoledager tidligere i skoleåret 2026/2027, til sammen 10 av 10 dager skolen kan innvilge.']);

    const third = await apply(leave('2026-11-02', '2026-11-02'));
    expect(third).toMatchObject({ recommended: 'manuell', ruleId: 'over-grensen' });
    expect(third.reasons).toEqual({
      nb: ['Søknaden gjelder 1 skoledager. Barnet har fått innvilget 10 skoledager tidligere i skoleåret 2026/2027, til sammen 11, mer enn de 10 dagene skolen kan innvilge.', 'En saksbehandler må vurdere søknaden.'],
      nn: ['Søknaden gjeld 1 skuledagar. Barnet har fått innvilga 10 skuledagar tidlegare i skuleåret 2026/2027, til saman 11, meir enn dei 10 dagane skulen kan innvilge.', 'Ein saksbehandlar må vurdere søknaden.'],
    });
  });

  it('says what the issue says for 3 days after 5 granted', async () => {
    const { apply } = school();
    await apply(leave('2026-09-14', '2026-09-18'));
    const r = await apply(leave('2027-03-01', '2027-03-03'));
    expect(r.reasons.nb).toEqual(['Søknaden gjelder 3 skoledager. Barnet har fått innvilget 5 skoledager tidligere i skoleåret 2026/2027, til sammen 8 av 10 dager skolen kan innvilge.']);
    expect(r.reasons.nn).toEqual(['Søknaden gjeld 3 skuledagar. Barnet har fått innvilga 5 skuledagar tidlegare i skuleåret 2026/2027, til saman 8 av 10 dagar skulen kan innvilge.']);
  });

  it('starts from 0 in the next school year (after 1 August)', async () => {
    const { apply } = school();
    await apply(leave('2026-09-14', '2026-09-25')); // 10 days: the year's limit
    expect((await apply(leave('2027-06-14', '2027-06-14'), 'avslått')).recommended).toBe('manuell');
    const august = await apply(leave('2027-08-16', '2027-08-18'));
    expect(august.recommended).toBe('innvilget');
    expect(august.reasons.nb).toEqual(['Søknaden gjelder 3 skoledager. Barnet har fått innvilget 0 skoledager tidligere i skoleåret 2027/2028, til sammen 3 av 10 dager skolen kan innvilge.']);
  });

  it('counts a period across 31 July / 1 August in the year each day falls in', async () => {
    const { apply, service } = school();
    await apply(leave('2026-09-14', '2026-09-21')); // 6 days in 2026/2027
    await apply(leave('2027-03-01', '2027-03-02')); // 2 more: 8
    // Thu 29 July – Tue 3 August 2027: 2 days in 2026/2027 (8 + 2 = 10), 2 in 2027/2028
    const across = leave('2027-07-29', '2027-08-03');
    const r = await service.advise(profile.id, 99, across);
    expect(r).toMatchObject({ recommended: 'innvilget' });
    expect(r!.reasons.nb).toEqual(['Søknaden gjelder 4 skoledager. Barnet har fått innvilget 8 skoledager tidligere i skoleåret 2026/2027, til sammen 10 av 10 dager skolen kan innvilge.']);
    await apply(across);
    // the grant's August days count in 2027/2028: 2 there already, so 9 more is too many, 8 is not
    expect((await service.advise(profile.id, 100, leave('2027-08-16', '2027-08-26')))!.reasons.nb[0]).toContain('innvilget 2 skoledager tidligere i skoleåret 2027/2028, til sammen 11');
    expect((await service.advise(profile.id, 100, leave('2027-08-16', '2027-08-25')))!.recommended).toBe('innvilget');
    // one more day in July 2027 would make 11 in 2026/2027
    expect((await service.advise(profile.id, 101, leave('2027-07-28', '2027-07-28')))!.recommended).toBe('manuell');
  });

  it('judges two children by the one who has used more days', async () => {
    const { apply, service } = school();
    await apply(leave('2026-09-14', '2026-09-21', [OLA])); // Ola: 6
    await apply(leave('2026-10-05', '2026-10-06', [PER])); // Per: 2
    const both = await service.advise(profile.id, 50, leave('2027-03-01', '2027-03-03', [OLA, PER]));
    expect(both).toMatchObject({ recommended: 'innvilget' });
    expect(both!.reasons).toEqual({
      nb: ['Søknaden gjelder 3 skoledager. Barnet med flest permisjonsdager har fått innvilget 6 skoledager tidligere i skoleåret 2026/2027, til sammen 9 av 10 dager skolen kan innvilge.'],
      nn: ['Søknaden gjeld 3 skuledagar. Barnet med flest permisjonsdagar har fått innvilga 6 skuledagar tidlegare i skuleåret 2026/2027, til saman 9 av 10 dagar skulen kan innvilge.'],
    });
    // 5 days: Per would reach 7, Ola 11 → a person decides
    expect((await service.advise(profile.id, 51, leave('2027-03-01', '2027-03-05', [PER, OLA])))!.recommended).toBe('manuell');
    expect((await service.advise(profile.id, 52, leave('2027-03-01', '2027-03-05', [PER])))!.recommended).toBe('innvilget');
  });

  it('counts delvis innvilget as granted (its whole period) and avslått not at all', async () => {
    const { apply, service } = school();
    await apply(leave('2026-09-14', '2026-09-17'), 'delvis-innvilget'); // 4
    await apply(leave('2026-10-05', '2026-10-09'), 'avslått'); // not counted
    const r = await service.advise(profile.id, 9, leave('2027-03-01', '2027-03-01'));
    expect(r!.reasons.nb[0]).toContain('innvilget 4 skoledager tidligere');
  });

  it('sends an application without a reason, or with no date, to a person with the general reason', async () => {
    const { service } = school();
    const noReason = await service.advise(profile.id, 1, leave('2026-09-16', '2026-09-18', [OLA], null));
    expect(noReason).toMatchObject({ recommended: 'manuell', ruleId: null });
    expect(noReason!.reasons.nb).toEqual(['Ingen regel i tjenesteprofilen passer for denne søknaden, så en saksbehandler må vurdere den.']);
    expect(noReason!.reasons.nn).toEqual(['Ingen regel i tenesteprofilen passar for denne søknaden, så ein saksbehandlar må vurdere han.']);
    expect((await service.advise(profile.id, 2, leave('2026-09-18', '2026-09-16')))!.recommended).toBe('manuell');
  });
});

describe('rules schema', () => {
  it('refuses automatic mode without the legal basis, with a Norwegian message naming the key', () => {
    const p = clone(raw('permisjon-skole'));
    p.rules!.mode = 'automatic';
    const r = parseProfile(p);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues).toEqual([{ key: 'rules.legalBasis', message: AUTOMATIC_NEEDS_LEGAL_BASIS }]);
    expect(AUTOMATIC_NEEDS_LEGAL_BASIS).toBe(
      'Automatisk vedtak krever hjemmel: skriv rettsgrunnlaget for automatiserte vedtak i legalBasis (f.eks. «forvaltningsloven § 11 d og forskrift … § x»), eller bruk mode «suggest».',
    );
    p.rules!.legalBasis = 'forvaltningsloven § 11 d og forskrift om permisjon fra undervisning § 3';
    const ok = load(p);
    expect(ok.rules).toMatchObject({ mode: 'automatic', automaticOutcomes: ['innvilget'] });
    expect(decidesAlone({ rules: ok.rules!, version: 2 })).toBe(true);
    expect(decidesAlone({ rules: { ...ok.rules!, legalBasis: undefined }, version: 2 })).toBe(false);
    expect(automaticGrounds(['Grunn.'], 'fvl. § 11 d')).toBe('Grunn.\nVedtaket er fattet automatisk etter kommunens regler for denne tjenesten, med hjemmel i fvl. § 11 d.');
  });

  it('keeps old profiles valid: the simple form, an explanation in bokmål, no mode', () => {
    const helse = load(raw('helse-omsorg'));
    expect(helse.rules).toMatchObject({ mode: 'suggest', params: {}, recommendations: [{ id: 'trygghetsalarm', decision: 'innvilget' }] });
  });

  it('checks a condition tree: facts, operators, values and fact references, one form per rule', () => {
    const p = clone(raw('permisjon-skole'));
    const rules = p.rules as unknown as { recommendations: Record<string, unknown>[] };
    rules.recommendations[0]!.conditions = {
      any: [
        { fact: 'history.grantedDays', operator: 'lessThan', value: 3 },
        { fact: 'period.schoolDays', operator: 'around', value: 3 },
        { not: { fact: 'period.schoolDays', operator: 'lessThan', value: { fact: 'params.maxDays' } } },
        { fact: 'period.schoolDays', operator: 'lte', value: '3' },
      ],
    };
    rules.recommendations[1]!.when = [{ fact: 'reason', op: 'present' }];
    const r = parseProfile(p);
    const keys = r.ok ? [] : r.issues.map((i) => i.key);
    expect(keys).toEqual(
      expect.arrayContaining([
        'rules.recommendations.0.conditions.any.0.fact',
        'rules.recommendations.0.conditions.any.1.operator',
        'rules.recommendations.0.conditions.any.2.not.value.fact',
        'rules.recommendations.0.conditions.any.3.value',
        'rules.recommendations.1',
      ]),
    );
  });

  it('parses a rules body for the designer, problems as data', () => {
    const profile = load(raw('permisjon-skole'));
    expect(parseRulesBody(profile, '{ nope')).toMatchObject({ ok: false, problems: [expect.stringMatching(/^Ikke gyldig JSON/)] });
    const bad = parseRulesBody(profile, JSON.stringify({ mode: 'automatic', recommendations: [{ id: 'x', decision: 'innvilget', when: [{ fact: 'reason', op: 'present' }], explanation: '{ukjent}' }] }));
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.problems).toEqual(expect.arrayContaining([`rules.legalBasis: ${AUTOMATIC_NEEDS_LEGAL_BASIS}`, 'rules.recommendations.0.explanation: ukjent flettefelt {ukjent}']));
  });

  it('runs the simple form through the engine as before (helse-omsorg)', async () => {
    const helse = load(raw('helse-omsorg'));
    const form = (service: string): MappedForm => ({
      applicant: { name: 'Astrid', personNumber: '01017012343' },
      title: 't',
      titlePublic: 't',
      fields: { serviceType: service, consentToCollect: 'true' },
      lists: {},
    });
    expect(await evaluateRules(helse, helse.rules!, form('trygghetsalarm'), [])).toMatchObject({ recommended: 'innvilget', ruleId: 'trygghetsalarm' });
    expect(await evaluateRules(helse, helse.rules!, form('rehabilitering'), [])).toMatchObject({ recommended: 'manuell', ruleId: null });
  });
});

describe('automatic decisions (the job and its trigger)', () => {
  const LEGAL = 'forvaltningsloven § 11 d og forskrift om permisjon fra undervisning § 3';
  function setup(mode: 'suggest' | 'automatic', o: { finished?: boolean } = {}) {
    const p = clone(raw('permisjon-skole'));
    if (mode === 'automatic') Object.assign(p.rules!, { mode, legalBasis: LEGAL });
    const profile = load(p);
    const history = memoryHistory(profile.id);
    const rules = createRulesService({ profile: () => profile, history: history.store });
    const jobs: { type: string; payload: unknown; key: string }[] = [];
    const decided: { publicId: string; r: RulesDecision }[] = [];
    let form = leave('2026-09-16', '2026-09-18');
    const auto = createAutomaticDecisions({
      rules,
      profile: () => profile,
      submission: async (id) => ({ id, publicId: `case-${id}`, profileId: profile.id, status: 'received', form }) as unknown as SubmissionDetail,
      desk: {
        decideByRules: async (publicId, r) => void decided.push({ publicId, r }),
        finishByRules: async () => (o.finished ? {} : null),
      },
      outbox: { enqueue: async (type, payload, key) => void jobs.push({ type, payload, key }) },
    });
    return { auto, jobs, decided, history, setForm: (f: MappedForm) => (form = f) };
  }

  it('enqueues the decision job (the submission id only) when the active rules decide alone, and not otherwise', async () => {
    const a = setup('automatic');
    expect(await a.auto.enqueue(7, 'permisjon-skole')).toBe(true);
    expect(a.jobs).toEqual([{ type: 'rules.decide', payload: { submissionId: 7 }, key: 'rules.decide:7' }]);
    expect(await a.auto.enqueue(8, null)).toBe(false);
    const s = setup('suggest');
    expect(await s.auto.enqueue(7, 'permisjon-skole')).toBe(false);
    expect(s.jobs).toEqual([]);
    expect(await s.auto.decide(7)).toBe('not-automatic');
  });

  it('decides an outcome the rules may decide alone, with the reasons and the legal basis as grounds; leaves manuell to a person', async () => {
    const a = setup('automatic');
    expect(await a.auto.decide(7)).toBe('decided');
    expect(a.decided).toEqual([
      {
        publicId: 'case-7',
        r: {
          outcome: 'innvilget',
          ruleId: 'innenfor-grensen',
          grounds: `Søknaden gjelder 3 skoledager. Barnet har fått innvilget 0 skoledager tidligere i skoleåret 2026/2027, til sammen 3 av 10 dager skolen kan innvilge.\nVedtaket er fattet automatisk etter kommunens regler for denne tjenesten, med hjemmel i ${LEGAL}.`,
          details: { ruleId: 'innenfor-grensen', ruleVersion: null, legalBasis: LEGAL },
        },
      },
    ]);
    a.setForm(leave('2026-09-14', '2026-09-25')); // 10 days after 3 granted: 13, over the limit
    a.history.add(leave('2026-09-16', '2026-09-18'), 'innvilget');
    expect(await a.auto.decide(8)).toBe('manual');
    expect(a.decided).toHaveLength(1);
  });

  it('finishes a decision the rules made before a crash without judging again', async () => {
    const a = setup('automatic', { finished: true });
    expect(await a.auto.decide(7)).toBe('decided');
    expect(a.decided).toEqual([]);
  });
});
