import { CheckmarkCircleIcon } from '@navikt/aksel-icons';
import { useEffect } from 'react';
import { LiveRegion } from '../shared/live-region';

export interface Toast {
  /** A new id restarts the timer, so a second switch shows its own message for the full time. */
  id: number;
  text: string;
  testId?: string;
}

/** How long a toast stays: long enough to read two short sentences, short enough not to linger. */
export const TOAST_MS = 6_000;

/**
 * A short confirmation ("Du er nå pålogget som …") that floats over the page's corner and goes
 * away by itself: it never takes room in the header, so nothing below it moves. The polite live
 * region is always there, so screen readers announce the text when it arrives.
 */
export function ShellToast({ toast, onDone }: { toast: Toast | null; onDone: () => void }) {
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(onDone, TOAST_MS);
    return () => clearTimeout(timer);
    // onDone is a fresh function each render; the timer belongs to this toast only
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [toast?.id]);

  return (
    <LiveRegion className="pm-toast-region">
      {toast && (
        <div className="pm-toast" data-testid={toast.testId}>
          <CheckmarkCircleIcon aria-hidden className="pm-toast-icon" />
          <span>{toast.text}</span>
        </div>
      )}
    </LiveRegion>
  );
}
