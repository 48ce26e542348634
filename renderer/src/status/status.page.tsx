import { Skeleton } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '../bridge/use-query.hook';
import { ErrorAlert } from '../shared/error-alert';
import { LoadingState } from '../shared/loading-state';
import { PageHeading } from '../shared/page-heading';
import { ArchiveCounts } from './archive-counts';
import { AuditVerify } from './audit-verify';
import { IntegrationHealthPanel } from '../health/integration-health-panel';
import { HandoverCounts } from './handover-counts';
import { JobCounts } from './job-counts';
import { PausedIntegrations } from './paused-integrations';
import { SchedulesTable } from './schedules-table';
import { SystemFacts } from './system-facts';

export function StatusPage() {
  const { t } = useTranslation();
  // Live: a job finishing or the hub changing state refetches the whole status.
  const status = useQuery('system.status', {}, { refreshOn: ['job.updated', 'status.changed'] });
  const data = status.data;

  return (
    <div className="pm-page">
      <PageHeading title={t('status.title')} intro={t('status.intro')} />
      {status.error && <ErrorAlert error={status.error} onRetry={status.reload} />}
      {!data && status.loading && (
        <>
          <LoadingState label={t('status.loading')} />
          <div className="pm-figures" aria-hidden="true">
            {[0, 1, 2, 3, 4].map((i) => (
              <Skeleton key={i} variant="rectangle" height="6rem" />
            ))}
          </div>
        </>
      )}
      {data && (
        <>
          <JobCounts counts={data.jobs} />
          <IntegrationHealthPanel />
          <ArchiveCounts archive={data.archive} />
          <HandoverCounts handovers={data.handovers} />
          <div className="pm-columns">
            <SystemFacts status={data} />
            <div>
              <PausedIntegrations paused={data.pausedIntegrations} now={data.now} />
              <AuditVerify entries={data.store.auditEntries} />
            </div>
          </div>
          <SchedulesTable schedules={data.schedules} now={data.now} onQueued={status.reload} />
        </>
      )}
    </div>
  );
}
