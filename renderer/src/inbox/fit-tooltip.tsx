import { Tooltip } from '@digdir/designsystemet-react';
import { type ReactNode, useLayoutEffect, useRef, useState } from 'react';

interface Props {
  /** The whole text; shown as a tooltip when the box cuts it. */
  text: string;
  /** A selector for the element that may overflow inside the box (e.g. the tag), or the box itself. */
  clip?: string;
  className: string;
  children: ReactNode;
}

/**
 * A one-line box that cuts its text with an ellipsis, and only then carries a Designsystemet Tooltip with the whole
 * text. The text itself stays whole in the DOM, so the accessible name is never cut.
 */
export function FitTooltip({ text, clip, className, children }: Props) {
  const ref = useRef<HTMLSpanElement>(null);
  const [cut, setCut] = useState(false);
  useLayoutEffect(() => {
    const box = ref.current;
    if (!box) return;
    const el = (clip ? box.querySelector<HTMLElement>(clip) : null) ?? box;
    const check = () => setCut(el.scrollWidth > el.clientWidth + 1);
    check();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(check);
    observer.observe(el);
    return () => observer.disconnect();
  }, [clip, text, cut]);
  // tabIndex -1: Designsystemet wants a focusable trigger; the grid stays one tab stop.
  return cut ? (
    <Tooltip content={text}>
      <span ref={ref} className={className} tabIndex={-1} data-testid="fit-cut">
        {children}
      </span>
    </Tooltip>
  ) : (
    <span ref={ref} className={className}>
      {children}
    </span>
  );
}
