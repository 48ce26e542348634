import { Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { TimelineEvent } from '../../../electron/ipc/desk.contract';
import { DateTime } from '../shared/date-time';
import { Section } from '../shared/section';
import { timelineKindLabel } from './case-labels';

/** A glyph for the steps after approval, beside (never instead of) the words. */
const ICONS: Partial<Record<TimelineEvent['kind'], string>> = {
  replied: '✉',
  notified: '🔔',
  read: '✓',
  printed: '🖨',
  'print-held': '⏸',
  'print-resumed': '▶',
  'print-stopped': '⏹',
  'print-manual': '⚠',
};

/** Received → archived → routed → decided → replied → notified → read / printed, with when and who. */
export function CaseTimeline({ events, now }: { events: TimelineEvent[]; now: number }) {
  const { t } = useTranslation();
  const ordered = [...events].sort((a, b) => a.at - b.at);
  return (
    <Section id="case-timeline-heading" title={t('timeline.heading')}>
      {ordered.length === 0 ? (
        <Paragraph>{t('timeline.none')}</Paragraph>
      ) : (
        <ol className="pm-timeline" data-testid="case-timeline">
          {ordered.map((event, i) => (
            <li key={`${event.at}-${event.kind}-${i}`} className="pm-timeline-item" data-testid={`timeline-${event.kind}`}>
              {ICONS[event.kind] && (
                <span aria-hidden="true" className="pm-timeline-icon">
                  {ICONS[event.kind]}
                </span>
              )}
              <span className="pm-timeline-what">{timelineKindLabel(t, event.kind)}</span>
              <span className="pm-muted">
                {' '}
                · <DateTime ms={event.at} now={now} /> · {t('timeline.by', { actor: event.actor })}
              </span>
              {event.text && <span className="pm-block pm-pre">{event.text}</span>}
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}
