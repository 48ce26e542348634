import { Button, Paragraph } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReplyRow, ReplyView } from '../../../electron/ipc/replies.contract';
import { useAction } from '../bridge/use-action.hook';
import { ReplyDeadline } from '../replies/reply-deadline';
import { awaitsPrint, replyChannelLabel } from '../replies/reply-labels';
import { ReplyStateTag } from '../replies/reply-state-tag';
import { DateTime } from '../shared/date-time';
import { type Fact, FactList } from '../shared/fact-list';
import { Section } from '../shared/section';
import { timelineKindLabel } from './case-labels';
import { CommandResult } from './command-result';
import { ReasonDialog } from '../app/reason.dialog';
import { useCommand } from './use-case-work.hook';

interface Props {
  publicId: string;
  view: ReplyView;
  now: number;
  apply: (view: ReplyView) => void;
}

/** "Svar til innbygger": where the reply is, how it went, and hold / resume / stop for a pending print. */
export function CaseReplyPanel({ publicId, view, now, apply }: Props) {
  const { t } = useTranslation();
  const hold = useAction('replies.hold');
  const resume = useAction('replies.resume');
  const stop = useAction('replies.stop');
  const command = useCommand<ReplyView>(apply, view, replyKey);
  const [asking, setAsking] = useState<'hold' | 'stop' | null>(null);
  const reply = view.reply;
  const { can } = view;

  const runWithReason = async (kind: 'hold' | 'stop', reason: string) => {
    await command.run(kind, () => (kind === 'hold' ? hold({ publicId, reason }) : stop({ publicId, reason })), () =>
      kind === 'hold' ? t('case.reply.held') : t('case.reply.stopped'),
    );
    setAsking(null); // the outcome, good or bad, is announced below the buttons
  };

  return (
    <Section id="case-reply-heading" title={t('case.reply.heading')}>
      {reply ? <ReplyFacts reply={reply} now={now} /> : <Paragraph data-testid="reply-none">{t('case.reply.none')}</Paragraph>}
      {(can.hold || can.resume || can.stop) && (
        <div className="pm-actions">
          {can.hold && (
            <Button variant="secondary" data-size="sm" onClick={() => setAsking('hold')}>
              {t('case.reply.hold')}
            </Button>
          )}
          {can.resume && (
            <Button
              variant="secondary"
              data-size="sm"
              loading={command.pending === 'resume'}
              onClick={() => void command.run('resume', () => resume({ publicId }), () => t('case.reply.resumed'))}
            >
              {t('case.reply.resume')}
            </Button>
          )}
          {can.stop && (
            <Button variant="secondary" data-color="danger" data-size="sm" onClick={() => setAsking('stop')}>
              {t('case.reply.stop')}
            </Button>
          )}
        </div>
      )}
      <CommandResult outcome={command.outcome} testId="reply-result" />
      {asking === 'hold' && (
        <ReasonDialog
          title={t('case.reply.holdTitle')}
          body={t('case.reply.holdBody')}
          confirmLabel={t('case.reply.holdConfirm')}
          pending={command.pending === 'hold'}
          onConfirm={(reason) => void runWithReason('hold', reason)}
          onCancel={() => setAsking(null)}
          testId="reply-hold-dialog"
        />
      )}
      {asking === 'stop' && (
        <ReasonDialog
          title={t('case.reply.stopTitle')}
          body={t('case.reply.stopBody')}
          confirmLabel={t('case.reply.stopConfirm')}
          confirmCheck={t('case.reply.stopCheck')}
          confirmCheckRequired={t('case.reply.stopCheckRequired')}
          danger
          pending={command.pending === 'stop'}
          onConfirm={(reason) => void runWithReason('stop', reason)}
          onCancel={() => setAsking(null)}
          testId="reply-stop-dialog"
        />
      )}
    </Section>
  );
}

/** What the reply panel's success message is about: the reply's state and its reason. */
const replyKey = (view: ReplyView): string => JSON.stringify([view.reply?.state ?? null, view.reply?.reason ?? null]);

/** The steps the reply has been through, in the timeline's words (one vocabulary), each with when. */
const STEPS = [
  { kind: 'approved', at: (r: ReplyRow) => r.approvedAt, testId: 'reply-approved' },
  { kind: 'replied', at: (r: ReplyRow) => r.sentAt, testId: 'reply-sent' },
  { kind: 'notified', at: (r: ReplyRow) => r.notifiedAt, testId: 'reply-notified' },
  { kind: 'reminded', at: (r: ReplyRow) => r.remindedAt, testId: 'reply-reminded' },
  { kind: 'read', at: (r: ReplyRow) => r.readAt, testId: 'reply-read' },
  { kind: 'printed', at: (r: ReplyRow) => r.printedAt, testId: 'reply-printed' },
] as const;

function ReplyFacts({ reply, now }: { reply: ReplyRow; now: number }) {
  const { t } = useTranslation();
  const label = (kind: (typeof STEPS)[number]['kind']) => (kind === 'reminded' ? t('case.reply.reminded') : timelineKindLabel(t, kind));
  const done = STEPS.flatMap((step) => {
    const at = step.at(reply);
    return at === null ? [] : [{ label: label(step.kind), value: <DateTime ms={at} now={now} />, testId: step.testId }];
  });
  const facts: Fact[] = [
    { label: t('case.reply.state'), value: <ReplyStateTag state={reply.state} />, testId: 'reply-state-fact' },
    { label: t('case.reply.channel'), value: replyChannelLabel(t, reply.channel), testId: 'reply-channel' },
    ...(reply.reason ? [{ label: t('case.reply.note'), value: reply.reason, testId: 'reply-reason' }] : []),
    ...done,
    // the print date matters only while the reply may still go to print: not once held, stopped, read or printed
    ...(awaitsPrint(reply) ? [{ label: t('caseWs.replyPrint'), value: <ReplyDeadline state={reply.state} deadlineAt={reply.deadlineAt} now={now} />, testId: 'reply-deadline-fact' }] : []),
  ];
  return <FactList facts={facts} />;
}
