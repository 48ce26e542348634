import { Alert, Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { ArrowLeftIcon } from '@navikt/aksel-icons';
import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useLocation, useNavigate, useParams } from 'react-router';
import type { SubmissionDetail } from '../../../electron/ipc/contract';
import type { CaseWork } from '../../../electron/ipc/desk.contract';
import { useQuery } from '../bridge/use-query.hook';
import { ErrorAlert } from '../shared/error-alert';
import { LoadingState } from '../shared/loading-state';
import { CASE_REFRESH } from '../shared/refresh-events';
import { Section } from '../shared/section';
import { useNow } from '../shared/use-now.hook';
import { CaseApplicationPane } from './case-application-pane';
import { CaseApproval } from './case-approval';
import { CaseDeadline } from './case-deadline';
import { CaseDecision } from './case-decision';
import { CaseDetailTabs } from './case-detail-tabs';
import { CaseLetter } from './case-letter';
import { CaseReplySections } from './case-reply-sections';
import { CaseStatusTag } from './case-status-tag';
import { CaseWorkPanel } from './case-work-panel';
import { QuarantinePanel } from './quarantine-panel';
import { submissionTitle } from './submission-labels';
import { SubmissionStatusTag } from './submission-status-tag';
import { useCaseWork } from './use-case-work.hook';
import './case-workspace.css';

/** What the inbox and the replies list put in their links' state, so «Tilbake» returns to where the user came from. */
interface FromState {
  from?: unknown;
  row?: unknown;
}

// The hub's stable codes (ERROR_CODES in electron/ipc/result.ts; the renderer may import only types from there):
// a malformed id is refused as bad input before any lookup, so to the caseworker it is the same as an unknown one.
const MISSING = new Set(['not-found', 'bad-input']);

/**
 * One case as a workspace: the application as it was asked on one side, the work on it (claim, decision,
 * letter beside its preview, approval, the reply) on the other, the rest in tabs under the work.
 */
export function CasePage() {
  const { t } = useTranslation();
  const { publicId = '' } = useParams();
  const now = useNow();
  const submission = useQuery('submissions.get', { publicId }, { refreshOn: CASE_REFRESH });
  const work = useCaseWork(publicId);
  const data = submission.data;
  const missing = submission.error !== null && submission.error !== undefined && MISSING.has(submission.error.code);

  return (
    <div className="pm-page pm-case" data-testid="case-page">
      <CaseHead publicId={publicId} submission={data ?? null} work={work.data ?? null} now={now} missing={missing} />
      {missing && (
        <Alert data-color="warning" className="pm-alert" data-testid="case-not-found">
          <Heading level={2} data-size="xs">
            {t('caseWs.notFound')}
          </Heading>
          <Paragraph>{t('caseWs.notFoundBody')}</Paragraph>
          <BackLink publicId={publicId} />
        </Alert>
      )}
      {submission.error && !missing && <ErrorAlert error={submission.error} onRetry={submission.reload} />}
      {!data && !submission.error && submission.loading && <LoadingState label={t('submission.loading')} />}
      {data && (
        <>
          {data.status === 'quarantined' && <QuarantinePanel publicId={publicId} />}
          <div className="pm-case-panes">
            {/* scrolls on its own beside the work at wide sizes: focusable, so a keyboard can scroll it too (the pane inside is the named region) */}
            <div className="pm-case-pane pm-case-pane--application" role="group" aria-label={t('caseWs.applicationPane')} tabIndex={0} data-testid="case-application-pane">
              <CaseApplicationPane publicId={publicId} submission={data} now={now} />
            </div>
            <section className="pm-case-pane pm-case-pane--work" aria-label={t('caseWs.workPane')} data-testid="case-work">
              <CaseWorkSections publicId={publicId} submission={data} work={work} now={now} />
            </section>
          </div>
        </>
      )}
    </div>
  );
}

