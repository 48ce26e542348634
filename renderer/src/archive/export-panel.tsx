import { Button, Checkbox, Fieldset, Paragraph, Radio } from '@digdir/designsystemet-react';
import type { TFunction } from 'i18next';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportDto } from '../../../electron/ipc/archivist.contract';
import type { ChannelInput } from '../../../electron/ipc/contract';
import type { AppError } from '../bridge/bridge';
import { useAction } from '../bridge/use-action.hook';
import { useQuery } from '../bridge/use-query.hook';
import { useFormat } from '../i18n/use-format.hook';
import { DataTable } from '../shared/data-table';
import { DateTime } from '../shared/date-time';
import { ErrorAlert } from '../shared/error-alert';
import { LoadingState } from '../shared/loading-state';
import { Section } from '../shared/section';
import { hubNow, useNow } from '../shared/use-now.hook';
import { EXPORT_KINDS, exportKindHint, exportKindLabel, exportStateLabel, osloDate, type Period, periodProblem } from './archive-labels';
import { ExportProgress } from './export-progress';
import { ExportResult } from './export-result';
import { LabeledSelect } from './labeled-select';
import { PeriodFields } from './period-fields';
import { useExportProgress } from './use-export-progress.hook';

type Kind = ExportDto['kind'];
type StartInput = ChannelInput<'archivist.exportStart'>;

/** This year so far: what an annual extract usually covers. */
const thisYear = (): Period => {
  const today = osloDate(hubNow());
  return { from: `${today.slice(0, 4)}-01-01`, to: today };
};

const startInput = (kind: Kind, arkivdel: string, period: Period, pack: boolean): StartInput =>
  kind === 'noark5' ? { kind, arkivdel, pack, ...period } : kind === 'noark4' ? { kind, arkivdel, ...period } : { kind, ...period };

/** Exports: the form, the running export's progress, its result, and the exports made before. */
export function ExportPanel() {
  const { t } = useTranslation();
  const exports = useQuery('archivist.exports', { limit: 20 });
  const [selected, setSelected] = useState<ExportDto | null>(null);
  const { current, error } = useExportProgress(selected, () => exports.reload());

  return (
    <div className="pm-archive-stack">
      <ExportForm onStarted={(e) => {
        setSelected(e);
        exports.reload();
      }} />
      {current && (
        <Section id="archive-export-current-heading" title={t('archivist.export.resultHeading', { id: current.id })}>
          <ExportProgress exp={current} />
          {error && <ErrorAlert error={error} headingLevel={3} />}
          <ExportResult exp={current} headingLevel={3} />
        </Section>
      )}
      <Section id="archive-exports-heading" title={t('archivist.export.previousHeading')}>
        {exports.error && <ErrorAlert error={exports.error} onRetry={exports.reload} headingLevel={3} />}
        {!exports.data && exports.loading && <LoadingState label={t('common.loading')} />}
        {exports.data && <ExportsTable rows={exports.data} onShow={setSelected} shownId={current?.id ?? null} />}
      </Section>
    </div>
  );
}

