import { Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { SystemStatus } from '../../../electron/ipc/contract';
import { CountCards } from '../shared/count-cards';
import { Section } from '../shared/section';

type Archive = SystemStatus['archive'];

const FIGURES: { key: keyof Archive['entries']; testId: string; color: string }[] = [
  { key: 'pending', testId: 'archive-pending', color: 'info' },
  { key: 'awaiting-receipt', testId: 'archive-awaiting-receipt', color: 'info' },
  { key: 'archived', testId: 'archive-archived', color: 'success' },
  { key: 'failed', testId: 'archive-failed', color: 'danger' },
];

/** Registry entries by archive state, and which transport delivers them. */
export function ArchiveCounts({ archive }: { archive: Archive }) {
  const { t } = useTranslation();
  const figures = FIGURES.map((f) => ({ ...f, label: t(`archive.status.${f.key}`), value: archive.entries[f.key], alarm: f.key === 'failed' && archive.entries.failed > 0 }));
  return (
    <Section id="archive-counts-heading" title={t('archive.heading')}>
      <Paragraph data-size="sm" data-testid="archive-transport-status">
        {archive.transport ? `${t('archive.transport')}: ${t(`archive.transports.${archive.transport}`)}` : t('archive.noTransport')}
      </Paragraph>
      <CountCards figures={figures} />
    </Section>
  );
}
