import { useTranslation } from 'react-i18next';
import type { SystemStatus } from '../../../electron/ipc/contract';
import { DataTable, type Column } from '../shared/data-table';
import { DateTime } from '../shared/date-time';
import { Section } from '../shared/section';

type Paused = SystemStatus['pausedIntegrations'][number];

export function PausedIntegrations({ paused, now }: { paused: SystemStatus['pausedIntegrations']; now: number }) {
  const { t } = useTranslation();
  const columns: Column<Paused>[] = [
    { header: t('status.paused.integration'), cell: (p) => p.integration },
    { header: t('status.paused.until'), cell: (p) => <DateTime ms={p.until} now={now} /> },
    { header: t('status.paused.reason'), cell: (p) => p.reason },
  ];
  return (
    <Section id="paused-heading" title={t('status.paused.heading')}>
      <DataTable
        rows={paused}
        columns={columns}
        rowKey={(p) => p.integration}
        empty={t('status.paused.none')}
        caption={t('status.paused.caption')}
        scroll={false}
      />
    </Section>
  );
}
