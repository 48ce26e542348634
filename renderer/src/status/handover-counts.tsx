import { Link, Paragraph } from '@digdir/designsystemet-react';
import { Link as RouterLink } from 'react-router';
import { useMayCall } from '../session/may-call';
import { useTranslation } from 'react-i18next';
import type { SystemStatus } from '../../../electron/ipc/contract';
import { DataTable, type Column } from '../shared/data-table';
import { Section } from '../shared/section';
import { TechName } from '../shared/tech-name';

type Row = SystemStatus['handovers'][number];
type State = keyof Row['counts'];

/** The states IT watches, in the order a hand-over passes them; the same words as on the case (handovers.status). */
const STATES: { key: State; label: 'waiting' | 'pending' | 'awaitingReceipt' | 'failed' | 'manual' | 'delivered' | 'done' }[] = [
  { key: 'waiting', label: 'waiting' },
  { key: 'pending', label: 'pending' },
  { key: 'awaiting-receipt', label: 'awaitingReceipt' },
  { key: 'failed', label: 'failed' },
  { key: 'manual', label: 'manual' },
  { key: 'delivered', label: 'delivered' },
  { key: 'done', label: 'done' },
];

/** Hand-overs to the internal systems (#15) per target: what waits, what was refused, what a person must enter. */
export function HandoverCounts({ handovers }: { handovers: Row[] }) {
  const { t } = useTranslation();
  // #14: the hand-overs' jobs (integration 'internal') in Jobber, for a role that may read the queue
  const mayList = useMayCall()('jobs.list');
  const columns: Column<Row>[] = [
    {
      header: t('status.handovers.target'),
      rowHeader: true,
      cell: (r) => (
        <>
          {r.name}
          {r.name !== r.target && <TechName value={r.target} className="pm-block pm-muted" />}
        </>
      ),
    },
    { header: t('status.handovers.transport'), cell: (r) => (r.transport ? t(`status.handovers.transports.${r.transport}`) : t('status.handovers.unconfigured')) },
    ...STATES.map(
      (s): Column<Row> => ({
        header: t(`handovers.status.${s.label}`),
        cell: (r) => {
          const n = r.counts[s.key];
          // a refusal waits for someone: said in words as well as by the number
          return s.key === 'failed' && n > 0 ? <strong data-testid={`handovers-failed-${r.target}`}>{t('status.handovers.refused', { n })}</strong> : String(n);
        },
      }),
    ),
  ];
  return (
    <Section id="handover-counts-heading" title={t('handovers.heading')}>
      <Paragraph data-size="sm">{t('status.handovers.intro')}</Paragraph>
      <DataTable
        region={{ labelledBy: 'handover-counts-heading' }}
        rows={handovers}
        columns={columns}
        rowKey={(r) => r.target}
        rowTestId={(r) => `handovers-${r.target}`}
        empty={t('status.handovers.none')}
        labelledBy="handover-counts-heading"
      />
      {mayList && handovers.length > 0 && (
        <Link asChild>
          <RouterLink to="/jobber?integration=internal" data-testid="handover-jobs-link">
            {t('jobsWs.status.handoverJobs')}
          </RouterLink>
        </Link>
      )}
    </Section>
  );
}
