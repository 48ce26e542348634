import { Button, Table, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { JobSummary } from '../../../electron/ipc/contract';
import { useMayCall } from '../session/may-call';
import { DateTime } from '../shared/date-time';
import { TechName } from '../shared/tech-name';
import { useNow } from '../shared/use-now.hook';
import { errorKindLabel } from './error-kind';
import { JobStatusTag } from './job-status-tag';

interface Props {
  jobs: JobSummary[];
  caption: string;
  pendingId: number | null;
  onRetry: (job: JobSummary) => void;
  onAbandon: (job: JobSummary) => void;
}

export function JobsTable({ jobs, caption, pendingId, onRetry, onAbandon }: Props) {
  const { t } = useTranslation();
  const now = useNow();
  // retry and abandon only for a role the contract allows (IT); others read the list
  const may = useMayCall();
  const mayRetry = may('jobs.retry');
  const mayAbandon = may('jobs.abandon');
  return (
    <div className="pm-table-scroll">
      <Table zebra border data-color="neutral" className="pm-table" data-testid="jobs-table">
        <caption className="ds-sr-only">{caption}</caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell>{t('jobs.columns.id')}</Table.HeaderCell>
            <Table.HeaderCell>{t('jobs.columns.type')}</Table.HeaderCell>
            <Table.HeaderCell>{t('jobs.columns.status')}</Table.HeaderCell>
            <Table.HeaderCell>{t('jobs.columns.attempts')}</Table.HeaderCell>
            <Table.HeaderCell>{t('jobs.columns.integration')}</Table.HeaderCell>
            <Table.HeaderCell>{t('jobs.columns.time')}</Table.HeaderCell>
            <Table.HeaderCell>{t('jobs.columns.lastError')}</Table.HeaderCell>
            <Table.HeaderCell>{t('jobs.columns.actions')}</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {jobs.map((job) => {
            const actionable = job.status === 'dead' && !job.abandoned && (mayRetry || mayAbandon);
            const queued = job.status === 'queued';
            return (
              <Table.Row key={job.id} data-testid={`job-row-${job.id}`}>
                <Table.HeaderCell scope="row" className="pm-row-head">
                  {job.id}
                </Table.HeaderCell>
                <Table.Cell>
                  <TechName value={job.type} />
                </Table.Cell>
                <Table.Cell>
                  <JobStatusTag job={job} />
                </Table.Cell>
                <Table.Cell>{t('jobs.attempts', { attempts: job.attempts, max: job.maxAttempts })}</Table.Cell>
                <Table.Cell>{job.integration ?? t('common.empty')}</Table.Cell>
                <Table.Cell>
                  <span className="pm-block pm-muted">{queued ? t('jobs.nextAttempt') : t('jobs.updated')}</span>
                  <DateTime ms={queued ? job.runAfter : job.updatedAt} now={now} />
                </Table.Cell>
                <Table.Cell className="pm-error-cell">
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
                <Table.Cell>
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
              </Table.Row>
            );
          })}
        </Table.Body>
      </Table>
    </div>
  );
}
