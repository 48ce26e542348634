import { Alert, Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { ArrowUndoIcon, CheckmarkIcon, XMarkOctagonIcon } from '@navikt/aksel-icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseWork, TimelineEvent } from '../../../electron/ipc/desk.contract';
import { useAction } from '../bridge/use-action.hook';
import { useFormat } from '../i18n/use-format.hook';
import { roleLabel } from '../session/role-labels';
import { useMayCall } from '../session/may-call';
import { DateTime } from '../shared/date-time';
import { Section } from '../shared/section';
import { ReasonDialog } from '../app/reason.dialog';
import { ApproveCaseDialog } from './approve-case.dialog';
import { CommandResult } from './command-result';
import { useCaseCommand } from './use-case-work.hook';
import './case-approval.css';

export interface CaseApprovalProps {
  publicId: string;
  work: CaseWork;
  now: number;
  apply: (work: CaseWork) => void;
}

type Asking = 'approve' | 'sendBack' | 'rejectLetter' | null;

/** The events that move the letter along: the last of them says whether a leader's word is the latest one. */
const LETTER_STEPS: readonly TimelineEvent['kind'][] = ['decided', 'approved', 'sent-back', 'letter-rejected'];

/** The leader's send back or rejection, when it is the latest step of the letter: its comment is what the caseworker acts on. */
function latestReview(work: CaseWork): TimelineEvent | null {
  const last = work.timeline.filter((e) => LETTER_STEPS.includes(e.kind)).at(-1);
  return last && (last.kind === 'sent-back' || last.kind === 'letter-rejected') ? last : null;
}

/**
 * #14: the letter's approval in the work pane, after the letter: the approvals so far (by name and role),
 * the approve button with its confirm dialog, and for a leader while the case awaits that leader's
 * approval «Send tilbake» and «Avvis brevet», each asking for a comment to the caseworker. The leader's
 * latest comment stays in view for the caseworker until the letter moves on.
 */
export function CaseApproval({ publicId, work, now, apply }: CaseApprovalProps) {
  const { t } = useTranslation();
  const may = useMayCall();
  const format = useFormat();
  const command = useCaseCommand(apply, work);
  const approve = useAction('cases.approve');
  const sendBack = useAction('cases.sendBack');
  const rejectLetter = useAction('cases.rejectLetter');
  const [asking, setAsking] = useState<Asking>(null);

  if (work.status === 'quarantined' || (work.status === 'new' && !work.letter && command.outcome === null)) return null;

  const review = latestReview(work);
  const awaiting = work.status === 'awaiting-approval';
  const reviewer = work.can.sendBack || work.can.rejectLetter;

  const runApprove = async () => {
    await command.run('approve', () => approve({ publicId }), (after) => (after.status === 'awaiting-approval' ? t('case.approve.doneAwaiting') : t('case.approve.done')));
    setAsking(null); // the outcome, good or bad, is announced below the buttons
  };
  const runSendBack = async (comment: string) => {
    await command.run('sendBack', () => sendBack({ publicId, comment }), (after) =>
      after.assignee ? t('approval.sentBack', { name: after.assignee.name }) : t('approval.sentBackNoOne'),
    );
    setAsking(null);
  };
  const runReject = async (comment: string) => {
    await command.run('rejectLetter', () => rejectLetter({ publicId, comment }), () => t('approval.rejectDone'));
    setAsking(null);
  };

  return (
    <Section id="case-approval-heading" title={t('approval.heading')}>
      <div className="pm-approval" data-testid="case-approval">
        {review && (
          <Alert data-color="warning" className="pm-approval-review" data-testid="approval-review">
            <Heading level={3} data-size="2xs">
              {t(review.kind === 'sent-back' ? 'approval.returned' : 'approval.rejected', { by: review.actor })}
            </Heading>
            {review.text && <Paragraph className="pm-pre" data-testid="approval-review-comment">{review.text}</Paragraph>}
            <Paragraph data-size="sm">
              <DateTime ms={review.at} now={now} />
            </Paragraph>
            {review.kind === 'sent-back' && work.can.editLetter && <Paragraph data-size="sm">{t('approval.returnedHint')}</Paragraph>}
            {review.kind === 'letter-rejected' && work.can.decide && <Paragraph data-size="sm">{t('approval.rejectedHint')}</Paragraph>}
          </Alert>
        )}
        {awaiting && (
          <Paragraph data-testid="awaiting-approval">
            {reviewer ? t('approval.awaitingYou') : may('cases.sendBack') ? t('approval.awaitingHandled') : t('approval.awaiting')}
          </Paragraph>
        )}
        {!work.letter ? (
          <Paragraph className="pm-muted">{t('approval.noLetter')}</Paragraph>
        ) : work.approvals.length > 0 ? (
          <ul className="pm-approval-list" aria-label={t('approval.listLabel')} data-testid="approvals">
            {work.approvals.map((a) => (
              <li key={`${a.at}-${a.by}`}>
                <CheckmarkIcon aria-hidden className="pm-approval-icon" />
                <span>
                  {t('approval.by', { by: a.by, role: roleLabel(t, a.role) })} · <time dateTime={format.machine(a.at)}>{format.compactDateTime(a.at, now)}</time>
                </span>
              </li>
            ))}
          </ul>
        ) : (
          work.status !== 'approved' && (
            <Paragraph className="pm-muted" data-testid="approvals-none">
              {t('approval.none')} {work.secondApprovalRequired && t('approval.needsLeader')}
            </Paragraph>
          )
        )}
        {work.letter && (work.can.approve || reviewer) && (
          <div className="pm-actions">
            {work.can.approve && (
              <Button data-size="sm" onClick={() => setAsking('approve')} data-testid="approve-button">
                <CheckmarkIcon aria-hidden />
                {t('case.approve.button')}
              </Button>
            )}
            {work.can.sendBack && (
              <Button variant="secondary" data-size="sm" onClick={() => setAsking('sendBack')} data-testid="send-back-button">
                <ArrowUndoIcon aria-hidden />
                {t('approval.sendBack')}
              </Button>
            )}
            {work.can.rejectLetter && (
              <Button variant="secondary" data-color="danger" data-size="sm" onClick={() => setAsking('rejectLetter')} data-testid="reject-letter-button">
                <XMarkOctagonIcon aria-hidden />
                {t('approval.reject')}
              </Button>
            )}
          </div>
        )}
        <CommandResult outcome={command.outcome} testId="approval-result" />
      </div>
      {asking === 'approve' && (
        <ApproveCaseDialog
          secondApproval={work.secondApprovalRequired && !awaiting}
          pending={command.pending === 'approve'}
          onConfirm={() => void runApprove()}
          onCancel={() => setAsking(null)}
        />
      )}
      {asking === 'sendBack' && (
        <ReasonDialog
          title={t('approval.sendBackTitle')}
          label={t('approval.comment')}
          hint={t('approval.commentHint')}
          required={t('approval.commentRequired')}
          maxLength={4000}
          rows={4}
          body={t('approval.sendBackBody')}
          confirmLabel={t('approval.sendBackConfirm')}
          pending={command.pending === 'sendBack'}
          onConfirm={(comment) => void runSendBack(comment)}
          onCancel={() => setAsking(null)}
          testId="send-back-dialog"
        />
      )}
      {asking === 'rejectLetter' && (
        <ReasonDialog
          title={t('approval.rejectTitle')}
          label={t('approval.comment')}
          hint={t('approval.commentHint')}
          required={t('approval.commentRequired')}
          maxLength={4000}
          rows={4}
          body={t('approval.rejectBody')}
          confirmLabel={t('approval.rejectConfirm')}
          danger
          pending={command.pending === 'rejectLetter'}
          onConfirm={(comment) => void runReject(comment)}
          onCancel={() => setAsking(null)}
          testId="reject-letter-dialog"
        />
      )}
    </Section>
  );
}
