import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../bridge/bridge';
import { CountCards } from '../shared/count-cards';

type Counts = ChannelOutput<'submissions.list'>['counts'];

const FIGURES: { key: keyof Counts; testId: string; color: string }[] = [
  { key: 'received', testId: 'inbox-received', color: 'success' },
  { key: 'quarantined', testId: 'inbox-quarantined', color: 'warning' },
  { key: 'unconfirmed', testId: 'inbox-unconfirmed', color: 'info' },
];

/** Small figures over the whole inbox (not just the filtered rows). */
export function InboxCounts({ counts }: { counts: Counts }) {
  const { t } = useTranslation();
  const figures = FIGURES.map((figure) => ({
    ...figure,
    label: t(`inbox.counts.${figure.key}`),
    value: counts[figure.key],
    alarm: figure.key === 'quarantined' && counts.quarantined > 0,
  }));
  return <CountCards figures={figures} small />;
}
