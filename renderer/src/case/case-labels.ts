import type { TFunction } from 'i18next';
import type { CaseRow, CaseStatus, Outcome, TimelineEvent } from '../../../electron/ipc/desk.contract';

/**
 * The desk's value lists, kept in step with electron/ipc/desk.contract.ts (the renderer may
 * import only types from there); `satisfies` makes a typo a compile error.
 */
export const CASE_STATUS_LIST = ['new', 'in-progress', 'decided', 'awaiting-approval', 'returned', 'approved', 'quarantined'] as const satisfies readonly CaseStatus[];
export const OUTCOME_LIST = ['innvilget', 'avslått', 'delvis-innvilget'] as const satisfies readonly Outcome[];

const STATUS_KEYS = {
  new: 'caseStatus.new',
  'in-progress': 'caseStatus.inProgress',
  decided: 'caseStatus.decided',
  'awaiting-approval': 'caseStatus.awaitingApproval',
  returned: 'caseStatus.returned',
  approved: 'caseStatus.approved',
  quarantined: 'caseStatus.quarantined',
} as const satisfies Record<CaseStatus, string>;

export const caseStatusLabel = (t: TFunction, status: CaseStatus): string => t(STATUS_KEYS[status]);

const OUTCOME_KEYS = {
  innvilget: 'outcome.innvilget',
  avslått: 'outcome.avslatt',
  'delvis-innvilget': 'outcome.delvisInnvilget',
} as const satisfies Record<Outcome, string>;

export const outcomeLabel = (t: TFunction, outcome: Outcome): string => t(OUTCOME_KEYS[outcome]);

const TIMELINE_KEYS = {
  received: 'timeline.kinds.received',
  archived: 'timeline.kinds.archived',
  routed: 'timeline.kinds.routed',
  claimed: 'timeline.kinds.claimed',
  released: 'timeline.kinds.released',
  reassigned: 'timeline.kinds.reassigned',
  note: 'timeline.kinds.note',
  decided: 'timeline.kinds.decided',
  'letter-edited': 'timeline.kinds.letterEdited',
  approved: 'timeline.kinds.approved',
  replied: 'timeline.kinds.replied',
  notified: 'timeline.kinds.notified',
  read: 'timeline.kinds.read',
  printed: 'timeline.kinds.printed',
  'print-held': 'timeline.kinds.printHeld',
  'print-resumed': 'timeline.kinds.printResumed',
  'print-stopped': 'timeline.kinds.printStopped',
  'print-manual': 'timeline.kinds.printManual',
  'sent-back': 'timeline.kinds.sentBack',
  'letter-rejected': 'timeline.kinds.letterRejected',
  'quarantine-revalidated': 'timeline.kinds.quarantineRevalidated',
  'quarantine-registered': 'timeline.kinds.quarantineRegistered',
  'quarantine-duplicate': 'timeline.kinds.quarantineDuplicate',
  'quarantine-rejected': 'timeline.kinds.quarantineRejected',
  'duplicate-linked': 'timeline.kinds.duplicateLinked',
} as const satisfies Record<TimelineEvent['kind'], string>;

export const timelineKindLabel = (t: TFunction, kind: TimelineEvent['kind']): string => t(TIMELINE_KEYS[kind]);

const DAY = 24 * 3600_000;
/** "Due soon" as the hub counts it for the deadline filter. */
export const DUE_SOON_MS = 3 * DAY;

type DeadlineFields = Pick<CaseRow, 'status' | 'deadlineAt' | 'preliminaryReplyAt'>;

/** Whether the processing deadline has passed, and whether a preliminary reply is due (fvl. § 11 a). */
export function deadlineState(c: DeadlineFields, now: number): { overdue: boolean; dueSoon: boolean; preliminaryDue: boolean } {
  const finished = c.status === 'approved';
  const undecided = c.status === 'new' || c.status === 'in-progress' || c.status === 'returned' || c.status === 'quarantined';
  const overdue = !finished && c.deadlineAt !== null && c.deadlineAt < now;
  return {
    overdue,
    dueSoon: !finished && !overdue && c.deadlineAt !== null && c.deadlineAt - now <= DUE_SOON_MS,
    preliminaryDue: undecided && c.preliminaryReplyAt !== null && c.preliminaryReplyAt - now <= DUE_SOON_MS,
  };
}
