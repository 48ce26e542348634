import type { PersonFacts } from '../ports/register.port';

export interface ChildInRegister {
  personNumber: string;
  name: string | null;
  birthDate: string | null;
  /** The application names this child. */
  inApplication: boolean;
}

export interface ParentalCheck {
  /** The applicant's children as Folkeregisteret gives them. */
  children: ChildInRegister[];
  /**
   * People the application names who are neither the applicant nor among the applicant's children
   * in Folkeregisteret: a parent applying for a child the register does not give them, so the
   * caseworker should look twice.
   */
  notChildren: string[];
}

/**
 * The parental-responsibility check: the children an application names against the applicant's
 * children in Folkeregisteret. Folkeregisteret names relatives by number only; `known` gives what
 * the enrichment looked up about each child (name, birth date) when the relation itself has none.
 */
export function checkNamedChildren(
  applicant: { personNumber: string; facts: Pick<PersonFacts, 'children'> },
  named: readonly string[],
  known: (personNumber: string) => Pick<PersonFacts, 'name' | 'birthDate'> | null | undefined,
): ParentalCheck {
  const children = applicant.facts.children.map((ch): ChildInRegister => {
    const k = known(ch.personNumber);
    return {
      personNumber: ch.personNumber,
      name: ch.name ?? k?.name ?? null,
      birthDate: ch.birthDate ?? k?.birthDate ?? null,
      inApplication: named.includes(ch.personNumber),
    };
  });
  const notChildren = named.filter((n) => n !== applicant.personNumber && !applicant.facts.children.some((ch) => ch.personNumber === n));
  return { children, notChildren };
}
