import { Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { SubmissionSummary } from '../../../electron/ipc/contract';

const COLORS = { received: 'success', quarantined: 'warning' } as const;

/** Colour plus words, never colour alone (WCAG 1.4.1). */
export function SubmissionStatusTag({ status }: { status: SubmissionSummary['status'] }) {
  const { t } = useTranslation();
  return (
    <Tag data-color={COLORS[status]} data-size="sm" data-testid="submission-status">
      {t(`submissionStatus.${status}`)}
    </Tag>
  );
}
