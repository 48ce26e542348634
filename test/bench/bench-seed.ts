/** What the benchmarks seed their stores with: Norwegian names, the sample services, a repeatable PRNG. */

export const FIRST = ['Kari', 'Ola', 'Åse', 'Øystein', 'Ærling', 'Ingrid', 'Lars', 'Sigrid', 'Bjørn', 'Marit', 'Håkon', 'Solveig', 'Jørgen', 'Nora', 'Emil', 'Astrid', 'Karin', 'Karl', 'Tiril', 'Mathias'];
export const LAST = ['Hansen', 'Johansen', 'Olsen', 'Larsen', 'Andersen', 'Pedersen', 'Nilsen', 'Kristiansen', 'Jensen', 'Karlsen', 'Johnsen', 'Pettersen', 'Eriksen', 'Berg', 'Haugen', 'Hagen', 'Bråten', 'Sæther', 'Løvås', 'Økland'];
export const PROFILES = [
  { id: 'barnehageplass', title: 'Søknad om barnehageplass' },
  { id: 'sfo', title: 'Søknad om plass i SFO' },
  { id: 'redusert-foreldrebetaling', title: 'Søknad om redusert foreldrebetaling' },
  { id: 'startlan', title: 'Søknad om startlån' },
  { id: 'helse-omsorg', title: 'Søknad om helse- og omsorgstjenester' },
];
export const HIDDEN = 'helse-omsorg';
export const STREETS = ['Storgata', 'Kirkeveien', 'Skogveien', 'Fjordgata', 'Bakkeløkka', 'Sørliveien'];
export const PLACES = ['OSLO', 'BERGEN', 'TRONDHEIM', 'TROMSØ', 'BODØ', 'ÅLESUND'];

/** A small deterministic PRNG (mulberry32), so every run builds the same store. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!, int: (n: number) => Math.floor(next() * n) };
}

export const pad = (n: number, w: number) => String(n).padStart(w, '0');
