import type { LetterDocument } from '../ports/letter-renderer.port';
import type { PersonFacts } from '../ports/register.port';
import type { SubmissionDetail } from '../ports/submission-store.port';
import { registerRecipient } from '../replies/recipient-check';
import { isStrictlyConfidential } from '../replies/reply.types';

/**
 * #13 item 10: the letter's address block. Folkeregisteret is the source of the address page when the
 * letter goes to paper, so it is the source of the letter's address block too whenever the register
 * knows the person (and may give the address); the application's own address only when it does not.
 */
export function letterRecipient(submission: Pick<SubmissionDetail, 'form' | 'applicantName'>, person: Pick<PersonFacts, 'name' | 'address' | 'addressProtection'> | null | undefined): LetterDocument['recipient'] {
  if (person?.address && !isStrictlyConfidential(person.addressProtection)) return registerRecipient(person);
  const f = submission.form;
  const a = f?.applicant.address;
  return { name: f?.applicant.name ?? submission.applicantName ?? '', street: a?.street ?? null, postalCode: a?.postalCode ?? null, postalPlace: a?.postalPlace ?? null };
}

const CHILD: Record<'nb' | 'nn', [one: string, several: string]> = { nb: ['barnet', 'barna'], nn: ['barnet', 'borna'] };
const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * #13 item 12: merge fields that agree with how many children (subjects) an application names:
 * {subjects.child} "barnet"/"barna" (nn "barnet"/"borna") and {subjects.Child} capitalised, for a
 * sentence such as "{subjects.Child} får tilbud om plass".
 */
export function subjectMergeFields(count: number, language: 'nb' | 'nn' | 'en'): Record<string, string> {
  const [one, several] = CHILD[language === 'nn' ? 'nn' : 'nb'];
  const word = count > 1 ? several : one;
  return { 'subjects.child': word, 'subjects.Child': cap(word) };
}

export const CLOSING: Record<LetterDocument['language'], string> = { nb: 'Med hilsen', nn: 'Med helsing', en: 'Yours sincerely' };

/**
 * #13 item 12: the draft shows the final text. A template without its own closing gets the closing and
 * signature the letter would otherwise add at print, so the editor holds every line the letter carries.
 */
export function withClosing(body: string, language: LetterDocument['language'], signer: { name: string; unit: string | null }): string {
  const closing = CLOSING[language];
  if (body.split('\n').some((l) => l.trim().startsWith(closing))) return body;
  return `${body.replace(/\s+$/, '')}\n\n${[closing, signer.name, signer.unit].filter(Boolean).join('\n')}`;
}

/** Pages of a stored PDF (its page objects), for showing a stored letter. */
export function pdfPageCount(bytes: Uint8Array): number {
  let latin = '';
  for (let i = 0; i < bytes.length; i += 65_536) latin += String.fromCharCode(...bytes.subarray(i, i + 65_536));
  return Math.max(1, (latin.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length);
}
