import { useCallback, useState } from 'react';

export const DENSITIES = ['compact', 'comfortable'] as const;
export type Density = (typeof DENSITIES)[number];

const KEY = 'pm.inbox.density';
/**
 * Without a saved choice, a window at most this tall (the 1366×768 laptop, 200 % zoom) starts compact, so ten or
 * more cases show above the fold; taller windows start comfortable (two lines per case: fødselsnummer, title,
 * relative time). The user's choice is remembered in localStorage and wins.
 */
export const COMPACT_MAX_HEIGHT = 800;

function initial(): Density {
  try {
    const saved = localStorage.getItem(KEY);
    if (saved === 'compact' || saved === 'comfortable') return saved;
  } catch {
    // storage disabled: fall back to the window's height
  }
  return typeof window !== 'undefined' && window.innerHeight > COMPACT_MAX_HEIGHT ? 'comfortable' : 'compact';
}

/** The case list's row density: compact or comfortable, remembered across sessions. */
export function useDensity(): [Density, (next: Density) => void] {
  const [density, setDensity] = useState<Density>(initial);
  const choose = useCallback((next: Density) => {
    setDensity(next);
    try {
      localStorage.setItem(KEY, next);
    } catch {
      // not remembered; the choice still holds for this visit
    }
  }, []);
  return [density, choose];
}
