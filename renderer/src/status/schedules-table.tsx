import { Alert, Button, Heading, Paragraph, Table, Tag } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScheduleSummary } from '../../../electron/ipc/contract';
import type { AppError } from '../bridge/bridge';
import { useAction } from '../bridge/use-action.hook';
import { DateTime } from '../shared/date-time';
import { TechName } from '../shared/tech-name';
import { ErrorAlert } from '../shared/error-alert';
import { LiveRegion } from '../shared/live-region';
import { scheduleLabel } from './schedule-label';

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

  return (
    <section aria-labelledby="schedules-heading" className="pm-section">
      <Heading level={2} data-size="sm" id="schedules-heading">
        {t('status.schedules.heading')}
      </Heading>
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
      {schedules.length === 0 ? (
        <Paragraph>{t('status.schedules.none')}</Paragraph>
      ) : (
        <div className="pm-table-scroll">
          <Table zebra border data-color="neutral" className="pm-table">
            <caption className="ds-sr-only">{t('status.schedules.caption')}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('status.schedules.name')}</Table.HeaderCell>
                <Table.HeaderCell>{t('status.schedules.cron')}</Table.HeaderCell>
                <Table.HeaderCell>{t('status.schedules.lastRun')}</Table.HeaderCell>
                <Table.HeaderCell>{t('status.schedules.nextRun')}</Table.HeaderCell>
                <Table.HeaderCell>{t('status.schedules.actions')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {schedules.map((s) => {
                const label = scheduleLabel(t, s.name);
                return (
                  <Table.Row key={s.name} data-testid={`schedule-${s.name}`}>
                    <Table.HeaderCell scope="row" className="pm-row-head">
                      {label}
                      {label !== s.name && <TechName value={s.name} className="pm-block pm-muted" />}
                      {!s.enabled && (
                        <Tag data-color="neutral" data-size="sm" className="pm-inline-tag">
                          {t('common.disabled')}
                        </Tag>
                      )}
                    </Table.HeaderCell>
                    <Table.Cell>
                      <code className="pm-code">{s.cron}</code>
                    </Table.Cell>
                    <Table.Cell>{s.lastRunAt === null ? t('common.never') : <DateTime ms={s.lastRunAt} now={now} />}</Table.Cell>
                    <Table.Cell>{s.nextRunAt === null ? t('common.empty') : <DateTime ms={s.nextRunAt} now={now} />}</Table.Cell>
                    <Table.Cell>
                      <Button
                        variant="secondary"
                        data-color="accent"
                        data-size="sm"
                        loading={pending === s.name}
                        aria-label={t('status.schedules.runNowLabel', { name: label })}
                        onClick={() => void run(s.name)}
                      >
                        {t('status.schedules.runNow')}
                      </Button>
                    </Table.Cell>
                  </Table.Row>
                );
              })}
            </Table.Body>
          </Table>
        </div>
      )}
    </section>
  );
}
