import type { SubmissionDetail } from '../../../electron/ipc/contract';
import type { CaseWork } from '../../../electron/ipc/desk.contract';

export interface CaseDetailTabsProps {
  publicId: string;
  submission: SubmissionDetail;
  /** null while the desk's work is loading or failed (the tabs that need it say so). */
  work: CaseWork | null;
  now: number;
  apply: (work: CaseWork) => void;
}

/** #14 placeholder (application helper): register facts, the archive record, hand-overs, notes, the timeline and «Tekniske detaljer», in tabs. */
export function CaseDetailTabs(_props: CaseDetailTabsProps) {
  return null;
}
