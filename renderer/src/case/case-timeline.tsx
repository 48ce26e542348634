import { Paragraph } from '@digdir/designsystemet-react';
import {
  ArchiveIcon,
  ArrowCirclepathIcon,
  ArrowForwardIcon,
  ArrowUndoIcon,
  BellIcon,
  CheckmarkCircleIcon,
  EnvelopeClosedIcon,
  EnvelopeOpenIcon,
  ExclamationmarkTriangleIcon,
  FilesIcon,
  FolderPlusIcon,
  GavelIcon,
  InboxDownIcon,
  LinkIcon,
  NotePencilIcon,
  PauseIcon,
  PencilWritingIcon,
  PersonCheckmarkIcon,
  PersonMinusIcon,
  PersonPlusIcon,
  PlayIcon,
  PrinterSmallIcon,
  StopIcon,
  XMarkIcon,
  XMarkOctagonIcon,
} from '@navikt/aksel-icons';
import type { ComponentType, SVGProps } from 'react';
import { useTranslation } from 'react-i18next';
import type { TimelineEvent } from '../../../electron/ipc/desk.contract';
import { useFormat } from '../i18n/use-format.hook';
import { DateTime } from '../shared/date-time';
import { Section } from '../shared/section';
import { timelineKindLabel } from './case-labels';

type Icon = ComponentType<SVGProps<SVGSVGElement> & { title?: string }>;

/**
 * One icon per kind of event, from the icon set that ships with the app (an SVG, never an
 * emoji or a font glyph that renders as an empty box), always beside the words, never instead.
 * Typed over every kind, so a new kind in the contract cannot go without one.
 */
export const TIMELINE_ICONS: Record<TimelineEvent['kind'], Icon> = {
  received: InboxDownIcon,
  archived: ArchiveIcon,
  routed: ArrowForwardIcon,
  claimed: PersonCheckmarkIcon,
  released: PersonMinusIcon,
  reassigned: PersonPlusIcon,
  note: NotePencilIcon,
  decided: GavelIcon,
  'letter-edited': PencilWritingIcon,
  approved: CheckmarkCircleIcon,
  replied: EnvelopeClosedIcon,
  notified: BellIcon,
  read: EnvelopeOpenIcon,
  printed: PrinterSmallIcon,
  'print-held': PauseIcon,
  'print-resumed': PlayIcon,
  'print-stopped': StopIcon,
  'print-manual': ExclamationmarkTriangleIcon,
  'sent-back': ArrowUndoIcon,
  'letter-rejected': XMarkOctagonIcon,
  'quarantine-revalidated': ArrowCirclepathIcon,
  'quarantine-registered': FolderPlusIcon,
  'quarantine-duplicate': FilesIcon,
  'quarantine-rejected': XMarkIcon,
  'duplicate-linked': LinkIcon,
};

/** Received → archived → routed → decided → replied → notified → read / printed, with when and who (a person's name, or Postmottak). */
export function CaseTimeline({ events, now }: { events: TimelineEvent[]; now: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const ordered = [...events].sort((a, b) => a.at - b.at);
  return (
    <Section id="case-timeline-heading" title={t('timeline.heading')}>
      {ordered.length === 0 ? (
        <Paragraph data-testid="timeline-none">{t('timeline.none')}</Paragraph>
      ) : (
        <ol className="pm-app-timeline" data-testid="case-timeline">
          {ordered.map((event, i) => {
            const Icon = TIMELINE_ICONS[event.kind] ?? ArrowForwardIcon;
            return (
              <li key={`${event.at}-${event.kind}-${i}`} className="pm-app-event" data-testid={`timeline-${event.kind}`}>
                <Icon aria-hidden className="pm-app-event-icon" data-icon={event.kind} />
                <div className="pm-app-event-body">
                  <span className="pm-timeline-what">{timelineKindLabel(t, event.kind)}</span>
                  <span className="pm-muted pm-app-event-meta">
                    <DateTime ms={event.at} now={now} /> · {t('timeline.by', { actor: event.actor })}
                  </span>
                  {/* the hub writes its dates as ISO ("Skrives ut 2026-12-17"): shown in the reader's format */}
                  {event.text && <span className="pm-block pm-pre pm-app-event-text">{format.localizeDates(event.text)}</span>}
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </Section>
  );
}
