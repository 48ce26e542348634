import { Alert, Button, Details, Paragraph, Tag } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScheduleSummary } from '../../../electron/ipc/contract';
import type { AppError } from '../bridge/bridge';
import { useAction } from '../bridge/use-action.hook';
import { useMayCall } from '../session/may-call';
import { DataTable, type Column } from '../shared/data-table';
import { DateTime } from '../shared/date-time';
import { ErrorAlert } from '../shared/error-alert';
import { LiveRegion } from '../shared/live-region';
import { Section } from '../shared/section';
import { TechName } from '../shared/tech-name';
import { scheduleLabel } from './schedule-label';
import '../jobs/jobs.css';

interface Props {
  schedules: ScheduleSummary[];
  now: number;
  /** Called after a run was queued, so the page can refetch without waiting for events. */
  onQueued: () => void;
}

type Outcome = { kind: 'ok'; text: string } | { kind: 'error'; error: AppError } | null;

export function SchedulesTable({ schedules, now, onQueued }: Props) {
  const { t } = useTranslation();
  const runNow = useAction('schedules.runNow');
  // only a role the contract allows runs a schedule (the backup too); others see the table without the button
  const mayRun = useMayCall()('schedules.runNow');
  const [pending, setPending] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);

  const run = async (name: string) => {
    if (pending) return;
    setPending(name);
    setOutcome(null);
    const result = await runNow({ name });
    setPending(null);
    if (!result.ok) {
      setOutcome({ kind: 'error', error: result.error });
      return;
    }
    const key = result.value.created ? 'status.schedules.queued' : 'status.schedules.alreadyQueued';
    setOutcome({ kind: 'ok', text: t(key, { name: scheduleLabel(t, name), jobId: result.value.jobId }) });
    onQueued();
  };

  const actions: Column<ScheduleSummary> = {
    header: t('status.schedules.actions'),
    cell: (s) => (
      <Button
        variant="secondary"
        data-color="accent"
        data-size="sm"
        loading={pending === s.name}
        aria-label={t('status.schedules.runNowLabel', { name: scheduleLabel(t, s.name) })}
        onClick={() => void run(s.name)}
      >
        {t('status.schedules.runNow')}
      </Button>
    ),
  };

  const columns: Column<ScheduleSummary>[] = [
    {
      header: t('status.schedules.name'),
      rowHeader: true,
      cell: (s) => (
        <>
          {scheduleLabel(t, s.name)}
          {!s.enabled && (
            <Tag data-color="neutral" data-size="sm" className="pm-inline-tag">
              {t('common.disabled')}
            </Tag>
          )}
        </>
      ),
    },
    { header: t('status.schedules.lastRun'), cell: (s) => (s.lastRunAt === null ? t('common.never') : <DateTime ms={s.lastRunAt} now={now} />) },
    { header: t('status.schedules.nextRun'), cell: (s) => (s.nextRunAt === null ? t('common.empty') : <DateTime ms={s.nextRunAt} now={now} />) },
    ...(mayRun ? [actions] : []),
  ];

  return (
    <Section id="schedules-heading" title={t('status.schedules.heading')}>
      <LiveRegion className="pm-live">
        {outcome?.kind === 'ok' && (
          <Alert data-color="success" className="pm-alert" data-testid="run-now-result">
            <Paragraph>{outcome.text}</Paragraph>
          </Alert>
        )}
        {outcome?.kind === 'error' && (
          <ErrorAlert error={outcome.error} title={t('errors.actionTitle')} headingLevel={3} />
        )}
      </LiveRegion>
      <DataTable
        region={{ labelledBy: 'schedules-heading' }}
        rows={schedules}
        columns={columns}
        rowKey={(s) => s.name}
        rowTestId={(s) => `schedule-${s.name}`}
        empty={t('status.schedules.none')}
        caption={t('status.schedules.caption')}
      />
      {/* the technical names and cron expressions are IT's (the role that runs schedules), never the caseworker's */}
      {mayRun && schedules.length > 0 && (
        <Details data-testid="schedules-technical">
          <Details.Summary>{t('jobsWs.techDetails')}</Details.Summary>
          <Details.Content>
            <dl className="pm-tech-list">
              {schedules.map((s) => (
                <div key={s.name}>
                  <dt>{scheduleLabel(t, s.name)}</dt>
                  <dd>
                    <TechName value={s.name} /> · {t('status.schedules.cron')}: <code className="pm-code">{s.cron}</code>
                  </dd>
                </div>
              ))}
            </dl>
          </Details.Content>
        </Details>
      )}
    </Section>
  );
}
