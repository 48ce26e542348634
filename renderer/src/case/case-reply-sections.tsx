import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../shared/error-alert';
import { Section } from '../shared/section';
import { CaseReplyPanel } from './case-reply-panel';
import { RecipientMismatchAlert } from './recipient-mismatch';
import { useReplyView } from './use-reply-view.hook';

/** The reply to the citizen; on its own query, so a failure here leaves the rest of the case on screen. */
export function CaseReplySections({ publicId, now }: { publicId: string; now: number }) {
  const { t } = useTranslation();
  const reply = useReplyView(publicId);
  const view = reply.data;
  // while it loads, nothing: most cases have no reply yet, and a passing spinner would push the work about
  if (!view) {
    return reply.error ? (
      <Section id="case-reply-heading" title={t('case.reply.heading')}>
        <ErrorAlert error={reply.error} onRetry={reply.reload} headingLevel={3} />
      </Section>
    ) : null;
  }
  return (
    <>
      <RecipientMismatchAlert publicId={publicId} view={view} apply={reply.apply} />
      {/* before approval there is no reply yet: the letter and its approval say what happens. Folkeregisteret and KRR are in the «Opplysninger» tab (CaseDetailTabs) */}
      {view.reply && <CaseReplyPanel publicId={publicId} view={view} now={now} apply={reply.apply} />}
    </>
  );
}
