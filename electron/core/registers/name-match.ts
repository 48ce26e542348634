/**
 * Whether the name an application gives and the name Folkeregisteret gives for its fødselsnummer
 * are the same person's name (#13 item 10). The register is authoritative for a number; a real
 * difference means a mistyped number or a wrong person. Spelling variants are not differences:
 * case, accents and diacritics (æ/ae, ø/o, å/aa), hyphens, a middle name present or absent, and
 * the order of the given names.
 */

const FOLD: Record<string, string> = { æ: 'ae', ø: 'o', œ: 'oe', ß: 'ss', ð: 'd', þ: 'th', ł: 'l' };

/** The name's words, folded: lower case, no diacritics, hyphens and punctuation as spaces, "aa" as "a". */
export function nameTokens(name: string): string[] {
  return name
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[æøœßðþł]/g, (c) => FOLD[c] ?? c)
    .replace(/aa/g, 'a')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((t) => t !== '');
}

/** True when both names are the same person's name up to spelling variants. */
export function sameName(a: string, b: string): boolean {
  const x = nameTokens(a);
  const y = nameTokens(b);
  if (x.length === 0 || y.length === 0) return true; // nothing to compare against: no warning
  const [small, large] = x.length <= y.length ? [x, y] : [y, x];
  const rest = [...large];
  for (const t of small) {
    const i = rest.indexOf(t);
    if (i < 0) return false;
    rest.splice(i, 1);
  }
  // one word in common is not enough ("Kari Hansen" / "Kari Olsen" share one): a given name and the family name
  return small.length >= 2 || large.length === 1;
}

export interface RecipientMismatch {
  /** The name typed in the application. */
  formName: string;
  /** The name Folkeregisteret gives for the application's fødselsnummer. */
  registerName: string;
}

/** The mismatch between the application's name and the register's, or null when they agree (or one is missing). */
export function recipientMismatch(formName: string | null | undefined, registerName: string | null | undefined): RecipientMismatch | null {
  if (!formName?.trim() || !registerName?.trim()) return null;
  return sameName(formName, registerName) ? null : { formName: formName.trim(), registerName: registerName.trim() };
}

/** The reply's `reason` when its send or print stops on a mismatch: a caseworker must confirm the recipient. */
export const MISMATCH_REASON_PREFIX = 'Navnet i Folkeregisteret';
export const mismatchReason = (m: RecipientMismatch): string =>
  `${MISMATCH_REASON_PREFIX} («${m.registerName}») er et annet enn navnet i søknaden («${m.formName}»). Kontroller fødselsnummeret og bekreft mottakeren før brevet sendes.`;
export const isMismatchReason = (reason: string | null): boolean => !!reason?.startsWith(MISMATCH_REASON_PREFIX);

/**
 * A caseworker's confirmation of the recipient goes on the case's timeline as the reply going on
 * ('print-resumed', a kind the store already knows) with this text; the name confirmed follows it.
 */
export const CONFIRMED_PREFIX = 'Mottaker bekreftet etter kontroll av fødselsnummeret: ';
export const confirmationText = (registerName: string): string => `${CONFIRMED_PREFIX}${registerName}`;
/** The name a timeline event confirms, or null when it is no such confirmation. */
export const confirmedNameOf = (e: { kind: string; text: string | null }): string | null =>
  e.kind === 'print-resumed' && e.text?.startsWith(CONFIRMED_PREFIX) ? e.text.slice(CONFIRMED_PREFIX.length) : null;
