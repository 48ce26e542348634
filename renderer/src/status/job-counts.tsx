import { Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { SystemStatus } from '../../../electron/ipc/contract';
import { useMayCall } from '../session/may-call';
import { CountCards } from '../shared/count-cards';
import { Section } from '../shared/section';

type Counts = SystemStatus['jobs'];

/**
 * One card per job state, each a link to Jobber filtered the same way (#14). «Døde» are the dead jobs
 * still waiting for someone, «Gitt opp» those someone abandoned: two counts with two meanings and
 * two words, the same words as the Jobber filter and the job's status tag.
 */
export function JobCounts({ counts }: { counts: Counts }) {
  const { t } = useTranslation();
  const mayList = useMayCall()('jobs.list');
  const figures = [
    { key: 'queued', testId: 'jobs-queued', color: 'info', value: counts.queued },
    { key: 'running', testId: 'jobs-running', color: 'accent', value: counts.running },
    { key: 'done', testId: 'jobs-done', color: 'success', value: counts.done },
    { key: 'dead', testId: 'jobs-dead', color: 'danger', value: counts.deadUnresolved, alarm: counts.deadUnresolved > 0 },
    { key: 'abandoned', testId: 'jobs-abandoned', color: 'neutral', value: counts.dead - counts.deadUnresolved },
  ].map((f) => {
    const label = t(`status.counts.${f.key as 'queued' | 'running' | 'done' | 'dead' | 'abandoned'}`);
    // a role that may not read the queue sees the figures without links to a screen it cannot open
    return mayList ? { ...f, label, to: `/jobber?status=${f.key}`, linkLabel: t('jobsWs.status.showJobs', { label }) } : { ...f, label };
  });
  return (
    <Section id="job-counts-heading" title={t('status.jobsHeading')}>
      <CountCards figures={figures} />
      <Paragraph data-size="sm" className="pm-muted" data-testid="jobs-definitions">
        {t('jobsWs.definitions.dead')} {t('jobsWs.definitions.abandoned')}
      </Paragraph>
    </Section>
  );
}
