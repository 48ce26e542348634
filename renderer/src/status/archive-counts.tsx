import { Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { SystemStatus } from '../../../electron/ipc/contract';
import { useMayCall } from '../session/may-call';
import { CountCards } from '../shared/count-cards';
import { Section } from '../shared/section';

type Archive = SystemStatus['archive'];

const FIGURES: { key: keyof Archive['entries']; testId: string; color: string; jobs: string }[] = [
  { key: 'pending', testId: 'archive-pending', color: 'info', jobs: '/jobber?integration=archive&status=queued' },
  { key: 'awaiting-receipt', testId: 'archive-awaiting-receipt', color: 'info', jobs: '/jobber?integration=archive&status=queued' },
  { key: 'archived', testId: 'archive-archived', color: 'success', jobs: '/jobber?integration=archive&status=done' },
  { key: 'failed', testId: 'archive-failed', color: 'danger', jobs: '/jobber?integration=archive&status=dead' },
];

/**
 * Registry entries by archive state, and which transport delivers them. Each figure links where its
 * entries are listed (#14): the archivist's Leveranser (refused ones first), or for IT, who has no
 * archive desk, the archive's jobs in Jobber.
 */
export function ArchiveCounts({ archive }: { archive: Archive }) {
  const { t } = useTranslation();
  const may = useMayCall();
  const toDeliveries = may('archivist.deliveries');
  const toJobs = may('jobs.list');
  const figures = FIGURES.map((f) => {
    const label = t(`archive.status.${f.key}`);
    const base = { ...f, label, value: archive.entries[f.key], alarm: f.key === 'failed' && archive.entries.failed > 0 };
    if (toDeliveries) return { ...base, to: '/arkiv?fane=leveranser', linkLabel: t('jobsWs.status.showArchive', { label }) };
    if (toJobs) return { ...base, to: f.jobs, linkLabel: t('jobsWs.status.showJobs', { label }) };
    return base;
  });
  return (
    <Section id="archive-counts-heading" title={t('archive.heading')}>
      <Paragraph data-size="sm" data-testid="archive-transport-status">
        {archive.transport ? `${t('archive.transport')}: ${t(`archive.transports.${archive.transport}`)}` : t('archive.noTransport')}
      </Paragraph>
      <CountCards figures={figures} />
    </Section>
  );
}
