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
