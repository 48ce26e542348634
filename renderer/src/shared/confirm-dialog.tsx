import { Button, Dialog, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  title: string;
  body: string;
  confirmLabel: string;
  /** A destructive choice is red. */
  danger?: boolean;
  pending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  testId: string;
}

/**
 * Asks once more before an action that cannot be undone. Mounted only while asking, as a
 * native modal dialog (focus trap and Esc come for free); the safe choice gets focus.
 */
export function ConfirmDialog({ title, body, confirmLabel, danger, pending, onConfirm, onCancel, testId }: Props) {
  const { t } = useTranslation();
  const titleId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  // runs after Dialog's own effect has opened the modal
  useEffect(() => cancelRef.current?.focus(), []);
  return (
    <Dialog open closeButton={false} onClose={onCancel} aria-labelledby={titleId} data-testid={testId} className="pm-dialog-measure">
      <div className="pm-dialog-body">
        <Heading level={2} data-size="xs" id={titleId}>
          {title}
        </Heading>
        <Paragraph>{body}</Paragraph>
        <div className="pm-actions">
          <Button data-color={danger ? 'danger' : undefined} loading={pending} onClick={onConfirm}>
            {confirmLabel}
          </Button>
          <Button ref={cancelRef} variant="secondary" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
