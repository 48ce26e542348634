import { Alert, Button, Heading, List, Paragraph } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportDto } from '../../../electron/ipc/archivist.contract';
import type { AppError } from '../bridge/bridge';
import { useFormat } from '../i18n/use-format.hook';
import { DataTable } from '../shared/data-table';
import { ErrorAlert } from '../shared/error-alert';
import { FactList } from '../shared/fact-list';
import { LiveRegion } from '../shared/live-region';
import { type ExportFile, exportCounts, exportFileLabel, exportKindLabel, filesOf } from './archive-labels';
import { useExportFile } from './use-export-file.hook';

/** A finished export: where it is, the pre-check's verdict, what was left out and why, and its files to download. */
export function ExportResult({ exp, headingLevel }: { exp: ExportDto; headingLevel: 3 | 4 }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (exp.state === 'failed') {
    return (
      <Alert data-color="danger" className="pm-alert" data-testid="export-result">
        <Heading level={headingLevel} data-size="xs">
          {t('archivist.export.failedTitle')}
        </Heading>
        <Paragraph data-testid="export-error">{exp.error ?? t('common.empty')}</Paragraph>
      </Alert>
    );
  }
  if (exp.state !== 'done') return null;
  const passed = exp.checkPassed;
  const counts = exportCounts(t, exp.counts);
  return (
    <div className="pm-archive-result-box" data-testid="export-result">
      <Alert data-color={passed === false ? 'warning' : 'success'} className="pm-alert">
        <Heading level={headingLevel} data-size="xs">
          {t('archivist.export.doneTitle')}
        </Heading>
        <Paragraph data-testid="export-check">
          {passed === null ? t('archivist.export.checkNone') : passed ? t('archivist.export.checkPassed') : t('archivist.export.checkFailed', { count: exp.failedChecks.length })}
        </Paragraph>
        {passed === false && exp.failedChecks.length > 0 && (
          <List.Unordered data-testid="export-failed-checks">
            {exp.failedChecks.map((c) => (
              <List.Item key={c}>{c}</List.Item>
            ))}
          </List.Unordered>
        )}
      </Alert>
      <FactList
        facts={[
          { label: exportKindLabel(t, exp.kind), value: exp.arkivdel ?? t('common.empty'), testId: 'export-kind' },
          { label: t('archivist.export.period'), value: t('archivist.export.periodValue', { from: format.isoDate(exp.from), to: format.isoDate(exp.to) }), testId: 'export-period' },
          { label: t('archivist.export.folder'), value: exp.outDir ? <code className="pm-code">{exp.outDir}</code> : t('common.empty'), testId: 'export-folder' },
          ...(exp.tarPath ? [{ label: t('archivist.export.tar'), value: <code className="pm-code">{exp.tarPath}</code>, testId: 'export-tar' }] : []),
          ...(counts.length > 0
            ? [
                {
                  label: t('archivist.export.counts'),
                  value: (
                    <dl className="pm-archive-counts">
                      {counts.map((c) => (
                        <div key={c.key} className="pm-archive-count" data-testid={`export-count-${c.key}`}>
                          <dt>{c.label}</dt>
                          <dd>{format.number(c.value)}</dd>
                        </div>
                      ))}
                    </dl>
                  ),
                  testId: 'export-counts',
                },
              ]
            : []),
        ]}
      />
      <Downloads exp={exp} headingLevel={headingLevel} />
      <LeftOut exp={exp} headingLevel={headingLevel} />
    </div>
  );
}

function LeftOut({ exp, headingLevel }: { exp: ExportDto; headingLevel: 3 | 4 }) {
  const { t } = useTranslation();
  if (exp.kind === 'public-journal') return null;
  const id = `export-left-out-${exp.id}`;
  return (
    <div className="pm-archive-stack">
      <Heading level={headingLevel} data-size="2xs" id={id}>
        {t('archivist.export.leftOutHeading')}
      </Heading>
      <DataTable
        rows={exp.leftOut}
        rowKey={(r) => `${r.saksnummer ?? ''}|${r.title}|${r.reason}`}
        labelledBy={id}
        testId="export-left-out"
        empty={t('archivist.export.leftOutNone')}
        columns={[
          { header: t('archivist.export.leftOutCol.number'), cell: (r) => r.saksnummer ?? t('common.empty'), rowHeader: true, className: 'pm-nowrap' },
          { header: t('archivist.export.leftOutCol.title'), cell: (r) => r.title, className: 'pm-title-cell' },
          { header: t('archivist.export.leftOutCol.reason'), cell: (r) => r.reason },
        ]}
      />
    </div>
  );
}

type Outcome = { kind: 'ok'; filename: string } | { kind: 'error'; error: AppError } | null;

/** One button per file the export offers; each fetches it and saves it under the hub's file name. */
function Downloads({ exp, headingLevel }: { exp: ExportDto; headingLevel: 3 | 4 }) {
  const { t } = useTranslation();
  const download = useExportFile();
  const [pending, setPending] = useState<ExportFile | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const files = filesOf(exp.kind);
  if (files.length === 0) return null;
  const id = `export-downloads-${exp.id}`;

  const run = async (file: ExportFile) => {
    if (pending) return;
    setPending(file);
    setOutcome(null);
    const result = await download(exp.id, file);
    setPending(null);
    setOutcome(result.ok ? { kind: 'ok', filename: result.value.filename } : { kind: 'error', error: result.error });
  };

  return (
    <div className="pm-archive-stack" role="group" aria-labelledby={id}>
      <Heading level={headingLevel} data-size="2xs" id={id}>
        {t('archivist.export.downloads')}
      </Heading>
      <div className="pm-actions">
        {files.map((file) => (
          <Button key={file} variant="secondary" data-size="sm" loading={pending === file} onClick={() => void run(file)} data-testid={`export-download-${file}`}>
            {exportFileLabel(t, file)}
          </Button>
        ))}
      </div>
      <LiveRegion className="pm-live">
        {outcome?.kind === 'ok' && <Paragraph data-size="sm" data-testid="export-downloaded">{t('archivist.export.downloaded', { filename: outcome.filename })}</Paragraph>}
        {outcome?.kind === 'error' && <ErrorAlert error={outcome.error} title={t('errors.actionTitle')} headingLevel={3} />}
      </LiveRegion>
    </div>
  );
}
