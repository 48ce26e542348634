import { expect } from 'vitest';
import type { DeliveryResult } from '../../electron/core/ports/archive.port';
import type { ArchiveSimulator, SimCaseFile, SimEntry } from '../../integrations/noark/simulator/archive-sim-state';
import { HEALTH_SCREENING } from './archive-fixture';

/** What the archive adapter tests share: reading a delivery's outcome and the simulator's records by key. */

export type Archived = Extract<DeliveryResult, { state: 'archived' }>;

/** The result, asserting it is 'archived'. */
export function archived(r: DeliveryResult): Archived {
  if (r.state !== 'archived') throw new Error(`expected archived, got ${r.state}`);
  return r;
}

/** The IntegrationError a delivery (or any call) fails with; throws when it does not fail. */

/**
 * A health application (HEALTH_SCREENING, the applicant's fødselsnummer as class) as the simulator
 * stored it: skjerming and the public title on both the case file and the entry, the PNR class.
 */
export function expectHealthScreened(sim: ArchiveSimulator, r: Archived, personNumber: string): { caseFile: SimCaseFile; entry: SimEntry } {
  const caseFile = sim.state.caseFile(r.caseFile.archiveSystemId)!;
  const entry = sim.state.entry(r.entry.archiveSystemId)!;
  for (const x of [caseFile, entry]) {
    expect(x.tilgangsrestriksjon).toBe('13');
    expect(x.skjermingshjemmel).toBe(HEALTH_SCREENING.skjermingshjemmel);
    expect(x.titlePublic).toBe('Søknad om helse- og omsorgstjenester - ******');
  }
  expect(caseFile.classification).toEqual([{ ordningsprinsipp: 'PNR', ordningsverdi: personNumber }]);
  return { caseFile, entry };
}

/** Every case file the simulator holds under an ekstern nøkkel (a dedupe test expects one). */
export const casesWithKey = (sim: ArchiveSimulator, key: string): SimCaseFile[] => sim.state.caseFiles().filter((c) => c.externalKey === key);

/** Every registry entry the simulator holds under an ekstern nøkkel. */
export const entriesWithKey = (sim: ArchiveSimulator, key: string): SimEntry[] => sim.state.entries().filter((e) => e.externalKey === key);

export { failure } from './integration-error';
