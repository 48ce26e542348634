import type { ExtractCaseFile, ExtractEntry } from '../ports/archive-extract.port';
import type { ClosedCaseFile, LeftOutCaseFile } from '../ports/archive-extraction.port';

/** The name the package gives as avsluttetAv when no caseworker is named on the case file. */
export const SYSTEM_NAME = 'Postmottak';

export type Closure = { closed: true; caseFile: ClosedCaseFile } | { closed: false; leftOut: LeftOutCaseFile };

/** "2026/12", or null before the archive has numbered the case file. */
export function caseNumberOf(c: Pick<ExtractCaseFile, 'saksaar' | 'sakssekvensnummer'>): string | null {
  return c.saksaar !== null && c.sakssekvensnummer !== null ? `${c.saksaar}/${c.sakssekvensnummer}` : null;
}

/** arkivstruktur.xsd v5.0 (M013–M015): journalaar, journalsekvensnummer and journalpostnummer are required on a journalpost. */
const hasNumbers = (e: ExtractEntry): boolean => e.status === 'archived' && e.journalaar !== null && e.journalsekvensnummer !== null && e.journalpostnummer !== null;

/** How the archivist recognises an entry: "Journalpost 2026/12-2" (its position in the case file until it has a number), else by its public title. */
function entryLabel(c: ExtractCaseFile, e: ExtractEntry, index: number): string {
  const nr = caseNumberOf(c);
  return nr ? `Journalpost ${nr}-${e.journalpostnummer ?? index + 1}` : `Journalposten «${e.titlePublic}»`;
}

function notArchivedReason(c: ExtractCaseFile, e: ExtractEntry, index: number): string {
  const label = entryLabel(c, e, index);
  switch (e.status) {
    case 'failed':
      return `${label} er ikke arkivert (avvist av arkivet)`;
    case 'awaiting-receipt':
      return `${label} venter på kvittering fra arkivet`;
    case 'pending':
      return `${label} er ikke arkivert ennå`;
    case 'archived':
      return `${label} mangler journalnummer fra arkivet`;
  }
}

const MAX_REASONS = 3;

/**
 * Whether a case file may go into an arkivuttrekk: arkivstruktur.xsd v5.0 requires mappe/avsluttetDato,
 * so only closed case files go in. Closed: it has entries, each archived with its numbers or handled
 * by an archivist, and every application (I) answered (avskrevet by a U). Entries handled by hand in
 * the archive without numbers stay out of the package (the schema requires the numbers); the rest
 * go in. `isHandled` says whether an archivist marked the entry handled.
 */
export function closeCaseFile(c: ExtractCaseFile, isHandled: (entryId: number) => boolean = () => false): Closure {
  const reasons: string[] = [];
  if (c.entries.length === 0) reasons.push('Saksmappen har ingen journalposter');
  const incoming = c.entries.filter((e) => e.journalposttype === 'I');
  c.entries.forEach((e, i) => {
    if (!hasNumbers(e) && !isHandled(e.id)) reasons.push(notArchivedReason(c, e, i));
  });
  c.entries.forEach((e, i) => {
    if (e.journalposttype !== 'I' || e.avskrevetAv !== null || isHandled(e.id)) return;
    reasons.push(incoming.length === 1 ? 'Søknaden er ikke besvart ennå' : `${entryLabel(c, e, i)} (søknad) er ikke besvart ennå`);
  });
  const entries = c.entries.filter(hasNumbers);
  if (reasons.length === 0 && entries.length === 0) reasons.push('Ingen av journalpostene i saksmappen har journalnummer fra arkivet');
  // arkivstruktur.xsd v5.0 (M011, M012): saksmappe requires saksaar and sakssekvensnummer
  if (reasons.length === 0 && caseNumberOf(c) === null) reasons.push('Saksmappen har ikke fått saksnummer i arkivet');
  if (reasons.length > 0) {
    const shown = reasons.slice(0, MAX_REASONS).join('; ');
    const reason = reasons.length > MAX_REASONS ? `${shown}; og ${reasons.length - MAX_REASONS} til` : shown;
    return { closed: false, leftOut: { systemId: c.systemId, saksnummer: caseNumberOf(c), titlePublic: c.titlePublic, reason } };
  }
  // avsluttetDato: the latest journaldato of all its entries (ISO dates compare as strings); avsluttetAv: the last caseworker named
  const avsluttetDato = c.entries.reduce((max, e) => (e.journaldato > max ? e.journaldato : max), c.entries[0]!.journaldato);
  const last = [...c.entries].reverse().find((e) => e.saksbehandler !== null && e.saksbehandler.trim() !== '');
  return { closed: true, caseFile: { ...c, entries, avsluttetDato, avsluttetAv: last?.saksbehandler ?? SYSTEM_NAME } };
}
