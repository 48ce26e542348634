import { useTranslation } from 'react-i18next';
import type { JobSummary } from '../../../electron/ipc/contract';
import { ConfirmDialog } from '../shared/confirm-dialog';
import { jobTypeName } from './job-names';

interface Props {
  job: JobSummary;
  pending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Abandoning a dead job is final: asked once more. */
export function AbandonJobDialog({ job, ...actions }: Props) {
  const { t } = useTranslation();
  return (
    <ConfirmDialog
      title={t('jobs.confirm.title', { id: job.id })}
      body={t('jobs.confirm.body', { type: jobTypeName(t, job.type) })}
      confirmLabel={t('jobs.confirm.confirm')}
      danger
      testId="abandon-dialog"
      {...actions}
    />
  );
}
