import { mergeLookup } from './field-mapper';
import { renderTemplate } from './merge-template';
import type { Decision, RuleCondition, ServiceProfile } from './profile.schema';
import type { MappedForm } from './profile.types';

/**
 * The profile's declarative decision rules. A recommendation only: the caseworker decides.
 * period.schoolDays counts Monday–Friday and knows no holidays, so it never undercounts.
 */

export interface Recommendation {
  ruleId: string;
  decision: Decision;
  /** The rule's explanation with merge fields filled in. */
  explanation: string;
}

const DAY_MS = 86_400_000;
const dayOf = (iso: string | null | undefined): number | null => {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS : null;
};

function periodFacts(form: MappedForm): { days: number; schoolDays: number } | null {
  const from = dayOf(form.period?.from);
  const to = dayOf(form.period?.to ?? form.period?.from);
  if (from === null || to === null || to < from) return null;
  let schoolDays = 0;
  for (let d = from; d <= to; d++) {
    const weekday = new Date(d * DAY_MS).getUTCDay();
    if (weekday !== 0 && weekday !== 6) schoolDays++;
  }
  return { days: to - from + 1, schoolDays };
}

/** The value of every fact a rule may test, as strings (null when unknown). */
export function ruleFactValues(profile: ServiceProfile, form: MappedForm): Record<string, string | null> {
  const facts: Record<string, string | null> = { ...form.fields };
  for (const [name, items] of Object.entries(form.lists)) facts[`${name}.count`] = String(items.length);
  if (profile.roles.subjects) facts['subjects.count'] = String(form.lists[profile.roles.subjects.list]?.length ?? 0);
  if (profile.roles.period) {
    const p = periodFacts(form);
    facts['period.days'] = p ? String(p.days) : null;
    facts['period.schoolDays'] = p ? String(p.schoolDays) : null;
  }
  return facts;
}

function holds(c: RuleCondition, actual: string | null): boolean {
  const present = actual !== null && actual !== '';
  switch (c.op) {
    case 'present':
      return present;
    case 'absent':
      return !present;
    case 'eq':
    case 'ne': {
      const same = present && String(c.value) === actual;
      return c.op === 'eq' ? same : !same;
    }
    case 'in':
      return present && Array.isArray(c.value) && c.value.includes(actual);
    default: {
      const n = present ? Number(actual) : NaN;
      const v = Number(c.value);
      if (Number.isNaN(n) || Number.isNaN(v)) return false;
      return c.op === 'lt' ? n < v : c.op === 'lte' ? n <= v : c.op === 'gt' ? n > v : n >= v;
    }
  }
}

/** The first rule whose conditions all hold, or null. */
export function recommend(profile: ServiceProfile, form: MappedForm): Recommendation | null {
  const rules = profile.rules?.recommendations ?? [];
  if (rules.length === 0) return null;
  const facts = ruleFactValues(profile, form);
  for (const rule of rules) {
    if (!rule.when.every((c) => holds(c, facts[c.fact] ?? null))) continue;
    const extra = Object.fromEntries(Object.entries(facts).filter((e): e is [string, string] => e[1] !== null));
    return { ruleId: rule.id, decision: rule.decision, explanation: renderTemplate(rule.explanation, mergeLookup(profile, form, extra)) };
  }
  return null;
}
