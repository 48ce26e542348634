import type { ExtractEntry } from '../ports/archive-extract.port';
import { localDate } from '../local-time';

/** What the løpende journal flags on an entry that is not complete (shown to the archivist as is). */
export const MISSING = {
  notAnswered: 'Ikke avskrevet',
  noNumber: 'Mangler journalpostnummer',
  refused: 'Avvist av arkivet',
  noCaseworker: 'Mangler saksbehandler',
  noCorrespondent: 'Mangler korrespondansepart',
} as const;

export interface JournalCheckOptions {
  now: number;
  timezone: string;
  /** An application is flagged «Ikke avskrevet» when unanswered this many days after its journaldato (0: at once). */
  unansweredDays?: number;
  /** An archivist marked the entry handled by hand in the archive: its delivery is no longer missing. */
  handled?: boolean;
}

/** ISO date plus whole days (calendar arithmetic in UTC, so no daylight-saving shift). */
export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}

/** The labels of what an entry lacks, in a fixed order; empty when it is complete. */
export function missingOf(e: Pick<ExtractEntry, 'journalposttype' | 'journaldato' | 'avskrevetAv' | 'status' | 'journalpostnummer' | 'saksbehandler' | 'correspondents'>, o: JournalCheckOptions): string[] {
  const out: string[] = [];
  const today = localDate(o.now, o.timezone);
  if (e.journalposttype === 'I' && e.avskrevetAv === null && addDays(e.journaldato, o.unansweredDays ?? 0) <= today) out.push(MISSING.notAnswered);
  if (!o.handled) {
    if (e.status !== 'archived' || e.journalpostnummer === null) out.push(MISSING.noNumber);
    if (e.status === 'failed') out.push(MISSING.refused);
  }
  if (e.saksbehandler === null || e.saksbehandler.trim() === '') out.push(MISSING.noCaseworker);
  if (!e.correspondents.some((c) => c.name.trim() !== '')) out.push(MISSING.noCorrespondent);
  return out;
}
