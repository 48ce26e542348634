import { Alert, Paragraph, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { ArchiveEntryStatus, ArchiveRecordView } from '../../../electron/ipc/contract';
import { DataTable, type Column } from '../shared/data-table';
import { DateTime } from '../shared/date-time';
import { FactList, type Fact } from '../shared/fact-list';
import { Section } from '../shared/section';

type Entry = ArchiveRecordView['entries'][number];

const STATUS_COLORS: Record<ArchiveEntryStatus, 'success' | 'warning' | 'danger' | 'info'> = {
  archived: 'success',
  pending: 'info',
  'awaiting-receipt': 'info',
  failed: 'danger',
};

/** Colour plus words, never colour alone (WCAG 1.4.1). */
export function ArchiveStatusTag({ status }: { status: ArchiveEntryStatus }) {
  const { t } = useTranslation();
  return (
    <Tag data-color={STATUS_COLORS[status]} data-size="sm" data-testid="archive-status">
      {t(`archive.status.${status}`)}
    </Tag>
  );
}

/** What sak/arkiv has of the application: case number, classification, screening, and each registry entry. */
export function SubmissionArchive({ archive, now }: { archive: ArchiveRecordView | null; now: number }) {
  const { t } = useTranslation();
  if (!archive) {
    return (
      <Section id="submission-archive-heading" title={t('archive.heading')}>
        <Paragraph data-testid="archive-none">{t('archive.none')}</Paragraph>
      </Section>
    );
  }
  const facts: Fact[] = [
    { label: t('archive.caseNumber'), value: archive.caseNumber ?? t('archive.notYet'), testId: 'archive-case-number' },
    { label: t('archive.caseTitle'), value: archive.caseTitle, testId: 'archive-case-title' },
    ...(archive.screening ? [{ label: t('archive.publicTitle'), value: archive.caseTitlePublic, testId: 'archive-public-title' }] : []),
    { label: t('archive.arkivdel'), value: archive.arkivdel, testId: 'archive-arkivdel' },
    { label: t('archive.classification'), value: <span className="pm-code">{archive.classification}</span>, testId: 'archive-classification' },
    {
      label: t('archive.screening'),
      value: archive.screening ? `${archive.screening.tilgangsrestriksjon} – ${archive.screening.skjermingshjemmel}` : t('archive.notScreened'),
      testId: 'archive-screening',
    },
    { label: t('archive.transport'), value: archive.transport ? t(`archive.transports.${archive.transport}`, archive.transport) : t('archive.noTransport'), testId: 'archive-transport' },
  ];
  const columns: Column<Entry>[] = [
    { header: t('archive.entries.type'), rowHeader: true, className: 'pm-nowrap', cell: (e) => t(`archive.types.${e.journalposttype}`) },
    { header: t('archive.entries.number'), className: 'pm-nowrap', cell: (e) => e.number ?? t('archive.notYet') },
    { header: t('archive.entries.title'), cell: (e) => e.title },
    { header: t('archive.entries.status'), cell: (e) => <ArchiveStatusTag status={e.status} /> },
    { header: t('archive.entries.registered'), className: 'pm-when', cell: (e) => <DateTime ms={e.registeredAt} now={now} /> },
    { header: t('archive.entries.archived'), className: 'pm-when', cell: (e) => (e.archivedAt === null ? t('archive.notYet') : <DateTime ms={e.archivedAt} now={now} />) },
  ];
  const failed = archive.entries.filter((e) => e.status === 'failed' && e.lastError);
  return (
    <Section id="submission-archive-heading" title={t('archive.heading')}>
      {failed.map((e) => (
        <Alert key={e.title + e.registeredAt} data-color="danger" className="pm-alert" data-testid="archive-error">
          <Paragraph>{t('archive.refused', { type: t(`archive.types.${e.journalposttype}`) })}</Paragraph>
          <Paragraph data-size="sm" className="pm-reason-full">
            {e.lastError}
          </Paragraph>
        </Alert>
      ))}
      <FactList facts={facts} />
      <DataTable rows={archive.entries} columns={columns} rowKey={(e) => `${e.journalposttype}:${e.registeredAt}:${e.title}`} labelledBy="submission-archive-heading" testId="archive-entries" />
    </Section>
  );
}
