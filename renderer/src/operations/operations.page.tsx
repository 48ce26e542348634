import { Alert, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { UpkeepOverviewDto, UpkeepWarningDto } from '../../../electron/ipc/upkeep.contract';
import { useAction } from '../bridge/use-action.hook';
import { useQuery } from '../bridge/use-query.hook';
import { useFormat } from '../i18n/use-format.hook';
import { useMayCall } from '../session/may-call';
import { ActionWithResult } from '../shared/action-with-result';
import { DataTable } from '../shared/data-table';
import { DateTime } from '../shared/date-time';
import { ErrorAlert } from '../shared/error-alert';
import { FactList, type Fact } from '../shared/fact-list';
import { LoadingState } from '../shared/loading-state';
import { PageHeading } from '../shared/page-heading';
import { Section } from '../shared/section';
import { UpdatesPanel } from './updates-panel';

const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 100) : 0);

/** #17 item 6: the Drift screen (it-admin): database, disk and data folder, backups with their check, retention; and updates. */
export function OperationsPage() {
  const { t } = useTranslation();
  const overview = useQuery('upkeep.overview', {}, { refreshOn: ['job.updated', 'status.changed'] });
  const data = overview.data;
  return (
    <div className="pm-page">
      <PageHeading title={t('operations.title')} intro={t('operations.intro')} />
      {overview.error && <ErrorAlert error={overview.error} onRetry={overview.reload} />}
      {!data && overview.loading && <LoadingState label={t('operations.loading')} />}
      {data && (
        <>
          <Warnings warnings={data.warnings} />
          <div className="pm-columns">
            <DatabaseCard data={data} onQueued={overview.reload} />
            <DiskCard data={data} />
          </div>
          <BackupsCard data={data} onQueued={overview.reload} />
          <RetentionCard data={data} onQueued={overview.reload} />
        </>
      )}
      <UpdatesPanel />
    </div>
  );
}

