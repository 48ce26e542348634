import { QUARANTINE_ACTION_KINDS } from '../ports/quarantine-store.port';
/**
 * The desk's vocabulary, shared by core, store and contract (the contract's zod enums are
 * written from these lists; a test keeps them equal).
 */
export const ROLES = ['saksbehandler', 'leder', 'arkivar', 'it-admin'] as const;
export type Role = (typeof ROLES)[number];

/** `returned`: a leader sent the case back to its caseworker with a comment (#14); decision and letter kept, approvals cleared. */
export const CASE_STATUSES = ['new', 'in-progress', 'decided', 'awaiting-approval', 'returned', 'approved', 'quarantined'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const OUTCOMES = ['innvilget', 'avslått', 'delvis-innvilget'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** What the case's own event log stores (the store's CHECK list). */
export const CASE_EVENT_KINDS = ['received', 'archived', 'routed', 'claimed', 'released', 'reassigned', 'note', 'decided', 'letter-edited', 'approved', 'replied', 'notified', 'read', 'printed', 'print-held', 'print-resumed', 'print-stopped', 'print-manual', 'sent-back', 'letter-rejected'] as const;
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number];
/** Everything the timeline shows: the case's events and what was done in quarantine (kept by the quarantine repository, #13 item 13). */
export const TIMELINE_KINDS = [...CASE_EVENT_KINDS, ...QUARANTINE_ACTION_KINDS] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export interface TimelineEvent {
  kind: TimelineKind;
  at: number;
  actor: string;
  text: string | null;
}
/** An event the case's own log stores (not a quarantine action). */
export type CaseEvent = TimelineEvent & { kind: CaseEventKind };

export interface DeskUser {
  account: string;
  name: string;
  roles: Role[];
  groups: string[];
  /** Administrativ enhet the archive records for what this user decides (#13 item 8); null: the service profile's. */
  unit?: string | null;
}

/** Who decides when a profile's rules decide alone (#15): recorded as decider, approver and the letter's signer. */
export const RULES_ACTOR = { account: 'postmottak.regelstyrt', name: 'Postmottak (regelstyrt)' } as const;
