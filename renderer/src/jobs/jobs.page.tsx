import { Button, Paragraph } from '@digdir/designsystemet-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { ChannelInput, JobSummary } from '../../../electron/ipc/contract';
import type { AppError } from '../bridge/bridge';
import { useAction } from '../bridge/use-action.hook';
import { useQuery } from '../bridge/use-query.hook';
import { useMayCall } from '../session/may-call';
import { ErrorAlert } from '../shared/error-alert';
import { LiveRegion } from '../shared/live-region';
import { LoadingState } from '../shared/loading-state';
import { PageHeading } from '../shared/page-heading';
import { useDebounced } from '../shared/use-debounced.hook';
import { hubNow } from '../shared/use-now.hook';
import { AbandonJobDialog } from './abandon-job.dialog';
import { JobFollow } from './job-follow';
import { jobTypeName, NAMED_JOB_TYPES } from './job-names';
import { AGE_FILTERS, INTEGRATIONS, JobsFilters, STATUS_FILTERS, type AgeFilter, type JobFilters, type StatusFilter } from './jobs-filters';
import { isActionable, JobsTable } from './jobs-table';
import './jobs.css';

const LIMIT = 100;
const HOUR = 3_600_000;
const AGE_MS: Record<Exclude<AgeFilter, 'all' | 'older'>, number> = { hour: HOUR, day: 24 * HOUR, week: 7 * 24 * HOUR };

const oneOf = <T extends string>(list: readonly T[], value: string | null, fallback: T): T => (value !== null && (list as readonly string[]).includes(value) ? (value as T) : fallback);

/**
 * The hub query for the filters. The search runs in the hub (#14), so it finds jobs beyond the rows
 * shown; the job names are the UI's words, so the types whose name matches are sent along.
 */
function listInput(f: JobFilters, now: number, typeName: (type: string) => string): ChannelInput<'jobs.list'> {
  const input: ChannelInput<'jobs.list'> = { limit: LIMIT };
  // «Døde» are the dead jobs waiting for someone, «Gitt opp» the abandoned ones: the same split as the Status cards
  if (f.status === 'dead') Object.assign(input, { status: 'dead', abandoned: false });
  else if (f.status === 'abandoned') Object.assign(input, { status: 'dead', abandoned: true });
  else if (f.status !== 'all') input.status = f.status;
  if (f.integration) input.integration = f.integration;
  if (f.age === 'older') input.createdBefore = now - AGE_MS.week;
  else if (f.age !== 'all') input.createdAfter = now - AGE_MS[f.age];
  const q = f.q.trim();
  if (q) {
    input.q = q;
    const words = q.toLocaleLowerCase();
    const qTypes = NAMED_JOB_TYPES.filter((type) => typeName(type).toLocaleLowerCase().includes(words));
    if (qTypes.length) input.qTypes = qTypes;
  }
  return input;
}

type Outcome = { kind: 'follow'; ids: number[]; note: string } | { kind: 'ok'; text: string } | { kind: 'error'; error: AppError } | null;

