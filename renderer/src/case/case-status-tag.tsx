import { Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { CaseStatus } from '../../../electron/ipc/desk.contract';
import { caseStatusLabel } from './case-labels';

const COLORS = {
  new: 'info',
  'in-progress': 'accent',
  decided: 'neutral',
  'awaiting-approval': 'warning',
  returned: 'warning',
  approved: 'success',
  quarantined: 'danger',
} as const satisfies Record<CaseStatus, string>;

/** Colour plus words, never colour alone (WCAG 1.4.1). */
export function CaseStatusTag({ status }: { status: CaseStatus }) {
  const { t } = useTranslation();
  return (
    <Tag data-color={COLORS[status]} data-size="sm" data-testid="case-status">
      {caseStatusLabel(t, status)}
    </Tag>
  );
}
