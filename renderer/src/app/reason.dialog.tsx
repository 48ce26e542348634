import { Button, Checkbox, Dialog, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { type FormEvent, useId, useState } from 'react';
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
 * An action that needs a reason for the audit log: holding or stopping a print (stopping also
 * needs a ticked confirmation), an archivist's retry, recreate or mark handled. Mounted only
 * while asking, as a native modal dialog.
 */
export function ReasonDialog({ title, body, confirmLabel, label, hint, required, minLength = 1, confirmCheck, confirmCheckRequired, danger, pending, onConfirm, onCancel, testId }: Props) {
  const { t } = useTranslation();
  const titleId = useId();
  const [reason, setReason] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [tried, setTried] = useState(false);
  const reasonMissing = reason.trim().length < minLength;
  const confirmMissing = confirmCheck !== undefined && !confirmed;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (reasonMissing || confirmMissing || pending) return;
    onConfirm(reason.trim());
  };

  return (
    <Dialog open closeButton={false} onClose={onCancel} aria-labelledby={titleId} data-testid={testId}>
      <form className="pm-dialog-body" onSubmit={submit} noValidate>
        <Heading level={2} data-size="xs" id={titleId}>
          {title}
        </Heading>
        <Paragraph>{body}</Paragraph>
        <Textfield
          multiline
          rows={3}
          label={label ?? t('case.reply.reason')}
          description={hint ?? t('case.reply.reasonHint')}
          value={reason}
          maxLength={MAX_REASON}
          onChange={(e) => setReason(e.target.value)}
          error={tried && reasonMissing ? (required ?? t('case.reply.reasonRequired')) : undefined}
        />
        {confirmCheck !== undefined && (
          <Checkbox
            label={confirmCheck}
            checked={confirmed}
            onChange={(e) => setConfirmed(e.target.checked)}
            error={tried && confirmMissing ? confirmCheckRequired : undefined}
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
