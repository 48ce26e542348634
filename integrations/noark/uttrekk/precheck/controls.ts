import type { PreCheckResult } from '../../../../electron/core/ports/archive-extraction.port';

/**
 * The controls the pre-check runs, with Arkade 5's ids (Noark5TestFactory) and Norwegian names in the
 * spirit of Arkade's ArkadeTestDisplayNames.nb-NO. RESEARCH-NOTES §3 lists what each means.
 */
export const CONTROLS = {
  'N5.01': { name: 'Eksistens av datafiler', kind: 'structure', arkadeType: 'StructureControl' },
  'N5.02': { name: 'Kontroll av sjekksummer i arkivuttrekk.xml', kind: 'structure', arkadeType: 'StructureControl' },
  'N5.03': { name: 'Validering av XML-filer mot XSD-skjema', kind: 'structure', arkadeType: 'StructureControl' },
  'N5.04': { name: 'Antall arkiver i arkivstrukturen', kind: 'analysis', arkadeType: 'ContentAnalysis' },
  'N5.05': { name: 'Antall arkivdeler i arkivstrukturen', kind: 'analysis', arkadeType: 'ContentAnalysis' },
  'N5.07': { name: 'Antall klassifikasjonssystemer i arkivstrukturen', kind: 'analysis', arkadeType: 'ContentAnalysis' },
  'N5.08': { name: 'Antall klasser i arkivstrukturen', kind: 'analysis', arkadeType: 'ContentAnalysis' },
  'N5.10': { name: 'Antall mapper i arkivstrukturen', kind: 'analysis', arkadeType: 'ContentAnalysis' },
  'N5.16': { name: 'Antall registreringer i arkivstrukturen', kind: 'analysis', arkadeType: 'ContentAnalysis' },
  'N5.17': { name: 'Antall journalposter i arkivstrukturen, per journalposttype', kind: 'analysis', arkadeType: 'ContentAnalysis' },
  'N5.23': { name: 'Antall dokumentbeskrivelser i arkivstrukturen', kind: 'analysis', arkadeType: 'ContentAnalysis' },
  'N5.26': { name: 'Antall dokumentobjekter i arkivstrukturen', kind: 'analysis', arkadeType: 'ContentAnalysis' },
  'N5.28': { name: 'Antall dokumentfiler i arkivuttrekket', kind: 'structure', arkadeType: 'StructureAnalysis' },
  'N5.30': { name: 'Kontroll av sjekksummer for dokumentfiler', kind: 'content', arkadeType: 'ContentControl' },
  'N5.32': { name: 'Kontroll av at refererte dokumentfiler finnes', kind: 'content', arkadeType: 'ContentControl' },
  'N5.39': { name: 'Antall korrespondanseparter i arkivstrukturen', kind: 'analysis', arkadeType: 'ContentAnalysis' },
  'N5.40': { name: 'Antall avskrivninger i arkivstrukturen', kind: 'analysis', arkadeType: 'ContentAnalysis' },
  'N5.42': { name: 'Antall skjerminger i arkivstrukturen', kind: 'analysis', arkadeType: 'ContentAnalysis' },
  'N5.47': { name: 'Kontroll av at systemID-er er unike', kind: 'content', arkadeType: 'ContentControl' },
  'N5.48': { name: 'Kontroll av referanser til arkivdel', kind: 'content', arkadeType: 'ContentControl' },
  'N5.51': { name: 'Kontroll av referanser til sekundærklassifikasjon', kind: 'content', arkadeType: 'ContentControl' },
  'N5.59': { name: 'Kontroll av antall journalposter i arkivuttrekket', kind: 'content', arkadeType: 'ContentControl' },
  'N5.61': { name: 'Antall endringer i endringsloggen', kind: 'analysis', arkadeType: 'ContentAnalysis' },
  'N5.62': { name: 'Kontroll av referanser i endringsloggen', kind: 'content', arkadeType: 'ContentControl' },
  'N5.63': { name: 'Kontroll av at elementer har innhold', kind: 'content', arkadeType: 'ContentControl' },
} as const satisfies Record<string, { name: string; kind: PreCheckResult['kind']; arkadeType: string }>;

export type ControlId = keyof typeof CONTROLS;

/** Errors kept per control in the report; errorCount has them all. */
export const MAX_ERRORS_KEPT = 200;

export class ControlResult {
  readonly errors: PreCheckResult['errors'] = [];
  errorCount = 0;
  readonly counts: Record<string, number> = {};
  constructor(readonly id: ControlId) {}

  fail(message: string, location: string | null = null): void {
    this.errorCount++;
    if (this.errors.length < MAX_ERRORS_KEPT) this.errors.push({ message, location });
  }

  count(label: string, n = 1): void {
    this.counts[label] = (this.counts[label] ?? 0) + n;
  }

  result(): PreCheckResult {
    const c = CONTROLS[this.id];
    return { id: this.id, name: c.name, kind: c.kind, passed: this.errorCount === 0, errors: this.errors, errorCount: this.errorCount, counts: this.counts };
  }
}

export function createControls(): Record<ControlId, ControlResult> {
  return Object.fromEntries(Object.keys(CONTROLS).map((id) => [id, new ControlResult(id as ControlId)])) as Record<ControlId, ControlResult>;
}
