import { Button, Paragraph } from '@digdir/designsystemet-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
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
import { CaseGrid, type SortDir, type SortKey } from './case-grid';
import { ASSIGNEE_FILTERS, DEADLINE_FILTERS, type FilterValues, InboxFilters } from './inbox-filters';
import { InboxSearch } from './inbox-search';
import { InboxShortcuts } from './inbox-shortcuts';
import { PollNowButton } from './poll-now';
import { type CaseFilter, useCasePages } from './use-case-pages.hook';

const SORTS = ['received', 'deadline', 'applicant', 'service', 'status'] as const satisfies readonly SortKey[];
/** Newest first for dates; A–Å for names; the nearest deadline first. */
const DEFAULT_DIR: Record<SortKey, SortDir> = { received: 'desc', deadline: 'asc', applicant: 'asc', service: 'asc', status: 'asc' };

const oneOf = <T extends string>(list: readonly T[], value: string | null, fallback: T): T =>
  value !== null && (list as readonly string[]).includes(value) ? (value as T) : fallback;

type ClaimOutcome = { kind: 'ok'; name: string } | { kind: 'error'; error: AppError } | null;

const isTyping = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

export function InboxPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  // Filters, search and sort live in the URL (#/innboks?status=new&q=…) so a view can be linked to and survives "back".
  const [params, setParams] = useSearchParams();
  const values: FilterValues = {
    status: oneOf<CaseStatus | 'all'>(['all', ...CASE_STATUS_LIST], params.get('status'), 'all'),
    service: params.get('service') ?? '',
    assignee: oneOf(ASSIGNEE_FILTERS, params.get('assignee'), 'all'),
    deadline: oneOf(DEADLINE_FILTERS, params.get('deadline'), 'all'),
  };
  const q = params.get('q') ?? '';
  const sort = oneOf(SORTS, params.get('sort'), 'received');
  const dir = oneOf<SortDir>(['asc', 'desc'], params.get('dir'), DEFAULT_DIR[sort]);

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
  const filtered = values.status !== 'all' || values.service !== '' || values.assignee !== 'all' || values.deadline !== 'all' || q !== '';

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

  const claimCase = useAction('cases.claim');
  const [claim, setClaim] = useState<ClaimOutcome>(null);
  const onClaim = async (row: CaseRow) => {
    setClaim(null);
    const result = await claimCase({ publicId: row.publicId });
    setClaim(result.ok ? { kind: 'ok', name: row.applicantName ?? t('inbox.noApplicant') } : { kind: 'error', error: result.error });
    if (result.ok) data.refresh();
  };

  const total = data.total;
  const gridLabel = filtered ? t('inbox.gridFiltered') : t('inbox.grid');

  return (
    <div className="pm-page">
      <PageHeading title={t('inbox.title')} intro={t('inbox.intro')} />
      <div className="pm-toolbar">
        <InboxSearch value={q} onSearch={onSearch} inputRef={searchRef} />
        <PollNowButton />
      </div>
      <InboxFilters
        values={values}
        counts={data.counts}
        services={data.services}
        onChange={(changes) => update(changes)}
        onReset={filtered ? reset : null}
      />
      <InboxShortcuts />

      <LiveRegion className="pm-live">
        {total !== null && (
          <Paragraph data-size="sm" data-testid="inbox-total">
            {q ? t('inbox.totalSearch', { count: total, formatted: format.number(total), q }) : t('inbox.total', { count: total, formatted: format.number(total) })}
          </Paragraph>
        )}
        {claim?.kind === 'ok' && (
          <Paragraph data-size="sm" data-testid="inbox-claimed">
            {t('inbox.claimed', { name: claim.name })}
          </Paragraph>
        )}
        {claim?.kind === 'error' && <ErrorAlert error={claim.error} title={t('errors.actionTitle')} />}
      </LiveRegion>

      {data.error && <ErrorAlert error={data.error} onRetry={data.retry} />}
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
          onSort={onSort}
          onOpen={(row) => void navigate(caseHref(row.publicId))}
          onClaim={(row) => void onClaim(row)}
        />
      )}
    </div>
  );
}
