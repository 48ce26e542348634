import { Heading } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';

/** A page section named by its own h2, so landmarks and the heading outline say the same. */
export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="pm-section">
      <Heading level={2} data-size="sm" id={id}>
        {title}
      </Heading>
      {children}
    </section>
  );
}
