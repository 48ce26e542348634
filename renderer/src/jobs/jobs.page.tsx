import { Alert, Paragraph, ToggleGroup } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { JobStatus, JobSummary } from '../../../electron/ipc/contract';
import type { AppError } from '../bridge/bridge';
import { useAction } from '../bridge/use-action.hook';
import { useQuery } from '../bridge/use-query.hook';
import { ErrorAlert } from '../shared/error-alert';
import { LiveRegion } from '../shared/live-region';
import { LoadingState } from '../shared/loading-state';
import { PageHeading } from '../shared/page-heading';
import { AbandonJobDialog } from './abandon-job.dialog';
import { JobsTable } from './jobs-table';

const LIMIT = 100;
const FILTERS = ['all', 'queued', 'running', 'done', 'dead'] as const;
type Filter = (typeof FILTERS)[number];

const isStatusFilter = (value: string | null): value is JobStatus =>
  value !== null && value !== 'all' && (FILTERS as readonly string[]).includes(value);

type Outcome = { kind: 'ok'; text: string } | { kind: 'error'; error: AppError } | null;

export function JobsPage() {
  const { t } = useTranslation();
  // The filter lives in the URL so the status page can link straight to dead jobs.
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const filter: Filter = isStatusFilter(raw) ? raw : 'all';
  const jobs = useQuery('jobs.list', filter === 'all' ? { limit: LIMIT } : { status: filter, limit: LIMIT }, {
    refreshOn: ['job.updated', 'status.changed'],
  });
  const retry = useAction('jobs.retry');
  const abandon = useAction('jobs.abandon');
  const [pendingId, setPendingId] = useState<number | null>(null);
  const [confirming, setConfirming] = useState<JobSummary | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);

  const changeFilter = (value: string) => {
    setOutcome(null);
    setParams(value === 'all' ? {} : { status: value }, { replace: true });
  };

  const act = async (job: JobSummary, kind: 'retry' | 'abandon') => {
    if (pendingId !== null) return;
    setPendingId(job.id);
    setOutcome(null);
    const result = kind === 'retry' ? await retry({ id: job.id }) : await abandon({ id: job.id });
    setPendingId(null);
    setConfirming(null);
    if (!result.ok) {
      setOutcome({ kind: 'error', error: result.error });
      return;
    }
    setOutcome({ kind: 'ok', text: t(kind === 'retry' ? 'jobs.retried' : 'jobs.abandoned', { id: job.id }) });
    jobs.reload();
  };

  const filterLabel = t(`jobs.filter.${filter}`);
  const caption = filter === 'all' ? t('jobs.caption') : t('jobs.captionFiltered', { status: filterLabel });

  return (
    <div className="pm-page">
      <PageHeading title={t('jobs.title')} intro={t('jobs.intro')} />
      <div className="pm-filter">
        <span id="jobs-filter-label" className="pm-filter-label">
          {t('jobs.filterLabel')}
        </span>
        <ToggleGroup aria-labelledby="jobs-filter-label" value={filter} onChange={changeFilter} data-size="sm">
          {FILTERS.map((f) => (
            <ToggleGroup.Item key={f} value={f}>
              {t(`jobs.filter.${f}`)}
            </ToggleGroup.Item>
          ))}
        </ToggleGroup>
      </div>

      <LiveRegion className="pm-live">
        {outcome?.kind === 'ok' && (
          <Alert data-color="success" className="pm-alert" data-testid="job-action-result">
            <Paragraph>{outcome.text}</Paragraph>
          </Alert>
        )}
        {outcome?.kind === 'error' && <ErrorAlert error={outcome.error} title={t('errors.actionTitle')} headingLevel={2} />}
      </LiveRegion>

      {jobs.error && <ErrorAlert error={jobs.error} onRetry={jobs.reload} />}
      {!jobs.data && jobs.loading && <LoadingState label={t('jobs.loading')} />}
      {jobs.data &&
        (jobs.data.length === 0 ? (
          <Paragraph data-testid="jobs-empty">
            {filter === 'all' ? t('jobs.empty') : t('jobs.emptyFiltered', { status: filterLabel })}
          </Paragraph>
        ) : (
          <>
            <JobsTable
              jobs={jobs.data}
              caption={caption}
              pendingId={pendingId}
              onRetry={(job) => void act(job, 'retry')}
              onAbandon={(job) => setConfirming(job)}
            />
            {jobs.data.length >= LIMIT && (
              <Paragraph data-size="sm" className="pm-muted">
                {t('jobs.limitNote', { count: LIMIT })}
              </Paragraph>
            )}
          </>
        ))}

      {confirming && (
        <AbandonJobDialog
          job={confirming}
          pending={pendingId === confirming.id}
          onConfirm={() => void act(confirming, 'abandon')}
          onCancel={() => setConfirming(null)}
        />
      )}
    </div>
  );
}
