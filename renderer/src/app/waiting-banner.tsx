import { Alert, Link, Paragraph } from '@digdir/designsystemet-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import type { SystemStatus } from '../../../electron/ipc/contract';
import { isSameDay } from '../i18n/format';
import { useFormat } from '../i18n/use-format.hook';
import { LiveRegion } from '../shared/live-region';

type Waiting = SystemStatus['waiting'][number];

const KNOWN = ['altinn', 'archive', 'internal'] as const;
type Known = (typeof KNOWN)[number];
const isKnown = (name: string): name is Known => (KNOWN as readonly string[]).includes(name);

const target = (t: TFunction, name: string) => (isKnown(name) ? t(`waiting.targets.${name}`) : name);
const problem = (t: TFunction, name: string) => (isKnown(name) ? t(`waiting.problems.${name}`) : t('waiting.problems.other', { name }));

interface Props {
  /** From system.status (undefined while loading); its `now` tells "today" from an earlier day. */
  status: Pick<SystemStatus, 'waiting' | 'now'> | undefined;
}

/**
 * "Venter på å sende": shown only while an integration is failing. Queued work on a healthy
 * link is normal traffic and shows nothing. Announced politely; it never takes focus.
 */
export function WaitingBanner({ status }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const failing: Waiting[] = (status?.waiting ?? []).filter((w) => w.failing && w.count > 0);

  const when = (ms: number) =>
    status && isSameDay(ms, status.now) ? t('waiting.today', { time: format.time(ms) }) : t('waiting.otherDay', { date: format.date(ms), time: format.time(ms) });

  const items = failing.map((w) =>
    t('waiting.item', { n: format.number(w.count), target: target(t, w.integration), when: when(w.since), problem: problem(t, w.integration) }),
  );

  // The live region is always there, so the banner is announced when it appears.
  return (
    <LiveRegion className="pm-live pm-waiting">
      {failing.length > 0 && (
        <Alert data-color="warning" className="pm-alert" data-testid="waiting-banner">
          <Paragraph>
            <strong>{t('waiting.lead')}</strong> {items.join('; ')}.
          </Paragraph>
          <Paragraph>
            {t('waiting.reassure')}{' '}
            <Link asChild>
              <RouterLink to="/jobber?status=queued">{t('waiting.jobsLink')}</RouterLink>
            </Link>
          </Paragraph>
        </Alert>
      )}
    </LiveRegion>
  );
}
