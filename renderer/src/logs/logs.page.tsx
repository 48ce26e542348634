import { Button, Paragraph, Tag, Textfield } from '@digdir/designsystemet-react';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelInput, ChannelOutput } from '../../../electron/ipc/contract';
import type { LogEntryDto } from '../../../electron/ipc/logs.contract';
import { LabeledSelect } from '../archive/labeled-select';
import type { AppError } from '../bridge/bridge';
import { useAction } from '../bridge/use-action.hook';
import { useQuery } from '../bridge/use-query.hook';
import { integrationLabel } from '../health/health-labels';
import { intlLocale } from '../i18n/format';
import { DEFAULT_LANGUAGE, isUiLanguage } from '../i18n/i18n';
import { ActionWithResult } from '../shared/action-with-result';
import { DataTable } from '../shared/data-table';
import { ErrorAlert } from '../shared/error-alert';
import { LiveRegion } from '../shared/live-region';
import { LoadingState } from '../shared/loading-state';
import { PageHeading } from '../shared/page-heading';
import { Section } from '../shared/section';
import { useSupportBundle } from './use-support-bundle.hook';
import './logs.css';

export const LOGS_PAGE_SIZE = 100;
type Level = LogEntryDto['level'];
/** The contract's levels, lowest first (the renderer takes only types from the contract). */
const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const satisfies readonly Level[];
type Query = ChannelInput<'logs.query'>;
type Page = ChannelOutput<'logs.query'>;

interface Draft {
  level: Level | '';
  text: string;
  /** datetime-local values (local time), '' when open. */
  from: string;
  to: string;
  integration: string;
}
const EMPTY: Draft = { level: '', text: '', from: '', to: '', integration: '' };

const LEVEL_COLOR: Record<Level, 'neutral' | 'info' | 'warning' | 'danger'> = { debug: 'neutral', info: 'info', warn: 'warning', error: 'danger' };

const msOf = (local: string): number | undefined => {
  if (!local) return undefined;
  const ms = new Date(local).getTime();
  return Number.isFinite(ms) ? ms : undefined;
};

/** The form as the hub's query (empty fields left out). */
function toQuery(d: Draft): Query {
  const from = msOf(d.from);
  // "til 10:15" includes the whole minute
  const to = msOf(d.to);
  return {
    limit: LOGS_PAGE_SIZE,
    ...(d.level ? { level: d.level } : {}),
    ...(d.text.trim() ? { text: d.text.trim() } : {}),
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to: to + 59_999 } : {}),
    ...(d.integration ? { integration: d.integration } : {}),
  };
}

/** Fields as compact text: `key=value`, objects as JSON. */
export const fieldsText = (fields: Record<string, unknown>): string =>
  Object.entries(fields)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');

/** #17 item 5: the hub's log for IT — filtered, newest first, older pages on demand — and the support bundle. */
export function LogsPage() {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [applied, setApplied] = useState<Query>(() => toQuery(EMPTY));
  const [tried, setTried] = useState(false);
  // each "Vis" reads the log again, the same filter too (new lines have come since)
  const [run, setRun] = useState(0);
  const [integrations, setIntegrations] = useState<string[]>([]);
  const rangeProblem = draft.from && draft.to && (msOf(draft.from) ?? 0) > (msOf(draft.to) ?? 0) ? t('logs.fromAfterTo') : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (rangeProblem) return;
    setApplied(toQuery(draft));
    setRun((r) => r + 1);
  };
  const reset = () => {
    setDraft(EMPTY);
    setTried(false);
    setApplied(toQuery(EMPTY));
    setRun((r) => r + 1);
  };

  const levelOptions = useMemo(() => [['', t('logs.levelAll')] as const, ...LOG_LEVELS.map((l) => [l, t(`logs.levelFrom.${l}`)] as const)], [t]);
  const integrationOptions = useMemo(() => [['', t('logs.integrationAll')] as const, ...integrations.map((i) => [i, integrationLabel(t, i)] as const)], [integrations, t]);

  return (
    <div className="pm-page">
      <PageHeading title={t('logs.title')} intro={t('logs.intro')} />
      <Section id="logs-filter-heading" title={t('logs.filterHeading')}>
        <form className="pm-filters" onSubmit={submit} noValidate aria-labelledby="logs-filter-heading" data-testid="logs-filter">
          <LabeledSelect label={t('logs.level')} value={draft.level} options={levelOptions} onChange={(level) => setDraft({ ...draft, level })} testId="logs-level" />
          <Textfield
            className="pm-logs-text"
            label={t('logs.text')}
            value={draft.text}
            maxLength={200}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => setDraft({ ...draft, text: e.target.value })}
            data-testid="logs-text"
          />
          <Textfield className="pm-logs-when" type="datetime-local" label={t('logs.from')} value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} data-testid="logs-from" />
          <Textfield
            className="pm-logs-when"
            type="datetime-local"
            label={t('logs.to')}
            value={draft.to}
            onChange={(e) => setDraft({ ...draft, to: e.target.value })}
            error={tried && rangeProblem ? rangeProblem : undefined}
            data-testid="logs-to"
          />
          <LabeledSelect label={t('logs.integration')} value={draft.integration} options={integrationOptions} onChange={(integration) => setDraft({ ...draft, integration })} testId="logs-integration" />
          <div className="pm-logs-buttons">
            <Button type="submit">{t('logs.show')}</Button>
            <Button type="button" variant="tertiary" onClick={reset}>
              {t('logs.reset')}
            </Button>
          </div>
        </form>
      </Section>
      <LogEntries key={`${run}:${JSON.stringify(applied)}`} query={applied} onIntegrations={setIntegrations} />
      <SupportBundle />
    </div>
  );
}

