import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../shared/error-alert';
import { LoadingState } from '../shared/loading-state';
import { Section } from '../shared/section';
import { CaseRegistersPanel } from './case-registers-panel';
import { CaseReplyPanel } from './case-reply-panel';
import { RecipientMismatchAlert } from './recipient-mismatch';
import { useReplyView } from './use-reply-view.hook';

/** The reply to the citizen and the register data behind it; on its own query, so a failure here leaves the rest of the case on screen. */
export function CaseReplySections({ publicId, now }: { publicId: string; now: number }) {
  const { t } = useTranslation();
  const reply = useReplyView(publicId);
  const view = reply.data;
  if (!view) {
    return (
      <Section id="case-reply-heading" title={t('case.reply.heading')}>
        {reply.error ? <ErrorAlert error={reply.error} onRetry={reply.reload} headingLevel={3} /> : <LoadingState label={t('case.reply.loading')} />}
      </Section>
    );
  }
  return (
    <>
      <RecipientMismatchAlert publicId={publicId} view={view} apply={reply.apply} />
      <CaseReplyPanel publicId={publicId} view={view} now={now} apply={reply.apply} />
      <CaseRegistersPanel registers={view.registers} />
    </>
  );
}
