import { Button, Checkbox, Dialog, ErrorSummary, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  title: string;
  body: string;
  confirmLabel: string;
  /** The text field's label, hint and the message when it is too short (default: a reply's reason). */
  label?: string;
  hint?: string;
  required?: string;
  /** Fewest characters after trimming (default 1). */
  minLength?: number;
  /** Most characters (default 500, a reason for the audit log; a leader's comment to the caseworker may be longer). */
  maxLength?: number;
  rows?: number;
  /** When set, the user must also tick this box (a choice that cannot be undone). */
  confirmCheck?: string;
  confirmCheckRequired?: string;
  danger?: boolean;
  pending: boolean;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
  testId: string;
}

const MAX_REASON = 500;

/**
 * An action that needs a written reason: holding or stopping a print (stopping also needs a
 * ticked confirmation), an archivist's retry, recreate or mark handled, a leader's send back or
 * rejection (#14). Mounted only while asking, as a native modal dialog (centred, focus trapped,
 * Esc cancels); the text field gets focus. What is missing is named at its field and in an error
 * summary above the form, which takes focus so a screen reader reads it.
 */
export function ReasonDialog({ title, body, confirmLabel, label, hint, required, minLength = 1, maxLength = MAX_REASON, rows = 3, confirmCheck, confirmCheckRequired, danger, pending, onConfirm, onCancel, testId }: Props) {
  const { t } = useTranslation();
  const titleId = useId();
  const fieldId = useId();
  const checkId = useId();
  const fieldRef = useRef<HTMLTextAreaElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const [reason, setReason] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  // bumped on each refused submit, so a second empty try moves focus to the summary again
  const [tried, setTried] = useState(0);
  const reasonMissing = reason.trim().length < minLength;
  const confirmMissing = confirmCheck !== undefined && !confirmed;
  const requiredText = required ?? t('case.reply.reasonRequired');
  // runs after Dialog's own effect has opened the modal
  useEffect(() => fieldRef.current?.focus(), []);
  useEffect(() => {
    if (tried > 0) summaryRef.current?.focus();
  }, [tried]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reasonMissing || confirmMissing) {
      setTried((n) => n + 1);
      return;
    }
    if (!pending) onConfirm(reason.trim());
  };
  const showErrors = tried > 0 && (reasonMissing || confirmMissing);

  return (
    <Dialog open closeButton={false} onClose={onCancel} aria-labelledby={titleId} data-testid={testId} className="pm-dialog-measure">
      <form className="pm-dialog-body" onSubmit={submit} noValidate>
        <Heading level={2} data-size="xs" id={titleId}>
          {title}
        </Heading>
        <Paragraph>{body}</Paragraph>
        {showErrors && (
          <div ref={summaryRef} tabIndex={-1} className="pm-reason-summary">
            <ErrorSummary data-testid={`${testId}-summary`}>
              <ErrorSummary.Heading>{t('common.errorSummary')}</ErrorSummary.Heading>
              <ErrorSummary.List>
                {reasonMissing && <SummaryItem target={fieldId} text={requiredText} />}
                {confirmMissing && confirmCheckRequired && <SummaryItem target={checkId} text={confirmCheckRequired} />}
              </ErrorSummary.List>
            </ErrorSummary>
          </div>
        )}
        <Textfield
          id={fieldId}
          ref={fieldRef}
          multiline
          rows={rows}
          label={label ?? t('case.reply.reason')}
          description={hint ?? t('case.reply.reasonHint')}
          value={reason}
          maxLength={maxLength}
          onChange={(e) => setReason(e.target.value)}
          error={tried > 0 && reasonMissing ? requiredText : undefined}
          data-testid={`${testId}-comment`}
        />
        {confirmCheck !== undefined && (
          <Checkbox
            id={checkId}
            label={confirmCheck}
            checked={confirmed}
            onChange={(e) => setConfirmed(e.target.checked)}
            error={tried > 0 && confirmMissing ? confirmCheckRequired : undefined}
          />
        )}
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

/** A summary entry that moves focus to the field it names (the hash router must not see the href). */
function SummaryItem({ target, text }: { target: string; text: string }) {
  return (
    <ErrorSummary.Item>
      <ErrorSummary.Link
        href={`#${target}`}
        onClick={(e) => {
          e.preventDefault();
          document.getElementById(target)?.focus();
        }}
      >
        {text}
      </ErrorSummary.Link>
    </ErrorSummary.Item>
  );
}
