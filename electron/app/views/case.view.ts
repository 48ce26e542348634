import type { CaseWorkView } from '../../core/desk/desk.service';
import { maskPersonNumber } from '../../core/fodselsnummer';
import type { CaseListRow } from '../../core/ports/desk-store.port';
import type { CaseRow, CaseWork } from '../../ipc';

export const toCaseWork = (v: CaseWorkView): CaseWork => ({
  status: v.record.status,
  assignee: v.record.assignee,
  deadlineAt: v.record.deadlineAt,
  preliminaryReplyAt: v.record.preliminaryReplyAt,
  notes: v.notes,
  decision: v.decision,
  letter: v.letter,
  approvals: v.approvals,
  assignable: v.assignable,
  secondApprovalRequired: v.secondApprovalRequired,
  can: v.can,
  recommendation: v.recommendation,
  rules: v.rules,
  timeline: v.timeline,
});

export const toCaseRow = (row: CaseListRow, serviceName: string | null, screened: boolean): CaseRow => ({
  publicId: row.publicId,
  profileId: row.profileId,
  serviceName,
  applicantName: row.applicantName,
  personNumberMasked: maskPersonNumber(row.personNumber),
  title: row.title,
  receivedAt: row.receivedAt,
  status: row.status,
  assignee: row.assignee,
  caseNumber: row.caseNumber,
  deadlineAt: row.deadlineAt,
  preliminaryReplyAt: row.preliminaryReplyAt,
  screened,
});
