import type { ReactNode } from 'react';

/**
 * Always rendered, so screen readers have registered it before the message arrives
 * (a region that appears together with its text is often not announced).
 */
export function LiveRegion({ children, className }: { children?: ReactNode; className?: string }) {
  return (
    <div role="status" aria-live="polite" aria-atomic="true" className={className}>
      {children}
    </div>
  );
}
