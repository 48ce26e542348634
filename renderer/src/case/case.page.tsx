import { Link } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useParams } from 'react-router';
import { useQuery } from '../bridge/use-query.hook';
import { ErrorAlert } from '../shared/error-alert';
import { LoadingState } from '../shared/loading-state';
import { PageHeading } from '../shared/page-heading';
import { CASE_REFRESH } from '../shared/refresh-events';
import { Section } from '../shared/section';
import { useNow } from '../shared/use-now.hook';
import { CaseDecision } from './case-decision';
import { CaseDocuments } from './case-documents';
import { CaseHandovers } from './case-handovers';
import { CaseLetter } from './case-letter';
import { CaseNotes } from './case-notes';
import { CaseReplySections } from './case-reply-sections';
import { CaseTimeline } from './case-timeline';
import { CaseWorkPanel } from './case-work-panel';
import { QuarantinePanel } from './quarantine-panel';
import { SubmissionArchive } from './submission-archive';
import { SubmissionFacts } from './submission-facts';
import { SubmissionForm } from './submission-form';
import { submissionTitle } from './submission-labels';
import { SubmissionSources } from './submission-sources';
import { useCaseWork } from './use-case-work.hook';

/** One case: the submission as it came in, the desk's work on it, the reply and its way to the citizen. */
export function CasePage() {
  const { t } = useTranslation();
  const { publicId = '' } = useParams();
  const now = useNow();
  const submission = useQuery('submissions.get', { publicId }, { refreshOn: CASE_REFRESH });
  const work = useCaseWork(publicId);
  const data = submission.data;
  // The hub's stable code (ERROR_CODES.notFound); the renderer may import only types from electron/ipc.
  const notFound = submission.error?.code === 'not-found';

  return (
    <div className="pm-page">
      <div>
        <Link asChild>
          <RouterLink to="/innboks" className="pm-back">
            {t('submission.back')}
          </RouterLink>
        </Link>
      </div>
      <PageHeading title={data ? submissionTitle(t, data) : t('nav.submission')} />
      {submission.error && (
        <ErrorAlert
          error={submission.error}
          title={notFound ? t('submission.notFound') : undefined}
          onRetry={notFound ? undefined : submission.reload}
        />
      )}
      {!data && submission.loading && <LoadingState label={t('submission.loading')} />}
      {data && (
        <>
          {data.status === 'quarantined' && <QuarantinePanel publicId={publicId} />}
          <CaseWorkSections publicId={publicId} caseNumber={data.archive?.caseNumber ?? null} work={work} now={now} />
          <CaseHandovers publicId={publicId} now={now} />
          <SubmissionFacts submission={data} now={now} />
          <SubmissionArchive archive={data.archive} now={now} />
          <SubmissionForm form={data.form} />
          <CaseDocuments publicId={publicId} parts={data.parts} />
          <SubmissionSources items={data.sourceItems} now={now} />
        </>
      )}
    </div>
  );
}

/** The desk's work on the case; a failure here leaves the submission itself on screen. */
function CaseWorkSections({ publicId, caseNumber, work, now }: { publicId: string; caseNumber: string | null; work: ReturnType<typeof useCaseWork>; now: number }) {
  const { t } = useTranslation();
  const w = work.data;
  if (!w) {
    return (
      <>
        <Section id="case-work-heading" title={t('case.work.heading')}>
          {work.error ? <ErrorAlert error={work.error} onRetry={work.reload} headingLevel={3} /> : <LoadingState label={t('case.work.loading')} />}
        </Section>
        <CaseReplySections key="reply-sections" publicId={publicId} now={now} />
      </>
    );
  }
  return (
    <>
      <CaseWorkPanel publicId={publicId} work={w} now={now} apply={work.apply} />
      <CaseDecision publicId={publicId} work={w} now={now} apply={work.apply} />
      <CaseLetter publicId={publicId} caseNumber={caseNumber} work={w} now={now} apply={work.apply} />
      <CaseReplySections key="reply-sections" publicId={publicId} now={now} />
      <CaseNotes publicId={publicId} work={w} now={now} apply={work.apply} />
      <CaseTimeline events={w.timeline} now={now} />
    </>
  );
}
