import { Alert, Button, Checkbox, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReplyView } from '../../../electron/ipc/replies.contract';
import { useAction } from '../bridge/use-action.hook';
import { CommandResult } from './command-result';
import { useCommand } from './use-case-work.hook';

/**
 * #13 item 10: Folkeregisteret gives another name for the application's fødselsnummer than the
 * application does: a mistyped number or a wrong person. A clear warning, and while the reply waits
 * for it, the caseworker's confirmation (audited, on the timeline) that the register's person is the recipient.
 */
export function RecipientMismatchAlert({ publicId, view, apply }: { publicId: string; view: ReplyView; apply: (v: ReplyView) => void }) {
  const { t } = useTranslation();
  const confirm = useAction('replies.confirmRecipient');
  const command = useCommand<ReplyView>(apply);
  const [checked, setChecked] = useState(false);
  const m = view.recipientMismatch;
  if (!m) return null;
  const names = { formName: m.formName, registerName: m.registerName };
  return (
    <Alert data-color={m.confirmed && !m.waiting ? 'info' : 'warning'} className="pm-alert" data-testid="recipient-mismatch">
      <Heading level={2} data-size="xs">
        {t('case.recipient.title')}
      </Heading>
      <Paragraph>{t('case.recipient.body', names)}</Paragraph>
      {m.waiting && <Paragraph data-size="sm">{t('case.recipient.waiting')}</Paragraph>}
      {m.confirmed && !m.waiting && <Paragraph data-size="sm">{t('case.recipient.confirmed', names)}</Paragraph>}
      {view.can.confirmRecipient && (
        <>
          <Checkbox label={t('case.recipient.check', names)} checked={checked} onChange={(e) => setChecked(e.target.checked)} />
          <div className="pm-actions">
            <Button
              data-size="sm"
              disabled={!checked}
              loading={command.pending === 'confirm'}
              onClick={() => void command.run('confirm', () => confirm({ publicId }), () => t('case.recipient.done', names))}
            >
              {t('case.recipient.confirm')}
            </Button>
          </div>
        </>
      )}
      <CommandResult outcome={command.outcome} testId="recipient-result" />
    </Alert>
  );
}
