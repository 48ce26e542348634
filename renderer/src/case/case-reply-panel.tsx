import { Button, Paragraph } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReplyRow, ReplyView } from '../../../electron/ipc/replies.contract';
import { useAction } from '../bridge/use-action.hook';
import { ReplyDeadline } from '../replies/reply-deadline';
import { replyChannelLabel } from '../replies/reply-labels';
import { ReplyStateTag } from '../replies/reply-state-tag';
import { DateTime } from '../shared/date-time';
import { type Fact, FactList } from '../shared/fact-list';
import { Section } from '../shared/section';
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
  const command = useCommand<ReplyView>(apply);
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

function ReplyFacts({ reply, now }: { reply: ReplyRow; now: number }) {
  const { t } = useTranslation();
  const when = (ms: number | null) => (ms === null ? <span className="pm-muted">{t('case.reply.notYet')}</span> : <DateTime ms={ms} now={now} />);
  const facts: Fact[] = [
    { label: t('case.reply.state'), value: <ReplyStateTag state={reply.state} />, testId: 'reply-state-fact' },
    { label: t('case.reply.channel'), value: replyChannelLabel(t, reply.channel), testId: 'reply-channel' },
    ...(reply.reason ? [{ label: t('case.reply.note'), value: reply.reason, testId: 'reply-reason' }] : []),
    { label: t('case.reply.approved'), value: when(reply.approvedAt), testId: 'reply-approved' },
    { label: t('case.reply.sent'), value: when(reply.sentAt), testId: 'reply-sent' },
    { label: t('case.reply.notified'), value: when(reply.notifiedAt), testId: 'reply-notified' },
    ...(reply.remindedAt !== null ? [{ label: t('case.reply.reminded'), value: when(reply.remindedAt), testId: 'reply-reminded' }] : []),
    { label: t('case.reply.read'), value: when(reply.readAt), testId: 'reply-read' },
    { label: t('case.reply.deadline'), value: <ReplyDeadline state={reply.state} deadlineAt={reply.deadlineAt} now={now} />, testId: 'reply-deadline-fact' },
    { label: t('case.reply.printed'), value: when(reply.printedAt), testId: 'reply-printed' },
  ];
  return <FactList facts={facts} />;
}
