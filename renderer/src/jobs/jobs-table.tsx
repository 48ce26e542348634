import { Button, Checkbox, Link, Table, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import type { JobSummary } from '../../../electron/ipc/contract';
import { integrationLabel } from '../health/health-labels';
import { useMayCall } from '../session/may-call';
import { DateTime } from '../shared/date-time';
import { TechName } from '../shared/tech-name';
import { useNow } from '../shared/use-now.hook';
import { errorKindLabel } from './error-kind';
import { jobTypeName } from './job-names';
import { JobStatusTag } from './job-status-tag';

interface Props {
  jobs: JobSummary[];
  caption: string;
  pendingId: number | null;
  selected: ReadonlySet<number>;
  onSelect: (ids: number[], on: boolean) => void;
  onRetry: (job: JobSummary) => void;
  onAbandon: (job: JobSummary) => void;
}

export const isActionable = (job: JobSummary): boolean => job.status === 'dead' && !job.abandoned;

/**
 * The jobs, one row each: the job in words with its case, state, attempts, when, and the last error.
 * Below 40rem the rows stack as cards (jobs.css), each cell with its column's name, so nothing scrolls sideways.
 */
export function JobsTable({ jobs, caption, pendingId, selected, onSelect, onRetry, onAbandon }: Props) {
  const { t } = useTranslation();
  const now = useNow();
  // retry and abandon only for a role the contract allows (IT); others read the list
  const may = useMayCall();
  const mayRetry = may('jobs.retry');
  const mayAbandon = may('jobs.abandon');
  const mayBulk = may('jobs.retryMany');
  // a case opens for the roles that work with cases; IT sees which case, as text
  const mayOpenCase = may('cases.work');
  const deadIds = jobs.filter(isActionable).map((j) => j.id);
  // the actions column only while some job in the list can be acted on
  const actions = (mayRetry || mayAbandon) && deadIds.length > 0;
  const selectable = mayBulk && deadIds.length > 0;
  const allSelected = selectable && deadIds.every((id) => selected.has(id));
  const c = {
    select: t('jobsWs.columns.select'),
    name: t('jobsWs.columns.name'),
    case: t('jobsWs.columns.case'),
    status: t('jobs.columns.status'),
    attempts: t('jobs.columns.attempts'),
    integration: t('jobs.columns.integration'),
    time: t('jobs.columns.time'),
    lastError: t('jobs.columns.lastError'),
    actions: t('jobs.columns.actions'),
  };
  return (
    <div className="pm-jobs-table">
      <Table zebra border data-color="neutral" className="pm-table" data-testid="jobs-table">
        <caption className="ds-sr-only">{caption}</caption>
        <Table.Head>
          <Table.Row>
            {selectable && (
              <Table.HeaderCell className="pm-jobs-select">
                <Checkbox aria-label={t('jobsWs.selectAll')} checked={allSelected} onChange={(e) => onSelect(deadIds, e.target.checked)} data-size="sm" />
              </Table.HeaderCell>
            )}
            <Table.HeaderCell>{c.name}</Table.HeaderCell>
            <Table.HeaderCell>{c.case}</Table.HeaderCell>
            <Table.HeaderCell>{c.status}</Table.HeaderCell>
            <Table.HeaderCell>{c.attempts}</Table.HeaderCell>
            <Table.HeaderCell>{c.integration}</Table.HeaderCell>
            <Table.HeaderCell>{c.time}</Table.HeaderCell>
            <Table.HeaderCell>{c.lastError}</Table.HeaderCell>
            {actions && <Table.HeaderCell>{c.actions}</Table.HeaderCell>}
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {jobs.map((job) => {
            const actionable = isActionable(job);
            const queued = job.status === 'queued';
            const name = jobTypeName(t, job.type);
            return (
              <Table.Row key={job.id} data-testid={`job-row-${job.id}`}>
                {selectable && (
                  <Table.Cell className="pm-jobs-select">
                    {actionable && (
                      <Checkbox
                        aria-label={t('jobsWs.selectJob', { id: job.id })}
                        checked={selected.has(job.id)}
                        onChange={(e) => onSelect([job.id], e.target.checked)}
                        data-size="sm"
                      />
                    )}
                  </Table.Cell>
                )}
                <Table.HeaderCell scope="row" className="pm-row-head" data-label={c.name}>
                  <span className="pm-block" data-testid="job-name">
                    {name}
                  </span>
                  <span className="pm-block pm-muted pm-jobs-id">
                    {t('jobs.columns.id')} {job.id}
                    {/* the technical type for IT, who reads logs by it; the readable name is what everyone sees */}
                    {mayRetry && name !== job.type && (
                      <>
                        {' · '}
                        <TechName value={job.type} />
                      </>
                    )}
                  </span>
                </Table.HeaderCell>
                <Table.Cell data-label={c.case} data-testid="job-case">
                  {job.case ? (
                    mayOpenCase ? (
                      <Link asChild>
                        <RouterLink to={`/innboks/${job.case.publicId}`}>{job.case.label}</RouterLink>
                      </Link>
                    ) : (
                      job.case.label
                    )
                  ) : (
                    <span className="pm-muted">{t('jobsWs.noCase')}</span>
                  )}
                </Table.Cell>
                <Table.Cell data-label={c.status}>
                  <JobStatusTag job={job} />
                </Table.Cell>
                <Table.Cell data-label={c.attempts} data-testid="job-attempts" className="pm-jobs-nowrap">
                  {t('jobs.attempts', { attempts: job.attempts, max: job.maxAttempts })}
                </Table.Cell>
                <Table.Cell data-label={c.integration}>{job.integration ? integrationLabel(t, job.integration) : t('common.empty')}</Table.Cell>
                <Table.Cell data-label={c.time}>
                  <span className="pm-block pm-muted">{queued ? t('jobs.nextAttempt') : t('jobs.updated')}</span>
                  <DateTime ms={queued ? job.runAfter : job.updatedAt} now={now} />
                </Table.Cell>
                <Table.Cell className="pm-error-cell" data-label={c.lastError}>
                  {job.lastError || job.lastErrorKind ? (
                    <>
                      {job.lastErrorKind && (
                        <Tag data-color="warning" data-size="sm" variant="outline" className="pm-inline-tag">
                          {errorKindLabel(t, job.lastErrorKind)}
                        </Tag>
                      )}
                      {job.lastError && <span className="pm-block">{job.lastError}</span>}
                    </>
                  ) : (
                    t('common.empty')
                  )}
                </Table.Cell>
                {actions && (
                  <Table.Cell data-label={c.actions}>
                    {actionable && (
                      <div className="pm-actions">
                        {mayRetry && (
                          <Button
                            variant="secondary"
                            data-color="accent"
                            data-size="sm"
                            loading={pendingId === job.id}
                            aria-label={t('jobs.retryLabel', { id: job.id })}
                            onClick={() => onRetry(job)}
                          >
                            {t('jobs.retry')}
                          </Button>
                        )}
                        {mayAbandon && (
                          <Button
                            variant="tertiary"
                            data-color="danger"
                            data-size="sm"
                            aria-label={t('jobs.abandonLabel', { id: job.id })}
                            onClick={() => onAbandon(job)}
                          >
                            {t('jobs.abandon')}
                          </Button>
                        )}
                      </div>
                    )}
                  </Table.Cell>
                )}
              </Table.Row>
            );
          })}
        </Table.Body>
      </Table>
    </div>
  );
}