function Warnings({ warnings }: { warnings: UpkeepWarningDto[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!warnings.length) return null;
  const text = (w: UpkeepWarningDto) => {
    switch (w.kind) {
      case 'database-large':
        return t('operations.warnings.database-large', { size: format.bytes(w.databaseBytes), limit: format.bytes(w.limitBytes) });
      case 'disk-low':
        return t('operations.warnings.disk-low', { free: format.bytes(w.freeBytes), total: format.bytes(w.totalBytes), limit: w.limitPercent });
      case 'backup-failed':
        return t('operations.warnings.backup-failed', { at: format.dateTime(w.at), result: w.result });
      case 'retention-failed':
        return t('operations.warnings.retention-failed', { at: format.dateTime(w.at), error: w.error });
    }
  };
  return (
    <Alert data-color="warning" className="pm-alert" data-testid="operations-warnings">
      <Heading level={2} data-size="xs">
        {t('operations.warningsHeading')}
      </Heading>
      <ul>
        {warnings.map((w) => (
          <li key={w.kind} data-testid={`operations-warning-${w.kind}`}>
            {text(w)}
          </li>
        ))}
      </ul>
    </Alert>
  );
}

/** A used/total figure as text with a native meter beside it: the words carry the meaning, the bar only repeats it. */
function Usage({ used, total, label, text }: { used: number; total: number; label: string; text: string }) {
  return (
    <>
      <span className="pm-block">{text}</span>
      <meter className="pm-block" min={0} max={total} value={used} aria-label={label} title={text} />
    </>
  );
}

function RunNow({ channel, label, onQueued }: { channel: 'upkeep.runMaintenance' | 'upkeep.runRetention'; label: string; onQueued: () => void }) {
  const { t } = useTranslation();
  const run = useAction(channel);
  const may = useMayCall()(channel);
  if (!may) return null;
  return (
    <ActionWithResult
      action={async () => {
        const r = await run({});
        if (r.ok) onQueued();
        return r;
      }}
      label={label}
      variant="secondary"
      size="sm"
      errorHeadingLevel={3}
      renderResult={(r) => <Paragraph>{r.created ? t('operations.database.queued') : t('operations.database.alreadyQueued')}</Paragraph>}
    />
  );
}

function DatabaseCard({ data, onQueued }: { data: UpkeepOverviewDto; onQueued: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const db = data.database;
  const limit = data.retention.maxDatabaseBytes;
  const m = data.maintenance;
  const facts: Fact[] = [
    { label: t('operations.database.kind'), value: t(`operations.database.kinds.${db.kind}`), testId: 'operations-db-kind' },
    { label: t('operations.database.location'), value: <code className="pm-code pm-file">{db.location}</code>, testId: 'operations-db-location' },
    {
      label: t('operations.database.size'),
      value:
        limit !== null ? (
          <Usage
            used={db.bytes}
            total={limit}
            label={t('operations.database.size')}
            text={t('operations.database.sizeOfLimit', { size: format.bytes(db.bytes), limit: format.bytes(limit), percent: percent(db.bytes, limit) })}
          />
        ) : (
          format.bytes(db.bytes)
        ),
      testId: 'operations-db-size',
    },
  ];
  if (db.pageCount !== null && db.pageSize !== null && db.freePages !== null) {
    facts.push({
      label: t('operations.database.pages'),
      value: t('operations.database.pagesValue', { count: format.number(db.pageCount), pageSize: format.bytes(db.pageSize), free: format.number(db.freePages), freeBytes: format.bytes(db.freePages * db.pageSize) }),
      testId: 'operations-db-pages',
    });
  }
  if (db.autoVacuum !== null) facts.push({ label: t('operations.database.autoVacuum'), value: t(`operations.database.autoVacuumModes.${db.autoVacuum}`), testId: 'operations-db-autovacuum' });
  facts.push({
    label: t('operations.database.documents'),
    value: t('operations.database.documentsValue', { db: format.bytes(db.blobs.db.bytes), file: format.bytes(db.blobs.file.bytes), removed: format.bytes(db.blobs.removed.bytes) }),
    testId: 'operations-db-documents',
  });
  facts.push({
    label: t('operations.database.lastMaintenance'),
    value: m ? (
      <>
        <DateTime ms={m.at} now={data.now} />
        <span className="pm-block pm-muted">
          {m.analyzed.length ? t('operations.database.maintenanceAnalyzed', { count: m.analyzed.length }) : t('operations.database.maintenanceFreed', { count: m.freedPages, ms: m.durationMs })}
        </span>
        {m.switchedToIncremental && <span className="pm-block pm-muted">{t('operations.database.maintenanceSwitched')}</span>}
        {m.switchPostponed && <span className="pm-block">{m.switchPostponed}</span>}
      </>
    ) : (
      t('operations.database.noMaintenance')
    ),
    testId: 'operations-last-maintenance',
  });
  return (
    <Section id="operations-database-heading" title={t('operations.database.heading')}>
      <FactList facts={facts} />
      <RunNow channel="upkeep.runMaintenance" label={t('operations.database.runMaintenance')} onQueued={onQueued} />
    </Section>
  );
}

function DiskCard({ data }: { data: UpkeepOverviewDto }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { freeBytes, totalBytes } = data.disk;
  const facts: Fact[] = [
    { label: t('operations.disk.dataDir'), value: <code className="pm-code pm-file">{data.disk.dataDir}</code>, testId: 'operations-data-dir' },
    { label: t('operations.disk.dataBytes'), value: format.bytes(data.disk.dataBytes), testId: 'operations-data-bytes' },
    {
      label: t('operations.disk.free'),
      value:
        freeBytes !== null && totalBytes !== null ? (
          <Usage
            used={totalBytes - freeBytes}
            total={totalBytes}
            label={t('operations.disk.meterLabel')}
            text={t('operations.disk.freeValue', { free: format.bytes(freeBytes), total: format.bytes(totalBytes), percent: percent(freeBytes, totalBytes) })}
          />
        ) : (
          t('operations.disk.unknown')
        ),
      testId: 'operations-disk-free',
    },
  ];
  return (
    <Section id="operations-disk-heading" title={t('operations.disk.heading')}>
      <FactList facts={facts} />
    </Section>
  );
}

function BackupsCard({ data, onQueued }: { data: UpkeepOverviewDto; onQueued: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const b = data.backups;
  const runNow = useAction('schedules.runNow');
  const mayRun = useMayCall()('schedules.runNow');
  if (!b.supported) {
    return (
      <Section id="operations-backups-heading" title={t('operations.backups.heading')}>
        <Paragraph data-testid="operations-backups-unsupported">{t('operations.backups.unsupported')}</Paragraph>
      </Section>
    );
  }
  const check = b.last?.check;
  const facts: Fact[] = [
    {
      label: t('operations.backups.last'),
      value: b.last ? (
        <>
          <DateTime ms={b.last.at} now={data.now} />
          <span className="pm-block">
            {check ? (check.ok ? t('operations.backups.checkOk') : t('operations.backups.checkFailed', { result: check.result })) : t('operations.backups.notChecked')}
          </span>
        </>
      ) : (
        t('operations.backups.none')
      ),
      testId: 'operations-last-backup',
    },
    { label: t('operations.backups.dir'), value: <code className="pm-code pm-file">{b.dir}</code>, testId: 'operations-backup-dir' },
    { label: t('operations.backups.keep'), value: t('operations.backups.keepValue', { count: b.keep }), testId: 'operations-backup-keep' },
  ];
  return (
    <Section id="operations-backups-heading" title={t('operations.backups.heading')}>
      <FactList facts={facts} />
      <Heading level={3} data-size="xs" id="operations-backups-kept">
        {t('operations.backups.kept')}
      </Heading>
      <DataTable
        rows={b.kept}
        rowKey={(r) => r.file}
        labelledBy="operations-backups-kept"
        empty={t('operations.backups.noneKept')}
        testId="operations-backups-table"
        columns={[
          { header: t('operations.backups.taken'), cell: (r) => <DateTime ms={r.at} now={data.now} compact />, rowHeader: true },
          { header: t('operations.backups.file'), cell: (r) => <code className="pm-code pm-file">{r.file}</code> },
          { header: t('operations.backups.size'), cell: (r) => format.bytes(r.bytes) },
        ]}
      />
      <Paragraph className="pm-muted">{t('operations.backups.filesNote')}</Paragraph>
      {mayRun && (
        <ActionWithResult
          action={async () => {
            const r = await runNow({ name: 'store.backup' });
            if (r.ok) onQueued();
            return r;
          }}
          label={t('operations.backups.runNow')}
          variant="secondary"
          size="sm"
          errorHeadingLevel={3}
          renderResult={(r) => <Paragraph>{r.created ? t('operations.database.queued') : t('operations.database.alreadyQueued')}</Paragraph>}
        />
      )}
    </Section>
  );
}

function RetentionCard({ data, onQueued }: { data: UpkeepOverviewDto; onQueued: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const r = data.retention;
  const facts: Fact[] = [
    { label: t('operations.retention.enabled'), value: r.enabled ? t('operations.retention.on') : t('operations.retention.off'), testId: 'operations-retention-enabled' },
    { label: t('operations.retention.policy'), value: t(`operations.retention.policies.${r.policy}`, { days: r.moveAfterDays }), testId: 'operations-retention-policy' },
    { label: t('operations.retention.filesDir'), value: <code className="pm-code pm-file">{r.filesDir}</code>, testId: 'operations-retention-files-dir' },
    { label: t('operations.retention.filesBytes'), value: format.bytes(r.filesBytes), testId: 'operations-retention-files-bytes' },
    {
      label: t('operations.retention.lastRun'),
      value: r.lastRun ? (
        <>
          <DateTime ms={r.lastRun.startedAt} now={data.now} /> · {t(`operations.retention.states.${r.lastRun.state}`)}
          <span className="pm-block pm-muted">
            {t('operations.retention.lastRunValue', { cases: format.number(r.lastRun.cases), blobs: format.number(r.lastRun.blobs), bytes: format.bytes(r.lastRun.bytes) })}
          </span>
        </>
      ) : (
        t('operations.retention.noRun')
      ),
      testId: 'operations-retention-last-run',
    },
  ];
  return (
    <Section id="operations-retention-heading" title={t('operations.retention.heading')}>
      <FactList facts={facts} />
      {r.enabled && <RunNow channel="upkeep.runRetention" label={t('operations.retention.runNow')} onQueued={onQueued} />}
    </Section>
  );
}
