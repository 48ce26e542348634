import { Alert, Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../electron/ipc/result';
import type { UpdatesStatusDto } from '../../../electron/ipc/updates.contract';
import { useAction } from '../bridge/use-action.hook';
import { useQuery } from '../bridge/use-query.hook';
import { useFormat } from '../i18n/use-format.hook';
import { useMayCall } from '../session/may-call';
import { ConfirmDialog } from '../shared/confirm-dialog';
import { ErrorAlert } from '../shared/error-alert';
import { FactList, type Fact } from '../shared/fact-list';
import { LiveRegion } from '../shared/live-region';
import { LoadingState } from '../shared/loading-state';
import { Section } from '../shared/section';

type Update = NonNullable<UpdatesStatusDto['update']>;

/**
 * #17 item 7: the app's version, update channel and source, and the update's state with
 * Sjekk / Last ned / Installer ved omstart as the state allows. Progress is pushed by the hub
 * (`status.changed`); only the state's sentence is announced, not every percent.
 */
export function UpdatesPanel() {
  const { t } = useTranslation();
  const status = useQuery('updates.status', {}, { refreshOn: ['status.changed'] });
  const data = status.data;
  return (
    <Section id="updates-heading" title={t('updates.title')}>
      {status.error && <ErrorAlert error={status.error} onRetry={status.reload} headingLevel={3} />}
      {!data && status.loading && <LoadingState label={t('updates.loading')} />}
      {data && <UpdatesBody data={data} reload={status.reload} />}
    </Section>
  );
}

function UpdatesBody({ data, reload }: { data: UpdatesStatusDto; reload: () => void }) {
  const { t } = useTranslation();
  const mayCall = useMayCall();
  const check = useAction('updates.check');
  const download = useAction('updates.download');
  const install = useAction('updates.install');
  const [pending, setPending] = useState<'check' | 'download' | 'install' | null>(null);
  const [failure, setFailure] = useState<AppError | null>(null);
  const [confirming, setConfirming] = useState(false);
  const u = data.update;

  const run = async (which: 'check' | 'download' | 'install') => {
    if (pending) return;
    setPending(which);
    setFailure(null);
    const r = await (which === 'check' ? check({}) : which === 'download' ? download({}) : install({}));
    setPending(null);
    setConfirming(false);
    if (!r.ok) setFailure(r.error);
    reload();
  };

  const facts: Fact[] = [
    { label: t('updates.version'), value: data.version, testId: 'updates-version' },
    { label: t('updates.host'), value: t(`hosts.${data.host}`), testId: 'updates-host' },
    { label: t('updates.channel'), value: t(`updates.channels.${data.channel}`), testId: 'updates-channel' },
    { label: t('updates.source'), value: data.source ? <code className="pm-code pm-file">{data.source}</code> : t('updates.noSource'), testId: 'updates-source' },
    {
      label: t('updates.signature'),
      value: data.publisherName.length ? t('updates.sha512AndPublisher', { names: data.publisherName.join(', ') }) : t('updates.sha512Only'),
      testId: 'updates-signature',
    },
  ];
  return (
    <>
      <FactList facts={facts} />
      {data.note && <Paragraph data-testid="updates-note">{data.note}</Paragraph>}
      <UpdateStateView update={u} />
      {data.selfUpdating && (
        <div className="pm-actions">
          {mayCall('updates.check') && (
            <Button variant="secondary" disabled={!data.can.check} loading={pending === 'check'} onClick={() => void run('check')}>
              {t('updates.check')}
            </Button>
          )}
          {mayCall('updates.download') && data.can.download && (
            <Button variant="primary" loading={pending === 'download'} onClick={() => void run('download')}>
              {t('updates.download')}
            </Button>
          )}
          {mayCall('updates.install') && data.can.install && (
            <Button variant="primary" onClick={() => setConfirming(true)}>
              {t('updates.install')}
            </Button>
          )}
        </div>
      )}
      {failure && <ErrorAlert error={failure} title={t('errors.actionTitle')} headingLevel={3} />}
      {confirming && u?.state === 'downloaded' && (
        <ConfirmDialog
          title={t('updates.confirmTitle', { version: u.version })}
          body={t('updates.confirmBody')}
          confirmLabel={t('updates.confirm')}
          pending={pending === 'install'}
          onConfirm={() => void run('install')}
          onCancel={() => setConfirming(false)}
          testId="updates-confirm"
        />
      )}
    </>
  );
}

function UpdateStateView({ update }: { update: Update | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  const labelId = useId();
  const sentence = (() => {
    if (!update) return t('updates.states.none');
    switch (update.state) {
      case 'idle':
        return t('updates.states.idle');
      case 'checking':
        return t('updates.states.checking');
      case 'up-to-date':
        return t('updates.states.upToDate', { when: format.dateTime(update.checkedAt) });
      case 'available':
        return t('updates.states.available', { version: update.version });
      case 'downloading':
        return t('updates.states.downloading', { version: update.version });
      case 'downloaded':
        return t('updates.states.downloaded', { version: update.version });
      case 'error':
        return t('updates.states.error');
    }
  })();
  return (
    <div data-testid="updates-state" data-state={update?.state ?? 'none'}>
      <Paragraph data-size="sm" className="pm-muted">
        {t('updates.state')}
      </Paragraph>
      {/* the sentence changes a few times per update; the numbers every second would flood a screen reader */}
      <LiveRegion>
        <Paragraph id={labelId}>
          <strong>{sentence}</strong>
        </Paragraph>
      </LiveRegion>
      {update?.state === 'downloading' && (
        <>
          <progress aria-labelledby={labelId} max={100} value={update.percent} data-testid="updates-progress" />
          <Paragraph data-size="sm" className="pm-muted" data-testid="updates-progress-text">
            {t('updates.progressNumbers', { percent: format.number(Math.floor(update.percent)), speed: format.bytes(update.bytesPerSecond) })}
          </Paragraph>
        </>
      )}
      {update?.state === 'error' && (
        <Alert data-color="danger" className="pm-alert" data-testid="updates-error">
          <Heading level={3} data-size="xs">
            {t('updates.states.error')}
          </Heading>
          <Paragraph>{update.message}</Paragraph>
        </Alert>
      )}
    </div>
  );
}
