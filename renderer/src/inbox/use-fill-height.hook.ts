import { type RefObject, useLayoutEffect } from 'react';

/** Never shorter than this (px): a short or zoomed window gets a usable list and the page scrolls to it instead. */
const MIN_HEIGHT = 288;
/** The list's height (px) when it cannot fit under the toolbar (narrow or zoomed windows), at most the window's. */
const FALLBACK_HEIGHT = 512;
/** Room left under the list (px): the page's bottom padding. */
const BOTTOM_GAP = 24;

/**
 * Sizes the case list (its own scroll container) to reach the bottom of the window, so the page itself does not
 * scroll at desk sizes and every pixel under the toolbar shows cases. Recomputed when the window or anything above
 * the list changes height (filter bar opened, a message shown, the header growing).
 */
export function useFillHeight(ref: RefObject<HTMLElement | null>, above: RefObject<HTMLElement | null>): void {
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const fit = () => {
      const top = el.getBoundingClientRect().top + window.scrollY;
      const available = Math.round(window.innerHeight - top - BOTTOM_GAP);
      const height = available >= MIN_HEIGHT ? available : Math.max(MIN_HEIGHT, Math.min(FALLBACK_HEIGHT, window.innerHeight - 2 * BOTTOM_GAP));
      el.style.height = `${height}px`;
    };
    fit();
    window.addEventListener('resize', fit);
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(fit);
    if (observer) {
      if (above.current) observer.observe(above.current);
      observer.observe(document.body);
    }
    return () => {
      window.removeEventListener('resize', fit);
      observer?.disconnect();
    };
  }, [ref, above]);
}
