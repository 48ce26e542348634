/**
 * The desk's vocabulary, shared by core, store and contract (the contract's zod enums are
 * written from these lists; a test keeps them equal).
 */
export const ROLES = ['saksbehandler', 'leder', 'arkivar', 'it-admin'] as const;
export type Role = (typeof ROLES)[number];

export const CASE_STATUSES = ['new', 'in-progress', 'decided', 'awaiting-approval', 'approved', 'quarantined'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const OUTCOMES = ['innvilget', 'avslått', 'delvis-innvilget'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const TIMELINE_KINDS = ['received', 'archived', 'routed', 'claimed', 'released', 'reassigned', 'note', 'decided', 'letter-edited', 'approved', 'replied', 'notified', 'read', 'printed', 'print-held', 'print-resumed', 'print-stopped', 'print-manual'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export interface TimelineEvent {
  kind: TimelineKind;
  at: number;
  actor: string;
  text: string | null;
}

export interface DeskUser {
  account: string;
  name: string;
  roles: Role[];
  groups: string[];
}
