import { Card, Heading, Link } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import type { SystemStatus } from '../../../electron/ipc/contract';

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
  return (
    <section aria-labelledby="job-counts-heading" className="pm-section">
      <Heading level={2} data-size="sm" id="job-counts-heading">
        {t('status.jobsHeading')}
      </Heading>
      <dl className="pm-figures">
        {FIGURES.map(({ key, testId, color }) => {
          const alarm = key === 'deadUnresolved' && needsAction;
          return (
            <Card key={key} data-color={alarm ? color : 'neutral'} variant={alarm ? 'tinted' : 'default'} className="pm-figure">
              <dt className="pm-figure-label">
                <span className={`pm-dot pm-dot--${color}`} aria-hidden="true" />
                {t(`status.counts.${key}`)}
              </dt>
              <dd className="pm-figure-value">
                <span data-testid={testId}>{String(counts[key])}</span>
              </dd>
            </Card>
          );
        })}
      </dl>
      {needsAction && (
        <Link asChild>
          <RouterLink to="/jobber?status=dead">{t('status.showDeadJobs')}</RouterLink>
        </Link>
      )}
    </section>
  );
}
