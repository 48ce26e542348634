import { Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { SubmissionDetail } from '../../../electron/ipc/contract';
import { useFormat } from '../i18n/use-format.hook';
import { DataTable, type Column } from '../shared/data-table';
import { Section } from '../shared/section';
import { TechName } from '../shared/tech-name';
import { partRoleLabel } from './submission-labels';

type Part = SubmissionDetail['parts'][number];

export function SubmissionParts({ parts }: { parts: SubmissionDetail['parts'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const columns: Column<Part>[] = [
    { header: t('submission.parts.role'), rowHeader: true, cell: (part) => partRoleLabel(t, part.role) },
    {
      header: t('submission.parts.filename'),
      cell: (part) => (part.filename ? <span className="pm-filename">{part.filename}</span> : <TechName value={part.dataType} className="pm-muted" />),
    },
    { header: t('submission.parts.contentType'), cell: (part) => <code className="pm-code">{part.contentType}</code> },
    { header: t('submission.parts.size'), className: 'pm-number', cell: (part) => format.bytes(part.size) },
    {
      header: t('submission.parts.stored'),
      cell: (part) =>
        part.stored ? (
          t('common.yes')
        ) : (
          <Tag data-color="warning" data-size="sm">
            {t('common.no')}
          </Tag>
        ),
    },
  ];
  return (
    <Section id="submission-parts-heading" title={t('submission.parts.heading')}>
      <DataTable
        rows={parts}
        columns={columns}
        rowKey={(part) => part.seq}
        rowTestId={(part) => `part-${part.seq}`}
        empty={t('submission.parts.none')}
        labelledBy="submission-parts-heading"
        testId="submission-parts"
      />
    </Section>
  );
}
