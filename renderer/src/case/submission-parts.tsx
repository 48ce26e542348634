import { Button, Tag } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SubmissionDetail } from '../../../electron/ipc/contract';
import { useFormat } from '../i18n/use-format.hook';
import { DataTable, type Column } from '../shared/data-table';
import { Section } from '../shared/section';
import { TechName } from '../shared/tech-name';
import { partRoleLabel } from './submission-labels';

type Part = SubmissionDetail['parts'][number];

/** Stored PDFs (the receipt, PDF attachments) can be opened in the embedded viewer. */
export const isViewable = (part: Part): boolean => part.stored && part.contentType.toLowerCase().startsWith('application/pdf');

interface Props {
  parts: SubmissionDetail['parts'];
  /** When given, a "Vis" button per stored PDF. */
  onView?: (part: Part) => void;
  /** The part being loaded into the viewer. */
  loadingSeq?: number | null;
  /** Shown under the table (the viewer). */
  children?: ReactNode;
}

export function SubmissionParts({ parts, onView, loadingSeq = null, children }: Props) {
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
  if (onView) {
    columns.push({
      header: t('submission.parts.view'),
      cell: (part) =>
        isViewable(part) ? (
          <Button
            variant="secondary"
            data-size="sm"
            loading={loadingSeq === part.seq}
            aria-label={t('submission.parts.viewLabel', { name: part.filename ?? partRoleLabel(t, part.role) })}
            onClick={() => onView(part)}
          >
            {t('submission.parts.viewButton')}
          </Button>
        ) : (
          <span className="pm-muted">{t('common.empty')}</span>
        ),
    });
  }
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
      {children}
    </Section>
  );
}
