import { periodLength } from '../rules/school-year';
import type { RuleCondition, ServiceProfile } from './profile.schema';
import type { MappedForm } from './profile.types';

/**
 * The facts of one application that rules and routes test, and the simple condition form
 * (`when`). The rules themselves run in json-rules-engine (core/rules), which adds the facts from
 * history and the profile's params. period.schoolDays counts Monday–Friday and knows no holidays,
 * so it never undercounts.
 */

/** The value of every fact a rule may test, as strings (null when unknown). */
export function ruleFactValues(profile: ServiceProfile, form: MappedForm): Record<string, string | null> {
  const facts: Record<string, string | null> = { ...form.fields };
  for (const [name, items] of Object.entries(form.lists)) facts[`${name}.count`] = String(items.length);
  if (profile.roles.subjects) facts['subjects.count'] = String(form.lists[profile.roles.subjects.list]?.length ?? 0);
  if (profile.roles.period) {
    const p = periodLength(form.period?.from, form.period?.to);
    facts['period.days'] = p ? String(p.days) : null;
    facts['period.schoolDays'] = p ? String(p.schoolDays) : null;
  }
  return facts;
}

/** Whether one condition holds for a fact value (rules' `when`, and routing.targets[].when, #15). */
export function holds(c: RuleCondition, actual: string | null): boolean {
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
