import { Alert, Button, Card, Heading, Paragraph, Tag } from '@digdir/designsystemet-react';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandoverDto, HandoverStatusDto } from '../../../electron/ipc/routing.contract';
import { ok } from '../bridge/bridge';
import { useAction } from '../bridge/use-action.hook';
import { useQuery } from '../bridge/use-query.hook';
import { useMayCall } from '../session/may-call';
import { DateTime } from '../shared/date-time';
import { ErrorAlert } from '../shared/error-alert';
import { FactList, type Fact } from '../shared/fact-list';
import { LoadingState } from '../shared/loading-state';
import { CASE_REFRESH } from '../shared/refresh-events';
import { Section } from '../shared/section';
import { CommandResult } from './command-result';
import { ManualTaskDialog } from './manual-task.dialog';
import { useCommand } from './use-case-work.hook';
import '../designer/designer.css';

/** One vocabulary for a hand-over's state, in words (never colour alone), kept in step with the contract. */
const STATUS = {
  waiting: { key: 'handovers.status.waiting', color: 'warning' },
  pending: { key: 'handovers.status.pending', color: 'info' },
  'awaiting-receipt': { key: 'handovers.status.awaitingReceipt', color: 'info' },
  delivered: { key: 'handovers.status.delivered', color: 'success' },
  failed: { key: 'handovers.status.failed', color: 'danger' },
  manual: { key: 'handovers.status.manual', color: 'warning' },
  done: { key: 'handovers.status.done', color: 'success' },
} as const satisfies Record<HandoverStatusDto, { key: string; color: string }>;

export const handoverStatusLabel = (t: TFunction, status: HandoverStatusDto): string => t(STATUS[status].key);

const headingId = (target: string) => `handover-${target}-heading`;

/**
 * Where the application went after the archive (#15): each internal system, how far it got,
 * the target's reference or its refusal, «Prøv igjen», and the manual task. In the case's
 * «Fagsystem» tab, which says so when there is none.
 */
export function CaseHandovers({ publicId, now }: { publicId: string; now: number }) {
  const { t } = useTranslation();
  const mayCall = useMayCall();
  const allowed = mayCall('handovers.forCase');
  const query = useQuery('handovers.forCase', { publicId }, { refreshOn: CASE_REFRESH });
  const retry = useAction('handovers.retry');
  const command = useCommand<HandoverDto>(() => query.reload());
  const [task, setTask] = useState<HandoverDto | null>(null);
  const items = query.data ?? [];

  if (!allowed) return null;
  if (!query.error && items.length === 0) {
    // in its own tab now (#14): an empty tab says why it is empty
    return (
      <Section id="case-handovers-heading" title={t('handovers.heading')}>
        {query.loading && !query.data ? <LoadingState label={t('common.loading')} /> : <Paragraph data-testid="handovers-none">{t('caseApp.handoversNone')}</Paragraph>}
      </Section>
    );
  }

  const completed = (after: HandoverDto) => {
    setTask(null);
    // announced (and the list read again) like any command's outcome; the dialog already ran it
    void command.run('complete', () => Promise.resolve(ok(after)), (h) => t('handovers.completed', { target: h.targetName }));
    // the task button is gone now: put focus on the hand-over it finished
    requestAnimationFrame(() => document.getElementById(headingId(after.target))?.focus());
  };

  return (
    <Section id="case-handovers-heading" title={t('handovers.heading')}>
      {query.error && <ErrorAlert error={query.error} onRetry={query.reload} headingLevel={3} />}
      <ul className="pm-handovers" data-testid="case-handovers">
        {items.map((h) => (
          <li key={h.target} data-testid={`handover-${h.target}`} data-status={h.status}>
            <HandoverCard
              h={h}
              now={now}
              canRetry={h.can.retry && mayCall('handovers.retry')}
              canComplete={h.can.complete && mayCall('handovers.complete') && mayCall('handovers.task')}
              retrying={command.pending === `retry:${h.target}`}
              onRetry={() =>
                void command.run(`retry:${h.target}`, () => retry({ publicId, target: h.target }), (after) => t('handovers.retried', { target: after.targetName }))
              }
              onPerform={() => setTask(h)}
            />
          </li>
        ))}
      </ul>
      <CommandResult outcome={command.outcome} testId="handover-result" />
      {task && <ManualTaskDialog publicId={publicId} handover={task} onCompleted={completed} onClose={() => setTask(null)} />}
    </Section>
  );
}

interface CardProps {
  h: HandoverDto;
  now: number;
  canRetry: boolean;
  canComplete: boolean;
  retrying: boolean;
  onRetry: () => void;
  onPerform: () => void;
}

function HandoverCard({ h, now, canRetry, canComplete, retrying, onRetry, onPerform }: CardProps) {
  const { t } = useTranslation();
  const id = (what: string) => `handover-${h.target}-${what}`;
  const facts: Fact[] = [
    { label: t('handovers.reference'), value: h.reference ?? t('handovers.noReference'), testId: id('reference') },
    { label: t('handovers.when'), value: t(`handovers.after.${h.after}`), testId: id('after') },
    { label: t('handovers.mode'), value: h.mode === 'manual' ? t('handovers.manualMode') : t('handovers.automatic'), testId: id('mode') },
    ...(h.mappingVersion !== null ? [{ label: t('handovers.mappingVersion'), value: t('handovers.mappingVersionValue', { n: h.mappingVersion }), testId: id('mapping') }] : []),
    ...(h.deliveredAt !== null ? [{ label: t('handovers.deliveredAt'), value: <DateTime ms={h.deliveredAt} now={now} />, testId: id('delivered') }] : []),
    ...(h.doneBy ? [{ label: t('handovers.doneBy'), value: h.doneBy, testId: id('done-by') }] : []),
  ];
  return (
    <Card data-color="neutral" className="pm-handover">
      <div className="pm-handover-head">
        <Heading level={3} data-size="xs" id={headingId(h.target)} tabIndex={-1}>
          {h.targetName}
        </Heading>
        <Tag data-color={STATUS[h.status].color} data-size="sm" data-testid={id('status')}>
          {handoverStatusLabel(t, h.status)}
        </Tag>
      </div>
      {h.status === 'failed' && h.lastError && (
        <Alert data-color="danger" className="pm-alert" data-testid={id('refused')}>
          <Heading level={4} data-size="2xs">
            {t('handovers.refused', { target: h.targetName })}
          </Heading>
          <Paragraph className="pm-pre">{h.lastError}</Paragraph>
          <Paragraph data-size="sm">{t('handovers.refusedHint')}</Paragraph>
        </Alert>
      )}
      <FactList facts={facts} />
      {(canRetry || canComplete) && (
        <div className="pm-actions">
          {canRetry && (
            <Button variant="secondary" data-size="sm" loading={retrying} aria-label={t('handovers.retryLabel', { target: h.targetName })} onClick={onRetry}>
              {t('handovers.retry')}
            </Button>
          )}
          {canComplete && (
            <Button data-size="sm" aria-label={t('handovers.performLabel', { target: h.targetName })} onClick={onPerform} data-testid={id('perform')}>
              {t('handovers.perform')}
            </Button>
          )}
        </div>
      )}
    </Card>
  );
}
