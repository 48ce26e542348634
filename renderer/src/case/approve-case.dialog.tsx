import { Button, Dialog, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  secondApproval: boolean;
  pending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Approving sends the letter (or hands it to the leder): asked once more in a modal dialog. */
export function ApproveCaseDialog({ secondApproval, pending, onConfirm, onCancel }: Props) {
  const { t } = useTranslation();
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => cancelRef.current?.focus(), []);
  return (
    <Dialog open closeButton={false} onClose={onCancel} aria-labelledby="approve-title" data-testid="approve-dialog">
      <div className="pm-dialog-body">
        <Heading level={2} data-size="xs" id="approve-title">
          {t('case.approve.confirmTitle')}
        </Heading>
        <Paragraph>{secondApproval ? t('case.approve.confirmBodySecond') : t('case.approve.confirmBody')}</Paragraph>
        <div className="pm-actions">
          <Button loading={pending} onClick={onConfirm}>
            {t('case.approve.confirm')}
          </Button>
          <Button ref={cancelRef} variant="secondary" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
