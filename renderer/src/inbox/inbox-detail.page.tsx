import { Alert, Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useParams } from 'react-router';
import type { SubmissionDetail } from '../../../electron/ipc/contract';
import { useQuery } from '../bridge/use-query.hook';
import { ErrorAlert } from '../shared/error-alert';
import { LoadingState } from '../shared/loading-state';
import { PageHeading } from '../shared/page-heading';
import { useNow } from '../shared/use-now.hook';
import { INBOX_REFRESH } from './inbox-table';
import { SubmissionArchive } from './submission-archive';
import { SubmissionFacts } from './submission-facts';
import { SubmissionForm } from './submission-form';
import { submissionTitle } from './submission-labels';
import { SubmissionParts } from './submission-parts';
import { SubmissionSources } from './submission-sources';

export function InboxDetailPage() {
  const { t } = useTranslation();
  const { publicId = '' } = useParams();
  const now = useNow();
  const submission = useQuery('submissions.get', { publicId }, { refreshOn: INBOX_REFRESH });
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
          {data.status === 'quarantined' && <QuarantineAlert submission={data} />}
          <SubmissionFacts submission={data} now={now} />
          <SubmissionArchive archive={data.archive} now={now} />
          <SubmissionForm form={data.form} />
          <SubmissionParts parts={data.parts} />
          <SubmissionSources items={data.sourceItems} now={now} />
        </>
      )}
    </div>
  );
}

function QuarantineAlert({ submission }: { submission: SubmissionDetail }) {
  const { t } = useTranslation();
  return (
    <Alert data-color="warning" className="pm-alert" data-testid="quarantine-alert">
      <Heading level={2} data-size="xs">
        {t('submission.quarantineTitle')}
      </Heading>
      {submission.quarantineReason && <Paragraph className="pm-reason-full">{submission.quarantineReason}</Paragraph>}
      <Paragraph data-size="sm">{t('submission.quarantineBody')}</Paragraph>
      {submission.quarantineCode && (
        <Paragraph data-size="sm">
          {t('submission.code')}: <code className="pm-code">{submission.quarantineCode}</code>
        </Paragraph>
      )}
    </Alert>
  );
}
