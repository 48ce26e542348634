import { useTranslation } from 'react-i18next';
import type { SubmissionDetail } from '../../../electron/ipc/contract';
import { DataTable, type Column } from '../shared/data-table';
import { DateTime } from '../shared/date-time';
import { Section } from '../shared/section';

type SourceItem = SubmissionDetail['sourceItems'][number];

/** Where in Altinn the submission came from, and whether Altinn has been told it arrived. */
export function SubmissionSources({ items, now }: { items: SubmissionDetail['sourceItems']; now: number }) {
  const { t } = useTranslation();
  const columns: Column<SourceItem>[] = [
    { header: t('submission.sources.source'), rowHeader: true, className: 'pm-nowrap', cell: (item) => t(`sources.${item.source}`) },
    { header: t('submission.sources.id'), cell: (item) => <code className="pm-code pm-filename">{item.sourceId}</code> },
    { header: t('submission.sources.fetched'), className: 'pm-when', cell: (item) => <DateTime ms={item.fetchedAt} now={now} /> },
    {
      header: t('submission.sources.confirmed'),
      className: 'pm-when',
      cell: (item) => (item.confirmedAt === null ? t('submission.sources.notConfirmed') : <DateTime ms={item.confirmedAt} now={now} />),
    },
  ];
  return (
    <Section id="submission-sources-heading" title={t('submission.sources.heading')}>
      <DataTable
        rows={items}
        columns={columns}
        rowKey={(item) => `${item.source}:${item.sourceId}`}
        labelledBy="submission-sources-heading"
        testId="submission-sources"
      />
    </Section>
  );
}
