import { Engine, type RuleProperties, type TopLevelCondition } from 'json-rules-engine';
import type { Outcome } from '../desk/desk.types';
import type { DecidedCase } from '../ports/desk-store.port';
import { mergeLookup } from '../profiles/field-mapper';
import { renderTemplate, SCREENED_MASK } from '../profiles/merge-template';
import type { RecommendationDef, RulesDef, ServiceProfile } from '../profiles/profile.schema';
import type { MappedForm } from '../profiles/profile.types';
import { ruleFactValues } from '../profiles/rule-evaluator';
import { historyFactValues, historyText, schoolLeaveHistory } from './history-facts';
import { MANUAL, type ConditionNode } from './rules.schema';

/**
 * The profile's rules run in json-rules-engine (#15 item 6), the rules as data: the simple `when`
 * form becomes an `all` of the profile's operators (added to the engine as custom operators), a
 * `conditions` tree is handed over as written. Facts: the application's (ruleFactValues), the
 * history's (history-facts) and the params (params.<name>).
 */

export type Recommended = Outcome | typeof MANUAL;

export interface RuleOutcome {
  recommended: Recommended;
  /** The rule that held; null when none did. */
  ruleId: string | null;
  /** The reasons in plain language, one per line of the rule's explanation. */
  reasons: { nb: string[]; nn: string[] };
}

/** The reason when no rule holds. */
export const NO_RULE_REASONS = {
  nb: ['Ingen regel i tjenesteprofilen passer for denne søknaden, så en saksbehandler må vurdere den.'],
  nn: ['Ingen regel i tenesteprofilen passar for denne søknaden, så ein saksbehandlar må vurdere han.'],
};

const present = (v: unknown): boolean => v !== null && v !== undefined && v !== '';
const number = (v: unknown): number => (typeof v === 'number' ? v : present(v) ? Number(v) : NaN);
const compare = (test: (a: number, b: number) => boolean) => (a: unknown, b: unknown) => {
  const x = number(a);
  const y = number(b);
  return !Number.isNaN(x) && !Number.isNaN(y) && test(x, y);
};

/** The simple form's operators, as the engine's custom operators: strings and numbers compare as the profile's `holds` does. */
function addProfileOperators(engine: Engine): void {
  engine.addOperator('present', (a: unknown) => present(a));
  engine.addOperator('absent', (a: unknown) => !present(a));
  engine.addOperator('eq', (a: unknown, b: unknown) => present(a) && String(a) === String(b));
  engine.addOperator('ne', (a: unknown, b: unknown) => !(present(a) && String(a) === String(b)));
  engine.addOperator('lt', compare((a, b) => a < b));
  engine.addOperator('lte', compare((a, b) => a <= b));
  engine.addOperator('gt', compare((a, b) => a > b));
  engine.addOperator('gte', compare((a, b) => a >= b));
}

/** A condition as the engine takes it (its own nested type is not exported). */
type EngineCondition = TopLevelCondition | { fact: string; operator: string; value: unknown };

const toEngine = (node: ConditionNode): EngineCondition => {
  if ('all' in node) return { all: node.all.map(toEngine) } as TopLevelCondition;
  if ('any' in node) return { any: node.any.map(toEngine) } as TopLevelCondition;
  if ('not' in node) return { not: toEngine(node.not) } as TopLevelCondition;
  // a unary operator still needs a value for the engine; it is not looked at
  return { fact: node.fact, operator: node.operator, value: node.value ?? null };
};

function conditionsOf(rule: RecommendationDef): TopLevelCondition {
  if (rule.conditions) {
    const c = toEngine(rule.conditions);
    return 'fact' in c ? { all: [c] } : c;
  }
  return { all: (rule.when ?? []).map((c) => ({ fact: c.fact, operator: c.op, value: c.value ?? null })) };
}

/** Every fact of an application for the engine: numbers where the fact is a count, the history's, and the params. */
export function engineFacts(profile: ServiceProfile, rules: RulesDef, form: MappedForm, history: readonly DecidedCase[]) {
  const facts: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(ruleFactValues(profile, form))) {
    if (v === null) continue;
    facts[k] = /\.(count|days|schoolDays)$/.test(k) ? Number(v) : v;
  }
  const h = schoolLeaveHistory(profile, form, history);
  Object.assign(facts, historyFactValues(h));
  for (const [k, v] of Object.entries(rules.params)) facts[`params.${k}`] = v;
  return { facts, history: h };
}

/** Merge fields that show a person (the applicant, names, fødselsnummer, fields marked personalData): masked in a test run's reasons. */
function personalRefs(p: ServiceProfile): Set<string> {
  const personal = (f: { type: string; personalData?: boolean | undefined }) => f.personalData === true || f.type === 'fnr';
  const refs = new Set(['applicant.name', 'applicant.personNumber', 'applicant.address', 'applicant.email', 'applicant.phone', 'subjects.names']);
  for (const [k, f] of Object.entries(p.fields)) if (personal(f)) refs.add(k);
  for (const [name, list] of Object.entries(p.lists)) for (const [k, f] of Object.entries(list.fields)) if (personal(f)) refs.add(`${name}.${k}`);
  return refs;
}

/**
 * Runs the rules over an application with its history: the first rule that holds (highest
 * priority, then as written), or manuell. With `mask`, merge fields that show a person are
 * ***** in the reasons (the designer's test run shows no names or fødselsnummer).
 */
export async function evaluateRules(profile: ServiceProfile, rules: RulesDef, form: MappedForm, history: readonly DecidedCase[], options: { mask?: boolean } = {}): Promise<RuleOutcome> {
  const { facts, history: h } = engineFacts(profile, rules, form, history);
  const engine = new Engine([], { allowUndefinedFacts: true });
  addProfileOperators(engine);
  rules.recommendations.forEach((r, order) => {
    const rule: RuleProperties = { name: r.id, priority: r.priority ?? 1, conditions: conditionsOf(r), event: { type: 'recommend', params: { id: r.id, order } } };
    engine.addRule(rule);
  });
  const { events } = await engine.run(facts);
  const held = events
    .map((e) => rules.recommendations[(e.params as { order: number }).order]!)
    .sort((a, b) => (b.priority ?? 1) - (a.priority ?? 1) || rules.recommendations.indexOf(a) - rules.recommendations.indexOf(b))[0];
  if (!held) return { recommended: MANUAL, ruleId: null, reasons: NO_RULE_REASONS };

  const text = typeof held.explanation === 'string' ? { nb: held.explanation, nn: held.explanation } : held.explanation;
  const values = Object.fromEntries(Object.entries(facts).map(([k, v]) => [k, String(v)]));
  const masked = options.mask ? personalRefs(profile) : new Set<string>();
  const reasons = (language: 'nb' | 'nn') => {
    const lookup = mergeLookup(profile, form, { ...values, ...historyText(h, language) });
    return renderTemplate(text[language], (ref) => (masked.has(ref) ? SCREENED_MASK : lookup(ref)))
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '');
  };
  return { recommended: held.decision, ruleId: held.id, reasons: { nb: reasons('nb'), nn: reasons('nn') } };
}
