import { useTranslation } from 'react-i18next';
import type { SystemStatus } from '../../../electron/ipc/contract';
import { useFormat } from '../i18n/use-format.hook';
import { DateTime } from '../shared/date-time';
import { FactList, type Fact } from '../shared/fact-list';
import { Section } from '../shared/section';

export function SystemFacts({ status }: { status: SystemStatus }) {
  const { t } = useTranslation();
  const format = useFormat();
  const facts: Fact[] = [
    { label: t('status.system.version'), value: status.version, testId: 'status-version' },
    { label: t('status.system.host'), value: t(`hosts.${status.host}`), testId: 'status-host' },
    { label: t('status.system.started'), value: <DateTime ms={status.startedAt} now={status.now} />, testId: 'status-started' },
    { label: t('status.system.store'), value: t(`status.system.storeKinds.${status.store.kind}`, { node: status.store.node }), testId: 'status-store-kind' },
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
    <Section id="system-heading" title={t('status.system.heading')}>
      <FactList facts={facts} />
    </Section>
  );
}
