import { Button, Paragraph } from '@digdir/designsystemet-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../electron/ipc/contract';
import type { ExportDto } from '../../../electron/ipc/archivist.contract';
import type { AppError } from '../bridge/bridge';
import { useAction } from '../bridge/use-action.hook';
import { useQuery } from '../bridge/use-query.hook';
import { useFormat } from '../i18n/use-format.hook';
import { DataTable } from '../shared/data-table';
import { ErrorAlert } from '../shared/error-alert';
import { LoadingState } from '../shared/loading-state';
import { Section } from '../shared/section';
import { hubNow } from '../shared/use-now.hook';
import { entryNumber, osloDate, type Period, periodProblem, typeLabel } from './archive-labels';
import { ExportProgress } from './export-progress';
import { ExportResult } from './export-result';
import { PeriodFields } from './period-fields';
import { useExportProgress } from './use-export-progress.hook';

type PreviewRow = ChannelOutput<'archivist.publicJournalPreview'>['rows'][number];
export const PREVIEW_LIMIT = 500;

/** The public journal: a period, its preview exactly as it will be published, then the XML and PDF made from it. */
export function PublicJournalPanel() {
  const { t } = useTranslation();
  const today = osloDate(hubNow());
  const [draft, setDraft] = useState<Period>({ from: today, to: today });
  const [shown, setShown] = useState<Period | null>(null);
  const [tried, setTried] = useState(false);
  const problem = periodProblem(t, draft);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (problem) return;
    setShown({ ...draft });
  };

  return (
    <div className="pm-archive-stack">
      <Section id="archive-public-heading" title={t('archivist.publicJournal.heading')}>
        <Paragraph>{t('archivist.publicJournal.intro')}</Paragraph>
        <form className="pm-archive-form" onSubmit={submit} noValidate aria-labelledby="archive-public-heading" data-testid="public-form">
          <PeriodFields value={draft} onChange={setDraft} problem={tried ? problem : null} testId="public-period" />
          <div>
            <Button type="submit" variant="secondary">
              {t('archivist.publicJournal.preview')}
            </Button>
          </div>
        </form>
      </Section>
      {/* keyed by the period: a new preview forgets the journal made from the one before */}
      {shown && <Preview key={`${shown.from}|${shown.to}`} period={shown} />}
    </div>
  );
}

function Preview({ period }: { period: Period }) {
  const { t } = useTranslation();
  const format = useFormat();
  const preview = useQuery('archivist.publicJournalPreview', { ...period, limit: PREVIEW_LIMIT });
  const start = useAction('archivist.exportStart');
  const [made, setMade] = useState<ExportDto | null>(null);
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);
  const { current, error } = useExportProgress(made);
  const data = preview.data;

  const make = async () => {
    if (pending) return;
    setPending(true);
    setFailure(null);
    const result = await start({ kind: 'public-journal', ...period });
    setPending(false);
    if (result.ok) setMade(result.value);
    else setFailure(result.error);
  };

  return (
    <Section id="archive-preview-heading" title={t('archivist.publicJournal.previewHeading')}>
      {preview.error && <ErrorAlert error={preview.error} onRetry={preview.reload} headingLevel={3} />}
      {!data && preview.loading && <LoadingState label={t('common.loading')} />}
      {data && (
        <>
          <Paragraph data-testid="public-summary">{t('archivist.publicJournal.previewSummary', { count: data.total })}</Paragraph>
          {data.rows.length < data.total && <Paragraph data-size="sm">{t('archivist.publicJournal.previewTruncated', { shown: data.rows.length })}</Paragraph>}
          <DataTable
            rows={data.rows}
            rowKey={(r: PreviewRow) => `${r.caseNumber ?? ''}-${r.journalpostnummer ?? ''}-${r.journaldato}-${r.title}`}
            labelledBy="archive-preview-heading"
            testId="public-preview"
            empty={t('archivist.publicJournal.none')}
            columns={[
              { header: t('archivist.publicJournal.col.number'), cell: (r) => entryNumber(r.caseNumber, r.journalpostnummer) ?? t('common.empty'), rowHeader: true, className: 'pm-nowrap' },
              { header: t('archivist.publicJournal.col.date'), cell: (r) => format.isoDate(r.journaldato), className: 'pm-nowrap' },
              { header: t('archivist.publicJournal.col.type'), cell: (r) => <abbr title={typeLabel(t, r.journalposttype)}>{r.journalposttype}</abbr> },
              { header: t('archivist.publicJournal.col.caseTitle'), cell: (r) => r.caseTitle, className: 'pm-title-cell' },
              { header: t('archivist.publicJournal.col.title'), cell: (r) => r.title, className: 'pm-title-cell' },
              { header: t('archivist.publicJournal.col.correspondents'), cell: (r) => r.correspondents.join(', ') || t('common.empty') },
              { header: t('archivist.publicJournal.col.screening'), cell: (r) => r.skjermingshjemmel ?? t('archivist.publicJournal.notScreened') },
              { header: t('archivist.publicJournal.col.unit'), cell: (r) => r.administrativEnhet },
            ]}
          />
          <div>
            <Button onClick={() => void make()} loading={pending} disabled={current !== null && current.state !== 'done' && current.state !== 'failed'} data-testid="public-make">
              {t('archivist.publicJournal.make')}
            </Button>
          </div>
          {failure && <ErrorAlert error={failure} title={t('errors.actionTitle')} headingLevel={3} />}
          {current && (
            <>
              <ExportProgress exp={current} />
              {error && <ErrorAlert error={error} headingLevel={3} />}
              <ExportResult exp={current} headingLevel={3} />
            </>
          )}
        </>
      )}
    </Section>
  );
}
