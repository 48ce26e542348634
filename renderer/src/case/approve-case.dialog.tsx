import { Button, Dialog, ErrorSummary, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../shared/confirm-dialog';

interface Props {
  secondApproval: boolean;
  pending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Approving sends the letter (or hands it to the leder): asked once more. */
export function ApproveCaseDialog({ secondApproval, ...actions }: Props) {
  const { t } = useTranslation();
  return (
    <ConfirmDialog
      title={t('case.approve.confirmTitle')}
      body={secondApproval ? t('case.approve.confirmBodySecond') : t('case.approve.confirmBody')}
      confirmLabel={t('case.approve.confirm')}
      testId="approve-dialog"
      {...actions}
    />
  );
}

interface CommentProps {
  title: string;
  body: string;
  confirmLabel: string;
  /** Rejecting the letter deletes the decision: red. */
  danger?: boolean;
  pending: boolean;
  onConfirm: (comment: string) => void;
  onCancel: () => void;
  testId: string;
}

/**
 * #14: the leader's send back and rejection, each with a required comment to the caseworker. A
 * native modal (centred, focus trapped, Esc cancels); the comment field gets focus. An empty comment
 * is named at the field and in an error summary above the form, which takes focus so it is read.
 */
export function CommentDialog({ title, body, confirmLabel, danger, pending, onConfirm, onCancel, testId }: CommentProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const fieldId = useId();
  const fieldRef = useRef<HTMLTextAreaElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  // runs after Dialog's own effect has opened the modal
  useEffect(() => fieldRef.current?.focus(), []);
  useEffect(() => {
    if (missing) summaryRef.current?.focus();
  }, [missing]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const text = comment.trim();
    if (!text) {
      // a second empty try moves focus to the summary again
      setMissing(false);
      queueMicrotask(() => setMissing(true));
      return;
    }
    setMissing(false);
    onConfirm(text);
  };

  return (
    <Dialog open closeButton={false} onClose={onCancel} aria-labelledby={titleId} data-testid={testId} className="pm-approval-dialog-box">
      <form className="pm-dialog-body pm-approval-dialog" onSubmit={submit} noValidate>
        <Heading level={2} data-size="xs" id={titleId}>
          {title}
        </Heading>
        <Paragraph>{body}</Paragraph>
        {missing && (
          <div ref={summaryRef} tabIndex={-1} className="pm-approval-summary">
            <ErrorSummary data-testid={`${testId}-summary`}>
              <ErrorSummary.Heading>{t('approval.errorSummary')}</ErrorSummary.Heading>
              <ErrorSummary.List>
                <ErrorSummary.Item>
                  <ErrorSummary.Link
                    href={`#${fieldId}`}
                    onClick={(e) => {
                      e.preventDefault();
                      fieldRef.current?.focus();
                    }}
                  >
                    {t('approval.commentRequired')}
                  </ErrorSummary.Link>
                </ErrorSummary.Item>
              </ErrorSummary.List>
            </ErrorSummary>
          </div>
        )}
        <Textfield
          id={fieldId}
          ref={fieldRef}
          multiline
          rows={4}
          label={t('approval.comment')}
          description={t('approval.commentHint')}
          value={comment}
          maxLength={4000}
          onChange={(e) => {
            setComment(e.target.value);
            if (missing && e.target.value.trim()) setMissing(false);
          }}
          error={missing ? t('approval.commentRequired') : undefined}
          data-testid={`${testId}-comment`}
        />
        <div className="pm-actions">
          <Button type="submit" data-color={danger ? 'danger' : undefined} loading={pending}>
            {confirmLabel}
          </Button>
          <Button type="button" variant="secondary" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
