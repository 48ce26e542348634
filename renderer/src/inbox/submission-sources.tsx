import { Heading, Table } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { SubmissionDetail } from '../../../electron/ipc/contract';
import { DateTime } from '../shared/date-time';

/** Where in Altinn the submission came from, and whether Altinn has been told it arrived. */
export function SubmissionSources({ items, now }: { items: SubmissionDetail['sourceItems']; now: number }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="submission-sources-heading" className="pm-section">
      <Heading level={2} data-size="sm" id="submission-sources-heading">
        {t('submission.sources.heading')}
      </Heading>
      <div className="pm-table-scroll">
        <Table zebra border data-color="neutral" className="pm-table" aria-labelledby="submission-sources-heading" data-testid="submission-sources">
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t('submission.sources.source')}</Table.HeaderCell>
              <Table.HeaderCell>{t('submission.sources.id')}</Table.HeaderCell>
              <Table.HeaderCell>{t('submission.sources.fetched')}</Table.HeaderCell>
              <Table.HeaderCell>{t('submission.sources.confirmed')}</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {items.map((item) => (
              <Table.Row key={`${item.source}:${item.sourceId}`}>
                <Table.HeaderCell scope="row" className="pm-row-head pm-nowrap">
                  {t(`sources.${item.source}`)}
                </Table.HeaderCell>
                <Table.Cell>
                  <code className="pm-code pm-filename">{item.sourceId}</code>
                </Table.Cell>
                <Table.Cell className="pm-when">
                  <DateTime ms={item.fetchedAt} now={now} />
                </Table.Cell>
                <Table.Cell className="pm-when">
                  {item.confirmedAt === null ? t('submission.sources.notConfirmed') : <DateTime ms={item.confirmedAt} now={now} />}
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </div>
    </section>
  );
}
