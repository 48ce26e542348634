import { Paragraph } from '@digdir/designsystemet-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import type { IntegrationHealthDto } from '../../../electron/ipc/health.contract';
import { useQuery } from '../bridge/use-query.hook';
import { DataTable, type Column } from '../shared/data-table';
import { DateTime } from '../shared/date-time';
import { ErrorAlert } from '../shared/error-alert';
import { LoadingState } from '../shared/loading-state';
import { Section } from '../shared/section';
import { useSession } from '../session/session.context';
import { integrationLabel } from './health-labels';
import { HealthStateTag } from './health-state-tag';
import { Backoff, LastFailure, Queue } from './integration-health-summary';
import './health.css';

/** Where the header's details link points. */
export const INTEGRATION_HEALTH_ANCHOR = 'integrasjonshelse';

/**
 * Per integration, for IT (#17 item 3): state, last success, last failure with its message,
 * backoff or pause, queue depth and the oldest waiting job. Refreshes as jobs finish. Other roles
 * get nothing here (the hub would give them no details either).
 */
export function IntegrationHealthPanel() {
  const session = useSession();
  return session?.user.roles.includes('it-admin') ? <HealthTable /> : null;
}

function HealthTable() {
  const { t } = useTranslation();
  const health = useQuery('health.get', {}, { refreshOn: ['job.updated', 'status.changed'] });
  const data = health.data;
  const { hash } = useLocation();
  const ref = useRef<HTMLDivElement>(null);
  const arrived = data !== undefined;
  // the header's link: bring the panel into view once it is there
  useEffect(() => {
    if (arrived && hash === `#${INTEGRATION_HEALTH_ANCHOR}`) ref.current?.scrollIntoView?.({ block: 'start' });
  }, [arrived, hash]);
  const now = data?.checkedAt ?? 0;
  const columns: Column<IntegrationHealthDto>[] = [
    { header: t('health.panel.integration'), cell: (h) => integrationLabel(t, h.integration), rowHeader: true },
    { header: t('health.panel.state'), cell: (h) => <HealthStateTag state={h.state} testId={`health-${h.integration}-state`} /> },
    {
      header: t('health.panel.lastSuccess'),
      cell: (h) => (h.lastSuccessAt !== null ? <DateTime ms={h.lastSuccessAt} now={now} compact /> : t('health.summary.never')),
    },
    { header: t('health.panel.lastFailure'), cell: (h) => <LastFailure health={h} now={now} />, className: 'pm-health-failure' },
    { header: t('health.panel.backoff'), cell: (h) => <Backoff health={h} now={now} /> },
    { header: t('health.panel.queue'), cell: (h) => <Queue health={h} now={now} />, className: 'pm-nowrap' },
    {
      header: t('health.panel.oldest'),
      cell: (h) => (h.oldestWaitingAt !== null ? <DateTime ms={h.oldestWaitingAt} now={now} compact /> : t('health.summary.none')),
    },
  ];
  return (
    <div id={INTEGRATION_HEALTH_ANCHOR} ref={ref}>
      <Section id="integration-health-heading" title={t('health.panel.heading')}>
        <Paragraph data-size="sm">{t('health.panel.intro')}</Paragraph>
        {health.error && <ErrorAlert error={health.error} onRetry={health.reload} />}
        {!data && health.loading && <LoadingState label={t('health.title')} />}
        {data && (
          <DataTable
            rows={data.integrations}
            columns={columns}
            rowKey={(h) => h.integration}
            rowTestId={(h) => `health-row-${h.integration}`}
            empty={t('health.panel.none')}
            caption={t('health.panel.caption')}
            testId="integration-health"
          />
        )}
      </Section>
    </div>
  );
}
