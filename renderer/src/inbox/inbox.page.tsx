import { Button, Paragraph, ToggleGroup } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { SubmissionSummary } from '../../../electron/ipc/contract';
import { useQuery } from '../bridge/use-query.hook';
import { ErrorAlert } from '../shared/error-alert';
import { LoadingState } from '../shared/loading-state';
import { PageHeading } from '../shared/page-heading';
import { InboxCounts } from './inbox-counts';
import { INBOX_PAGE, INBOX_REFRESH, InboxTable } from './inbox-table';
import { PollNowButton } from './poll-now';

const FILTERS = ['all', 'received', 'quarantined'] as const;
type Filter = (typeof FILTERS)[number];
type Status = SubmissionSummary['status'];

const isStatusFilter = (value: string | null): value is Status => value === 'received' || value === 'quarantined';

export function InboxPage() {
  const { t } = useTranslation();
  // The filter lives in the URL (#/innboks?status=quarantined) so it can be linked to.
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const filter: Filter = isStatusFilter(raw) ? raw : 'all';
  const status = filter === 'all' ? undefined : filter;
  const list = useQuery('submissions.list', { ...(status ? { status } : {}), limit: INBOX_PAGE, offset: 0 }, { refreshOn: INBOX_REFRESH });
  // "Vis flere" adds a page; a different filter starts again from one page.
  const [more, setMore] = useState({ filter, pages: 0 });
  const extraPages = more.filter === filter ? more.pages : 0;

  const changeFilter = (value: string) => {
    setMore({ filter: isStatusFilter(value) ? value : 'all', pages: 0 });
    setParams(value === 'all' ? {} : { status: value }, { replace: true });
  };

  const data = list.data;
  const total = data ? (status ? data.counts[status] : data.counts.received + data.counts.quarantined) : 0;
  const shown = Math.min(total, (extraPages + 1) * INBOX_PAGE);
  const filterLabel = t(`inbox.filter.${filter}`);

  return (
    <div className="pm-page">
      <PageHeading title={t('inbox.title')} intro={t('inbox.intro')} />
      {data && <InboxCounts counts={data.counts} />}
      <div className="pm-toolbar">
        <div className="pm-filter">
          <span id="inbox-filter-label" className="pm-filter-label">
            {t('inbox.filterLabel')}
          </span>
          <ToggleGroup aria-labelledby="inbox-filter-label" value={filter} onChange={changeFilter} data-size="sm">
            {FILTERS.map((f) => (
              <ToggleGroup.Item key={f} value={f}>
                {t(`inbox.filter.${f}`)}
              </ToggleGroup.Item>
            ))}
          </ToggleGroup>
        </div>
        <PollNowButton />
      </div>

      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
      {!data && list.loading && <LoadingState label={t('inbox.loading')} />}
      {data &&
        (data.items.length === 0 ? (
          <Paragraph data-testid="inbox-empty">
            {status ? t('inbox.emptyFiltered', { status: filterLabel }) : t('inbox.empty')}
          </Paragraph>
        ) : (
          <>
            <InboxTable
              caption={status ? t('inbox.captionFiltered', { status: filterLabel }) : t('inbox.caption')}
              items={data.items}
              status={status}
              extraPages={extraPages}
            />
            {total > INBOX_PAGE && (
              <div className="pm-more">
                <Paragraph data-size="sm" className="pm-muted">
                  {t('inbox.shown', { shown, total })}
                </Paragraph>
                {shown < total && (
                  <Button variant="secondary" data-size="sm" onClick={() => setMore({ filter, pages: extraPages + 1 })}>
                    {t('inbox.showMore')}
                  </Button>
                )}
              </div>
            )}
          </>
        ))}
    </div>
  );
}
