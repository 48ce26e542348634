import { Button, Dialog, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { JobSummary } from '../../../electron/ipc/contract';

interface Props {
  job: JobSummary;
  pending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Mounted only while asking, as a native modal dialog (focus trap and Esc come for free). */
export function AbandonJobDialog({ job, pending, onConfirm, onCancel }: Props) {
  const { t } = useTranslation();
  const cancelRef = useRef<HTMLButtonElement>(null);
  // The safe choice gets focus; runs after Dialog's own effect has opened the modal.
  useEffect(() => cancelRef.current?.focus(), []);

  return (
    <Dialog open closeButton={false} onClose={onCancel} aria-labelledby="abandon-title" data-testid="abandon-dialog">
      <div className="pm-dialog-body">
        <Heading level={2} data-size="xs" id="abandon-title">
          {t('jobs.confirm.title', { id: job.id })}
        </Heading>
        <Paragraph>{t('jobs.confirm.body', { type: job.type })}</Paragraph>
        <div className="pm-actions">
          <Button data-color="danger" loading={pending} onClick={onConfirm}>
            {t('jobs.confirm.confirm')}
          </Button>
          <Button ref={cancelRef} variant="secondary" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
