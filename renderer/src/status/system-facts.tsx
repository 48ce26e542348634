import { Heading } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SystemStatus } from '../../../electron/ipc/contract';
import { useFormat } from '../i18n/use-format.hook';
import { DateTime } from '../shared/date-time';

export function SystemFacts({ status }: { status: SystemStatus }) {
  const { t } = useTranslation();
  const format = useFormat();
  const facts: { label: string; value: ReactNode; testId: string }[] = [
    { label: t('status.system.version'), value: status.version, testId: 'status-version' },
    { label: t('status.system.host'), value: t(`hosts.${status.host}`), testId: 'status-host' },
    { label: t('status.system.started'), value: <DateTime ms={status.startedAt} now={status.now} />, testId: 'status-started' },
    { label: t('status.system.storeSize'), value: format.bytes(status.store.sizeBytes), testId: 'status-store-size' },
    { label: t('status.system.schemaVersion'), value: String(status.store.schemaVersion), testId: 'status-schema-version' },
    { label: t('status.system.auditEntries'), value: format.number(status.store.auditEntries), testId: 'status-audit-entries' },
    {
      label: t('status.system.lastBackup'),
      value: status.lastBackup ? (
        <>
          <DateTime ms={status.lastBackup.at} now={status.now} />
          <span className="pm-block pm-muted">
            <code className="pm-code pm-file">{status.lastBackup.file}</code> · {format.bytes(status.lastBackup.bytes)}
          </span>
        </>
      ) : (
        t('status.system.noBackup')
      ),
      testId: 'status-last-backup',
    },
  ];
  return (
    <section aria-labelledby="system-heading" className="pm-section">
      <Heading level={2} data-size="sm" id="system-heading">
        {t('status.system.heading')}
      </Heading>
      <dl className="pm-facts">
        {facts.map((fact) => (
          <div key={fact.testId} className="pm-fact">
            <dt>{fact.label}</dt>
            <dd data-testid={fact.testId}>{fact.value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
