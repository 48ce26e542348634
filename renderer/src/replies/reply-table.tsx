import { Link, Table } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useLocation } from 'react-router';
import type { ReplyRow } from '../../../electron/ipc/replies.contract';
import { caseHref } from '../case/case-href';
import { useFormat } from '../i18n/use-format.hook';
import { ReplyDeadline } from './reply-deadline';
import { awaitsPrint, replyChannelLabel } from './reply-labels';
import { ReplyStateTag } from './reply-state-tag';

interface Props {
  rows: ReplyRow[];
  caption: string;
  now: number;
}


/** "12.12. 10:30" (or with `date`, "12.12."), with the full date and time as tooltip and for screen readers. */
function When({ ms, now, date = false }: { ms: number; now: number; date?: boolean }) {
  const format = useFormat();
  const full = date ? format.date(ms) : format.dateTime(ms);
  return (
    <time dateTime={format.machine(ms)} title={full}>
      <span aria-hidden="true">{date ? format.dayMonth(ms) : format.compactDateTime(ms, now)}</span>
      <span className="ds-sr-only">{full}</span>
    </time>
  );
}

/** Sent, read and print as one short list: only the steps that apply, so held and stopped replies show no print date. */
function Progress({ reply, now }: { reply: ReplyRow; now: number }) {
  const { t } = useTranslation();
  const steps: { key: string; label: string; value: ReactNode }[] = [];
  if (reply.sentAt !== null) steps.push({ key: 'sent', label: t('repliesWs.steps.sent'), value: <When ms={reply.sentAt} now={now} /> });
  if (reply.readAt !== null) steps.push({ key: 'read', label: t('repliesWs.steps.read'), value: <When ms={reply.readAt} now={now} /> });
  if (reply.printedAt !== null) steps.push({ key: 'printed', label: t('repliesWs.steps.printed'), value: <When ms={reply.printedAt} now={now} /> });
  else if (awaitsPrint(reply) && reply.deadlineAt !== null)
    steps.push({
      key: 'print',
      label: t('repliesWs.steps.print'),
      value: reply.deadlineAt < now ? <ReplyDeadline state={reply.state} deadlineAt={reply.deadlineAt} now={now} /> : <When ms={reply.deadlineAt} now={now} date />,
    });
  if (steps.length === 0) return <span className="pm-muted">{t('common.empty')}</span>;
  return (
    <dl className="pm-reply-steps" data-testid="reply-progress">
      {steps.map((step) => (
        <div key={step.key} data-testid={`reply-step-${step.key}`}>
          <dt>{step.label}</dt>
          <dd>{step.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * One reply per row in four columns that fit a 1366 px screen: who, which case, the state with its channel,
 * and sent/read/print. Narrower than about 40rem the rows stack as cards, each cell under its column's name;
 * the explicit roles keep it a table for screen readers when the cards change its CSS display.
 */
export function ReplyTable({ rows, caption, now }: Props) {
  const { t } = useTranslation();
  // a case opened from here goes Back to this list, with the same filter (the case page reads `from`)
  const from = { from: `/svar${useLocation().search}` };
  const headers = {
    applicant: t('replies.columns.applicant'),
    case: t('repliesWs.columns.case'),
    state: t('replies.columns.state'),
    progress: t('repliesWs.columns.progress'),
  };
  return (
    <div className="pm-replies-table">
      <Table zebra border data-color="neutral" className="pm-table" data-testid="reply-table" role="table">
        <caption className="ds-sr-only">{caption}</caption>
        <Table.Head role="rowgroup">
          <Table.Row role="row">
            <Table.HeaderCell role="columnheader" className="pm-reply-col-applicant">{headers.applicant}</Table.HeaderCell>
            <Table.HeaderCell role="columnheader">{headers.case}</Table.HeaderCell>
            <Table.HeaderCell role="columnheader" className="pm-reply-col-state">{headers.state}</Table.HeaderCell>
            <Table.HeaderCell role="columnheader" className="pm-reply-col-progress">{headers.progress}</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body role="rowgroup">
          {rows.map((r) => (
            <Table.Row role="row" key={r.publicId} data-testid={`reply-row-${r.publicId}`}>
              <Table.HeaderCell role="rowheader" scope="row" className="pm-row-head" data-label={headers.applicant}>
                <Link asChild data-color="accent">
                  <RouterLink to={caseHref(r.publicId)} state={from}>
                    {r.applicantName ?? t('inbox.noApplicant')}
                  </RouterLink>
                </Link>
                {r.personNumberMasked && (
                  <span className="pm-block pm-muted pm-code" aria-label={t('inbox.maskedFnr', { value: r.personNumberMasked })}>
                    {r.personNumberMasked}
                  </span>
                )}
              </Table.HeaderCell>
              <Table.Cell role="cell" data-label={headers.case}>
                <span className="pm-block">{r.serviceName ?? t('common.empty')}</span>
                <span className="pm-block pm-muted pm-reason">{r.title}</span>
                {r.caseNumber && <span className="pm-block pm-muted pm-reason pm-nowrap">{t('repliesWs.caseNumber', { value: r.caseNumber })}</span>}
              </Table.Cell>
              <Table.Cell role="cell" data-label={headers.state}>
                <ReplyStateTag state={r.state} />
                {r.reason && <span className="pm-block pm-muted pm-reason">{r.reason}</span>}
                <span className="pm-block pm-muted pm-reason">
                  {t('repliesWs.channel')} <span data-testid="reply-channel">{replyChannelLabel(t, r.channel)}</span>
                </span>
              </Table.Cell>
              <Table.Cell role="cell" data-label={headers.progress}>
                <Progress reply={r} now={now} />
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </div>
  );
}
