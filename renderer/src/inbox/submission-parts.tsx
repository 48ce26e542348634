import { Heading, Paragraph, Table, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { SubmissionDetail } from '../../../electron/ipc/contract';
import { useFormat } from '../i18n/use-format.hook';
import { TechName } from '../shared/tech-name';
import { partRoleLabel } from './submission-labels';

export function SubmissionParts({ parts }: { parts: SubmissionDetail['parts'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section aria-labelledby="submission-parts-heading" className="pm-section">
      <Heading level={2} data-size="sm" id="submission-parts-heading">
        {t('submission.parts.heading')}
      </Heading>
      {parts.length === 0 ? (
        <Paragraph>{t('submission.parts.none')}</Paragraph>
      ) : (
        <div className="pm-table-scroll">
          <Table zebra border data-color="neutral" className="pm-table" aria-labelledby="submission-parts-heading" data-testid="submission-parts">
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('submission.parts.role')}</Table.HeaderCell>
                <Table.HeaderCell>{t('submission.parts.filename')}</Table.HeaderCell>
                <Table.HeaderCell>{t('submission.parts.contentType')}</Table.HeaderCell>
                <Table.HeaderCell>{t('submission.parts.size')}</Table.HeaderCell>
                <Table.HeaderCell>{t('submission.parts.stored')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {parts.map((part) => (
                <Table.Row key={part.seq} data-testid={`part-${part.seq}`}>
                  <Table.HeaderCell scope="row" className="pm-row-head">
                    {partRoleLabel(t, part.role)}
                  </Table.HeaderCell>
                  <Table.Cell>
                    {part.filename ? <span className="pm-filename">{part.filename}</span> : <TechName value={part.dataType} className="pm-muted" />}
                  </Table.Cell>
                  <Table.Cell>
                    <code className="pm-code">{part.contentType}</code>
                  </Table.Cell>
                  <Table.Cell className="pm-number">{format.bytes(part.size)}</Table.Cell>
                  <Table.Cell>
                    {part.stored ? (
                      t('common.yes')
                    ) : (
                      <Tag data-color="warning" data-size="sm">
                        {t('common.no')}
                      </Tag>
                    )}
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
    </section>
  );
}
