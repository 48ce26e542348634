import { Card } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../bridge/bridge';

type Counts = ChannelOutput<'submissions.list'>['counts'];

const FIGURES: { key: keyof Counts; testId: string; color: string }[] = [
  { key: 'received', testId: 'inbox-received', color: 'success' },
  { key: 'quarantined', testId: 'inbox-quarantined', color: 'warning' },
  { key: 'unconfirmed', testId: 'inbox-unconfirmed', color: 'info' },
];

/** Small figures over the whole inbox (not just the filtered rows). */
export function InboxCounts({ counts }: { counts: Counts }) {
  const { t } = useTranslation();
  return (
    <dl className="pm-figures pm-figures--small">
      {FIGURES.map(({ key, testId, color }) => {
        const alarm = key === 'quarantined' && counts.quarantined > 0;
        return (
          <Card key={key} data-color={alarm ? color : 'neutral'} variant={alarm ? 'tinted' : 'default'} className="pm-figure">
            <dt className="pm-figure-label">
              <span className={`pm-dot pm-dot--${color}`} aria-hidden="true" />
              {t(`inbox.counts.${key}`)}
            </dt>
            <dd className="pm-figure-value">
              <span data-testid={testId}>{String(counts[key])}</span>
            </dd>
          </Card>
        );
      })}
    </dl>
  );
}
