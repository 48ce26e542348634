import { Button, Paragraph } from '@digdir/designsystemet-react';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useNavigationType, useSearchParams } from 'react-router';
import type { CaseRow, CaseStatus } from '../../../electron/ipc/desk.contract';
import type { AppError } from '../bridge/bridge';
import { useAction } from '../bridge/use-action.hook';
import { caseHref } from '../case/case-href';
import { CASE_STATUS_LIST } from '../case/case-labels';
import { useFormat } from '../i18n/use-format.hook';
import { ErrorAlert } from '../shared/error-alert';
import { LiveRegion } from '../shared/live-region';
import { LoadingState } from '../shared/loading-state';
import { PageHeading } from '../shared/page-heading';
import { CaseGrid, type GridRestore, type SortDir, type SortKey } from './case-grid';
import { DensitySwitch } from './density-switch';
import { ASSIGNEE_FILTERS, DEADLINE_FILTERS, FilterBar, FilterChips, FilterToggle, type FilterValues, useActiveFilters } from './inbox-filters';
import { type InboxReturn, inboxLinkState, readReturn, rememberReturn } from './inbox-return';
import { InboxSearch, SEARCH_MAX } from './inbox-search';
import { InboxShortcuts } from './inbox-shortcuts';
import { type PollOutcome, PollNowButton } from './poll-now';
import { useDensity } from './use-density.hook';
import { type CaseFilter, useCasePages } from './use-case-pages.hook';
import './inbox.css';

const SORTS = ['received', 'deadline', 'applicant', 'service', 'status'] as const satisfies readonly SortKey[];
/** Newest first for dates; A–Å for names; the nearest deadline first. */
const DEFAULT_DIR: Record<SortKey, SortDir> = { received: 'desc', deadline: 'asc', applicant: 'asc', service: 'asc', status: 'asc' };
/** How much of a search the status line quotes; the field keeps the whole. */
const QUOTE_MAX = 40;

const oneOf = <T extends string>(list: readonly T[], value: string | null, fallback: T): T =>
  value !== null && (list as readonly string[]).includes(value) ? (value as T) : fallback;

type ClaimOutcome = { kind: 'ok'; name: string } | { kind: 'error'; error: AppError } | null;

const isTyping = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/**
 * Back from a case: the row to bring back, when this visit is a return (the case's «Tilbake» names the row in the
 * link's state; the browser's back is a POP). The saved view is used only if it was left from this same view.
 */
function useReturn(): { restore: GridRestore | null; search: string | null } {
  const location = useLocation();
  const navigationType = useNavigationType();
  const [found] = useState((): { restore: GridRestore | null; search: string | null } => {
    const stateRow = (location.state as { row?: unknown } | null)?.row;
    const named = typeof stateRow === 'string' ? stateRow : null;
    if (named === null && navigationType !== 'POP') return { restore: null, search: null };
    const saved = readReturn();
    if (!saved || (named !== null && saved.row !== named)) return { restore: named === null ? null : { row: named }, search: null };
    if (saved.search === location.search) return { restore: saved, search: null };
    // «Tilbake» as a plain link to /innboks (the case was opened from elsewhere, or reloaded) has no query: the saved one comes back.
    if (named !== null && location.search === '') return { restore: saved, search: saved.search };
    return { restore: named === null ? null : { row: named }, search: null };
  });
  return found;
}

