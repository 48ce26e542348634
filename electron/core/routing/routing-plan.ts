import type { Decision, RouteDef, ServiceProfile } from '../profiles/profile.schema';
import type { MappedForm } from '../profiles/profile.types';
import { holds, ruleFactValues } from '../profiles/rule-evaluator';

/** The step that triggers routing: archiving, or the final decision with its outcome. */
export type RoutingStep = { after: 'archived' } | { after: 'decided'; outcome: Decision };

/** A route after the decision applies to these outcomes unless it names its own: a place is made only when granted. */
export const DEFAULT_DECIDED_OUTCOMES: readonly Decision[] = ['innvilget', 'delvis-innvilget'];

/**
 * The profile's routes that apply at this step (#15 item 5): the step matches, the outcome is one
 * the route names, and every `when` condition holds over the facts rules may test. An application
 * whose form could not be read has no facts: a route with conditions does not apply to it.
 */
export function routesFor(profile: ServiceProfile, form: MappedForm | null, step: RoutingStep): RouteDef[] {
  const facts = form ? ruleFactValues(profile, form) : {};
  return profile.routing.targets.filter((r) => {
    if (r.after !== step.after) return false;
    if (step.after === 'decided' && !(r.outcomes ?? DEFAULT_DECIDED_OUTCOMES).includes(step.outcome)) return false;
    return (r.when ?? []).every((c) => holds(c, facts[c.fact] ?? null));
  });
}