export function JobsPage() {
  const { t } = useTranslation();
  // The filters live in the URL so the Status page's cards can link straight to them.
  const [params, setParams] = useSearchParams();
  const filters: JobFilters = {
    status: oneOf<StatusFilter>(STATUS_FILTERS, params.get('status'), 'all'),
    integration: oneOf(INTEGRATIONS, params.get('integration'), ''),
    age: oneOf<AgeFilter>(AGE_FILTERS, params.get('age'), 'all'),
    q: params.get('q') ?? '',
  };
  // the hub is asked once the typing pauses, not on every key
  const q = useDebounced(filters.q.trim(), 250);
  // the age's cut-off is taken when the filter is chosen, so the query does not change on every render
  const input = useMemo(
    () => listInput({ ...filters, q }, hubNow(), (type) => jobTypeName(t, type)),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the input depends on these, not on the object
    [filters.status, filters.integration, filters.age, q, t],
  );
  const jobs = useQuery('jobs.list', input, { refreshOn: ['job.updated', 'status.changed'] });
  // while the hub answers a changed filter or search, the rows found last stay (no flash of «Laster»)
  const [lastData, setLastData] = useState<JobSummary[] | undefined>(undefined);
  if (jobs.data && jobs.data !== lastData) setLastData(jobs.data);
  const data = jobs.data ?? (jobs.loading ? lastData : undefined);
  const retry = useAction('jobs.retry');
  const retryMany = useAction('jobs.retryMany');
  const abandon = useAction('jobs.abandon');
  const mayBulk = useMayCall()('jobs.retryMany');
  const [pendingId, setPendingId] = useState<number | null>(null);
  const [bulkPending, setBulkPending] = useState(false);
  const [confirming, setConfirming] = useState<JobSummary | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());

  const changeFilters = (next: Partial<JobFilters>) => {
    if (!('q' in next)) setOutcome(null);
    const merged = { ...filters, ...next };
    const p: Record<string, string> = {};
    if (merged.status !== 'all') p.status = merged.status;
    if (merged.integration) p.integration = merged.integration;
    if (merged.age !== 'all') p.age = merged.age;
    if (merged.q) p.q = merged.q;
    setParams(p, { replace: true });
  };

  const rows = data ?? [];
  const selectedDead = rows.filter((j) => isActionable(j) && selected.has(j.id)).map((j) => j.id);

  const act = async (job: JobSummary, kind: 'retry' | 'abandon') => {
    if (pendingId !== null) return;
    setPendingId(job.id);
    setOutcome(null);
    const result = kind === 'retry' ? await retry({ id: job.id }) : await abandon({ id: job.id });
    setPendingId(null);
    setConfirming(null);
    if (!result.ok) {
      setOutcome({ kind: 'error', error: result.error });
      return;
    }
    // a retry only queues the job: the page follows it and says what the next attempt did
    setOutcome(kind === 'retry' ? { kind: 'follow', ids: [job.id], note: t('jobs.retried', { id: job.id }) } : { kind: 'ok', text: t('jobs.abandoned', { id: job.id }) });
    jobs.reload();
  };

  const retrySelected = async () => {
    if (bulkPending || selectedDead.length === 0) return;
    setBulkPending(true);
    setOutcome(null);
    const result = await retryMany({ ids: selectedDead });
    setBulkPending(false);
    if (!result.ok) {
      setOutcome({ kind: 'error', error: result.error });
      return;
    }
    setSelected(new Set());
    const { retried, missing } = result.value;
    const note = [t('jobsWs.retriedMany', { count: retried.length }), missing.length ? t('jobsWs.notDead', { ids: missing.join(', ') }) : ''].filter(Boolean).join(' ');
    setOutcome(retried.length ? { kind: 'follow', ids: retried.map((j) => j.id), note } : { kind: 'ok', text: note });
    jobs.reload();
  };

  const select = (ids: number[], on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });

  const statusLabel = filters.status === 'abandoned' ? t('jobsWs.filters.abandoned') : t(`jobs.filter.${filters.status}`);
  const caption = filters.status === 'all' ? t('jobs.caption') : t('jobs.captionFiltered', { status: statusLabel });

  return (
    <div className="pm-page pm-jobs-page">
      <PageHeading title={t('jobs.title')} intro={t('jobsWs.intro')} />
      <JobsFilters filters={filters} onChange={changeFilters} />

      <LiveRegion className="pm-live">
        {outcome?.kind === 'follow' && <JobFollow key={outcome.ids.join(',')} ids={outcome.ids} note={outcome.note} />}
        {outcome?.kind === 'ok' && (
          <Paragraph data-testid="job-action-result" className="pm-jobs-ok">
            {outcome.text}
          </Paragraph>
        )}
        {outcome?.kind === 'error' && <ErrorAlert error={outcome.error} title={t('errors.actionTitle')} headingLevel={2} />}
      </LiveRegion>

      {mayBulk && rows.some(isActionable) && (
        <div className="pm-jobs-bulk">
          <Button variant="secondary" data-color="accent" data-size="sm" disabled={selectedDead.length === 0} loading={bulkPending} onClick={() => void retrySelected()} data-testid="jobs-retry-selected">
            {t('jobsWs.retrySelected', { count: selectedDead.length })}
          </Button>
        </div>
      )}

      {jobs.error && <ErrorAlert error={jobs.error} onRetry={jobs.reload} />}
      {!data && jobs.loading && <LoadingState label={t('jobs.loading')} />}
      {data &&
        (rows.length === 0 ? (
          <Paragraph data-testid="jobs-empty">
            {input.q ? t('jobsWs.filters.noMatch') : filters.integration || filters.age !== 'all' ? t('jobsWs.filters.none') : filters.status === 'all' ? t('jobs.empty') : t('jobs.emptyFiltered', { status: statusLabel })}
          </Paragraph>
        ) : (
          <>
            <JobsTable
              jobs={rows}
              caption={caption}
              pendingId={pendingId}
              selected={selected}
              onSelect={select}
              onRetry={(job) => void act(job, 'retry')}
              onAbandon={(job) => setConfirming(job)}
            />
            {rows.length >= LIMIT && (
              <Paragraph data-size="sm" className="pm-muted">
                {t('jobs.limitNote', { count: LIMIT })}
              </Paragraph>
            )}
          </>
        ))}

      {confirming && (
        <AbandonJobDialog
          job={confirming}
          pending={pendingId === confirming.id}
          onConfirm={() => void act(confirming, 'abandon')}
          onCancel={() => setConfirming(null)}
        />
      )}
    </div>
  );
}
