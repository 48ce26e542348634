import { Link } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import type { ReplyRow } from '../../../electron/ipc/replies.contract';
import { caseHref } from '../case/case-href';
import { DataTable } from '../shared/data-table';
import { DateTime } from '../shared/date-time';
import { ReplyDeadline } from './reply-deadline';
import { replyChannelLabel } from './reply-labels';
import { ReplyStateTag } from './reply-state-tag';

interface Props {
  rows: ReplyRow[];
  caption: string;
  now: number;
}

/** One reply per row; the applicant's name is a real link to the case. */
export function ReplyTable({ rows, caption, now }: Props) {
  const { t } = useTranslation();
  const when = (ms: number | null) => (ms === null ? <span className="pm-muted">{t('common.empty')}</span> : <DateTime ms={ms} now={now} compact />);
  return (
    <DataTable
      rows={rows}
      rowKey={(r) => r.publicId}
      rowTestId={(r) => `reply-row-${r.publicId}`}
      caption={caption}
      testId="reply-table"
      columns={[
        {
          header: t('replies.columns.applicant'),
          rowHeader: true,
          cell: (r) => (
            <>
              <Link asChild data-color="accent">
                <RouterLink to={caseHref(r.publicId)}>{r.applicantName ?? t('inbox.noApplicant')}</RouterLink>
              </Link>
              {r.personNumberMasked && (
                <span className="pm-block pm-muted pm-code" aria-label={t('inbox.maskedFnr', { value: r.personNumberMasked })}>
                  {r.personNumberMasked}
                </span>
              )}
            </>
          ),
        },
        {
          header: t('replies.columns.service'),
          className: 'pm-title-cell',
          cell: (r) => (
            <>
              {r.serviceName ?? t('common.empty')}
              <span className="pm-block pm-muted pm-reason">{r.title}</span>
            </>
          ),
        },
        { header: t('replies.columns.caseNumber'), className: 'pm-nowrap', cell: (r) => r.caseNumber ?? <span className="pm-muted">{t('common.empty')}</span> },
        {
          header: t('replies.columns.state'),
          cell: (r) => (
            <>
              <ReplyStateTag state={r.state} />
              {r.reason && <span className="pm-block pm-muted pm-reason">{r.reason}</span>}
            </>
          ),
        },
        { header: t('replies.columns.channel'), cell: (r) => replyChannelLabel(t, r.channel) },
        { header: t('replies.columns.sent'), className: 'pm-when', cell: (r) => when(r.sentAt) },
        { header: t('replies.columns.read'), className: 'pm-when', cell: (r) => when(r.readAt) },
        { header: t('replies.columns.deadline'), cell: (r) => <ReplyDeadline state={r.state} deadlineAt={r.deadlineAt} now={now} /> },
        { header: t('replies.columns.printed'), className: 'pm-when', cell: (r) => when(r.printedAt) },
      ]}
    />
  );
}
