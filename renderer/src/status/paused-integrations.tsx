import { Heading, Paragraph, Table } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { SystemStatus } from '../../../electron/ipc/contract';
import { DateTime } from '../shared/date-time';

export function PausedIntegrations({ paused, now }: { paused: SystemStatus['pausedIntegrations']; now: number }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="paused-heading" className="pm-section">
      <Heading level={2} data-size="sm" id="paused-heading">
        {t('status.paused.heading')}
      </Heading>
      {paused.length === 0 ? (
        <Paragraph>{t('status.paused.none')}</Paragraph>
      ) : (
        <Table zebra border data-color="neutral" className="pm-table">
          <caption className="ds-sr-only">{t('status.paused.caption')}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t('status.paused.integration')}</Table.HeaderCell>
              <Table.HeaderCell>{t('status.paused.until')}</Table.HeaderCell>
              <Table.HeaderCell>{t('status.paused.reason')}</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {paused.map((p) => (
              <Table.Row key={p.integration}>
                <Table.Cell>{p.integration}</Table.Cell>
                <Table.Cell>
                  <DateTime ms={p.until} now={now} />
                </Table.Cell>
                <Table.Cell>{p.reason}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </section>
  );
}
