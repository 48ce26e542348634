import { z } from 'zod';
import { OUTCOMES } from '../desk/desk.types';

/**
 * The rules part of a service profile (#15 item 6): recommendations as data, evaluated by
 * json-rules-engine. Built from the profile schema's own condition form (passed in, so this file
 * and profile.schema.ts do not import each other at load).
 *
 * A rule holds either `when` (the profile's simple form: all must hold) or `conditions`
 * (json-rules-engine's all/any/not tree, where a value may name a fact: {"fact": "params.maxSchoolDays"}).
 * The first rule that holds (highest priority first, then in the order written) gives the
 * recommendation; none holds → «manuell», a person decides.
 */

/** What a rule may recommend: a decision, or that a person must decide. */
export const MANUAL = 'manuell';

/** Facts from earlier decided applications of the same profile, for a profile with subjects (with fødselsnummer) and a period. */
export const HISTORY_FACTS = ['history.grantedSchoolDays', 'history.totalSchoolDays', 'history.periodSchoolDays', 'history.schoolYear'] as const;
/** Text-only merge fields the history gives a reason: «Barnet» or «Barnet med flest permisjonsdager». */
export const HISTORY_TEXT = ['history.child'] as const;

/** The profile's simple operators (also custom operators of the engine), and json-rules-engine's own. */
export const SIMPLE_OPERATORS = ['present', 'absent', 'eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in'] as const;
export const ENGINE_OPERATORS = ['equal', 'notEqual', 'in', 'notIn', 'contains', 'doesNotContain', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'] as const;
export const RULE_OPERATORS: readonly string[] = [...new Set<string>([...SIMPLE_OPERATORS, ...ENGINE_OPERATORS])];
/** Operators that test a fact alone, without a value. */
const UNARY = new Set(['present', 'absent']);
const NUMERIC = new Set(['lt', 'lte', 'gt', 'gte', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive']);
const LISTED = new Set(['in', 'notIn']);

const scalar = z.union([z.string(), z.number(), z.boolean()]);
const factRef = z.strictObject({ fact: z.string().min(1) });

export interface LeafCondition {
  fact: string;
  operator: string;
  value?: string | number | boolean | (string | number)[] | { fact: string };
}
export type ConditionNode = { all: ConditionNode[] } | { any: ConditionNode[] } | { not: ConditionNode } | LeafCondition;

const leafSchema = z.strictObject({
  fact: z.string().min(1),
  operator: z.string().min(1),
  value: z.union([scalar, z.array(z.union([z.string(), z.number()])), factRef]).optional(),
});
export const conditionNodeSchema: z.ZodType<ConditionNode> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(conditionNodeSchema).min(1) }),
    z.strictObject({ any: z.array(conditionNodeSchema).min(1) }),
    z.strictObject({ not: conditionNodeSchema }),
    leafSchema,
  ]),
);

const kebab = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'kebab-case, f.eks. «kort-permisjon»');
const paramKey = z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'navn i camelCase, f.eks. «maxSchoolDays»');
const template = z.string().min(1);

/** The rules schema, from the profile's condition form. */
export function rulesSchemaOf<C extends z.ZodType>(condition: C) {
  const recommendation = z.strictObject({
    id: kebab,
    decision: z.enum([...OUTCOMES, MANUAL]),
    /** Higher first; rules of equal priority in the order written. */
    priority: z.number().int().min(1).max(1000).optional(),
    /** All must hold (the simple form). */
    when: z.array(condition).min(1).optional(),
    /** json-rules-engine's condition tree. */
    conditions: conditionNodeSchema.optional(),
    /** The reasons (merge fields allowed), one per line: bokmål only (nynorsk shows the same), or both. */
    explanation: z.union([template, z.strictObject({ nb: template, nn: template })]),
  });
  return z.strictObject({
    /** suggest (default): the caseworker decides. automatic: the outcomes below are decided by Postmottak alone. */
    mode: z.enum(['suggest', 'automatic']).default('suggest'),
    /** The legal basis for deciding automatically (required for automatic), e.g. «forvaltningsloven § 11 d og forskrift … § x». */
    legalBasis: z.string().trim().min(1).optional(),
    /** What the rules may decide alone in automatic mode (default innvilget only). */
    automaticOutcomes: z.array(z.enum(OUTCOMES)).min(1).default(['innvilget']),
    /** Local policy values the rules test and the reasons name, e.g. maxSchoolDays 10. */
    params: z.record(paramKey, z.union([z.number(), z.string()])).default({}),
    recommendations: z.array(recommendation).min(1),
  });
}

export const AUTOMATIC_NEEDS_LEGAL_BASIS =
  'Automatisk vedtak krever hjemmel: skriv rettsgrunnlaget for automatiserte vedtak i legalBasis (f.eks. «forvaltningsloven § 11 d og forskrift … § x»), eller bruk mode «suggest».';

