import { Alert, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { JobSummary } from '../../../electron/ipc/contract';
import { useQuery } from '../bridge/use-query.hook';
import { jobTypeName } from './job-names';

type Outcome = 'waiting' | 'running' | 'done' | 'failed' | 'dead';

/**
 * What became of a retried job. A retry only puts the job back in the queue; whether it then worked
 * is the next attempt's answer, so the page follows the job and says it (#14: no green "queued" that
 * stays while the job has already failed again).
 */
export function followOutcome(job: JobSummary): Outcome {
  if (job.status === 'done') return 'done';
  if (job.status === 'running') return 'running';
  if (job.status === 'dead') return 'dead';
  // back in the queue: untouched since the retry (attempts 0), or waiting after a new failure
  return job.attempts > 0 && job.lastError !== null ? 'failed' : 'waiting';
}

function FollowLine({ job }: { job: JobSummary }) {
  const { t } = useTranslation();
  const outcome = followOutcome(job);
  const vars = { id: job.id, attempts: job.attempts, max: job.maxAttempts };
  const failed = outcome === 'failed' || outcome === 'dead';
  return (
    <li data-testid={`job-follow-${job.id}`} data-outcome={outcome}>
      <strong>{jobTypeName(t, job.type)}</strong>{' '}
      {outcome === 'waiting' && t('jobsWs.follow.queued', vars)}
      {outcome === 'running' && t('jobsWs.follow.running', vars)}
      {outcome === 'done' && t('jobsWs.follow.done', vars)}
      {failed && (
        <>
          {t('jobsWs.follow.failedAgain', { message: job.lastError ?? t('jobsWs.follow.unknownError') })}{' '}
          {t('jobsWs.follow.attempts', vars)} {outcome === 'dead' ? t('jobsWs.follow.deadAgain') : t('jobsWs.follow.retryLater')}
        </>
      )}
    </li>
  );
}

/** The retried jobs, read again whenever a job changes; the colour follows the worst outcome, the words say each. */
export function JobFollow({ ids, note }: { ids: number[]; note: string }) {
  const { t } = useTranslation();
  const jobs = useQuery('jobs.list', { ids, limit: Math.max(1, Math.min(500, ids.length)) }, { refreshOn: ['job.updated'] });
  const rows = (jobs.data ?? []).slice().sort((a, b) => a.id - b.id);
  const outcomes = rows.map(followOutcome);
  const color = outcomes.includes('dead') ? 'danger' : outcomes.includes('failed') ? 'warning' : outcomes.length > 0 && outcomes.every((o) => o === 'done') ? 'success' : 'info';
  return (
    <Alert data-color={color} className="pm-alert" data-testid="job-action-result">
      <Paragraph>{note}</Paragraph>
      {rows.length > 0 && (
        <ul className="pm-jobs-follow" aria-label={t('jobsWs.columns.name')}>
          {rows.map((j) => (
            <FollowLine key={j.id} job={j} />
          ))}
        </ul>
      )}
    </Alert>
  );
}
