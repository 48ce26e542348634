import type { LetterDocument } from '../ports/letter-renderer.port';
import type { ContactFacts, PersonFacts } from '../ports/register.port';
import { mismatchReason, recipientMismatch } from '../registers/name-match';
import type { ReplyRecord } from './reply.types';

/** Why a reply goes straight to paper, from KRR; null when it may go digitally. */
export function paperReason(c: ContactFacts | null): string | null {
  if (!c || c.state === 'not-registered') return 'Ikke registrert i KRR';
  if (c.state === 'deleted') return 'Slettet i KRR';
  if (c.reserved) return 'Reservert mot digital post i KRR';
  if (!c.email && !c.mobile) return 'Ingen kontaktopplysninger i KRR';
  if (!c.canNotify) return 'Kontaktopplysningene i KRR kan ikke brukes til varsel';
  return null;
}

/**
 * #13 item 10: the reason a reply's send or print stops at manual follow-up, or null. Folkeregisteret
 * gives `person` for the reply's number; when its name is not the application's, a caseworker must
 * confirm the recipient first. A confirmation holds for the name confirmed: should the register
 * later give yet another name, the reply stops again.
 */
export function recipientStop(r: ReplyRecord, person: PersonFacts | null, confirmedName: string | null): string | null {
  const m = recipientMismatch(r.message.applicantName, person?.name);
  return m && confirmedName !== m.registerName ? mismatchReason(m) : null;
}

/** The letter's address block as Folkeregisteret gives it: the source the address page uses too. */
export function registerRecipient(p: Pick<PersonFacts, 'name' | 'address'>): LetterDocument['recipient'] {
  const a = p.address;
  return { name: p.name, street: a?.lines.length ? a.lines.join('\n') : null, postalCode: a?.postalCode ?? null, postalPlace: a ? [a.postalPlace, a.country && a.country !== 'NO' ? a.country : ''].filter(Boolean).join(' ') : null };
}

const norm = (s: string | null): string => (s ?? '').replace(/\s+/g, ' ').trim().toLowerCase();
/** Whether two address blocks print the same name and address. */
export const sameRecipient = (a: LetterDocument['recipient'], b: LetterDocument['recipient']): boolean =>
  norm(a.name) === norm(b.name) && norm(a.street) === norm(b.street) && norm(a.postalCode) === norm(b.postalCode) && norm(a.postalPlace) === norm(b.postalPlace);
