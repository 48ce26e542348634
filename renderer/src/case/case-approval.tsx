import type { CaseWork } from '../../../electron/ipc/desk.contract';

export interface CaseApprovalProps {
  publicId: string;
  work: CaseWork;
  now: number;
  apply: (work: CaseWork) => void;
}

/** #14 placeholder (approval helper): approve, and for a leader send back or reject with a comment; the approvals so far. */
export function CaseApproval(_props: CaseApprovalProps) {
  return null;
}
