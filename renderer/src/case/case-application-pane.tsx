import { Heading, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { SubmissionDetail } from '../../../electron/ipc/contract';
import { DateTime } from '../shared/date-time';
import { CaseDocuments } from './case-documents';
import { SubmissionForm } from './submission-form';
import './case-application.css';

export interface CaseApplicationPaneProps {
  publicId: string;
  submission: SubmissionDetail;
  now: number;
}

/**
 * The application as it was asked, beside the work on it (#14): the form with the profile's
 * labels first (no introduction above it, so its first fields show at 1366×768), the lists
 * (children …) as small tables, then the documents with the receipt in the pdf.js viewer.
 */
export function CaseApplicationPane({ publicId, submission: s, now }: CaseApplicationPaneProps) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="case-application-heading" className="pm-app-pane" data-testid="case-application">
      <div className="pm-app-head">
        <Heading level={2} data-size="sm" id="case-application-heading">
          {t('caseApp.heading')}
        </Heading>
        <Paragraph data-size="sm" className="pm-muted pm-app-sub" data-testid="case-application-received">
          {t('submission.facts.received')} <DateTime ms={s.receivedAt} now={now} />
        </Paragraph>
      </div>
      <SubmissionForm form={s.form} />
      <CaseDocuments publicId={publicId} parts={s.parts} />
    </section>
  );
}
