import type { Outcome } from '../desk/desk.types';
import type { DecidedCase } from '../ports/desk-store.port';
import type { ServiceProfile } from '../profiles/profile.schema';
import type { MappedForm } from '../profiles/profile.types';
import { schoolDaysBySchoolYear, schoolYearLabel } from './school-year';

/**
 * Facts from earlier decided applications of the same profile (#15 item 6): for leave from school,
 * the school days already granted each child this school year.
 *
 * Granted counts innvilget, and delvis-innvilget with its whole period: what part of a period a
 * partial grant covers is written only in its grounds, not as data, so the whole period is
 * counted. That may overcount, which sends an application to a person (manuell); it never lets the
 * rules grant more than the school's policy allows. A decision recorded but not yet approved counts
 * too, for the same reason (two applications for one child decided at the same time).
 *
 * Several children: each child is counted on its own (an earlier application may have named only
 * one of them), and the child with the most days decides, in the school year where the total is
 * highest: a leave granted for all must be within the policy for each child and each school year.
 */

export const GRANTED_OUTCOMES: readonly Outcome[] = ['innvilget', 'delvis-innvilget'];

export interface SchoolLeaveHistory {
  /** School days granted earlier in the school year, for the child with the highest total. */
  grantedSchoolDays: number;
  /** Granted earlier + this application's school days in that school year. */
  totalSchoolDays: number;
  /** This application's school days in that school year (all of them unless the period crosses 1 August). */
  periodSchoolDays: number;
  /** "2026/2027". */
  schoolYear: string;
  /** How many children the application names (for «Barnet» or «Barnet med flest permisjonsdager»). */
  children: number;
}

/** The fødselsnumre of the persons the application is about (the subjects, e.g. the children), each once. */
export function subjectNumbers(profile: ServiceProfile, form: Pick<MappedForm, 'lists'>): string[] {
  const s = profile.roles.subjects;
  if (!s?.personNumber) return [];
  const numbers = (form.lists[s.list] ?? []).map((item) => item[s.personNumber!] ?? '').filter((n) => n !== '');
  return [...new Set(numbers)];
}

/** The history for leave from school; null when the profile has no subjects with fødselsnummer or no period, or the application's period or children are missing. */
export function schoolLeaveHistory(profile: ServiceProfile, form: MappedForm, earlier: readonly DecidedCase[]): SchoolLeaveHistory | null {
  if (!profile.roles.period) return null;
  const children = subjectNumbers(profile, form);
  const own = schoolDaysBySchoolYear(form.period?.from, form.period?.to);
  if (children.length === 0 || own.size === 0) return null;

  // child → school year → days granted earlier
  const granted = new Map<string, Map<number, number>>(children.map((c) => [c, new Map()]));
  for (const e of earlier) {
    if (!GRANTED_OUTCOMES.includes(e.outcome) || !e.form) continue;
    const named = new Set(subjectNumbers(profile, e.form));
    const days = schoolDaysBySchoolYear(e.form.period?.from, e.form.period?.to);
    for (const child of children) {
      if (!named.has(child)) continue;
      const perYear = granted.get(child)!;
      for (const [year, n] of days) perYear.set(year, (perYear.get(year) ?? 0) + n);
    }
  }

  let worst: SchoolLeaveHistory | null = null;
  for (const child of children) {
    for (const [year, days] of own) {
      const before = granted.get(child)!.get(year) ?? 0;
      if (worst === null || before + days > worst.totalSchoolDays) {
        worst = { grantedSchoolDays: before, totalSchoolDays: before + days, periodSchoolDays: days, schoolYear: schoolYearLabel(year), children: children.length };
      }
    }
  }
  return worst;
}

/** The history as rule facts (numbers stay numbers, so the engine's own operators compare them as such). */
export function historyFactValues(h: SchoolLeaveHistory | null): Record<string, number | string> {
  if (!h) return {};
  return {
    'history.grantedSchoolDays': h.grantedSchoolDays,
    'history.totalSchoolDays': h.totalSchoolDays,
    'history.periodSchoolDays': h.periodSchoolDays,
    'history.schoolYear': h.schoolYear,
  };
}

/** The reason's subject in each language: one child, or the one with the most days among several. */
export function historyText(h: SchoolLeaveHistory | null, language: 'nb' | 'nn'): Record<string, string> {
  if (!h) return {};
  const several = { nb: 'Barnet med flest permisjonsdager', nn: 'Barnet med flest permisjonsdagar' }[language];
  return { 'history.child': h.children > 1 ? several : 'Barnet' };
}
