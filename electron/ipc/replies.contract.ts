import { z } from 'zod';
import { CASE_READERS, CASE_WORKERS, FETCHERS } from './roles';

/**
 * Replies after approval: sent through Altinn, notified, read, or put on paper at the
 * deadline; and what Folkeregisteret and KRR say about the applicant. The "Svar" screen and
 * the case view read these; hold/resume/stop act on a pending print.
 */

/** Where a reply is. Kept equal to core/replies REPLY_STATES by a test. */
export const REPLY_STATES = ['queued', 'sent', 'notified', 'read', 'held', 'stopped', 'printing', 'printed', 'manual', 'failed'] as const;
export const replyStateSchema = z.enum(REPLY_STATES);
export type ReplyState = z.infer<typeof replyStateSchema>;

export const replyChannelSchema = z.enum(['altinn3', 'altinn2', 'print']);

export const replyRowSchema = z.object({
  publicId: z.string(),
  serviceName: z.string().nullable(),
  applicantName: z.string().nullable(),
  personNumberMasked: z.string().nullable(),
  caseNumber: z.string().nullable(),
  title: z.string(),
  state: replyStateSchema,
  /** How it reached (or will reach) the citizen. */
  channel: replyChannelSchema,
  approvedAt: z.number(),
  sentAt: z.number().nullable(),
  notifiedAt: z.number().nullable(),
  remindedAt: z.number().nullable(),
  readAt: z.number().nullable(),
  /** When it goes to print if still unread. */
  deadlineAt: z.number().nullable(),
  printedAt: z.number().nullable(),
  /** Why it went to print at once (reserved in KRR, no contact data, Altinn 1030), why it is held/stopped/manual/failed. */
  reason: z.string().nullable(),
});
export type ReplyRow = z.infer<typeof replyRowSchema>;

export const replyListInputSchema = z
  .object({
    state: replyStateSchema.optional(),
    /** Unread replies whose print deadline falls within this many days. */
    dueWithinDays: z.number().int().min(0).max(60).optional(),
    limit: z.number().int().min(1).max(500).default(50),
    offset: z.number().int().min(0).default(0),
  })
  .strict();

export const replyListSchema = z.object({
  items: z.array(replyRowSchema),
  total: z.number().int(),
  counts: z.record(z.string(), z.number().int()),
  /** Unread, not held, deadline within the next 3 days. */
  dueSoon: z.number().int(),
});
export type ReplyList = z.infer<typeof replyListSchema>;

export const replyStatsSchema = z.object({
  /** One point per day (ISO date, Europe/Oslo), oldest first. */
  days: z.array(z.object({ date: z.string(), sent: z.number().int(), read: z.number().int(), printed: z.number().int() })),
});
export type ReplyStats = z.infer<typeof replyStatsSchema>;

const addressSchema = z.object({ lines: z.array(z.string()), postalCode: z.string(), postalPlace: z.string(), country: z.string().nullable() });

export const registersViewSchema = z.object({
  person: z
    .object({
      name: z.string(),
      status: z.string(),
      /** Null when none is registered or it is strengt fortrolig (never shown, never printed). */
      address: addressSchema.nullable(),
      addressProtection: z.enum(['none', 'fortrolig', 'strengt-fortrolig', 'strengt-fortrolig-utland']),
      /** The applicant's children in Folkeregisteret; `inApplication`: the application names this child. */
      children: z.array(z.object({ name: z.string().nullable(), birthDate: z.string().nullable(), personNumberMasked: z.string(), inApplication: z.boolean() })),
      /** Persons the application names (e.g. as children) whom Folkeregisteret does not list as the applicant's children: masked. */
      notChildren: z.array(z.string()),
      lookedUpAt: z.number(),
    })
    .nullable(),
  contact: z
    .object({
      state: z.enum(['active', 'deleted', 'not-registered']),
      reserved: z.boolean(),
      canNotify: z.boolean(),
      email: z.string().nullable(),
      mobile: z.string().nullable(),
      lookedUpAt: z.number(),
    })
    .nullable(),
});
export type RegistersView = z.infer<typeof registersViewSchema>;

export const replyViewSchema = z.object({
  reply: replyRowSchema.nullable(),
  registers: registersViewSchema,
  /**
   * #13 item 10: Folkeregisteret gives another name for the application's fødselsnummer than the application
   * does (beyond spelling variants). `waiting`: the reply is stopped until a caseworker confirms the recipient.
   */
  recipientMismatch: z.object({ formName: z.string(), registerName: z.string(), confirmed: z.boolean(), waiting: z.boolean() }).nullable().default(null),
  /** What this user may do with the pending print now. */
  can: z.object({ hold: z.boolean(), resume: z.boolean(), stop: z.boolean(), confirmRecipient: z.boolean().default(false) }),
});
export type ReplyView = z.infer<typeof replyViewSchema>;

const ref = z.object({ publicId: z.string().min(1).max(100) }).strict();
const withReason = z.object({ publicId: z.string().min(1).max(100), reason: z.string().trim().min(1).max(500) }).strict();

export const replyChannels = {
  'replies.list': { input: replyListInputSchema, output: replyListSchema, roles: CASE_READERS },
  'replies.stats': { input: z.object({ days: z.number().int().min(1).max(365).default(30) }).strict(), output: replyStatsSchema, roles: CASE_READERS },
  /** The reply and register data of one case. */
  'replies.get': { input: ref, output: replyViewSchema, roles: CASE_READERS },
  /** Keep a pending print from going out at the deadline, until resumed. */
  'replies.hold': { input: withReason, output: replyViewSchema, roles: CASE_WORKERS },
  'replies.resume': { input: ref, output: replyViewSchema, roles: CASE_WORKERS },
  /** Never print this reply (e.g. the citizen was reached another way). */
  'replies.stop': { input: withReason, output: replyViewSchema, roles: CASE_WORKERS },
  /** #13 item 10: the caseworker has checked the number and confirms Folkeregisteret's person as the reply's recipient. */
  'replies.confirmRecipient': { input: ref, output: replyViewSchema, roles: CASE_WORKERS },
  /** Poll read status and run the print sweep now. */
  'replies.checkNow': { input: z.object({}).strict(), output: z.object({ jobIds: z.array(z.number().int()) }), roles: FETCHERS },
} as const;
