import { Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { IntegrationHealthDto } from '../../../electron/ipc/health.contract';
import { DateTime } from '../shared/date-time';
import { failureKind } from './health-labels';
import { HealthStateTag } from './health-state-tag';

/**
 * One integration's health in a few lines, for a card (the Integrasjoner screen reads `health.get`
 * and passes each card its entry): the state, the last success, the last failure with its message
 * and what to do, a pause or the next attempt, and the queue. `now` is the hub's time of the answer
 * (`checkedAt`).
 */
export function IntegrationHealthSummary({ health, now }: { health: IntegrationHealthDto; now: number }) {
  const { t } = useTranslation();
  const kind = failureKind(t, health.lastErrorKind);
  const id = `health-${health.integration}`;
  return (
    <div className="pm-health-summary" data-testid={id}>
      <HealthStateTag state={health.state} testId={`${id}-state`} />
      <dl className="pm-facts">
        <div className="pm-fact">
          <dt>{t('health.panel.lastSuccess')}</dt>
          <dd data-testid={`${id}-last-success`}>{health.lastSuccessAt !== null ? <DateTime ms={health.lastSuccessAt} now={now} compact /> : t('health.summary.never')}</dd>
        </div>
        <div className="pm-fact">
          <dt>{t('health.panel.lastFailure')}</dt>
          <dd data-testid={`${id}-last-failure`}>
            <LastFailure health={health} now={now} />
          </dd>
        </div>
        <div className="pm-fact">
          <dt>{t('health.panel.backoff')}</dt>
          <dd data-testid={`${id}-backoff`}>
            <Backoff health={health} now={now} />
          </dd>
        </div>
        <div className="pm-fact">
          <dt>{t('health.panel.queue')}</dt>
          <dd data-testid={`${id}-queue`}>
            <Queue health={health} now={now} />
          </dd>
        </div>
      </dl>
      {health.state !== 'ok' && kind.advice && health.failingSince !== null && <Paragraph data-size="sm">{kind.advice}</Paragraph>}
    </div>
  );
}

/** The last failure: when, its kind and message, and since when it has been failing. */
export function LastFailure({ health, now }: { health: IntegrationHealthDto; now: number }) {
  const { t } = useTranslation();
  if (health.lastFailureAt === null) return <>{t('health.summary.noFailure')}</>;
  const kind = failureKind(t, health.lastErrorKind);
  return (
    <>
      <DateTime ms={health.lastFailureAt} now={now} compact />
      {kind.label && <span className="pm-block">{kind.label}</span>}
      {health.lastError && <span className="pm-block pm-muted">{health.lastError}</span>}
      {health.failingSince !== null && (
        <span className="pm-block">
          {t('health.summary.failingSince')} <DateTime ms={health.failingSince} now={now} compact />
        </span>
      )}
    </>
  );
}

/** A pause the service asked for, else when a failed job tries again, else a dash. */
export function Backoff({ health, now }: { health: IntegrationHealthDto; now: number }) {
  const { t } = useTranslation();
  if (health.pausedUntil !== null) {
    return (
      <>
        {t('health.summary.pausedUntil')} <DateTime ms={health.pausedUntil} now={now} compact />
      </>
    );
  }
  if (health.nextRetryAt != null) {
    return (
      <>
        {t('health.summary.retryAt')} <DateTime ms={health.nextRetryAt} now={now} compact />
      </>
    );
  }
  return <>{t('health.summary.none')}</>;
}

/** Jobs waiting, dead jobs needing a hand. */
export function Queue({ health }: { health: IntegrationHealthDto; now: number }) {
  const { t } = useTranslation();
  return (
    <>
      {t('health.summary.queue', { count: health.queueDepth })}
      {(health.deadJobs ?? 0) > 0 && <span className="pm-block">{t('health.summary.dead', { count: health.deadJobs })}</span>}
    </>
  );
}
