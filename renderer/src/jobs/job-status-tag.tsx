import { Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { JobSummary } from '../../../electron/ipc/contract';

const COLORS = { queued: 'info', running: 'accent', done: 'success', dead: 'danger' } as const;

/** Colour plus words, never colour alone (WCAG 1.4.1). */
export function JobStatusTag({ job }: { job: Pick<JobSummary, 'status' | 'abandoned'> }) {
  const { t } = useTranslation();
  const abandoned = job.status === 'dead' && job.abandoned;
  return (
    <Tag data-color={abandoned ? 'neutral' : COLORS[job.status]} data-testid="job-status">
      {abandoned ? t('jobStatus.abandoned') : t(`jobStatus.${job.status}`)}
    </Tag>
  );
}
