import { Link, Table } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import type { SubmissionSummary } from '../../../electron/ipc/contract';
import { DateTime } from '../shared/date-time';
import { TechName } from '../shared/tech-name';
import { sourcesLabel, submissionTitle, truncate } from './submission-labels';
import { SubmissionStatusTag } from './submission-status-tag';

export function InboxRow({ item, now }: { item: SubmissionSummary; now: number }) {
  const { t } = useTranslation();
  const quarantined = item.status === 'quarantined';
  return (
    <Table.Row data-testid={`inbox-row-${item.publicId}`}>
      <Table.Cell className="pm-when">
        <DateTime ms={item.receivedAt} now={now} />
      </Table.Cell>
      <Table.Cell>{item.serviceName ?? <TechName value={item.serviceKey} />}</Table.Cell>
      <Table.Cell>{item.applicantName ?? t('common.empty')}</Table.Cell>
      <Table.Cell className="pm-title-cell">
        {/* The table's neutral colour would make the link look like plain text. */}
        <Link asChild data-color="accent">
          <RouterLink to={`/innboks/${encodeURIComponent(item.publicId)}`}>{submissionTitle(t, item)}</RouterLink>
        </Link>
        {quarantined && item.quarantineReason && (
          <span className="pm-block pm-muted pm-reason" data-testid="inbox-reason">
            {truncate(item.quarantineReason, 110)}
          </span>
        )}
      </Table.Cell>
      <Table.Cell>
        <SubmissionStatusTag status={item.status} />
      </Table.Cell>
      <Table.Cell>{sourcesLabel(t, item.sources)}</Table.Cell>
      <Table.Cell>{item.confirmed ? t('inbox.confirmed') : t('inbox.unconfirmed')}</Table.Cell>
    </Table.Row>
  );
}