function ExportForm({ onStarted }: { onStarted: (e: ExportDto) => void }) {
  const { t } = useTranslation();
  const arkivdeler = useQuery('archivist.arkivdeler', {});
  const start = useAction('archivist.exportStart');
  const [kind, setKind] = useState<Kind>('noark5');
  const [arkivdel, setArkivdel] = useState('');
  const [period, setPeriod] = useState<Period>(thisYear);
  const [pack, setPack] = useState(false);
  const [tried, setTried] = useState(false);
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);
  const needsArkivdel = kind !== 'public-journal';
  const options = arkivdeler.data ?? [];
  // one arkivdel: chosen already
  const chosen = arkivdel || (options.length === 1 ? options[0]!.arkivdel : '');
  const periodIssue = periodProblem(t, period);
  const arkivdelMissing = needsArkivdel && !chosen;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (periodIssue || arkivdelMissing || pending) return;
    setPending(true);
    setFailure(null);
    const result = await start(startInput(kind, chosen, period, pack));
    setPending(false);
    if (result.ok) {
      setTried(false);
      onStarted(result.value);
    } else setFailure(result.error);
  };

  return (
    <Section id="archive-export-heading" title={t('archivist.export.heading')}>
      <form className="pm-archive-stack" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="archive-export-heading" data-testid="export-form">
        <Fieldset>
          <Fieldset.Legend>{t('archivist.export.kind')}</Fieldset.Legend>
          {EXPORT_KINDS.map((k) => (
            <Radio key={k} name="export-kind" value={k} label={exportKindLabel(t, k)} description={exportKindHint(t, k)} checked={kind === k} onChange={() => setKind(k)} />
          ))}
        </Fieldset>
        <div className="pm-archive-form">
          {needsArkivdel && <ArkivdelSelect t={t} value={chosen} options={options} onChange={setArkivdel} error={tried && arkivdelMissing} loading={!arkivdeler.data && arkivdeler.loading} />}
          <PeriodFields value={period} onChange={setPeriod} problem={tried ? periodIssue : null} testId="export-period" />
        </div>
        {arkivdeler.error && <ErrorAlert error={arkivdeler.error} onRetry={arkivdeler.reload} headingLevel={3} />}
        {needsArkivdel && arkivdeler.data && options.length === 0 && <Paragraph data-size="sm">{t('archivist.export.arkivdelNone')}</Paragraph>}
        {kind === 'noark5' && <Checkbox label={t('archivist.export.pack')} description={t('archivist.export.packHint')} checked={pack} onChange={(e) => setPack(e.target.checked)} />}
        <div>
          <Button type="submit" loading={pending} data-testid="export-start">
            {t('archivist.export.start')}
          </Button>
        </div>
        {failure && <ErrorAlert error={failure} title={t('errors.actionTitle')} headingLevel={3} />}
      </form>
    </Section>
  );
}

interface ArkivdelOption {
  arkivdel: string;
  caseFiles: number;
}

function ArkivdelSelect({ t, value, options, onChange, error, loading }: { t: TFunction; value: string; options: ArkivdelOption[]; onChange: (v: string) => void; error: boolean; loading: boolean }) {
  return (
    <div className="pm-archive-select">
      <LabeledSelect
        label={t('archivist.export.arkivdel')}
        value={value}
        onChange={onChange}
        disabled={loading}
        testId="export-arkivdel"
        options={[['', t('archivist.export.arkivdelChoose')] as const, ...options.map((o) => [o.arkivdel, t('archivist.export.arkivdelOption', { name: o.arkivdel, count: o.caseFiles })] as const)]}
      />
      {error && (
        <Paragraph data-size="sm" className="pm-field-error" role="alert">
          {t('archivist.export.arkivdelRequired')}
        </Paragraph>
      )}
    </div>
  );
}

function ExportsTable({ rows, onShow, shownId }: { rows: ExportDto[]; onShow: (e: ExportDto) => void; shownId: number | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  const now = useNow();
  return (
    <DataTable
      rows={rows}
      rowKey={(e) => e.id}
      rowTestId={(e) => `export-row-${e.id}`}
      labelledBy="archive-exports-heading"
      testId="exports-table"
      empty={t('archivist.export.previousNone')}
      columns={[
        { header: t('archivist.export.col.id'), cell: (e) => e.id, rowHeader: true, className: 'pm-number' },
        { header: t('archivist.export.col.kind'), cell: (e) => exportKindLabel(t, e.kind) },
        { header: t('archivist.export.col.arkivdel'), cell: (e) => e.arkivdel ?? t('common.empty') },
        { header: t('archivist.export.col.period'), cell: (e) => t('archivist.export.periodValue', { from: format.isoDate(e.from), to: format.isoDate(e.to) }), className: 'pm-nowrap' },
        { header: t('archivist.export.col.state'), cell: (e) => exportStateLabel(t, e.state) },
        { header: t('archivist.export.col.by'), cell: (e) => e.requestedBy },
        { header: t('archivist.export.col.created'), cell: (e) => <DateTime ms={e.createdAt} now={now} compact />, className: 'pm-when' },
        {
          header: t('archivist.export.col.show'),
          cell: (e) => (
            <Button variant="tertiary" data-size="sm" aria-label={t('archivist.export.showLabel', { id: e.id })} aria-pressed={e.id === shownId} onClick={() => onShow(e)}>
              {t('archivist.export.show')}
            </Button>
          ),
        },
      ]}
    />
  );
}
