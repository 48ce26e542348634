import type { LetterDocument } from '../ports/letter-renderer.port';
import type { AddressProtection } from '../ports/register.port';

/**
 * A reply's life after approval. Kept equal to the contract's REPLY_STATES by a test.
 *
 * queued → sent → notified → read
 *                    ↘ (deadline, unread) printing → printed (→ read later: recorded only)
 * queued → printing at once when KRR says reserved / no contact data / not active, or Altinn answers 1030.
 * sent/notified ⇄ held (caseworker) ; sent/notified/held → stopped (never printed)
 * printing → manual when there is no printable address (none, or strengt fortrolig).
 */
export const REPLY_STATES = ['queued', 'sent', 'notified', 'read', 'held', 'stopped', 'printing', 'printed', 'manual', 'failed'] as const;
export type ReplyState = (typeof REPLY_STATES)[number];

export type ReplyChannel = 'altinn3' | 'altinn2' | 'print';

/** What goes to Altinn, merged at approval so the send job needs nothing else. */
export interface ReplyMessage {
  title: string;
  summary: string | null;
  body: string;
  language: 'nb' | 'nn' | 'en';
  messageSender: string;
  notification: { emailSubject: string; emailBody: string; sms: string };
  resourceId: string | null;
  altinn2Service: { serviceCode: string; serviceEdition: number } | null;
  /** For the address page and SvarUt. */
  sender: { name: string; orgNumber: string | null };
  caseNumber: string | null;
  /**
   * The applicant's name as the application gives it (#13 item 10): the send and print jobs compare it with
   * Folkeregisteret's name for the recipient's number. Absent on replies approved before.
   */
  applicantName?: string | null;
  /**
   * The letter as approved (#13 item 10): when it goes to paper and Folkeregisteret's name or address is not
   * the letter's address block, the letter is laid out again with the register's, so the address page and
   * the letter always carry the same name and address. Absent on replies approved before.
   */
  document?: LetterDocument;
}

export interface ReplyRecord {
  id: number;
  submissionId: number;
  replyKey: string;
  idempotentKey: string;
  state: ReplyState;
  channel: ReplyChannel;
  recipient: { personNumber: string } | { organisationNumber: string };
  message: ReplyMessage;
  letter: { sha256: string; size: number; filename: string };
  fallback: { days: number; businessDays: boolean };
  approvedAt: number;
  correspondenceId: string | null;
  sentAt: number | null;
  notifiedAt: number | null;
  remindedAt: number | null;
  readAt: number | null;
  deadlineAt: number | null;
  printedAt: number | null;
  printRef: string | null;
  reason: string | null;
  lastPolledAt: number | null;
  updatedAt: number;
}

/** The states in which a caseworker may hold, resume or stop a pending print: the service's guards and the case view's buttons. */
const PRINT_ACTIONS: Record<'hold' | 'resume' | 'stop', readonly ReplyState[]> = { hold: ['sent', 'notified'], resume: ['held'], stop: ['sent', 'notified', 'held'] };
export const mayPrintAction = (action: keyof typeof PRINT_ACTIONS, state: ReplyState): boolean => PRINT_ACTIONS[action].includes(state);

/** A strengt fortrolig address is never shown and never printed on a letter. */
export const isStrictlyConfidential = (p: AddressProtection): boolean => p === 'strengt-fortrolig' || p === 'strengt-fortrolig-utland';
