import type { ReactNode } from 'react';

export interface Fact {
  label: string;
  value: ReactNode;
  /** Also the React key, so it must be unique within the list. */
  testId: string;
}

/** Label/value pairs as a definition list; each value carries its own test id. */
export function FactList({ facts }: { facts: Fact[] }) {
  return (
    <dl className="pm-facts">
      {facts.map((fact) => (
        <div key={fact.testId} className="pm-fact">
          <dt>{fact.label}</dt>
          <dd data-testid={fact.testId}>{fact.value}</dd>
        </div>
      ))}
    </dl>
  );
}