/** A compact heading: the title with the one case state, then applicant, case number and deadline on a line. */
function CaseHead({ publicId, submission, work, now, missing }: { publicId: string; submission: SubmissionDetail | null; work: CaseWork | null; now: number; missing: boolean }) {
  const { t } = useTranslation();
  const title = submission ? submissionTitle(t, submission) : missing ? t('caseWs.notFound') : t('nav.submission');
  const caseNumber = submission?.archive?.caseNumber ?? null;
  return (
    <header className="pm-case-head">
      {!missing && <BackLink publicId={publicId} />}
      <div className="pm-case-title">
        <Heading level={1} data-size="sm" tabIndex={-1} className="pm-page-heading">
          {title}
        </Heading>
        {/* one state per case: the desk's, and the submission's own only while it is in quarantine (where it differs) */}
        {work ? <CaseStatusTag status={work.status} /> : submission?.status === 'quarantined' ? <SubmissionStatusTag status={submission.status} /> : null}
      </div>
      {submission && (
        <dl className="pm-case-meta">
          {submission.applicantName && (
            <div>
              <dt>{t('caseWs.applicant')}</dt>
              <dd data-testid="case-applicant">{submission.applicantName}</dd>
            </div>
          )}
          {caseNumber && (
            <div>
              <dt>{t('caseWs.caseNumber')}</dt>
              <dd data-testid="case-number">{caseNumber}</dd>
            </div>
          )}
          {work && (
            <div>
              <dt>{t('caseWs.deadline')}</dt>
              <dd data-testid="case-deadline">
                <CaseDeadline status={work.status} deadlineAt={work.deadlineAt} preliminaryReplyAt={work.preliminaryReplyAt} now={now} />
              </dd>
            </div>
          )}
        </dl>
      )}
    </header>
  );
}

/**
 * «Tilbake» to where the case was opened from: the inbox and the replies list say so in their link's state
 * (`{ from }`), and then history back restores that list as it was (filters, scroll). Opened any other way
 * (a pasted link, a reload without history), it goes to the inbox, telling it which row to bring back.
 */
function BackLink({ publicId }: { publicId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const state = useLocation().state as FromState | null;
  const from = typeof state?.from === 'string' && state.from.startsWith('/') ? state.from : null;
  const label = from?.startsWith('/svar') ? t('caseWs.backToReplies') : t('caseWs.backToInbox');
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (!from || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    void navigate(-1);
  };
  return (
    <Link asChild>
      <RouterLink to={from ?? '/innboks'} state={{ row: publicId }} onClick={onClick} className="pm-back" data-testid="case-back">
        <ArrowLeftIcon aria-hidden />
        {label}
      </RouterLink>
    </Link>
  );
}

/** The desk's work on the case; a failure here leaves the application itself on screen. */
function CaseWorkSections({ publicId, submission, work, now }: { publicId: string; submission: SubmissionDetail; work: ReturnType<typeof useCaseWork>; now: number }) {
  const { t } = useTranslation();
  const w = work.data;
  const caseNumber = submission.archive?.caseNumber ?? null;
  return (
    <>
      {w ? (
        <>
          <CaseWorkPanel publicId={publicId} work={w} now={now} apply={work.apply} />
          <CaseDecision publicId={publicId} work={w} now={now} apply={work.apply} />
          <CaseLetter publicId={publicId} caseNumber={caseNumber} work={w} now={now} apply={work.apply} />
          <CaseApproval publicId={publicId} work={w} now={now} apply={work.apply} />
        </>
      ) : (
        <Section id="case-work-heading" title={t('case.work.heading')}>
          {work.error ? <ErrorAlert error={work.error} onRetry={work.reload} headingLevel={3} /> : <LoadingState label={t('case.work.loading')} />}
        </Section>
      )}
      <CaseReplySections key="reply-sections" publicId={publicId} now={now} />
      <CaseDetailTabs publicId={publicId} submission={submission} work={w ?? null} now={now} apply={work.apply} />
    </>
  );
}
