import { Heading } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { SubmissionDetail } from '../../../electron/ipc/contract';
import { DataTable, type Column } from '../shared/data-table';
import { DateTime } from '../shared/date-time';

type SourceItem = SubmissionDetail['sourceItems'][number];

/** Where in Altinn the submission came from, and whether Altinn has been told it arrived (for IT, in «Tekniske detaljer»). */
export function SubmissionSources({ items, now }: { items: SubmissionDetail['sourceItems']; now: number }) {
  const { t } = useTranslation();
  const columns: Column<SourceItem>[] = [
    { header: t('submission.sources.source'), rowHeader: true, className: 'pm-nowrap', cell: (item) => t(`sources.${item.source}`) },
    { header: t('submission.sources.id'), cell: (item) => <code className="pm-code pm-file">{item.sourceId}</code> },
    { header: t('submission.sources.fetched'), cell: (item) => <DateTime ms={item.fetchedAt} now={now} compact /> },
    {
      header: t('submission.sources.confirmed'),
      cell: (item) => (item.confirmedAt === null ? t('submission.sources.notConfirmed') : <DateTime ms={item.confirmedAt} now={now} compact />),
    },
  ];
  return (
    <div className="pm-app-block">
      <Heading level={3} data-size="2xs" id="submission-sources-heading">
        {t('submission.sources.heading')}
      </Heading>
      <DataTable
        rows={items}
        columns={columns}
        rowKey={(item) => `${item.source}:${item.sourceId}`}
        labelledBy="submission-sources-heading"
        region={{ labelledBy: 'submission-sources-heading' }}
        testId="submission-sources"
      />
    </div>
  );
}
