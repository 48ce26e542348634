import { z } from 'zod';
import { ANYONE, CASE_READERS, CASE_WORKERS, NOTE_WRITERS, roleSchema, type Role } from './roles';

export { ROLES, roleSchema, type Role } from './roles';

/**
 * The caseworker desk's part of the contract: who is at the desk, the case list (Innboks),
 * one case, and the work on it. Every input is validated here; what a user may see and do is
 * decided by the hub (screened cases are invisible to users outside their group).
 */

export const deskUserSchema = z.object({
  /** Operating-system account (desktop) or the same mapping in the headless host. */
  account: z.string(),
  name: z.string(),
  roles: z.array(roleSchema),
  /** Access groups: screened services are visible only to their group's members. */
  groups: z.array(z.string()),
});
export type DeskUser = z.infer<typeof deskUserSchema>;

export const sessionSchema = z.object({
  user: deskUserSchema,
  /** The demo lets one switch between sample users to see the difference screening makes. */
  switchable: z.array(deskUserSchema),
  /** The channels this user may call, from the contract's role declarations: the UI hides what the hub would refuse. */
  allowed: z.array(z.string()),
});
export type Session = z.infer<typeof sessionSchema>;

/** Where a case is in the desk's work. Quarantined submissions are cases too, shown apart. */
/** `returned`: a leader sent the case back to its caseworker with a comment (#14). */
export const CASE_STATUSES = ['new', 'in-progress', 'decided', 'awaiting-approval', 'returned', 'approved', 'quarantined'] as const;
export const caseStatusSchema = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof caseStatusSchema>;

export const OUTCOMES = ['innvilget', 'avslått', 'delvis-innvilget'] as const;
export const outcomeSchema = z.enum(OUTCOMES);
export type Outcome = z.infer<typeof outcomeSchema>;

export const caseRowSchema = z.object({
  publicId: z.string(),
  profileId: z.string().nullable(),
  serviceName: z.string().nullable(),
  applicantName: z.string().nullable(),
  /** Masked (6 digits + *****): a fødselsnummer never crosses in clear. */
  personNumberMasked: z.string().nullable(),
  title: z.string().nullable(),
  receivedAt: z.number(),
  status: caseStatusSchema,
  assignee: z.object({ account: z.string(), name: z.string() }).nullable(),
  /** "2026/123" once archived. */
  caseNumber: z.string().nullable(),
  /** Processing deadline from the profile (received + deadlineDays). */
  deadlineAt: z.number().nullable(),
  /** When a preliminary reply (fvl. § 11 a) is due, if the profile asks for one. */
  preliminaryReplyAt: z.number().nullable(),
  screened: z.boolean(),
});
export type CaseRow = z.infer<typeof caseRowSchema>;

export const CASE_SORTS = ['received', 'deadline', 'applicant', 'service', 'status'] as const;

export const caseListInputSchema = z
  .object({
    status: caseStatusSchema.optional(),
    profileId: z.string().max(100).optional(),
    /** 'me', 'none' (unassigned) or an account. */
    assignee: z.string().max(100).optional(),
    /** 'overdue': past the deadline; 'due-soon': within 3 days; 'preliminary': a preliminary reply is due. */
    deadline: z.enum(['overdue', 'due-soon', 'preliminary']).optional(),
    /** Full-text search over names, titles, case numbers and form text; an 11-digit fødselsnummer matches exactly. */
    q: z.string().max(200).optional(),
    sort: z.enum(CASE_SORTS).default('received'),
    dir: z.enum(['asc', 'desc']).default('desc'),
    limit: z.number().int().min(1).max(500).default(50),
    offset: z.number().int().min(0).default(0),
  })
  .strict();
export type CaseListInput = z.input<typeof caseListInputSchema>;

