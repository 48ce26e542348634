import { Button, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useQuery } from '../bridge/use-query.hook';
import { useFormat } from '../i18n/use-format.hook';
import { ErrorAlert } from '../shared/error-alert';
import { LiveRegion } from '../shared/live-region';
import { LoadingState } from '../shared/loading-state';
import { PageHeading } from '../shared/page-heading';
import { Section } from '../shared/section';
import { useNow } from '../shared/use-now.hook';
import { CheckNowButton } from './check-now';
import { ReplyChart } from './reply-chart';
import { ReplyFilters } from './reply-filters';
import { DUE_SOON_DAYS, REPLY_FILTERS, type ReplyFilter, replyFilterLabel } from './reply-labels';
import { ReplyTable } from './reply-table';
import { type ReplyFilterInput, useReplyPages } from './use-reply-pages.hook';
import './replies.css';

const STATS_DAYS = 30;

const toFilter = (value: string | null): ReplyFilter =>
  value !== null && (REPLY_FILTERS as readonly string[]).includes(value) ? (value as ReplyFilter) : 'all';

const toInput = (filter: ReplyFilter): ReplyFilterInput =>
  filter === 'all' ? {} : filter === 'due-soon' ? { dueWithinDays: DUE_SOON_DAYS } : { state: filter };

/** "Svar": replies after approval – counts by state as filters, the list (the work), then the last 30 days as a chart. */
export function RepliesPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const now = useNow();
  // The filter lives in the URL (#/svar?state=held), like the inbox, so a view can be linked to.
  const [params, setParams] = useSearchParams();
  const filter = toFilter(params.get('state'));
  const data = useReplyPages(toInput(filter));
  const stats = useQuery('replies.stats', { days: STATS_DAYS }, { refreshOn: ['replies.changed'] });

  const changeFilter = (next: ReplyFilter) => setParams(next === 'all' ? {} : { state: next }, { replace: true });
  const filterLabel = replyFilterLabel(t, filter);
  const total = data.total;

  return (
    <div className="pm-page">
      <PageHeading title={t('replies.title')} intro={t('replies.intro')} />
      <div className="pm-toolbar">
        <ReplyFilters value={filter} counts={data.counts} dueSoon={data.dueSoon} onChange={changeFilter} />
        <CheckNowButton />
      </div>

      <Section id="reply-list-heading" title={filter === 'all' ? t('replies.listHeading') : t('replies.listHeadingFiltered', { filter: filterLabel })}>
        <LiveRegion className="pm-live">
          {total !== null && total > 0 && (
            <Paragraph data-size="sm" data-testid="replies-total">
              {t('replies.shown', { count: total, shown: format.number(data.items.length), total: format.number(total) })}
            </Paragraph>
          )}
        </LiveRegion>
        {data.error && <ErrorAlert error={data.error} onRetry={data.refresh} headingLevel={3} />}
        {total === null && !data.error && <LoadingState label={t('replies.loading')} />}
        {total === 0 &&
          (filter === 'all' ? (
            <Paragraph data-testid="replies-empty">{t('replies.empty')}</Paragraph>
          ) : (
            <div data-testid="replies-empty">
              <Paragraph>{t('replies.emptyFiltered', { filter: filterLabel })}</Paragraph>
              <Button variant="secondary" data-size="sm" onClick={() => changeFilter('all')}>
                {t('replies.filters.reset')}
              </Button>
            </div>
          ))}
        {total !== null && data.items.length > 0 && (
          <>
            <ReplyTable rows={data.items} caption={filter === 'all' ? t('replies.caption') : t('replies.captionFiltered', { filter: filterLabel })} now={now} />
            {data.items.length < total && (
              <div className="pm-more">
                <Button variant="secondary" data-size="sm" loading={data.loadingMore} onClick={data.loadMore}>
                  {t('replies.more')}
                </Button>
              </div>
            )}
          </>
        )}
      </Section>

      <Section id="reply-chart-heading" title={t('replies.chart.heading', { days: STATS_DAYS })}>
        {stats.error && <ErrorAlert error={stats.error} onRetry={stats.reload} headingLevel={3} />}
        {!stats.data && stats.loading && <LoadingState label={t('replies.chart.loading')} />}
        {stats.data && <ReplyChart days={stats.data.days} />}
      </Section>
    </div>
  );
}
