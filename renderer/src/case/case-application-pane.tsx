import type { SubmissionDetail } from '../../../electron/ipc/contract';

export interface CaseApplicationPaneProps {
  publicId: string;
  submission: SubmissionDetail;
  now: number;
}

/** #14 placeholder (application helper): the application as asked — the form with the profile's labels, children, attachments and the receipt in the pdf.js viewer. */
export function CaseApplicationPane(_props: CaseApplicationPaneProps) {
  return null;
}