/** What checkRules needs from the profile schema (passed in, for the same reason as above). */
export interface RulesCheckContext {
  issue(path: PropertyKey[], message: string): void;
  /** Checks a template's syntax and that its merge fields are among `known`. */
  tpl(path: PropertyKey[], text: string, known: Set<string>): void;
  /** The facts of the application (ruleFacts) and the merge fields of a form (formMergeFields). */
  facts: Set<string>;
  formRefs: Set<string>;
  /** The profile has subjects with fødselsnummer and a period: the history facts exist. */
  history: boolean;
}

interface RulesLike {
  mode: 'suggest' | 'automatic';
  legalBasis?: string | undefined;
  params: Record<string, number | string>;
  recommendations: { id: string; when?: { fact: string; op: string; value?: unknown }[] | undefined; conditions?: ConditionNode | undefined; explanation: string | { nb: string; nn: string } }[];
}

/** The facts a rule of this profile may test: the application's, the history's and the params. */
export function ruleFactNames(rules: Pick<RulesLike, 'params'>, ctx: Pick<RulesCheckContext, 'facts' | 'history'>): Set<string> {
  return new Set([...ctx.facts, ...(ctx.history ? HISTORY_FACTS : []), ...Object.keys(rules.params).map((k) => `params.${k}`)]);
}

function checkValue(path: PropertyKey[], operator: string, value: unknown, facts: Set<string>, issue: RulesCheckContext['issue']): void {
  if (UNARY.has(operator) !== (value === undefined)) return issue([...path, 'value'], UNARY.has(operator) ? `ikke tillatt for ${operator}` : `påkrevd for ${operator}`);
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const ref = (value as { fact: string }).fact;
    if (!facts.has(ref)) issue([...path, 'value', 'fact'], `ukjent fakta «${ref}»`);
    return;
  }
  if (NUMERIC.has(operator) && typeof value !== 'number') issue([...path, 'value'], `${operator} krever et tall`);
  if (LISTED.has(operator) && !Array.isArray(value)) issue([...path, 'value'], `${operator} krever en liste`);
}

function checkTree(node: ConditionNode, path: PropertyKey[], facts: Set<string>, issue: RulesCheckContext['issue']): void {
  if ('all' in node) return node.all.forEach((c, i) => checkTree(c, [...path, 'all', i], facts, issue));
  if ('any' in node) return node.any.forEach((c, i) => checkTree(c, [...path, 'any', i], facts, issue));
  if ('not' in node) return checkTree(node.not, [...path, 'not'], facts, issue);
  if (!facts.has(node.fact)) issue([...path, 'fact'], `ukjent fakta «${node.fact}»`);
  if (!RULE_OPERATORS.includes(node.operator)) return issue([...path, 'operator'], `ukjent operator «${node.operator}» (kjente: ${RULE_OPERATORS.join(', ')})`);
  checkValue(path, node.operator, node.value, facts, issue);
}

/** The cross-references of the rules: facts, operators, values, merge fields, one condition form per rule, the legal basis of automatic mode. */
export function checkRules(rules: RulesLike, ctx: RulesCheckContext): void {
  const { issue } = ctx;
  const facts = ruleFactNames(rules, ctx);
  if (rules.mode === 'automatic' && !rules.legalBasis) issue(['rules', 'legalBasis'], AUTOMATIC_NEEDS_LEGAL_BASIS);
  const mergeable = new Set([...ctx.formRefs, ...facts, ...(ctx.history ? HISTORY_TEXT : [])]);
  const ids = new Set<string>();
  rules.recommendations.forEach((r, i) => {
    const at: PropertyKey[] = ['rules', 'recommendations', i];
    if (ids.has(r.id)) issue([...at, 'id'], `«${r.id}» er brukt to ganger`);
    ids.add(r.id);
    if ((r.when === undefined) === (r.conditions === undefined)) issue(at, 'en regel har enten «when» eller «conditions» (ikke begge, ikke ingen)');
    const texts = typeof r.explanation === 'string' ? { explanation: r.explanation } : r.explanation;
    for (const [k, text] of Object.entries(texts)) ctx.tpl(typeof r.explanation === 'string' ? [...at, 'explanation'] : [...at, 'explanation', k], text, mergeable);
    r.when?.forEach((c, j) => {
      const path = [...at, 'when', j];
      if (!facts.has(c.fact)) issue([...path, 'fact'], `ukjent fakta «${c.fact}»`);
      checkValue(path, c.op, c.value, facts, issue);
    });
    if (r.conditions) checkTree(r.conditions, [...at, 'conditions'], facts, issue);
  });
}