export const caseListSchema = z.object({
  items: z.array(caseRowSchema),
  total: z.number().int(),
  /** Counts per status for the filter chips, within what the user may see. */
  counts: z.record(z.string(), z.number().int()),
  /** The services (profiles) the user may see, for the service filter. */
  services: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type CaseList = z.infer<typeof caseListSchema>;

export const TIMELINE_KINDS = ['received', 'archived', 'routed', 'claimed', 'released', 'reassigned', 'note', 'decided', 'letter-edited', 'approved', 'replied', 'notified', 'read', 'printed', 'print-held', 'print-resumed', 'print-stopped', 'print-manual', 'sent-back', 'letter-rejected', 'quarantine-revalidated', 'quarantine-registered', 'quarantine-duplicate', 'quarantine-rejected', 'duplicate-linked'] as const;
export const timelineEventSchema = z.object({
  kind: z.enum(TIMELINE_KINDS),
  at: z.number(),
  /** Who did it (a user's name, or "Postmottak" for the system). */
  actor: z.string(),
  text: z.string().nullable(),
});
export type TimelineEvent = z.infer<typeof timelineEventSchema>;

export const letterSchema = z.object({
  title: z.string().max(300),
  body: z.string().max(20_000),
  updatedAt: z.number(),
  updatedBy: z.string(),
});
export type Letter = z.infer<typeof letterSchema>;

export const caseWorkSchema = z.object({
  status: caseStatusSchema,
  assignee: z.object({ account: z.string(), name: z.string() }).nullable(),
  deadlineAt: z.number().nullable(),
  preliminaryReplyAt: z.number().nullable(),
  notes: z.array(z.object({ at: z.number(), author: z.string(), text: z.string() })),
  decision: z
    .object({
      outcome: outcomeSchema,
      grounds: z.string(),
      decidedAt: z.number(),
      /** The person's name (#14: people, not accounts). */
      decidedBy: z.string(),
      /** The rule from the profile that suggested this outcome, if any. */
      recommendation: z.string().nullable(),
      /** Decided by the profile's rules alone (#15), and the legal basis the rules state for it. */
      automatic: z.boolean().optional(),
      legalBasis: z.string().nullable().optional(),
    })
    .nullable(),
  letter: letterSchema.nullable(),
  /** The approvals since the letter was last sent back or rejected, each by a person's name. */
  approvals: z.array(z.object({ at: z.number(), by: z.string(), role: roleSchema })),
  /** Who this case may be given to: the known users who may see it and work cases (#14), by name. */
  assignable: z.array(z.object({ account: z.string(), name: z.string() })),
  /** The profile asks for a leader's approval after the caseworker's. */
  secondApprovalRequired: z.boolean(),
  /** What this user may do now. */
  can: z.object({
    claim: z.boolean(),
    release: z.boolean(),
    reassign: z.boolean(),
    note: z.boolean(),
    decide: z.boolean(),
    editLetter: z.boolean(),
    approve: z.boolean(),
    /** A leader, on a case awaiting this leader's approval: back to the caseworker with a comment (#14). */
    sendBack: z.boolean(),
    /** A leader, on a case awaiting this leader's approval: decision and letter cleared, with a comment (#14). */
    rejectLetter: z.boolean(),
  }),
  /** The profile's rules suggest an outcome. */
  recommendation: z.object({ outcome: outcomeSchema, explanation: z.string() }).nullable(),
  /** The profile's rules (#15): their advice, «manuell» (a person decides) included, with the reasons in bokmål and nynorsk. */
  rules: z
    .object({
      recommended: z.union([outcomeSchema, z.literal('manuell')]),
      ruleId: z.string().nullable(),
      reasons: z.object({ nb: z.array(z.string()), nn: z.array(z.string()) }),
      mode: z.enum(['suggest', 'automatic']),
      legalBasis: z.string().nullable(),
    })
    .nullable()
    .optional(),
  timeline: z.array(timelineEventSchema),
});
export type CaseWork = z.infer<typeof caseWorkSchema>;

const ref = z.object({ publicId: z.string().min(1).max(100) }).strict();
/** The leader's word to the caseworker when sending back or rejecting (#14): required. */
const comment = z.string().trim().min(1).max(4000);
/** Sending back and rejecting the letter: only a leader (core decides whether this leader may, per case). */
const LEADERS = ['leder'] as const satisfies readonly Role[];

export const deskChannels = {
  'session.get': { input: z.object({}).strict(), output: sessionSchema, roles: ANYONE },
  /** Demo only: act as another sample user. */
  'session.switchUser': { input: z.object({ account: z.string().min(1).max(100) }).strict(), output: sessionSchema, roles: ANYONE },
  'cases.list': { input: caseListInputSchema, output: caseListSchema, roles: CASE_READERS },
  'cases.work': { input: ref, output: caseWorkSchema, roles: CASE_READERS },
  'cases.claim': { input: ref, output: caseWorkSchema, roles: CASE_WORKERS },
  'cases.release': { input: ref, output: caseWorkSchema, roles: CASE_WORKERS },
  'cases.reassign': { input: ref.extend({ to: z.string().min(1).max(100) }).strict(), output: caseWorkSchema, roles: CASE_WORKERS },
  'cases.note': { input: ref.extend({ text: z.string().trim().min(1).max(4000) }).strict(), output: caseWorkSchema, roles: NOTE_WRITERS },
  /** Records the decision and drafts the letter from the profile's template. */
  'cases.decide': { input: ref.extend({ outcome: outcomeSchema, grounds: z.string().trim().min(1).max(4000) }).strict(), output: caseWorkSchema, roles: CASE_WORKERS },
  'cases.saveLetter': { input: ref.extend({ title: z.string().trim().min(1).max(300), body: z.string().trim().min(1).max(20_000) }).strict(), output: caseWorkSchema, roles: CASE_WORKERS },
  /** The letter as the PDF/A that will be sent (base64), rendered from the saved draft. */
  'cases.previewLetter': { input: ref, output: z.object({ pdfBase64: z.string(), pages: z.number().int() }), roles: CASE_READERS },
  'cases.approve': { input: ref, output: caseWorkSchema, roles: CASE_WORKERS },
  /** #14: the leader returns the case to its caseworker with a comment; decision and letter kept, approvals cleared. */
  'cases.sendBack': { input: ref.extend({ comment }).strict(), output: caseWorkSchema, roles: LEADERS },
  /** #14: the leader rejects the letter with a comment; decision and letter cleared, the caseworker decides again. */
  'cases.rejectLetter': { input: ref.extend({ comment }).strict(), output: caseWorkSchema, roles: LEADERS },
  /** One stored part (attachment, receipt PDF) for the embedded viewer. The original form XML (full fødselsnummer) only to an archivist, audited. */
  'cases.part': { input: ref.extend({ seq: z.number().int().min(0) }).strict(), output: z.object({ contentType: z.string(), filename: z.string().nullable(), base64: z.string() }), roles: CASE_READERS },
} as const;
