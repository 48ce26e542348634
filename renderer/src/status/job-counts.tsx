import { Link } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import type { SystemStatus } from '../../../electron/ipc/contract';
import { CountCards } from '../shared/count-cards';
import { Section } from '../shared/section';

type Counts = SystemStatus['jobs'];
type CountKey = keyof Counts;

const FIGURES: { key: CountKey; testId: string; color: string }[] = [
  { key: 'queued', testId: 'jobs-queued', color: 'info' },
  { key: 'running', testId: 'jobs-running', color: 'accent' },
  { key: 'done', testId: 'jobs-done', color: 'success' },
  { key: 'dead', testId: 'jobs-dead', color: 'neutral' },
  { key: 'deadUnresolved', testId: 'jobs-dead-unresolved', color: 'danger' },
];

/** One card per job state; the numbers are plain digits so tests and people read them alike. */
export function JobCounts({ counts }: { counts: Counts }) {
  const { t } = useTranslation();
  const needsAction = counts.deadUnresolved > 0;
  const figures = FIGURES.map((figure) => ({
    ...figure,
    label: t(`status.counts.${figure.key}`),
    value: counts[figure.key],
    alarm: figure.key === 'deadUnresolved' && needsAction,
  }));
  return (
    <Section id="job-counts-heading" title={t('status.jobsHeading')}>
      <CountCards figures={figures} />
      {needsAction && (
        <Link asChild>
          <RouterLink to="/jobber?status=dead">{t('status.showDeadJobs')}</RouterLink>
        </Link>
      )}
    </Section>
  );
}