export function InboxPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const location = useLocation();
  const back = useReturn();
  // Filters, search and sort live in the URL (#/innboks?status=new&q=…) so a view can be linked to and survives "back".
  const [params, setParams] = useSearchParams();
  const values: FilterValues = {
    status: oneOf<CaseStatus | 'all'>(['all', ...CASE_STATUS_LIST], params.get('status'), 'all'),
    service: params.get('service') ?? '',
    assignee: oneOf(ASSIGNEE_FILTERS, params.get('assignee'), 'all'),
    deadline: oneOf(DEADLINE_FILTERS, params.get('deadline'), 'all'),
  };
  // a search longer than the hub takes (a pasted link) is cut, not refused
  const q = (params.get('q') ?? '').slice(0, SEARCH_MAX);
  const sort = oneOf(SORTS, params.get('sort'), 'received');
  const dir = oneOf<SortDir>(['asc', 'desc'], params.get('dir'), DEFAULT_DIR[sort]);

  useEffect(() => {
    if (back.search !== null) setParams(new URLSearchParams(back.search), { replace: true, state: location.state as unknown });
    // once, on arrival
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const filter: CaseFilter = {
    ...(values.status !== 'all' ? { status: values.status } : {}),
    ...(values.service ? { profileId: values.service } : {}),
    ...(values.assignee !== 'all' ? { assignee: values.assignee } : {}),
    ...(values.deadline !== 'all' ? { deadline: values.deadline } : {}),
    ...(q ? { q } : {}),
    sort,
    dir,
  };
  const data = useCasePages(filter);
  const active = useActiveFilters(values, data.services);
  const filtered = active.length > 0 || q !== '';

  const update = useCallback(
    (changes: Record<string, string | null>) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [name, value] of Object.entries(changes)) {
            if (value === null || value === '' || value === 'all') next.delete(name);
            else next.set(name, value);
          }
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  const onSearch = useCallback((text: string) => update({ q: text }), [update]);
  const onSort = (key: SortKey) => update({ sort: key, dir: key === sort ? (dir === 'asc' ? 'desc' : 'asc') : DEFAULT_DIR[key] });
  const reset = () => update({ status: null, service: null, assignee: null, deadline: null, q: null });

  // "/" jumps to the search field from anywhere on the page, unless one is typing.
  const searchRef = useRef<HTMLInputElement | null>(null);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      event.preventDefault();
      searchRef.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const [filtersOpen, setFiltersOpen] = useState(false);
  const filterPanelId = useId();
  const filterButtonRef = useRef<HTMLButtonElement | null>(null);
  const [density, setDensity] = useDensity();
  const aboveRef = useRef<HTMLDivElement | null>(null);

  const claimCase = useAction('cases.claim');
  const [claim, setClaim] = useState<ClaimOutcome>(null);
  const onClaim = async (row: CaseRow) => {
    setClaim(null);
    const result = await claimCase({ publicId: row.publicId });
    setClaim(result.ok ? { kind: 'ok', name: row.applicantName ?? t('inbox.noApplicant') } : { kind: 'error', error: result.error });
    if (result.ok) data.refresh();
  };
  const [poll, setPoll] = useState<PollOutcome | null>(null);

  const onLeave = (at: Omit<InboxReturn, 'search'>) => rememberReturn({ search: location.search, ...at });

  const total = data.total;
  const gridLabel = filtered ? t('inbox.gridFiltered') : t('inbox.grid');
  const quoted = q.length > QUOTE_MAX ? t('inboxWs.searchCut', { start: q.slice(0, QUOTE_MAX) }) : q;

  return (
    <div className="pm-page pm-inbox">
      <div ref={aboveRef} className="pm-inbox-top">
        <div className="pm-inbox-titlebar">
          <PageHeading title={t('inbox.title')} />
          <div className="pm-inbox-titletools">
            <PollNowButton onOutcome={setPoll} />
            <InboxShortcuts />
          </div>
        </div>
        <div className="pm-inbox-toolbar">
          <InboxSearch value={q} onSearch={onSearch} inputRef={searchRef} />
          <FilterToggle open={filtersOpen} onToggle={() => setFiltersOpen((o) => !o)} active={active.length} panelId={filterPanelId} buttonRef={filterButtonRef} />
          <DensitySwitch value={density} onChange={setDensity} />
        </div>
        <FilterBar id={filterPanelId} open={filtersOpen} values={values} counts={data.counts} services={data.services} onChange={(changes) => update(changes)} />
        <div className="pm-inbox-statusline">
          <LiveRegion className="pm-inbox-live">
            {total !== null && (
              <Paragraph data-size="sm" data-testid="inbox-total" className="pm-inbox-total">
                {q ? t('inbox.totalSearch', { count: total, formatted: format.number(total), q: quoted }) : t('inbox.total', { count: total, formatted: format.number(total) })}
              </Paragraph>
            )}
            {claim?.kind === 'ok' && (
              <Paragraph data-size="sm" data-testid="inbox-claimed">
                {t('inbox.claimed', { name: claim.name })}
              </Paragraph>
            )}
            {poll && poll.kind !== 'error' && (
              <Paragraph data-size="sm" data-testid="poll-now-result">
                {t(poll.kind === 'polled' ? 'inbox.polled' : 'inbox.pollNothing')}
              </Paragraph>
            )}
          </LiveRegion>
          <FilterChips active={active} onChange={(changes) => update(changes)} onReset={filtered ? reset : null} focusAfter={filterButtonRef} />
        </div>
        <LiveRegion className="pm-inbox-live">
          {claim?.kind === 'error' && <ErrorAlert error={claim.error} title={t('errors.actionTitle')} />}
          {poll?.kind === 'error' && <ErrorAlert error={poll.error} title={t('errors.actionTitle')} />}
        </LiveRegion>
        {data.error && <ErrorAlert error={data.error} onRetry={data.retry} />}
      </div>

      {total === null && !data.error && <LoadingState label={t('inbox.loading')} />}
      {total === 0 &&
        (filtered ? (
          <div data-testid="inbox-empty">
            <Paragraph>{t('inbox.emptyFiltered')}</Paragraph>
            <Button variant="secondary" data-size="sm" onClick={reset}>
              {t('inbox.filters.reset')}
            </Button>
          </div>
        ) : (
          <Paragraph data-testid="inbox-empty">{t('inbox.empty')}</Paragraph>
        ))}
      {total !== null && total > 0 && (
        <CaseGrid
          data={data}
          label={gridLabel}
          sort={sort}
          dir={dir}
          density={density}
          onSort={onSort}
          onOpen={(row) => void navigate(caseHref(row.publicId), { state: inboxLinkState(row.publicId) })}
          onClaim={(row) => void onClaim(row)}
          onLeave={onLeave}
          restore={back.restore}
          aboveRef={aboveRef}
        />
      )}
    </div>
  );
}