/** One filter's result: the first page from the hub, and older pages appended on "Vis eldre". */
function LogEntries({ query, onIntegrations }: { query: Query; onIntegrations: (i: string[]) => void }) {
  const { t } = useTranslation();
  const first = useQuery('logs.query', query);
  const more = useAction('logs.query');
  const [older, setOlder] = useState<{ entries: LogEntryDto[]; next: Page['next']; truncated: boolean } | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  const data = first.data;
  // the integration filter's choices come from the job queue, with each answer
  const integrationsKey = data ? JSON.stringify(data.integrations) : null;
  useEffect(() => {
    if (integrationsKey) onIntegrations(JSON.parse(integrationsKey) as string[]);
  }, [integrationsKey, onIntegrations]);
  const entries = data ? [...data.entries, ...(older?.entries ?? [])] : [];
  const next = older ? older.next : (data?.next ?? null);
  const truncated = older ? older.truncated : (data?.truncated ?? false);

  const loadOlder = async () => {
    if (!next || pending) return;
    setPending(true);
    setError(null);
    const r = await more({ ...query, before: next });
    setPending(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setOlder((o) => ({ entries: [...(o?.entries ?? []), ...r.value.entries], next: r.value.next, truncated: r.value.truncated }));
  };

  return (
    <Section id="logs-entries-heading" title={t('logs.entriesHeading')}>
      {first.error && <ErrorAlert error={first.error} onRetry={first.reload} headingLevel={3} />}
      {!data && first.loading && <LoadingState label={t('logs.loading')} />}
      {data && (
        <>
          <LiveRegion className="pm-live">
            <Paragraph data-size="sm" className="pm-muted" data-testid="logs-count">
              {t('logs.shown', { count: entries.length, files: data.files })}
            </Paragraph>
          </LiveRegion>
          <LogTable entries={entries} />
          {truncated && <Paragraph data-size="sm">{t('logs.truncated')}</Paragraph>}
          {error && <ErrorAlert error={error} headingLevel={3} />}
          {next && (
            <div>
              <Button variant="secondary" loading={pending} onClick={() => void loadOlder()} data-testid="logs-older">
                {pending ? t('logs.loadingOlder') : t('logs.older')}
              </Button>
            </div>
          )}
        </>
      )}
    </Section>
  );
}

function LogTable({ entries }: { entries: LogEntryDto[] }) {
  const { t, i18n } = useTranslation();
  const format = useMemo(() => new Intl.DateTimeFormat(intlLocale(isUiLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE), { dateStyle: 'short', timeStyle: 'medium' }), [i18n.language]);
  return (
    <DataTable
      rows={entries.map((e, i) => ({ ...e, i }))}
      rowKey={(r) => `${r.t}:${r.i}`}
      rowTestId={() => 'logs-row'}
      labelledBy="logs-entries-heading"
      testId="logs-table"
      empty={t('logs.none')}
      columns={[
        {
          header: t('logs.col.time'),
          rowHeader: true,
          className: 'pm-when pm-logs-time',
          cell: (r) => <time dateTime={r.t}>{format.format(new Date(r.t))}</time>,
        },
        {
          header: t('logs.col.level'),
          cell: (r) => (
            <Tag data-color={LEVEL_COLOR[r.level]} data-size="sm" data-testid="logs-level-tag">
              {t(`logs.levelName.${r.level}`)}
            </Tag>
          ),
        },
        { header: t('logs.col.message'), cell: (r) => r.msg, className: 'pm-logs-msg' },
        { header: t('logs.col.fields'), cell: (r) => <code className="pm-code pm-logs-fields">{fieldsText(r.fields)}</code> },
      ]}
    />
  );
}

function SupportBundle() {
  const { t } = useTranslation();
  const download = useSupportBundle();
  return (
    <Section id="logs-bundle-heading" title={t('logs.bundleHeading')}>
      <Paragraph>{t('logs.bundleIntro')}</Paragraph>
      <ActionWithResult
        action={download}
        label={t('logs.bundleDownload')}
        variant="secondary"
        errorHeadingLevel={3}
        renderResult={(v) => <Paragraph data-testid="logs-bundle-done">{t('logs.bundleDone', { filename: v.filename })}</Paragraph>}
      />
    </Section>
  );
}
