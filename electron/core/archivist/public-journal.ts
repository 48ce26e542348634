import type { JournalRow } from '../ports/archive-extract.port';
import type { PublicJournalRow } from '../ports/archive-extraction.port';
import { caseNumberOf } from './case-file-closure';

/** What the public journal shows in place of a screened correspondent (offentleglova § 13 jf. fvl. § 13). */
export const SCREENED_NAME = 'Skjermet';
const MASK = '*****';
const NONE: ReadonlySet<string> = new Set();

// any run of 11 digits, spaced or not (fødselsnummer, d-nummer): never in a public journal, not even its birth date
const PERSON_NUMBER = /(?<!\d)\d{6}\s?\d{5}(?!\d)/g;
// words (letters/digits) and what lies between them; compiled once, so a row costs no regex compilation
const TOKENS = /[\p{L}\p{N}]+|[^\p{L}\p{N}]+/gu;
const WORD = /^[\p{L}\p{N}]/u;

/** The screened names as lower-case words, for scrub(). */
function nameWords(names: readonly string[]): Set<string> {
  const words = new Set<string>();
  for (const n of names) for (const w of n.toLocaleLowerCase('nb').match(TOKENS) ?? []) if (WORD.test(w)) words.add(w);
  return words;
}

/** Hides every person number, and every word of a screened name that a title might still carry (a run of them as one mask). */
function scrub(text: string, words: ReadonlySet<string>): string {
  const out = text.replace(PERSON_NUMBER, '***********');
  if (words.size === 0) return out;
  const parts = out.match(TOKENS) ?? [];
  let changed = false;
  for (let i = 0; i < parts.length; i++) {
    if (WORD.test(parts[i]!) && words.has(parts[i]!.toLocaleLowerCase('nb'))) {
      parts[i] = MASK;
      changed = true;
    }
  }
  return changed ? parts.join('').replace(/\*{5}(?:\s+\*{5})+/g, MASK) : out;
}

/**
 * A løpende journal row as the public may see it (offentleglova; Noark 5 offentligJournal.xsd):
 * a screened correspondent is «Skjermet», a screened title is its public form (titlePublic), the
 * case title is the public one when the case file is screened, the legal basis is shown, and no
 * person number is ever in it. Screening on the entry or on its case file both count: where they
 * disagree the stricter wins.
 */
export function toPublicJournalRow(r: JournalRow): PublicJournalRow {
  const entry = r.screening;
  const file = r.caseFile.screening;
  const screenCorrespondent = Boolean(entry?.screenCorrespondent || file?.screenCorrespondent);
  const screenTitle = Boolean(entry?.screenTitle || file?.screenTitle);
  const screenedNames = nameWords(screenCorrespondent ? r.correspondents.map((c) => c.name) : []);
  return {
    systemId: r.systemId,
    journalposttype: r.journalposttype,
    journaldato: r.journaldato,
    dokumentetsDato: r.dokumentetsDato,
    saksnummer: caseNumberOf(r.caseFile),
    journalpostnummer: r.journalpostnummer,
    journalaar: r.journalaar,
    journalsekvensnummer: r.journalsekvensnummer,
    caseTitle: scrub(file !== null || screenTitle ? r.caseFile.titlePublic : r.caseFile.title, screenedNames),
    title: scrub(screenTitle ? r.titlePublic : r.title, screenedNames),
    correspondents: r.correspondents.map((c) => ({ role: c.role, name: screenCorrespondent ? SCREENED_NAME : scrub(c.name, NONE) })),
    skjermingshjemmel: entry?.skjermingshjemmel ?? file?.skjermingshjemmel ?? null,
    administrativEnhet: r.administrativEnhet,
    saksbehandler: r.saksbehandler,
    mappeSystemId: r.caseFile.systemId,
  };
}

/**
 * Whether a journal row can be published: offentligJournal.xsd v5.0 requires saksaar,
 * sakssekvensnummer, journalaar, journalsekvensnummer and journalpostnummer, so an entry the archive
 * has not numbered yet waits for a later journal (the løpende journal flags it).
 */
export function isPublishable(r: JournalRow): boolean {
  return r.status === 'archived' && r.caseFile.saksaar !== null && r.caseFile.sakssekvensnummer !== null && r.journalaar !== null && r.journalsekvensnummer !== null && r.journalpostnummer !== null;
}

/** The public journal, streamed: the publishable rows, screened; `skipped` is told of each row left for later. */
export async function* publicJournalRows(rows: AsyncIterable<JournalRow>, skipped?: (r: JournalRow) => void): AsyncIterable<PublicJournalRow> {
  for await (const r of rows) {
    if (isPublishable(r)) yield toPublicJournalRow(r);
    else skipped?.(r);
  }
}
