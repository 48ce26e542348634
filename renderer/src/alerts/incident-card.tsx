import { Button, Card, Heading, Paragraph, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { IncidentDto } from '../../../electron/ipc/alerts.contract';
import { useFormat } from '../i18n/use-format.hook';
import { DateTime } from '../shared/date-time';

interface Props {
  incident: IncidentDto;
  now: number;
  clearAfterMinutes: number;
  /** Shown when the user may acknowledge; pending while the hub answers. */
  onAcknowledge?: () => void;
  pending?: boolean;
}

/** The e-mail state of the alert, in words. */
export function MailStateText({ incident }: { incident: IncidentDto }) {
  const { t } = useTranslation();
  const format = useFormat();
  const m = incident.mail;
  if (m.open === 'sent' && m.openAt !== null) return <>{t('alerts.mailState.sent', { time: format.dateTime(m.openAt) })}</>;
  if (m.open === 'failed') return <>{t('alerts.mailState.failed', { error: m.error ?? '' })}</>;
  return <>{t(`alerts.mailState.${m.open === 'sent' ? 'pending' : m.open}`)}</>;
}

/** One open incident: what, since when, what to do, where the mail stands; acknowledge it. */
export function IncidentCard({ incident: i, now, clearAfterMinutes, onAcknowledge, pending }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const headingId = `incident-${i.id}`;
  const acknowledged = i.acknowledgedAt !== null;
  return (
    <Card data-color={acknowledged ? 'neutral' : 'danger'} variant="tinted" className="pm-incident" data-testid={`incident-${i.key}`} aria-labelledby={headingId}>
      <div className="pm-incident-head">
        <Heading level={3} data-size="xs" id={headingId}>
          {i.title}
        </Heading>
        <Tag data-color={acknowledged ? 'neutral' : 'danger'} data-size="sm" data-testid="incident-state">
          {t(`alerts.open.state.${acknowledged ? 'acknowledged' : 'open'}`)}
        </Tag>
        <Tag data-color="neutral" data-size="sm" variant="outline">
          {t(`alerts.kinds.${i.kind}`)}
        </Tag>
      </div>
      <dl className="pm-facts">
        <div className="pm-fact">
          <dt>{t('alerts.open.since')}</dt>
          <dd data-testid="incident-since">
            <DateTime ms={i.openedAt} now={now} />
          </dd>
        </div>
        <div className="pm-fact">
          <dt>{t('alerts.mailState.label')}</dt>
          <dd data-testid="incident-mail">
            <MailStateText incident={i} />
          </dd>
        </div>
      </dl>
      <Paragraph data-testid="incident-message">{i.message}</Paragraph>
      <Heading level={4} data-size="2xs">
        {t('alerts.open.whatToDo')}
      </Heading>
      <Paragraph data-testid="incident-advice">{i.advice}</Paragraph>
      {i.clearPendingSince !== null && (
        <Paragraph data-size="sm" data-testid="incident-clearing">
          {t('alerts.open.clearing', { time: format.time(i.clearPendingSince), minutes: clearAfterMinutes })}
        </Paragraph>
      )}
      {acknowledged ? (
        <Paragraph data-size="sm" className="pm-muted" data-testid="incident-acknowledged">
          {t('alerts.open.acknowledged', { name: i.acknowledgedBy ?? '' })}
        </Paragraph>
      ) : (
        onAcknowledge && (
          <div>
            <Button variant="secondary" data-size="sm" loading={pending} onClick={onAcknowledge} aria-describedby={headingId}>
              {t('alerts.open.acknowledge')}
            </Button>
          </div>
        )
      )}
    </Card>
  );
}
