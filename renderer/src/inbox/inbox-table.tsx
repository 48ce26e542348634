import { Table } from '@digdir/designsystemet-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { SubmissionSummary } from '../../../electron/ipc/contract';
import { useQuery } from '../bridge/use-query.hook';
import { useNow } from '../shared/use-now.hook';
import { InboxRow } from './inbox-row';

export const INBOX_PAGE = 50;
export const INBOX_REFRESH = ['submissions.changed', 'job.updated', 'status.changed'] as const;
const COLUMNS = ['received', 'service', 'applicant', 'title', 'status', 'source', 'confirmed'] as const;

type Status = SubmissionSummary['status'];

interface Props {
  caption: string;
  /** The first page, read by the page itself (it also carries the counts). */
  items: SubmissionSummary[];
  status: Status | undefined;
  /** Further pages shown after "Vis flere"; each is a tbody that keeps itself fresh. */
  extraPages: number;
}

export function InboxTable({ caption, items, status, extraPages }: Props) {
  const { t } = useTranslation();
  const now = useNow();
  return (
    <div className="pm-table-scroll">
      <Table zebra border data-color="neutral" className="pm-table" data-testid="inbox-table">
        <caption className="ds-sr-only">{caption}</caption>
        <Table.Head>
          <Table.Row>
            {COLUMNS.map((c) => (
              <Table.HeaderCell key={c}>{t(`inbox.columns.${c}`)}</Table.HeaderCell>
            ))}
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {items.map((item) => (
            <InboxRow key={item.publicId} item={item} now={now} />
          ))}
        </Table.Body>
        {Array.from({ length: extraPages }, (_, i) => (
          <MoreRows key={i} status={status} offset={(i + 1) * INBOX_PAGE} now={now} />
        ))}
      </Table>
    </div>
  );
}

/** One more page (its own tbody). Focus moves to its first link once it arrives, so keyboard users land on the new rows. */
function MoreRows({ status, offset, now }: { status: Status | undefined; offset: number; now: number }) {
  const { t } = useTranslation();
  const page = useQuery('submissions.list', { ...(status ? { status } : {}), limit: INBOX_PAGE, offset }, { refreshOn: INBOX_REFRESH });
  const body = useRef<HTMLTableSectionElement>(null);
  const focused = useRef(false);
  useEffect(() => {
    if (focused.current || !page.data) return;
    focused.current = true;
    body.current?.querySelector<HTMLElement>('a')?.focus();
  }, [page.data]);

  const message = !page.data ? (page.error ? page.error.message : t('inbox.loading')) : null;
  return (
    <Table.Body ref={body}>
      {message ? (
        <Table.Row>
          <Table.Cell colSpan={COLUMNS.length}>{message}</Table.Cell>
        </Table.Row>
      ) : (
        page.data?.items.map((item) => <InboxRow key={item.publicId} item={item} now={now} />)
      )}
    </Table.Body>
  );
}
