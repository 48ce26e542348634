import { Button, Checkbox, Link, Paragraph, Tag, Textfield } from '@digdir/designsystemet-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import type { ChannelInput } from '../../../electron/ipc/contract';
import type { JournalRowDto } from '../../../electron/ipc/archivist.contract';
import { useQuery } from '../bridge/use-query.hook';
import { caseHref } from '../case/case-href';
import { useFormat } from '../i18n/use-format.hook';
import { DataTable } from '../shared/data-table';
import { ErrorAlert } from '../shared/error-alert';
import { LoadingState } from '../shared/loading-state';
import { Section } from '../shared/section';
import { hubNow } from '../shared/use-now.hook';
import { deliveryStateLabel, entryNumber, monthOf, type Period, periodProblem, typeLabel } from './archive-labels';
import { LabeledSelect } from './labeled-select';
import { PeriodFields } from './period-fields';

type JournalInput = ChannelInput<'archivist.journal'>;
type Screened = 'all' | 'yes' | 'no';


export const JOURNAL_LIMIT = 500;

interface Draft {
  period: Period;
  type: '' | 'I' | 'U';
  unit: string;
  screened: Screened;
  onlyMissing: boolean;
}

const toInput = (d: Draft): JournalInput => ({
  from: d.period.from,
  to: d.period.to,
  limit: JOURNAL_LIMIT,
  ...(d.type ? { journalposttype: d.type } : {}),
  ...(d.unit.trim() ? { administrativEnhet: d.unit.trim() } : {}),
  ...(d.screened !== 'all' ? { screened: d.screened === 'yes' } : {}),
  ...(d.onlyMissing ? { onlyMissing: true } : {}),
});

/** The løpende journal for a period (default the current month), with its filters and what each entry lacks. */
export function JournalPanel() {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(() => ({ period: monthOf(hubNow()), type: '', unit: '', screened: 'all', onlyMissing: false }));
  const [applied, setApplied] = useState<JournalInput>(() => toInput(draft));
  const [tried, setTried] = useState(false);
  const problem = periodProblem(t, draft.period);
  const query = useQuery('archivist.journal', applied, { refreshOn: ['job.updated'] });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (problem) return;
    setApplied(toInput(draft));
  };
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  return (
    <div className="pm-archive-stack">
      <Section id="archive-journal-heading" title={t('archivist.journal.heading')}>
        <form className="pm-archive-form" onSubmit={submit} noValidate aria-label={t('archivist.journal.filters')} data-testid="journal-form">
          <PeriodFields value={draft.period} onChange={(period) => set({ period })} problem={tried ? problem : null} testId="journal-period" />
          <LabeledSelect
            label={t('archivist.journal.type')}
            value={draft.type}
            onChange={(type) => set({ type })}
            options={[
              ['', t('archivist.journal.typeAll')],
              ['I', typeLabel(t, 'I')],
              ['U', typeLabel(t, 'U')],
            ]}
            testId="journal-type"
          />
          <Textfield className="pm-filter-field" label={t('archivist.journal.unit')} value={draft.unit} maxLength={100} onChange={(e) => set({ unit: e.target.value })} />
          <LabeledSelect
            label={t('archivist.journal.screened')}
            value={draft.screened}
            onChange={(screened) => set({ screened })}
            options={[
              ['all', t('archivist.journal.screenedAll')],
              ['yes', t('archivist.journal.screenedOnly')],
              ['no', t('archivist.journal.screenedNot')],
            ]}
            testId="journal-screened-filter"
          />
          <Checkbox className="pm-archive-check" label={t('archivist.journal.onlyMissing')} checked={draft.onlyMissing} onChange={(e) => set({ onlyMissing: e.target.checked })} />
          <div>
            <Button type="submit">{t('archivist.journal.show')}</Button>
          </div>
        </form>
        {query.error && <ErrorAlert error={query.error} onRetry={query.reload} headingLevel={3} />}
        {!query.data && query.loading && <LoadingState label={t('archivist.journal.loading')} />}
        {query.data && <JournalTable rows={query.data.rows} total={query.data.total} missing={query.data.missing} />}
      </Section>
    </div>
  );
}

function JournalTable({ rows, total, missing }: { rows: JournalRowDto[]; total: number; missing: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <>
      <Paragraph data-testid="journal-summary">
        {t('archivist.journal.summary', { count: total })}
        {missing > 0 && <>, {t('archivist.journal.summaryMissing', { count: missing })}</>}
      </Paragraph>
      {rows.length < total && <Paragraph data-size="sm">{t('archivist.journal.truncated', { shown: rows.length })}</Paragraph>}
      <div className="pm-archive-journal">
      <DataTable
        rows={rows}
        rowKey={(r) => r.entryKey}
        rowTestId={(r) => `journal-row-${r.entryKey}`}
        labelledBy="archive-journal-heading"
        testId="journal-table"
        empty={t('archivist.journal.none')}
        columns={[
          { header: t('archivist.journal.col.number'), cell: (r) => entryNumber(r.caseNumber, r.journalpostnummer) ?? <span className="pm-muted">{t('archivist.journal.noNumber')}</span>, rowHeader: true, className: 'pm-nowrap' },
          { header: t('archivist.journal.col.date'), cell: (r) => format.isoDate(r.journaldato), className: 'pm-nowrap' },
          { header: t('archivist.journal.col.type'), cell: (r) => <abbr title={typeLabel(t, r.journalposttype)}>{r.journalposttype}</abbr> },
          {
            header: t('archivist.journal.col.title'),
            className: 'pm-title-cell',
            cell: (r) => (
              <>
                <Link asChild>
                  <RouterLink to={caseHref(r.publicId)}>{r.title}</RouterLink>
                </Link>
                {r.screened && (
                  <span className="pm-block" data-testid="journal-screened">
                    <Tag data-color="warning" data-size="sm">
                      {t('archivist.journal.screenedTag')}
                    </Tag>
                    {r.skjermingshjemmel && <span className="pm-archive-basis pm-muted"> {r.skjermingshjemmel}</span>}
                  </span>
                )}
              </>
            ),
          },
          { header: t('archivist.journal.col.correspondents'), cell: (r) => r.correspondents.join(', ') || t('common.empty') },
          { header: t('archivist.journal.col.unit'), cell: (r) => r.administrativEnhet },
          { header: t('archivist.journal.col.officer'), cell: (r) => r.saksbehandler ?? t('common.empty') },
          { header: t('archivist.journal.col.state'), cell: (r) => deliveryStateLabel(t, r.state) },
          {
            header: t('archivist.journal.col.missing'),
            cell: (r) =>
              r.missing.length === 0 ? (
                <span className="pm-muted">{t('archivist.journal.complete')}</span>
              ) : (
                <ul className="pm-archive-missing" data-testid="journal-missing">
                  {r.missing.map((m) => (
                    <li key={m}>{m}</li>
                  ))}
                </ul>
              ),
          },
        ]}
      />
      </div>
    </>
  );
}
