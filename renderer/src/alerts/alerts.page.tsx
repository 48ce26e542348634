import { Alert, Paragraph } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncidentDto } from '../../../electron/ipc/alerts.contract';
import type { AppError } from '../bridge/bridge';
import { useAction } from '../bridge/use-action.hook';
import { useQuery } from '../bridge/use-query.hook';
import { useMayCall } from '../session/may-call';
import { DataTable } from '../shared/data-table';
import { DateTime } from '../shared/date-time';
import { ErrorAlert } from '../shared/error-alert';
import { LiveRegion } from '../shared/live-region';
import { LoadingState } from '../shared/loading-state';
import { PageHeading } from '../shared/page-heading';
import { Section } from '../shared/section';
import { IncidentCard } from './incident-card';
import { MailSetup } from './mail-setup';
import './alerts.css';

type Outcome = { kind: 'ok'; text: string } | { kind: 'error'; error: AppError } | null;

/**
 * Varsler (#17 item 4), for IT: the open incidents first (since when, what to do, the mail), the
 * recently resolved ones, where the mails go, and "Send testvarsel". Refetched when the hub says
 * its state changed (an incident opened or cleared).
 */
export function AlertsPage() {
  const { t } = useTranslation();
  const may = useMayCall();
  const list = useQuery('alerts.list', { recentLimit: 20 }, { refreshOn: ['status.changed'] });
  const acknowledge = useAction('alerts.acknowledge');
  const [pending, setPending] = useState<number | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const data = list.data;

  const ack = async (i: IncidentDto) => {
    if (pending !== null) return;
    setPending(i.id);
    setOutcome(null);
    const r = await acknowledge({ id: i.id });
    setPending(null);
    setOutcome(r.ok ? { kind: 'ok', text: t('alerts.open.acknowledgedDone', { title: i.title }) } : { kind: 'error', error: r.error });
    list.reload();
  };

  const short = (s: IncidentDto['mail']['open'] | null) => t(`alerts.recent.mailShort.${s ?? 'none'}`);

  return (
    <div className="pm-page">
      <PageHeading title={t('alerts.title')} intro={t('alerts.intro')} />
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
      {!data && list.loading && <LoadingState label={t('alerts.loading')} />}
      {data && (
        <>
          {!data.enabled && (
            <Alert data-color="warning" data-testid="alerts-disabled">
              <Paragraph>{t('alerts.disabled')}</Paragraph>
            </Alert>
          )}
          <Paragraph data-size="sm" className="pm-muted" data-testid="alerts-rules">
            {t('alerts.rules', {
              failing: data.rules.failingAfterMinutes,
              days: data.rules.certificateWarnDays,
              percent: data.rules.diskMinFreePercent,
              mib: data.rules.diskMinFreeMiB,
              clear: data.rules.clearAfterMinutes,
            })}
          </Paragraph>
          <Section id="alerts-open-heading" title={t('alerts.open.heading')}>
            <LiveRegion className="pm-live">
              {outcome?.kind === 'ok' && <Paragraph data-testid="alerts-outcome">{outcome.text}</Paragraph>}
              {outcome?.kind === 'error' && <ErrorAlert error={outcome.error} title={t('errors.actionTitle')} headingLevel={3} />}
            </LiveRegion>
            {data.open.length === 0 ? (
              <Paragraph data-testid="alerts-none">{t('alerts.open.none')}</Paragraph>
            ) : (
              <ul className="pm-incidents" aria-labelledby="alerts-open-heading">
                {data.open.map((i) => (
                  <li key={i.id}>
                    <IncidentCard
                      incident={i}
                      now={data.checkedAt}
                      clearAfterMinutes={data.rules.clearAfterMinutes}
                      pending={pending === i.id}
                      onAcknowledge={may('alerts.acknowledge') ? () => void ack(i) : undefined}
                    />
                  </li>
                ))}
              </ul>
            )}
          </Section>
          <Section id="alerts-recent-heading" title={t('alerts.recent.heading')}>
            <DataTable
              rows={data.recent}
              rowKey={(i) => i.id}
              rowTestId={(i) => `recent-${i.id}`}
              empty={t('alerts.recent.none')}
              labelledBy="alerts-recent-heading"
              testId="alerts-recent"
              columns={[
                { header: t('alerts.recent.columns.title'), rowHeader: true, cell: (i) => i.title },
                { header: t('alerts.recent.columns.opened'), cell: (i) => <DateTime ms={i.openedAt} now={data.checkedAt} compact /> },
                { header: t('alerts.recent.columns.cleared'), cell: (i) => (i.clearedAt !== null ? <DateTime ms={i.clearedAt} now={data.checkedAt} compact /> : '') },
                { header: t('alerts.recent.columns.mail'), cell: (i) => t('alerts.recent.mails', { open: short(i.mail.open), clear: short(i.mail.clear) }) },
              ]}
            />
          </Section>
          <MailSetup mail={data.mail} mayTest={may('alerts.sendTest')} />
        </>
      )}
    </div>
  );
}
